import { test, expect } from './fixtures/lab-test.ts';

test.describe('first slice: a cluster drawn from engine state, and Schedule pod', () => {
  test('opens on a 3-node cluster with podCIDRs from the cluster CIDR', async ({ lab }) => {
    await lab.open();
    const items = lab.nodesList.getByRole('listitem');
    await expect(items).toHaveCount(3);
    await expect(items.nth(0)).toContainText('node-1');
    await expect(items.nth(0)).toContainText('podCIDR 10.244.0.0/24');
    await expect(items.nth(1)).toContainText('podCIDR 10.244.1.0/24');
    await expect(items.nth(2)).toContainText('podCIDR 10.244.2.0/24');
    expect(await lab.graphNodeIds()).toEqual(
      expect.arrayContaining(['node:node-1', 'node:node-2', 'node:node-3']),
    );
  });

  test('Schedule pod on a chosen node gives the pod an IP from that node and draws it', async ({ lab }) => {
    await lab.open();
    await lab.scheduleOn('node-2', 'web');
    const row = lab.podRow('web');
    await expect(row).toContainText('Running');
    await expect(row).toContainText('10.244.1.2');
    await expect(row).toContainText('node-2');
    await expect.poll(() => lab.graphNodeIds()).toContain('pod:default/web');

    await lab.scheduleOn('node-2', 'api');
    await expect(lab.podRow('api')).toContainText('10.244.1.3');
  });

  test('Schedule pod with the scheduler choosing spreads pods over the nodes', async ({ lab }) => {
    await lab.open();
    for (let i = 0; i < 3; i += 1) await lab.scheduleOn();
    await expect(lab.podsTable.getByRole('row')).toHaveCount(4);
    const nodes = await lab.podsTable.locator('tbody tr td:nth-child(5)').allTextContents();
    expect(new Set(nodes)).toEqual(new Set(['node-1', 'node-2', 'node-3']));
  });

  test('a duplicate pod name is refused with the reason, and nothing changes', async ({ lab, page }) => {
    await lab.open();
    await lab.scheduleOn('node-1', 'web');
    await expect(lab.podRow('web')).toContainText('Running');
    await lab.scheduleOn('node-3', 'web');
    await expect(page.getByRole('alert')).toContainText('web');
    await expect(lab.podsTable.getByRole('row')).toHaveCount(2);
  });
});
