import { expect, test } from './fixtures/lab-test.ts';

// The guard in the lab's fixture is what keeps the suite free of console noise; these make
// sure it bites. `test.fail()` expects the test to fail: if the guard let the message
// through, the test would pass and so be reported as a failure.
test.describe('the console guard', () => {
  test('a console warning fails the test', async ({ page }) => {
    test.fail();
    await page.goto('#/');
    await page.evaluate(() => console.warn('a library warns of a misuse'));
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  });

  test('a console error fails the test', async ({ page }) => {
    test.fail();
    await page.goto('#/');
    await page.evaluate(() => console.error('something broke'));
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  });

  test('an error in a page of a fresh browser context fails the test too', async ({ browser, page }) => {
    test.fail();
    await page.goto('#/');
    const fresh = await browser.newContext({ baseURL: page.url() });
    const other = await fresh.newPage();
    await other.goto(page.url());
    await other.evaluate(() => console.error('the other browser broke'));
    await expect(other.getByRole('heading', { level: 1 })).toBeVisible();
    await fresh.close();
  });

  test('a warning let through on purpose passes', async ({ page, allowConsoleError }) => {
    allowConsoleError(/^warning: an expected warning$/);
    await page.goto('#/');
    await page.evaluate(() => console.warn('an expected warning'));
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  });
});
