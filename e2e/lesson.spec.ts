import { test, expect } from './fixtures/lab-test.ts';
import { LessonPage } from './pages/lesson-page.ts';

test.describe('lessons', () => {
  test('the course lists the bundled lessons and a student completes "IP-per-Pod" through the UI', async ({
    page,
    consoleErrors,
  }) => {
    void consoleErrors;
    const lesson = new LessonPage(page);
    await page.goto('./#/');
    const lessons = page.getByRole('list', { name: 'Lessons' });
    await expect(lessons.getByRole('listitem')).toHaveCount(12);
    await lessons.getByRole('link', { name: /IP-per-Pod/ }).click();

    await expect(lesson.stepHeading).toHaveText('A cluster of three nodes');
    await lesson.next.click();

    await expect(lesson.stepHeading).toHaveText('Schedule a pod on node-1');
    await expect(lesson.goalStatus).toContainText('Goal not met yet');
    await lesson.scheduleOn('node-1', 'web');
    await expect(lesson.goalStatus).toContainText('Goal met');
    await lesson.next.click();

    await lesson.answerQuiz('.1 is the gateway');
    await expect(page.getByText('✓ Correct.')).toBeVisible();
    await lesson.next.click();

    await lesson.scheduleOn('node-2', 'api');
    await lesson.scheduleOn('node-3', 'db');
    await expect(lesson.goalStatus).toContainText('Goal met');
    await lesson.next.click();

    await page.getByRole('button', { name: 'Delete pod web' }).click();
    await lesson.scheduleOn('node-1', 'cache');
    await expect(lesson.podRow('cache')).toContainText('10.244.0.3');
    await expect(lesson.goalStatus).toContainText('Goal met');
    await lesson.next.click();

    await lesson.answerQuiz('unique in the whole cluster', "tell a pod's node from its IP");
    await expect(page.getByText('✓ Correct.')).toBeVisible();
    await lesson.next.click();
    await expect(lesson.stepHeading).toHaveText("What's next");

    await page.getByRole('link', { name: 'Back to the course' }).click();
    await expect(lessons.getByRole('listitem').first()).toContainText('✓ completed');
  });

  test('a lesson step is a deep link that survives a reload, and progress survives too', async ({
    page,
    consoleErrors,
  }) => {
    void consoleErrors;
    const lesson = new LessonPage(page);
    await page.goto('./#/lesson/cni-and-ipam/2');
    await expect(lesson.stepHeading).toHaveText('Network a pod');
    await page.reload();
    await expect(lesson.stepHeading).toHaveText('Network a pod');
    await lesson.back.click();
    await expect(page).toHaveURL(/#\/lesson\/cni-and-ipam\/1$/);
    await page.goBack();
    await expect(lesson.stepHeading).toHaveText('Network a pod');
  });

  test('Show solution asks first, then replays the solution up to this step so its goal is met', async ({
    page,
    consoleErrors,
  }) => {
    void consoleErrors;
    const lesson = new LessonPage(page);
    await page.goto('./#/lesson/cni-and-ipam/5');
    await expect(lesson.stepHeading).toHaveText('Run out of addresses');
    await expect(lesson.goalStatus).toContainText('Goal not met yet');
    await page.getByRole('button', { name: 'Show solution' }).click();
    await page.getByRole('button', { name: 'Replay the solution' }).click();
    // This step's goal is the exhausted range: pod-5 stays Pending; the later steps are left to the student.
    await expect(lesson.goalStatus).toContainText('Goal met');
    await expect(lesson.podRow('pod-5')).toContainText('Pending');
    await lesson.back.click();
    await lesson.next.click();
    await expect(lesson.stepHeading).toHaveText('Run out of addresses');
  });

  test('an unknown lesson and a corrupted saved progress are explained, not a blank page', async ({
    page,
    consoleErrors,
  }) => {
    void consoleErrors;
    await page.goto('./#/');
    await page.evaluate(() =>
      localStorage.setItem(
        'pod-network-lab:progress',
        '{"version":1,"lessons":{"ip-per-pod":{"step":"x"},"cni-and-ipam":{"step":2,"completed":["first-pod"]}}}',
      ),
    );
    await page.reload();
    await expect(page.getByText(/could not be read and was set aside/)).toBeVisible();
    await expect(page.getByRole('list', { name: 'Lessons' }).getByRole('listitem').nth(2)).toContainText(
      '1 of 7 steps done',
    );
    await page.goto('./#/lesson/no-such-lesson/1');
    await expect(page.getByRole('alert')).toContainText('No lesson "no-such-lesson"');
  });

  test('a step that uses jargon explains it: the terms fold open with a line each', async ({ page }) => {
    await page.goto('./#/lesson/flannel-vxlan/1');
    await expect(page.locator('#step-heading')).toHaveText('What flanneld sets up');
    const terms = page.getByText(/^Terms in this step: .*onlink/);
    await expect(terms).toBeVisible();
    const definition = page.getByText(/the next hop is reachable on this device even though no subnet/);
    await expect(definition).toBeHidden();
    await terms.click();
    await expect(definition).toBeVisible();
  });
});
