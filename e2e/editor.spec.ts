import { test, expect } from './fixtures/lab-test.ts';

test.describe('the lesson editor', () => {
  test('checks the lesson as it is typed: inline schema errors, problems, a checklist and the steps', async ({
    page,
    consoleErrors,
  }) => {
    void consoleErrors;
    await page.goto('./#/editor');
    const editor = page.locator('.cm-content');
    await expect(editor).toBeVisible();
    await expect(page.getByRole('heading', { name: '✓ No problems' })).toBeVisible();
    const checklist = page.getByRole('list', { name: 'Lesson checklist' });
    await expect(checklist).toContainText('A hint for every task');
    await expect(checklist.getByRole('listitem').filter({ hasText: 'A hint for every task' })).toContainText(
      'no hint: first-pod',
    );
    await expect(page.getByRole('complementary', { name: 'Lesson preview' })).toContainText('Schedule a pod');

    // An unknown key: the schema marks it inline, and the lesson's own check names it.
    await editor.click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('End');
    await page.keyboard.type('\n"bogus": 1,');
    await expect(page.locator('.cm-lint-marker-error').first()).toBeVisible();
    await expect(page.getByRole('heading', { name: /^\d+ problems?$/ })).toBeVisible();
    await expect(page.getByRole('complementary', { name: 'Lesson preview' })).toContainText('bogus');
  });

  test('the builder: what was done in the sandbox opens in the editor as a lesson', async ({ lab, page }) => {
    await lab.open('#/sandbox');
    await lab.scheduleOn('node-1', 'web');
    await page.getByRole('button', { name: 'Open as a lesson in the editor' }).click();
    await expect(page).toHaveURL(/#\/editor$/);
    await expect(page.locator('.cm-content')).toContainText('"do-it"');
    await expect(page.getByRole('heading', { name: '✓ No problems' })).toBeVisible();
    await expect(
      page
        .getByRole('list', { name: 'Lesson checklist' })
        .getByRole('listitem')
        .filter({ hasText: 'A solution' }),
    ).toContainText('✓');
    await page.getByRole('button', { name: 'Try it as a student' }).click();
    await expect(page.locator('#step-heading')).toHaveText('Introduction');
  });
});
