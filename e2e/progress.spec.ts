import { fileURLToPath } from 'node:url';
import { test, expect } from './fixtures/lab-test.ts';
import { LessonPage } from './pages/lesson-page.ts';

const KEY = 'pod-network-lab:progress';

test.describe('saved progress loses nothing', () => {
  test("two tabs: each tab's save keeps what the other saved", async ({ context, page, consoleErrors }) => {
    void consoleErrors;
    // Tab B opens first and holds its in-memory copy while tab A works.
    const tabB = await context.newPage();
    await tabB.goto('./#/lesson/cni-and-ipam/1');
    await expect(tabB.locator('#step-heading')).toBeVisible();

    const tabA = new LessonPage(page);
    await page.goto('./#/lesson/ip-per-pod/3');
    await tabA.answerQuiz('.1 is the gateway');
    await expect(page.getByText('✓ Correct.')).toBeVisible();

    // Tab B moves on and saves: it must not wipe tab A's answer and completed quiz.
    await tabB.getByRole('button', { name: 'Next', exact: true }).click();
    await expect(tabB.locator('#step-heading')).toHaveText('Network a pod');
    const stored = JSON.parse((await page.evaluate((k) => localStorage.getItem(k), KEY)) ?? '{}');
    const quiz = Object.keys(stored.lessons['ip-per-pod'].answers ?? {});
    expect(quiz).toHaveLength(1);
    expect(stored.lessons['ip-per-pod'].completed.length).toBeGreaterThan(0);
    expect(stored.lessons['cni-and-ipam'].step).toBe(1);
    await tabB.goto('./#/');
    await expect(tabB.getByRole('list', { name: 'Lessons' }).getByRole('listitem').first()).toContainText(
      /[1-9] of 7 steps done/,
    );
    await tabB.close();
  });

  test("a preview with a course lesson's id keeps its progress apart from that lesson's", async ({
    page,
  }) => {
    const before = JSON.stringify({
      version: 1,
      lessons: { 'ip-per-pod': { step: 2, completed: ['three-nodes'], updatedAt: 1 } },
    });
    await page.addInitScript(
      ([key, value]) => {
        if (sessionStorage.getItem('seeded') === null) {
          localStorage.setItem(key, value);
          sessionStorage.setItem('seeded', '1');
        }
      },
      [KEY, before] as const,
    );
    await page.goto('./#/');
    const file = fileURLToPath(new URL('../lessons/01-ip-per-pod.json', import.meta.url));
    await page.getByLabel('Lesson file to preview').setInputFiles(file);
    const cards = page.getByRole('list', { name: 'Lessons' }).getByRole('listitem');
    // The preview card is first and shows the preview's own (empty) progress.
    await expect(cards.first()).toContainText('preview');
    await expect(cards.first()).not.toContainText('1 of 7 steps done');
    await cards.first().getByRole('link').first().click();
    const lesson = new LessonPage(page);
    await expect(page.locator('#step-heading')).toBeVisible();
    await lesson.next.click();
    await lesson.next.click();
    await expect(page).toHaveURL(/#\/lesson\/ip-per-pod\/3$/);
    expect(await page.evaluate((k) => localStorage.getItem(k), KEY)).toBe(before);
    await page.goto('./#/');
    await expect(cards.filter({ hasNotText: 'preview' }).first()).toContainText('1 of 7 steps done');
  });

  test('a full storage is told to the student, with an export that keeps the progress', async ({
    page,
    consoleErrors,
  }) => {
    void consoleErrors;
    await page.addInitScript((key) => {
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function (k: string, v: string) {
        if (k === key) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return setItem.call(this, k, v);
      };
    }, KEY);
    const lesson = new LessonPage(page);
    await page.goto('./#/lesson/ip-per-pod/1');
    await lesson.next.click();
    const alert = page.getByRole('alert').filter({ hasText: 'could not be saved' });
    await expect(alert).toBeVisible();
    const download = page.waitForEvent('download');
    await alert.getByRole('button', { name: 'Export progress' }).click();
    const file = await download;
    const text = await (await file.createReadStream()).toArray();
    const saved = JSON.parse(Buffer.concat(text).toString('utf8'));
    expect(saved.lessons['ip-per-pod'].step).toBe(1);
  });

  test('unreadable progress is set aside under a backup key and can be exported', async ({
    page,
    consoleErrors,
  }) => {
    void consoleErrors;
    await page.goto('./#/');
    await page.evaluate(
      (k) => localStorage.setItem(k, '{"version":2,"lessons":{"ip-per-pod":{"step":3}}}'),
      KEY,
    );
    await page.reload();
    await expect(page.getByText(/could not be read and was set aside/)).toBeVisible();
    // A lesson visit overwrites the main key; the copy stays.
    await page.goto('./#/lesson/ip-per-pod/2');
    await expect(page.locator('#step-heading')).toBeVisible();
    await page.goto('./#/');
    const backup = await page.evaluate(() => localStorage.getItem('pod-network-lab:progress-backup'));
    expect(backup).toContain('\\"version\\":2');
    await expect(page.getByRole('button', { name: 'Export set-aside progress' })).toBeVisible();
  });
});
