import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/lab-test.ts';
import { LabPage } from './pages/lab-page.ts';

/**
 * The system clipboard is one for every test running at once: the page's writes are kept
 * in the page instead, and read back from there.
 */
async function captureClipboard(page: Page): Promise<() => Promise<string>> {
  await page.addInitScript(() => {
    const copied: string[] = [];
    Object.defineProperty(window, '__copied', { value: copied });
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: async (text: string) => void copied.push(text) },
    });
  });
  return () => page.evaluate(() => (window as unknown as { __copied: string[] }).__copied.at(-1) ?? '');
}

const DENY_WEB = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-web
  namespace: default
spec:
  podSelector:
    matchLabels:
      app: web
  policyTypes:
    - Ingress
`;

test.describe('sharing by link', () => {
  test('a sandbox with labelled pods, a policy and a deleted pod survives a link opened in a fresh browser', async ({
    lab,
    page,
    browser,
  }) => {
    const copied = await captureClipboard(page);
    await lab.open('#/sandbox?plugin=calico');
    await lab.podName.fill('web');
    await page.getByLabel('Labels (optional)').fill('app=web');
    await lab.nodeSelect.selectOption('node-1');
    await lab.schedulePod.click();
    await lab.scheduleOn('node-2', 'client');
    await lab.scheduleOn('node-3', 'gone');
    await lab.scheduleOn('node-3', 'after');
    await page.getByRole('button', { name: 'Delete pod gone' }).click();
    await page.getByText('Network policies (0)').click();
    await page.getByLabel('NetworkPolicy manifest (YAML or JSON)').fill(DENY_WEB);
    await page.getByRole('button', { name: 'Apply policy' }).click();
    await expect(page.getByRole('list', { name: 'Applied policies' })).toContainText('default/deny-web');
    const rows = await lab.podsTable.getByRole('row').allInnerTexts();
    await lab.podsTable.getByRole('button', { name: 'web', exact: true }).first().click();
    await page.getByRole('tab', { name: 'ip addr' }).click();
    const macs = (await page.locator('body').innerText()).match(/link\/ether \S+/g) ?? [];
    expect(macs.length).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
    const url = await copied();
    expect(url).toContain('#/sandbox?plugin=calico&share=');

    // A fresh browser: no storage, nothing shared but the link.
    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    const errors: string[] = [];
    other.on('pageerror', (e) => errors.push(e.message));
    await other.goto(url);
    const otherLab = new LabPage(other);
    await expect(
      other.getByText(/Opened a shared sandbox: its cluster and \d+ actions, replayed/),
    ).toBeVisible();
    await expect(otherLab.podsTable.getByRole('row')).toHaveCount(rows.length);
    expect(await otherLab.podsTable.getByRole('row').allInnerTexts()).toEqual(rows);
    await expect(otherLab.podRow('gone')).toHaveCount(0);
    await other.getByText('Network policies (1)').click();
    await expect(other.getByRole('list', { name: 'Applied policies' })).toContainText('default/deny-web');
    await otherLab.podsTable.getByRole('button', { name: 'web', exact: true }).first().click();
    await other.getByRole('tab', { name: 'ip addr' }).click();
    expect((await other.locator('body').innerText()).match(/link\/ether \S+/g) ?? []).toEqual(macs);
    // The link keeps following the sandbox: a reload restores it too.
    await other.reload();
    await expect(otherLab.podRow('after')).toBeVisible();
    await expect(otherLab.podRow('gone')).toHaveCount(0);
    expect(errors).toEqual([]);
    await fresh.close();
  });

  test('a malformed or hostile link is refused with the reason, and the lab still opens', async ({
    lab,
    page,
  }) => {
    await lab.open('#/sandbox?share=not%20a%20link%3Cscript%3E');
    await expect(
      page.getByText(/This sandbox link could not be opened: the link was cut or changed/),
    ).toBeVisible();
    await expect(lab.nodesList.getByRole('listitem')).toHaveCount(3);
    await page.goto('./#/open?lesson=garbage$$$');
    await expect(page.getByRole('alert')).toContainText('This lesson link could not be opened');
  });

  test('a misspelled or mistyped setting is named as typed, cut when huge, and the defaults used', async ({
    lab,
    page,
  }) => {
    await lab.open(`#/sandbox?plugn=calico&nodes=+3&mode=${'v'.repeat(5000)}`);
    const alert = page.getByRole('alert').filter({ hasText: 'not understood' });
    await expect(alert.getByRole('listitem')).toHaveText([
      `mode=${'v'.repeat(80)}… (5,000 characters) is not a mode of flannel (vxlan, host-gw); using vxlan.`,
      'nodes=+3 is not a whole number from 1 to 5,000; using 3.',
      'did not understand plugn=calico; did you mean plugin? It was ignored.',
    ]);
    await expect(lab.nodesList.getByRole('listitem')).toHaveCount(3);
  });

  test('a link asking for more pods than fit builds those that fit and one short notice', async ({
    lab,
    page,
  }) => {
    await lab.open('#/sandbox?pods=3000&nodes=1');
    const notice = page
      .getByRole('status')
      .filter({ hasText: '2,890 of 3,000 pods stay Pending (no node to run on)' });
    await expect(notice).toBeVisible({ timeout: 30_000 });
    await expect(notice).toContainText('0/1 nodes are available: 1 Too many pods.');
    expect((await notice.innerText()).length).toBeLessThan(300);
    await expect(page.getByText('no-node-available')).toHaveCount(0);
    await expect(lab.nodesList.getByRole('listitem')).toHaveCount(1);
  });

  test('a previewed lesson travels whole in its link and opens in a fresh browser', async ({
    page,
    browser,
  }) => {
    const copied = await captureClipboard(page);
    await page.goto('./#/');
    const sample = fileURLToPath(new URL('../src/lessons/fixtures/sample-lesson.json', import.meta.url));
    await page.getByLabel('Lesson file to preview').setInputFiles(sample);
    await page
      .getByRole('list', { name: 'Lessons' })
      .getByRole('link', { name: /Sample: two pods/ })
      .click();
    await expect(page.locator('#step-heading')).toHaveText('Two nodes');
    await page.getByRole('button', { name: 'Copy link to this lesson' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
    const url = await copied();
    expect(url).toContain('#/open?lesson=');
    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    await other.goto(url);
    await expect(other.locator('#step-heading')).toHaveText('Two nodes');
    await expect(other).toHaveURL(/#\/lesson\/sample-flannel\/1$/);
    await fresh.close();
  });
});
