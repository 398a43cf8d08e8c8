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

  test('a 22,000-pod lesson opens with a few thousand DOM nodes, not hundreds of thousands', async ({
    page,
  }) => {
    const nodes = Array.from({ length: 200 }, (_, i) => ({ name: `node-${i + 1}` }));
    const pods = Array.from({ length: 22_000 }, (_, i) => ({ name: `p${i}` }));
    const lesson = {
      schemaVersion: 1,
      id: 'big-cluster',
      title: 'A big cluster',
      summary: 'Two hundred nodes, twenty-two thousand pods.',
      seed: 1,
      cluster: { network: { plugin: 'flannel' }, underlayCIDR: '10.10.0.0/16', nodes, pods },
      steps: [{ type: 'narrative', id: 'look', title: 'Look around', body: 'Every node is full.' }],
      solution: [],
    };
    const text = JSON.stringify(lesson);
    expect(text.length).toBeGreaterThan(350_000);
    await page.goto('./#/');
    await page
      .getByLabel('Lesson file to preview')
      .setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    const started = Date.now();
    await page
      .getByRole('list', { name: 'Lessons' })
      .getByRole('link', { name: /A big cluster/ })
      .click();
    await expect(page.locator('#step-heading')).toHaveText('Look around', { timeout: 30_000 });
    await expect(page.getByRole('table', { name: 'Pods' })).toContainText('p0');
    const opened = Date.now() - started;
    const elements = await page.evaluate(() => document.getElementsByTagName('*').length);
    console.log(`22,000-pod lesson: opened in ${opened} ms, ${elements} DOM elements`);
    expect(elements).toBeLessThan(5_000);
  });
});
