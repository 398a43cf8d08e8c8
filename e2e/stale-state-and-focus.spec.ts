import { test, expect } from './fixtures/lab-test.ts';
import { LessonPage } from './pages/lesson-page.ts';
import { TracePanel } from './pages/trace-panel.ts';

test.describe('forms follow the cluster, and focus survives actions', () => {
  test('after Undo removes the chosen source pod, Trace packet uses the pod the form shows', async ({
    lab,
    page,
  }) => {
    await lab.open();
    await lab.scheduleOn('node-1', 'a');
    await lab.scheduleOn('node-1', 'b');
    await lab.scheduleOn('node-2', 'c');
    const from = page.getByLabel('From', { exact: true });
    await from.selectOption('pod/default/c');
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(lab.podRow('c')).toHaveCount(0);
    await expect(from).toHaveValue('pod/default/a');
    await page.getByRole('button', { name: 'Trace packet' }).click();
    await expect(page.getByRole('form', { name: 'Trace a packet' }).getByRole('alert')).toHaveCount(0);
    await expect(new TracePanel(page).current).toContainText('pod/a');
  });

  test('after the chosen node is removed, Schedule pod lets the scheduler choose, as the form shows', async ({
    lab,
    page,
  }) => {
    await lab.open();
    await lab.nodeSelect.selectOption('node-3');
    await page.getByRole('button', { name: 'Remove node node-3' }).click();
    await expect(lab.nodeSelect).toHaveValue('');
    await lab.podName.fill('web');
    await lab.schedulePod.click();
    await expect(lab.podRow('web')).toContainText('Running');
  });

  test('deleting a pod moves the focus to the next Delete button, not to the page', async ({ lab, page }) => {
    await lab.open();
    await lab.scheduleOn('node-1', 'a');
    await lab.scheduleOn('node-2', 'b');
    await page.getByRole('button', { name: 'Delete pod a' }).click();
    await expect(lab.podRow('a')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Delete pod b' })).toBeFocused();
    await page.getByRole('button', { name: 'Delete pod b' }).press('Enter');
    await expect(lab.podRow('b')).toHaveCount(0);
    await expect(page.getByRole('heading', { name: /^Pods/ })).toBeFocused();
  });

  test('lesson navigation and the solution dialog keep the focus in the lesson panel', async ({
    page,
    consoleErrors,
  }) => {
    void consoleErrors;
    const lesson = new LessonPage(page);
    await page.goto('./#/lesson/ip-per-pod/2');
    await expect(lesson.stepHeading).toBeVisible();
    await lesson.back.click();
    await expect(lesson.back).toBeDisabled();
    await expect(lesson.stepHeading).toBeFocused();

    await page.getByRole('button', { name: 'Show solution' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('button', { name: 'Show solution' })).toBeFocused();
    await page.getByRole('button', { name: 'Show solution' }).click();
    await page.getByRole('button', { name: 'Replay the solution' }).click();
    await expect(page.getByRole('button', { name: 'Show solution' })).toBeFocused();
  });
});

test('a busy node is drawn as a summary box and can be expanded from the keyboard', async ({ lab, page }) => {
  await lab.open('#/sandbox?nodes=2&pods=84');
  const classes = () => lab.graphClasses('node:node-1');
  await expect.poll(classes).toContain('summary');
  await expect.poll(() => lab.graphNodeIds()).not.toContain('pod:default/pod-1');
  const expand = page.getByRole('button', { name: 'Expand node-1 in the drawing' });
  await expand.focus();
  await page.keyboard.press('Enter');
  await expect.poll(classes).not.toContain('summary');
  await expect.poll(() => lab.graphNodeIds()).toContain('pod:default/pod-1');
  await expect(page.getByRole('button', { name: 'Collapse node-1 in the drawing' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
});

test('removing a node keeps the keyboard in the nodes list', async ({ lab, page }) => {
  await lab.open('#/sandbox');
  await page.getByRole('button', { name: 'Remove node node-2' }).click();
  await expect(lab.nodesList.getByRole('listitem')).toHaveCount(2);
  await expect(page.getByRole('button', { name: 'Remove node node-1' })).toBeFocused();
});
