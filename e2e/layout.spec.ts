import { test, expect } from './fixtures/lab-test.ts';

test.describe('a layout made for learning', () => {
  test('on a phone the lesson comes first, above the drawing', async ({ lab, page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await lab.open('#/lesson/ip-per-pod/1');
    const lesson = await page.getByRole('region', { name: 'Lesson' }).boundingBox();
    const drawing = await page.getByRole('region', { name: 'Cluster drawing' }).boundingBox();
    expect(lesson!.y).toBeLessThan(drawing!.y);
    expect(lesson!.y).toBeLessThan(300);
  });

  test('on a phone the title stays on one line and the header takes at most two', async ({ lab, page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await lab.open('#/sandbox');
    const title = (await page.getByRole('link', { name: 'Pod Network Lab' }).boundingBox())!;
    const header = (await page.getByRole('banner').boundingBox())!;
    // One line of the 18 px title is about 28 px; three lines were 84 px.
    expect(title.height).toBeLessThan(32);
    expect(header.height).toBeLessThan(90);
    expect(header.width).toBeLessThanOrEqual(390);
  });

  test('on a desktop the lesson sits beside the drawing', async ({ lab, page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await lab.open('#/lesson/ip-per-pod/1');
    const lesson = (await page.getByRole('region', { name: 'Lesson' }).boundingBox())!;
    const drawing = (await page.getByRole('region', { name: 'Cluster drawing' }).boundingBox())!;
    expect(lesson.x).toBeGreaterThan(drawing.x + drawing.width - 1);
    expect(lesson.y).toBeLessThan(drawing.y + drawing.height);
    expect(drawing.height).toBeGreaterThan(440);
  });

  test('feedback is coloured by outcome: success, warning for a dropped trace, error for a refused command', async ({
    lab,
    page,
  }) => {
    await lab.open('#/sandbox?plugin=bridge&nodes=2&pods=2');
    const status = page.locator('[data-outcome]');
    await lab.scheduleOn('node-1', 'web');
    await expect(status).toHaveAttribute('data-outcome', 'success');
    const green = await status.evaluate((el) => getComputedStyle(el).borderLeftColor);
    await lab.scheduleOn('node-1', 'web');
    await expect(status).toHaveAttribute('data-outcome', 'error');
    const red = await status.evaluate((el) => getComputedStyle(el).borderLeftColor);
    // The core bridge plugin does not route between nodes: a cross-node trace is dropped.
    await page.getByRole('button', { name: 'Trace packet' }).click();
    await expect(status).toHaveAttribute('data-outcome', 'warning');
    await expect(status).toContainText('dropped');
    const amber = await status.evaluate((el) => getComputedStyle(el).borderLeftColor);
    expect(new Set([green, red, amber]).size).toBe(3);
  });

  test('a long message wraps inside its box and shows all of itself on request', async ({ lab, page }) => {
    await lab.open('#/sandbox?plugin=bridge&nodes=2&pods=2');
    await page.getByRole('button', { name: 'Trace packet' }).click();
    const status = page.locator('[data-outcome]');
    const box = (await status.boundingBox())!;
    const text = (await status.textContent()) ?? '';
    const showAll = status.getByRole('button', { name: 'Show all' });
    if (text.length > 240) {
      await showAll.click();
      await expect(status.getByRole('button', { name: 'Show less' })).toHaveAttribute(
        'aria-expanded',
        'true',
      );
    }
    const after = (await status.boundingBox())!;
    const scroll = await status.evaluate((el) => el.scrollWidth <= el.clientWidth + 1);
    expect(scroll).toBe(true);
    expect(after.width).toBeLessThanOrEqual(box.width + 1);
  });

  test('at 1440 wide the Pods table keeps names on one line and its Delete buttons in view', async ({
    lab,
    page,
  }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await lab.open('#/sandbox?nodes=3&pods=6');
    const name = lab.podsTable.getByRole('rowheader').first();
    const height = (await name.boundingBox())!.height;
    expect(height).toBeLessThan(30);
    const del = page.getByRole('button', { name: 'Delete pod pod-1' });
    const table = (await lab.podsTable.locator('xpath=..').boundingBox())!;
    const button = (await del.boundingBox())!;
    expect(button.x + button.width).toBeLessThanOrEqual(table.x + table.width + 1);
  });
});
