import { test, expect } from './fixtures/lab-test.ts';
import { BASE_PATH } from './support/server-config.ts';

test.describe('served from a sub-path like GitHub Pages', () => {
  test('every asset loads under the sub-path', async ({ page, lab }) => {
    const failed: string[] = [];
    page.on('response', (res) => {
      if (res.status() >= 400) failed.push(`${res.status()} ${res.url()}`);
    });
    await lab.open();
    expect(page.url()).toContain(BASE_PATH);
    expect(failed).toEqual([]);
  });

  test('a deep link survives a reload and shows the same view', async ({ page, lab }) => {
    await lab.open('#/sandbox?select=node/node-2');
    const heading = page.getByRole('heading', { name: 'Node node-2' });
    await expect(heading).toBeVisible();
    await expect(page.getByText('10.244.1.0/24', { exact: false }).first()).toBeVisible();
    const response = await page.reload();
    expect(response?.status()).toBe(200);
    await expect(heading).toBeVisible();
    expect(new URL(page.url()).hash).toBe('#/sandbox?select=node/node-2');
  });

  test('a path that is not a file comes back to the lab through 404.html', async ({
    page,
    allowConsoleError,
  }) => {
    // Chromium logs the 404 this test asks for.
    allowConsoleError(/status of 404 \(Not Found\)/);
    const response = await page.goto(`${BASE_PATH}lesson/ip-per-pod`, { waitUntil: 'commit' });
    expect(response?.status()).toBe(404);
    await page.waitForURL(/\/pod-network-lab\/#\/lesson\/ip-per-pod$/);
    await expect(page.getByRole('heading', { level: 1, name: /Pod Network Lab/ })).toBeVisible();
  });
});
