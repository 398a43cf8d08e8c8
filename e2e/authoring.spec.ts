import { test, expect } from './fixtures/lab-test.ts';
import { LessonPage } from './pages/lesson-page.ts';

const broken = JSON.stringify({
  schemaVersion: 1,
  id: 'ip-per-pod',
  title: 'A broken copy',
  summary: 'x',
  seed: 1,
  cluster: { nodes: [{ name: 'node-1' }] },
  steps: [{ type: 'task', id: 'a', title: 'A', body: 'b', goal: { type: 'podRunning', pod: 'nope' } }],
  solution: [],
});

test.describe('authoring on the course page', () => {
  test('a file dropped anywhere is opened, its problems first, and a duplicate id names both files', async ({
    page,
    consoleErrors,
  }) => {
    void consoleErrors;
    await page.goto('./#/');
    const transfer = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'copy.json', { type: 'application/json' }));
      return dt;
    }, broken);
    // Dropped on the course heading, far from the file box.
    await page
      .getByRole('heading', { name: 'Pod-to-Pod Communication Across Nodes', level: 2 })
      .dispatchEvent('drop', {
        dataTransfer: transfer,
      });
    const alert = page.getByRole('alert').first();
    await expect(alert).toContainText('copy.json has');
    await expect(alert).toContainText('problem');
    const card = page.getByRole('list', { name: 'Lessons' }).getByRole('listitem').first();
    await expect(card).toContainText('copy.json has');
    await expect(card).toContainText('Lesson id "ip-per-pod" is in copy.json and in 01-ip-per-pod.json');
  });

  test('Show solution replays only what this step needs and says what it replayed; Reset keeps to the banner', async ({
    page,
    consoleErrors,
  }) => {
    void consoleErrors;
    const lesson = new LessonPage(page);
    await page.goto('./#/lesson/ip-per-pod/2');
    await page.getByRole('button', { name: 'Show solution' }).click();
    await page.getByRole('button', { name: 'Replay the solution' }).click();
    await expect(
      page.getByText(/Replayed 1 of the solution's \d+ actions, what steps 1 to 2 need: Schedule pod web/),
    ).toBeVisible();
    await expect(lesson.podRow('web')).toBeVisible();
    await expect(lesson.podRow('api')).toHaveCount(0);

    await page.goto('./#/lesson/ip-per-pod/4');
    await page.reload();
    await expect(page.getByText(/You opened this lesson at step 4/)).toBeVisible();
    await expect(lesson.podRow('web')).toBeVisible();
    await lesson.scheduleOn('node-2', 'api');
    await page.getByRole('button', { name: 'Reset', exact: true }).first().click();
    await expect(
      page.getByText(/Reset: the lesson's cluster was rebuilt and the first 1 action/),
    ).toBeVisible();
    await expect(lesson.podRow('web')).toBeVisible();
    await expect(lesson.podRow('api')).toHaveCount(0);
  });

  test('a link past the last step opens the last step and says how many steps the lesson has', async ({
    page,
  }) => {
    const lesson = new LessonPage(page);
    await page.goto('./#/lesson/ip-per-pod/9999');
    await expect(
      page.getByText(
        /^This lesson has 7 steps; the link asked for step 9999, so it opened at the last one, step 7: the lab replayed the first \d+ actions of its solution/,
      ),
    ).toBeVisible();
    await expect(page).toHaveURL(/#\/lesson\/ip-per-pod\/7$/);
    await expect(page.getByText('opened this lesson at step 9999')).toHaveCount(0);
    await expect(lesson.podRow('cache')).toBeVisible();
  });
});
