import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/lab-test.ts';
import { TerminalPanel } from './pages/terminal-panel.ts';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test.describe('accessibility', () => {
  test('the lab has no serious or critical axe violations, in light and dark themes', async ({
    lab,
    page,
  }) => {
    await lab.open();
    await lab.scheduleOn('node-1', 'web');
    await lab.scheduleOn('node-2', 'api');
    await expect(lab.podRow('api')).toContainText('Running');
    expect(await seriousViolations(page)).toEqual([]);
    const theme = page.getByRole('switch', { name: 'Dark theme' });
    await expect(theme).toHaveAttribute('aria-checked', 'false');
    await theme.click();
    await expect(page.locator('html')).toHaveClass(/dark/);
    await expect(theme).toHaveAttribute('aria-checked', 'true');
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('the course page and a lesson step have no serious or critical axe violations', async ({
    page,
    consoleErrors,
  }) => {
    void consoleErrors;
    await page.goto('./#/');
    await expect(page.getByRole('list', { name: 'Lessons' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto('./#/lesson/flannel-vxlan/6');
    await page.getByRole('button', { name: 'Trace packet' }).click();
    await page.getByRole('button', { name: 'Step forward' }).click();
    await expect(page.locator('#step-heading')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('the open terminal, with output on screen, has no serious or critical axe violations, light and dark', async ({
    lab,
    page,
  }) => {
    await lab.open();
    const term = new TerminalPanel(page);
    await term.open();
    await term.run('kubectl get nodes');
    await term.screenContains('node-3');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('switch', { name: 'Dark theme' }).click();
    await expect(page.locator('html')).toHaveClass(/dark/);
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('the lab works from the keyboard: schedule a pod without a mouse', async ({ lab, page }) => {
    await lab.open();
    await lab.podName.focus();
    await page.keyboard.type('kb');
    for (const _field of ['Node', 'Containers', 'Labels', 'Host network']) await page.keyboard.press('Tab');
    // The checkbox is reached by Tab and toggled by Space, like any checkbox.
    const hostNetwork = page.getByRole('checkbox', { name: 'Host network' });
    await expect(hostNetwork).toBeFocused();
    await page.keyboard.press('Space');
    await expect(hostNetwork).toBeChecked();
    await page.keyboard.press('Space');
    await expect(hostNetwork).not.toBeChecked();
    await page.keyboard.press('Tab');
    await expect(lab.schedulePod).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(lab.podRow('kb')).toContainText('Running');
  });
});
