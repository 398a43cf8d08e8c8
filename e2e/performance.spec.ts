import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/lab-test.ts';
import type { LabPage } from './pages/lab-page.ts';
import { TracePanel } from './pages/trace-panel.ts';

/** Milliseconds from a click on "Schedule pod" to the new pod's row being painted, measured in the page. */
async function timeScheduleClick(page: Page, podName: string): Promise<number> {
  await page.getByLabel('Pod name').fill(podName);
  return page.evaluate(async (name) => {
    const button = [...document.querySelectorAll('button')].find(
      (b) => b.textContent?.trim() === 'Schedule pod',
    );
    if (!button) throw new Error('no Schedule pod button');
    const start = performance.now();
    button.click();
    for (;;) {
      await new Promise((r) => requestAnimationFrame(r));
      const rows = [...document.querySelectorAll('table[aria-label="Pods"] tbody th')];
      if (rows.some((r) => r.textContent?.trim() === name)) return performance.now() - start;
      if (performance.now() - start > 5000) throw new Error(`pod ${name} did not appear within 5 s`);
    }
  }, podName);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function medianScheduleTime(lab: LabPage, hash: string, runs: number): Promise<number> {
  await lab.open(hash);
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) times.push(await timeScheduleClick(lab.page, `perf-${i}`));
  return median(times);
}

test.describe('performance', () => {
  test.describe.configure({ mode: 'serial', timeout: 120_000 });

  test('Schedule pod shows the new pod within 200 ms on a 10-node, 300-pod cluster', async ({ lab }) => {
    const baseline = await medianScheduleTime(lab, '#/sandbox?nodes=3', 5);
    const large = await medianScheduleTime(lab, '#/sandbox?nodes=10&pods=300', 7);
    console.log(
      `perf: Schedule pod to painted row: median ${large.toFixed(1)} ms on 10 nodes/300 pods, ${baseline.toFixed(1)} ms on 3 nodes/0 pods (ratio ${(large / baseline).toFixed(2)})`,
    );
    expect(large).toBeLessThan(200);
  });

  test('playing a trace causes no long task over 50 ms', async ({ lab, page }) => {
    test.setTimeout(60_000); // five playbacks of about six seconds each
    await lab.open('#/sandbox?plugin=flannel&nodes=3&pods=6');
    await page.evaluate(() => {
      const w = window as unknown as { __longTasks: number[] };
      w.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.__longTasks.push(entry.duration);
      }).observe({ type: 'longtask', buffered: false });
    });
    const idleWindow = async () => {
      await page.waitForTimeout(1500);
      return page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.splice(0));
    };
    const idle = await idleWindow();
    await page.getByRole('button', { name: 'Trace packet' }).click();
    await page.getByLabel('Speed').selectOption('4');
    const tracing = await idleWindow();
    // Five playbacks: a machine that stalls once or twice (the idle baseline shows it can;
    // CI has seen two stalls of 54-55 ms in three runs) does not decide the verdict, while a
    // player that blocks on every hop fails all five. While it
    // plays, the test only sleeps: Playwright's role queries run in the page and would add
    // long tasks of their own.
    const tracePanel = new TracePanel(page);
    const hops = await tracePanel.events.getByRole('listitem').count();
    const reset = tracePanel.button('Reset');
    const play = tracePanel.button('Play');
    const over50: number[] = [];
    const maxima: number[] = [];
    let total = 0;
    const RUNS = 5;
    for (let run = 0; run < RUNS; run += 1) {
      await reset.click();
      await play.click();
      await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.splice(0));
      await page.waitForTimeout((hops / 4) * 1000 + 1200);
      const during = await page.evaluate(() =>
        (window as unknown as { __longTasks: number[] }).__longTasks.splice(0),
      );
      await expect(play).toBeVisible();
      total += during.length;
      over50.push(during.filter((d) => d > 50).length);
      maxima.push(Math.max(0, ...during));
    }
    console.log(
      `perf: trace playback of ${hops} hops at 4 hops/s, ${RUNS} runs: ${total} long tasks, over 50 ms per run ${over50.join('/')} (max per run ${maxima.map((m) => m.toFixed(0)).join('/')} ms); idle baseline ${idle.length} long tasks (max ${Math.max(0, ...idle).toFixed(0)} ms); running the trace itself: ${tracing.length} long tasks (max ${Math.max(0, ...tracing).toFixed(0)} ms)`,
    );
    expect(hops).toBeGreaterThan(4);
    expect([...over50].sort((a, b) => a - b)[2], 'median count of long tasks over 50 ms per playback').toBe(
      0,
    );
  });
});
