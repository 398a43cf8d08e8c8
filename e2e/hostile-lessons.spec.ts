import { fileURLToPath } from 'node:url';
import { test, expect } from './fixtures/lab-test.ts';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/lessons/${name}`, import.meta.url));

test.describe('lesson files are untrusted input', () => {
  test('a hostile lesson opened from disk runs no script, and the lab keeps working', async ({
    page,
    consoleErrors,
  }) => {
    void consoleErrors;
    const dialogs: string[] = [];
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    await page.goto('./#/');
    await page.getByLabel('Lesson file to preview').setInputFiles(fixture('hostile.json'));
    await expect(page.getByRole('status').filter({ hasText: 'hostile.json' })).toContainText(
      'is at the top of the list, marked preview',
    );
    const card = page.getByRole('list', { name: 'Lessons' }).getByRole('listitem').first();
    await expect(card).toContainText('<script>window.__pwned=2</script>');
    await card.getByRole('link').click();

    await expect(page.locator('#step-heading')).toContainText('Read me');
    const body = page.locator('.lesson-prose').first();
    await expect(body.getByRole('link', { name: 'fine' })).toHaveAttribute('href', 'https://kubernetes.io/');
    await expect(
      body.locator('a[href^="javascript:"], a[href^="data:"], img, script, [onerror], [onclick]'),
    ).toHaveCount(0);
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByText('bold?').hover();
    await page.getByLabel('bold?').check();
    await page.getByRole('button', { name: 'Check answer' }).click();
    await expect(page.locator('.lesson-prose a[href^="vbscript:"]')).toHaveCount(0);

    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    await page.getByRole('button', { name: 'Schedule pod' }).click();
    await expect(page.getByRole('table', { name: 'Pods' })).toContainText('pod-1');
  });

  test('a deeply nested or broken file is refused with a reason, and the course still lists the rest', async ({
    page,
    consoleErrors,
  }) => {
    void consoleErrors;
    await page.goto('./#/');
    const lessons = page.getByRole('list', { name: 'Lessons' }).getByRole('listitem');
    const before = await lessons.count();
    await page.getByLabel('Lesson file to preview').setInputFiles(fixture('deep.json'));
    await expect(page.getByRole('alert')).toContainText('deep.json');
    await expect(page.getByRole('alert')).toContainText(/nest|deep/i);
    await page.getByLabel('Lesson file to preview').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"id": "x", '),
    });
    await expect(page.getByRole('alert')).toContainText('broken.json');
    await expect(lessons).toHaveCount(before);
  });
});
