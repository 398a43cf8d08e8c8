import { test, expect } from './fixtures/lab-test.ts';
import type { Locator } from '@playwright/test';

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
  test('a file dropped on the editor opens in it, with the problem lines the course page gives the same file', async ({
    page,
    consoleErrors,
  }) => {
    void consoleErrors;
    const bad = JSON.stringify({
      schemaVersion: 1,
      id: 'dropped',
      title: 'Dropped',
      summary: 'x',
      seed: 1,
      cluster: { nodes: [{ name: 'node-1', ip: '999.1.1.1' }] },
      steps: [{ type: 'task', id: 'a', title: 'A', body: 'b', goal: { type: 'podRunning', pod: 'web' } }],
      solution: [{ type: 'schedulePod', name: 'web', node: 'node-1' }],
    });
    const drop = async (target: Locator) => {
      const transfer = await page.evaluateHandle((text) => {
        const dt = new DataTransfer();
        dt.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
        return dt;
      }, bad);
      await target.dispatchEvent('drop', { dataTransfer: transfer });
    };
    const line = 'cluster.nodes[0].ip: "999.1.1.1" is not an IPv4 address';
    await page.goto('./#/editor');
    await expect(page.getByRole('heading', { name: '✓ No problems' })).toBeVisible();
    await drop(page.getByRole('heading', { name: 'Lesson editor' }));
    await expect(page.getByRole('status').filter({ hasText: 'Opened dropped.json.' })).toBeVisible();
    await expect(page.locator('.cm-content')).toContainText('999.1.1.1');
    const preview = page.getByRole('complementary', { name: 'Lesson preview' });
    await expect(preview.getByRole('heading', { name: /^\d+ problems?$/ })).toBeVisible();
    await expect(preview.getByRole('listitem').filter({ hasText: line }).first()).toBeVisible();

    await page.goto('./#/');
    await drop(page.getByRole('heading', { name: 'Pod-to-Pod Communication Across Nodes', level: 2 }));
    await expect(page.getByRole('alert').first()).toContainText(`dropped.json has 1 problem: ${line}`);
  });
});
