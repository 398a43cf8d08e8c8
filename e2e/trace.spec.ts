import { test, expect } from './fixtures/lab-test.ts';
import { TracePanel } from './pages/trace-panel.ts';

const DENY_ALL = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-all-ingress
  namespace: default
spec:
  podSelector: {}
  policyTypes:
    - Ingress
`;

test.describe('packet traces', () => {
  test('a flannel VXLAN trace across nodes: step, step back, inspect the layers, jump from the event list', async ({
    lab,
    page,
  }) => {
    await lab.open('#/sandbox');
    await lab.scheduleOn('node-1', 'web');
    await lab.scheduleOn('node-2', 'db');
    const trace = new TracePanel(page);
    await trace.trace('web', 'db');

    await expect(page.getByText('✓ Delivered, and the reply came back.')).toBeVisible();
    await expect(trace.current).toContainText('1. pod/web · eth0');
    await expect(trace.button('Step back')).toBeDisabled();

    await trace.button('Step forward').click();
    await trace.button('Step forward').click();
    await expect(trace.current).toContainText('node/node-1 · flannel.1');
    await expect(trace.packet.getByRole('table', { name: 'VXLAN' })).toContainText('1');
    await expect(trace.packet).toContainText('Outer IPv4 (added at this hop)');
    await expect(trace.packet.getByRole('table', { name: 'Outer UDP' })).toContainText('8472');
    await expect(trace.packet.getByRole('table', { name: 'Inner IPv4' })).toContainText('changed');

    await trace.button('Step back').click();
    await expect(trace.current).toContainText('node/node-1 · cni0');
    await expect(trace.packet.getByRole('table', { name: 'Outer IPv4' })).toHaveCount(0);

    const rows = trace.events.getByRole('listitem');
    const count = await rows.count();
    expect(count).toBeGreaterThan(10);
    await rows.filter({ hasText: 'pod/db · eth0' }).first().getByRole('button').click();
    await expect(trace.current).toContainText('pod/db · eth0');
    const arrived = trace.packet.getByRole('table', { name: 'IPv4' });
    await expect(arrived).toContainText('10.244.0.2');
    await expect(arrived).toContainText('62');

    await trace.button('Reset').click();
    await expect(trace.current).toContainText('1. pod/web · eth0');
  });

  test('Play runs to the end and announces each hop politely', async ({ lab, page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await lab.open('#/sandbox');
    await lab.scheduleOn('node-1', 'a');
    await lab.scheduleOn('node-1', 'b');
    const trace = new TracePanel(page);
    await trace.trace('a', 'b');
    await page.getByLabel('Speed').selectOption('4');
    await trace.button('Play').click();
    await expect(trace.button('Pause')).toBeVisible();
    await expect(trace.button('Play')).toBeVisible({ timeout: 10_000 });
    const total = await trace.events.getByRole('listitem').count();
    await expect(trace.current).toContainText(`${total}.`);
    await expect(
      page.locator('[aria-live="polite"]').filter({ hasText: `Hop ${total} of ${total}` }),
    ).toHaveCount(1);
  });

  test('a NetworkPolicy on Calico drops the trace and names the policy; on flannel it has no effect', async ({
    lab,
    page,
  }) => {
    await lab.open('#/sandbox?plugin=calico');
    await lab.scheduleOn('node-1', 'web');
    await lab.scheduleOn('node-2', 'db');
    await page.getByText('Network policies (0)').click();
    await page.getByLabel('NetworkPolicy manifest (YAML or JSON)').fill(DENY_ALL);
    await page.getByRole('button', { name: 'Apply policy' }).click();
    await expect(page.getByRole('list', { name: 'Applied policies' })).toContainText(
      'default/deny-all-ingress',
    );

    const trace = new TracePanel(page);
    await trace.trace('web', 'db', 'tcp', 5432);
    await expect(page.getByText(/Dropped: NetworkPolicy denied it at ingress/).first()).toBeVisible();
    await expect(trace.events).toContainText('default/deny-all-ingress');

    await lab.open('#/sandbox');
    await page.reload();
    await lab.scheduleOn('node-1', 'web');
    await lab.scheduleOn('node-2', 'db');
    await page.getByText('Network policies (0)').click();
    await expect(page.getByText('flannel does not enforce NetworkPolicy')).toBeVisible();
    await page.getByLabel('NetworkPolicy manifest (YAML or JSON)').fill(DENY_ALL);
    await page.getByRole('button', { name: 'Apply policy' }).click();
    await trace.trace('web', 'db', 'tcp', 5432);
    await expect(page.getByText('✓ Delivered, and the reply came back.')).toBeVisible();
  });

  test('inspecting a node and a pod shows the Linux tables and the CNI exchange', async ({ lab, page }) => {
    await lab.open('#/sandbox');
    await lab.scheduleOn('node-2', 'web');
    await lab.nodesList.getByRole('button', { name: 'node-1', exact: true }).click();
    const inspector = page.locator('section[aria-labelledby="inspector-heading"]');
    await expect(inspector).toContainText('10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink');
    await inspector.getByRole('tab', { name: 'bridge fdb' }).click();
    await expect(inspector.getByRole('tabpanel')).toContainText(
      'dev flannel.1 dst 192.168.56.12 self permanent',
    );
    await inspector.getByRole('tab', { name: 'bridge fdb' }).press('ArrowRight');
    await expect(inspector.getByRole('tab', { name: 'iptables' })).toBeFocused();
    await expect(inspector.getByRole('tabpanel')).toContainText('-A FLANNEL-POSTRTG');

    await lab.podRow('web').getByRole('button', { name: 'web', exact: true }).click();
    await inspector.getByRole('tab', { name: 'CNI ADD' }).click();
    await expect(inspector).toContainText('runtime → flannel: ADD');
    await expect(inspector).toContainText('CNI_IFNAME=eth0');
    const next = inspector.getByRole('button', { name: 'Next message' });
    while (await next.isEnabled()) await next.click();
    await expect(inspector).toContainText('stdout (CNI Result)');
    await expect(inspector).toContainText('"10.244.1.2/24"');
  });

  test('endpoints can be picked from a selected pod, and the trace uses them', async ({ lab, page }) => {
    await lab.open('#/sandbox');
    await lab.scheduleOn('node-1', 'web');
    await lab.scheduleOn('node-2', 'db');
    await lab.scheduleOn('node-3', 'cache');
    await lab.podRow('cache').getByRole('button', { name: 'cache', exact: true }).click();
    await page.getByRole('button', { name: 'Trace from cache' }).click();
    await expect(page.getByRole('button', { name: 'Trace from cache' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await lab.podRow('web').getByRole('button', { name: 'web', exact: true }).click();
    await page.getByRole('button', { name: 'Trace to web' }).click();
    await expect(page.getByLabel('From', { exact: true })).toHaveValue('pod/default/cache');
    await expect(page.getByLabel('To', { exact: true })).toHaveValue('default/web');
    await page.getByRole('button', { name: 'Trace packet' }).click();
    const trace = new TracePanel(page);
    await expect(trace.current).toContainText('1. pod/cache · eth0');
  });
});
