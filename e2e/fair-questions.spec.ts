import { test, expect } from './fixtures/lab-test.ts';
import { LessonPage } from './pages/lesson-page.ts';

const SEED_KEY = 'pod-network-lab:choice-seed';

test.describe('fair questions', () => {
  test('a wrong answer explains itself without marking the right one, until the student asks', async ({
    page,
    consoleErrors,
  }) => {
    void consoleErrors;
    const lesson = new LessonPage(page);
    await page.goto('./#/lesson/pods-on-one-node/3');
    await expect(lesson.stepHeading).toHaveText("Where is web's other end?");
    await lesson.answerQuiz('cni0 itself');
    await expect(page.getByText('✗ Not right.')).toHaveCount(1);
    await expect(page.getByText('✓ Right.')).toHaveCount(0);
    await expect(page.getByRole('status').filter({ hasText: 'Not quite' })).toBeVisible();
    await page.getByRole('button', { name: 'Show the answer' }).click();
    await expect(page.getByText('✓ Right.')).toHaveCount(1);
    await expect(page.getByText('✓ Right.').locator('xpath=ancestor::label')).toContainText('veth');
  });

  test('the order of choices is shuffled per browser and stable across visits', async ({
    page,
    consoleErrors,
  }) => {
    void consoleErrors;
    const lesson = new LessonPage(page);
    const orders = async (): Promise<string[]> => {
      const seen: string[] = [];
      for (const step of [3, 4, 7]) {
        await page.goto(`./#/lesson/pods-on-one-node/${step}`);
        await expect(lesson.stepHeading).toBeVisible();
        seen.push((await page.locator('fieldset li').allTextContents()).join(' | '));
      }
      return seen;
    };
    await page.goto('./#/');
    await page.evaluate((key) => localStorage.setItem(key, '1'), SEED_KEY);
    await page.reload();
    const first = await orders();
    await page.reload();
    expect(await orders()).toEqual(first);
    // Another browser (another seed) sees another order for at least one of the questions.
    let differs = false;
    for (const seed of ['2', '3', '4', '5']) {
      await page.evaluate(([key, value]) => localStorage.setItem(key!, value!), [SEED_KEY, seed]);
      await page.reload();
      if ((await orders()).join() !== first.join()) differs = true;
    }
    expect(differs).toBe(true);
  });

  test('revealing a prediction shows the trace but leaves the next task to the student', async ({
    page,
    consoleErrors,
  }) => {
    void consoleErrors;
    const lesson = new LessonPage(page);
    await page.goto('./#/lesson/pods-on-one-node/5');
    await expect(lesson.stepHeading).toHaveText('Predict the TTL');
    await expect(page.getByText(/Predict the TTL at hop 3 /)).toBeVisible();
    await page.getByLabel('63').check();
    await page.getByRole('button', { name: 'Reveal' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'the trace shows 64' })).toBeVisible();
    await lesson.next.click();
    await expect(lesson.stepHeading).toHaveText('Trace web → api');
    await expect(lesson.goalStatus).toContainText('Goal not met yet');
  });
});
