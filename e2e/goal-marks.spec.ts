import type { Page } from '@playwright/test';
import type { GraphProbe } from '../src/views/graph/graph-probe.ts';
import { test, expect } from './fixtures/lab-test.ts';
import { LessonPage } from './pages/lesson-page.ts';

function probe<T>(page: Page, read: (p: GraphProbe) => T): Promise<T> {
  return page.evaluate(`(${read.toString()})(window.__podNetworkLabGraphProbe)`) as Promise<T>;
}

test('the goal in the picture: each part is ticked in the checklist and marked met in the drawing', async ({
  lab,
  page,
}) => {
  const lesson = new LessonPage(page);
  await lab.open('#/lesson/ip-per-pod/4');
  await expect(lesson.stepHeading).toBeVisible();
  const checklist = page.getByRole('list', { name: 'Parts of the goal' });
  await expect(checklist.getByRole('listitem')).toHaveCount(2);
  await expect(checklist).not.toContainText('✓');
  await lesson.scheduleOn('node-2', 'api');
  await expect(checklist.getByRole('listitem').filter({ hasText: '✓' })).toHaveCount(1);
  await expect.poll(() => probe(page, (p) => p.classes('pod:default/api'))).toContain('goal-met');
  await lesson.scheduleOn('node-3', 'db');
  await expect(lesson.goalStatus).toContainText('Goal met');
  await expect.poll(() => probe(page, (p) => p.classes('pod:default/db'))).toContain('goal-met');
});
