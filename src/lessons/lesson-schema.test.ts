import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GOAL_TYPES } from './goal-schema.ts';
import { LessonSchema, renderLessonJsonSchema } from './lesson-schema.ts';

describe('lesson.schema.json', () => {
  it('is up to date with the zod schema (run `npx tsx scripts/gen-lesson-schema.ts`)', () => {
    const committed = readFileSync(new URL('../../lessons/lesson.schema.json', import.meta.url), 'utf8');
    expect(committed).toBe(renderLessonJsonSchema());
  });

  it('describes every goal type and step type, and forbids unknown fields', () => {
    const schema = JSON.parse(renderLessonJsonSchema()) as {
      additionalProperties: boolean;
      $defs: Record<string, { oneOf?: { properties: { type: { const: string } } }[] }>;
    };
    expect(schema.additionalProperties).toBe(false);
    const consts = (id: string) => (schema.$defs[id]?.oneOf ?? []).map((o) => o.properties.type.const);
    expect(consts('Goal')).toEqual([...GOAL_TYPES]);
    expect(consts('Step')).toEqual(['narrative', 'task', 'quiz', 'predict']);
  });

  it('accepts a minimal lesson', () => {
    const minimal = {
      schemaVersion: 1,
      id: 'hello',
      title: 'Hello',
      summary: 'Hi',
      seed: 1,
      cluster: {},
      solution: [],
      steps: [{ type: 'narrative', id: 'hi', title: 'Hi', body: 'Hello' }],
    };
    expect(LessonSchema.safeParse(minimal).success).toBe(true);
    expect(LessonSchema.safeParse({ ...minimal, steps: [] }).success).toBe(false);
  });
});
