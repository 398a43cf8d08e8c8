import type { Page } from '@playwright/test';
import type { GraphProbe } from '../src/views/graph/graph-probe.ts';
import { test, expect } from './fixtures/lab-test.ts';

/** Reads the drawing through the test hook the graph installs (the canvas has no DOM). */
function probe<T>(page: Page, read: (p: GraphProbe) => T): Promise<T> {
  return page.evaluate(`(${read.toString()})(window.__podNetworkLabGraphProbe)`) as Promise<T>;
}

test.describe('the drawing', () => {
  test("a lesson's highlight is styled: a thick outline on the highlighted node, none elsewhere", async ({
    lab,
    page,
  }) => {
    await lab.open('#/lesson/ip-per-pod/1');
    await expect.poll(() => probe(page, (p) => p.classes('node:node-1'))).toContain('highlight');
    const styled = await probe(page, (p) => ({
      width: p.style('node:node-1', 'outline-width'),
      color: p.style('node:node-1', 'outline-color'),
      halo: p.style('node:node-1', 'underlay-opacity'),
    }));
    expect(parseFloat(styled.width ?? '0')).toBeGreaterThanOrEqual(4);
    expect(styled.color).not.toBe(await probe(page, (p) => p.style('node:node-1', 'border-color')));
    expect(parseFloat(styled.halo ?? '0')).toBeGreaterThan(0);
    // The next step highlights nothing: the outline goes.
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expect.poll(() => probe(page, (p) => p.style('node:node-1', 'outline-width'))).toBe('0px');
  });
});
