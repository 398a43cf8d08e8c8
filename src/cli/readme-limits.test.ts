/** The README's "Limits" table states the limits the code enforces: this keeps them in step. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_CLUSTER_NODES, MAX_CLUSTER_PODS } from '../engine/index.ts';
import { MAX_SHARED_ACTIONS } from '../app/share-link.ts';
import { MAX_ENCODED_CHARS, MAX_LINK_CHARS } from '../app/share-codec.ts';
import { MAX_JSON_CHARS, MAX_JSON_DEPTH, MAX_READ_BYTES } from '../lessons/safe-json.ts';
import { MAX_PROGRESS_CHARS, MAX_SAVED_LESSONS } from '../lessons/progress.ts';
import { SCENARIO_MAX_CHARS } from './main.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const limits = readme.slice(readme.indexOf('## Limits'), readme.indexOf('## Benchmark'));
const row = (input: string): string => limits.split('\n').find((l) => l.startsWith(`| ${input}`)) ?? '';
const n = (x: number): string => x.toLocaleString('en-US');
const size = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : `${bytes / 1024} KiB`;

describe('README limits', () => {
  it('states each enforced limit in its row', () => {
    expect(row('any cluster')).toContain(`${n(MAX_CLUSTER_NODES)} nodes and ${n(MAX_CLUSTER_PODS)} pods`);
    expect(row('a lesson file')).toContain(
      `${size(MAX_JSON_CHARS)} of JSON, nested at most ${MAX_JSON_DEPTH}`,
    );
    expect(row('a lesson file')).toContain(`over ${size(MAX_READ_BYTES)} is refused unread`);
    expect(row('a sandbox link')).toContain(
      `${n(MAX_LINK_CHARS)} characters (${n(MAX_ENCODED_CHARS)} encoded), at most ${n(MAX_SHARED_ACTIONS)}`,
    );
    expect(row('a runner scenario')).toContain(`${size(SCENARIO_MAX_CHARS)} of JSON`);
    expect(row('a progress file')).toContain(
      `${size(MAX_PROGRESS_CHARS)}; at most ${n(MAX_SAVED_LESSONS)} lessons`,
    );
  });
});
