import { test, expect } from './fixtures/lab-test.ts';
import { LessonPage } from './pages/lesson-page.ts';
import { TracePanel } from './pages/trace-panel.ts';

test.describe('keyboard', () => {
  test('a lesson opens on its heading, N and B move between steps, ? lists the shortcuts', async ({
    page,
    consoleErrors,
  }) => {
    void consoleErrors;
    const lesson = new LessonPage(page);
    await page.goto('./#/lesson/ip-per-pod/1');
    await expect(lesson.stepHeading).toBeFocused();
    await expect(lesson.next).toHaveAttribute('aria-keyshortcuts', 'N');
    await page.keyboard.press('n');
    await expect(lesson.stepHeading).toHaveText('Schedule a pod on node-1');
    await expect(lesson.stepHeading).toBeFocused();
    // Typing in a field is typing, not a shortcut.
    await page.getByLabel('Pod name').fill('');
    await page.getByLabel('Pod name').press('n');
    await expect(lesson.stepHeading).toHaveText('Schedule a pod on node-1');
    await page.getByLabel('Pod name').press('Escape');
    await lesson.stepHeading.focus();
    await page.keyboard.press('b');
    await expect(lesson.stepHeading).toHaveText('A cluster of three nodes');
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(help).toBeVisible();
    await expect(help).toContainText('Next lesson step');
    await expect(help).toContainText('Trace: step forward one hop');
    await page.keyboard.press('Escape');
    await expect(help).toBeHidden();
  });

  test('the lesson step is within 3 tab stops of the top of the page', async ({ page, consoleErrors }) => {
    void consoleErrors;
    const lesson = new LessonPage(page);
    await page.goto('./#/lesson/ip-per-pod/1');
    await expect(lesson.stepHeading).toBeFocused();
    // The first tab stop of the page is "Skip to the content"; the lesson's own is the second.
    await page.getByRole('link', { name: 'Skip to the content' }).focus();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to the lesson step' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(lesson.stepHeading).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Next', exact: true })).toBeFocused();
  });

  test('the trace plays and steps from the keyboard', async ({ lab, page }) => {
    await lab.open('#/sandbox');
    await lab.scheduleOn('node-1', 'web');
    await lab.scheduleOn('node-2', 'db');
    const trace = new TracePanel(page);
    await trace.trace('web', 'db');
    await expect(trace.current).toContainText('1. pod/web');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('.');
    await page.keyboard.press('.');
    await expect(trace.current).toContainText('3. ');
    await page.keyboard.press(',');
    await expect(trace.current).toContainText('2. ');
    await page.keyboard.press('p');
    await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
    await page.keyboard.press('p');
    await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  });
});
