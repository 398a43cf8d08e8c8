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

const VIEWPORTS = [
  { width: 1280, height: 800, min: 11 },
  { width: 1440, height: 900, min: 11 },
  { width: 390, height: 844, min: 9 },
] as const;

for (const plugin of ['flannel', 'calico', 'weave'] as const)
  for (const vp of VIEWPORTS)
    test(`${plugin} at ${vp.width}x${vp.height}: every label renders at ${vp.min} px or more, none overlaps, the cluster fills the canvas`, async ({
      lab,
      page,
    }) => {
      await page.setViewportSize({ width: vp.width, height: vp.height });
      await lab.open(`#/sandbox?plugin=${plugin}&nodes=3&pods=6`);
      await expect
        .poll(() => probe(page, (p) => p.ids().filter((id) => id.startsWith('pod:')).length))
        .toBe(6);
      const figures = await probe(page, (p) => ({
        labels: p.labels(),
        fill: p.fill(),
        overlaps: p.overlaps(),
      }));
      const smallest = figures.labels[0]!;
      console.log(
        `labels: ${plugin} ${vp.width}x${vp.height}: smallest ${smallest.px.toFixed(1)} px (${smallest.id}), fill ${figures.fill.x.toFixed(2)} x ${figures.fill.y.toFixed(2)}`,
      );
      expect(smallest.px).toBeGreaterThanOrEqual(vp.min);
      expect(figures.overlaps).toEqual([]);
      // Most of the canvas: the width on every screen, and the height too unless the phone scrolls it.
      expect(figures.fill.x).toBeGreaterThan(0.85);
      if (vp.width > 600) expect(figures.fill.y).toBeGreaterThan(0.55);
    });

test('every device a trace crosses is drawn: Calico cali… and tunl0, tunnels between nodes, IPAM blocks', async ({
  lab,
  page,
}) => {
  await lab.open('#/sandbox?plugin=calico&nodes=2&pods=2');
  const ids = await probe(page, (p) => p.ids());
  expect(ids.filter((id) => /^dev:node-1:cali[0-9a-f]{11}$/.test(id))).toHaveLength(1);
  expect(ids).toEqual(
    expect.arrayContaining(['dev:node-1:tunl0', 'dev:node-2:tunl0', 'dev:node-1:eth0', 'underlay']),
  );
  expect(ids).toContain('podif:default/pod-1:eth0');
  const label = await probe(page, (p) => p.labels().find((l) => l.id === 'node:node-1')?.label ?? '');
  expect(label).toMatch(/IPAM block 172\.16\.\d+\.\d+\/26/);
  expect(label).toContain('unused by Calico');
  await expect(lab.nodesList.getByRole('listitem').first()).toContainText('unused by Calico');
});

test('Zoom in, Zoom out, Fit and the keyboard change the zoom; a resize refits', async ({ lab, page }) => {
  await lab.open('#/sandbox?plugin=flannel&nodes=3&pods=6');
  const zoom = () => probe(page, (p) => p.zoom());
  const fitted = await zoom();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  expect(await zoom()).toBeCloseTo(fitted * 1.25, 3);
  await page.getByRole('button', { name: 'Zoom out' }).click();
  await page.getByRole('button', { name: 'Zoom out' }).click();
  expect(await zoom()).toBeLessThan(fitted);
  await page.getByRole('button', { name: 'Fit' }).click();
  expect(await zoom()).toBeCloseTo(fitted, 3);
  await lab.topology.focus();
  await page.keyboard.press('+');
  expect(await zoom()).toBeGreaterThan(fitted);
  await page.keyboard.press('0');
  expect(await zoom()).toBeCloseTo(fitted, 3);
  await page.keyboard.press('-');
  expect(await zoom()).toBeLessThan(fitted);
  // The wheel zooms too.
  const box = (await lab.topology.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const before = await zoom();
  await page.mouse.wheel(0, -400);
  await expect.poll(zoom).toBeGreaterThan(before);
  // A smaller window refits the drawing to the new canvas.
  await page.setViewportSize({ width: 1100, height: 800 });
  await expect.poll(zoom).toBeLessThan(fitted);
  // The page can settle over more than one frame (the canvas may be resized twice), so wait
  // for the refit to the final size rather than reading the first frame after the first one.
  await expect.poll(async () => (await probe(page, (p) => p.fill())).x).toBeGreaterThan(0.85);
});

test('a trace moves the marker along drawn links, leaves a trail, lights the tunnel and marks a drop', async ({
  lab,
  page,
}) => {
  await lab.open('#/sandbox?plugin=flannel&nodes=2&pods=2');
  await page.getByRole('button', { name: 'Trace packet' }).click();
  const steps = page.getByRole('group', { name: 'Simulation controls' });
  const forward = steps.getByRole('button', { name: 'Step forward' });
  const marker = page.getByTestId('packet-overlay').locator('.packet-marker');
  await expect(marker).toHaveAttribute('data-at', 'podif:default/pod-1:eth0');
  await forward.click(); // cni0
  await expect(marker).toHaveAttribute('data-at', 'dev:node-1:cni0');
  // The trail covers the veth the packet crossed to get there.
  const veth = (await probe(page, (p) => p.ids())).find((id) => /^dev:node-1:veth/.test(id))!;
  expect(await lab.graphClasses(veth)).toContain('trail-request');
  await forward.click(); // flannel.1: encapsulated, the tunnel to node-2 lit
  await expect(marker).toHaveAttribute('data-state', 'encapsulated');
  await expect(marker).toContainText('outer 192.168.56.11 → 192.168.56.12');
  expect(await lab.graphClasses('tunnel:flannel.1:node-1:node-2')).toContain('tunnel-lit');
  expect(await probe(page, (p) => p.style('tunnel:flannel.1:node-1:node-2', 'width'))).toBe('7px');
});

test('a dropped trace puts the drop marker on the device that dropped it', async ({ lab, page }) => {
  // The core plugins set up no routes between nodes: node-1 sends the packet to the underlay
  // gateway, which knows nothing of pod addresses and drops it there.
  await lab.open('#/sandbox?plugin=bridge&mode=ptp&nodes=2&pods=2');
  await page.getByRole('button', { name: 'Trace packet' }).click();
  const steps = page.getByRole('group', { name: 'Simulation controls' });
  const forward = steps.getByRole('button', { name: 'Step forward' });
  const marker = page.getByTestId('packet-overlay').locator('.packet-marker');
  while (await forward.isEnabled()) await forward.click();
  await expect(marker).toHaveAttribute('data-state', 'dropped');
  await expect(marker).toHaveAttribute('data-at', 'tap:node-1');
  // The drop sits on the underlay under node-1, not floating between elements.
  await expect(page.getByTestId('packet-overlay').locator('.packet-hop')).toHaveAttribute(
    'data-at',
    'tap:node-1',
  );
  await expect(marker).toContainText('dropped here');
});

test("lesson 10's evidence is on screen: node-3's message in the Nodes list and its events in the inspector", async ({
  lab,
  page,
}) => {
  await lab.open('#/lesson/troubleshooting/2');
  // A /23 cluster CIDR holds two /24s: node-3 gets none, and flanneld says so.
  const node3 = lab.nodesList.getByRole('listitem').filter({ hasText: 'node-3' });
  await expect(node3).toContainText('pod cidr not assigned');
  await expect(node3).toContainText('FailedCreatePodSandBox');
  await lab.nodesList.getByRole('button', { name: 'node-3', exact: true }).click();
  await page.getByRole('tab', { name: 'Events' }).click();
  const panel = page.getByRole('tabpanel');
  await expect(panel).toContainText('kubectl describe node node-3');
  await expect(panel).toContainText('FailedCreatePodSandBox');
  expect(await lab.graphClasses('node:node-3')).toContain('no-cidr');
});

test('a pod scheduled with Host network is drawn in its node with no eth0 or veth, and listed with the node IP', async ({
  lab,
  page,
}) => {
  await lab.open('#/sandbox?nodes=2&pods=0');
  await lab.podName.fill('exporter');
  await page.getByRole('checkbox', { name: 'Host network' }).check();
  await lab.scheduleOn('node-1');
  await expect(lab.podRow('exporter')).toContainText('192.168.56.11');
  await expect(lab.podRow('exporter')).toContainText('host network');
  await expect(page.getByRole('checkbox', { name: 'Host network' })).not.toBeChecked();
  await expect.poll(() => probe(page, (p) => p.classes('pod:default/exporter'))).toContain('host-network');
  const ids = await probe(page, (p) => p.ids());
  // Nothing of its own to draw: no eth0 and no host-side veth for this pod.
  expect(ids.filter((id) => id.includes('default/exporter')).sort()).toEqual(['pod:default/exporter']);
  const label = await probe(page, (p) => p.labels().find((l) => l.id === 'pod:default/exporter'));
  expect(label?.label).toContain('hostNetwork 192.168.56.11');
  expect(label?.px ?? 0).toBeGreaterThanOrEqual(11);
});
