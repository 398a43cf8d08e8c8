import { test, expect } from './fixtures/lab-test.ts';
import { TerminalPanel } from './pages/terminal-panel.ts';
import { TracePanel } from './pages/trace-panel.ts';

test.describe('terminal', () => {
  test('kubectl, exec, ping across nodes, ssh and ip route print what the real tools print', async ({
    lab,
    page,
  }) => {
    await lab.open('#/sandbox');
    const term = new TerminalPanel(page);
    await term.open();

    await term.run('kubectl run a --image=busybox');
    await term.screenContains('pod/a created');
    await term.run('kubectl run b --image=nginx --port=80');
    await term.screenContains('pod/b created');
    // The same store action as the form: the pods table has them.
    await expect(lab.podRow('a')).toBeVisible();
    await expect(lab.podRow('b')).toBeVisible();

    await term.clear();
    await term.run('kubectl get pods -o wide');
    await term.screenContains(
      /NAME +READY +STATUS +RESTARTS +AGE +IP +NODE +NOMINATED NODE +READINESS GATES/,
    );
    await term.screenContains(/a +1\/1 +Running +0 +\S+ +10\.244\.0\.2 +node-1 +<none> +<none>/);
    await term.screenContains(/b +1\/1 +Running +0 +\S+ +10\.244\.1\.2 +node-2 +<none> +<none>/);

    await term.clear();
    await term.run('kubectl get nodes');
    await term.screenContains(/NAME +STATUS +ROLES +AGE +VERSION/);
    await term.screenContains(/node-3 +Ready +<none> +\S+ +v1\.31\.2/);

    await term.clear();
    await term.run('kubectl exec a -- ip route');
    await term.screenContains('default via 10.244.0.1 dev eth0');
    await term.screenContains('10.244.0.0/24 dev eth0 proto kernel scope link src 10.244.0.2');

    await term.clear();
    await term.run('kubectl exec a -- ping -c 1 10.244.1.2');
    await term.screenContains('PING 10.244.1.2 (10.244.1.2) 56(84) bytes of data.');
    await term.screenContains(/64 bytes from 10\.244\.1\.2: icmp_seq=1 ttl=62 time=\d\.\d{3} ms/);
    await term.screenContains('1 packets transmitted, 1 received, 0% packet loss, time 0ms');
    // The ping ran the tracer: the trace panel shows it.
    await expect(page.getByText('✓ Delivered, and the reply came back.')).toBeVisible();

    await term.clear();
    await term.run('ssh node-1');
    await term.screenContains('root@node-1:~# ');
    await term.run('ip route');
    await term.screenContains('10.244.0.0/24 dev cni0 proto kernel scope link src 10.244.0.1');
    await term.screenContains('10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink');
    await term.screenContains('192.168.56.0/24 dev eth0 proto kernel scope link src 192.168.56.11');

    await term.run('foo');
    await term.screenContains('bash: foo: command not found');
    await term.run('exit');
    await term.screenContains('Connection to node-1 closed.');
    await term.run('kubectl get pods x');
    await term.screenContains('Error from server (NotFound): pods "x" not found');
  });

  test('kubectl apply -f - takes a here-document at the > prompt; kubectl label changes labels', async ({
    lab,
    page,
  }) => {
    await lab.open('#/sandbox');
    const term = new TerminalPanel(page);
    await term.open();
    await term.run('kubectl apply -f - <<EOF');
    await term.screenContains(/<<EOF\s*>/);
    for (const line of [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: web, labels: {app: web}}',
      'spec: {nodeName: node-2, containers: [{name: nginx, ports: [{containerPort: 80}]}]}',
    ])
      await term.run(line);
    await term.run('EOF');
    await term.screenContains('pod/web created');
    await expect(lab.podRow('web')).toContainText('Running');
    await term.run('kubectl label pod web tier=front');
    await term.screenContains('pod/web labeled');
    await term.run('kubectl get pods --show-labels');
    await term.screenContains(/web +1\/1 +Running +0 +\S+ +app=web,tier=front/);
    // Ctrl-C drops a here-document being typed, as bash does.
    await term.run('kubectl apply -f - <<EOF');
    await term.input.focus();
    await page.keyboard.press('Control+c');
    await term.run('kubectl get pods');
    await term.screenContains(/\$ kubectl get pods\s/);
  });

  test('the hostPort lesson: a Pod typed as a here-document meets the task, and the trace reaches it', async ({
    page,
  }) => {
    await page.goto('./#/lesson/hostport/3');
    await expect(page.locator('#step-heading')).toHaveText('Start web with a hostPort');
    const term = new TerminalPanel(page);
    await term.open();
    for (const line of [
      'kubectl apply -f - <<EOF',
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      'spec:',
      '  nodeName: node-1',
      '  containers:',
      '  - name: nginx',
      '    image: nginx',
      '    ports:',
      '    - containerPort: 80',
      '      hostPort: 8080',
      'EOF',
    ])
      await term.run(line);
    await term.screenContains('pod/web created');
    await expect(page.getByTestId('goal-status')).toContainText('Goal met');
    await term.run('kubectl exec client -- nc -zv 192.168.56.11 8080');
    await term.screenContains('Connection to 192.168.56.11 8080 port [tcp/http-alt] succeeded!');
  });

  test('what the node sees: after one ping node-1 lists the peer node and the pod it learned', async ({
    page,
  }) => {
    await page.goto('./#/lesson/what-the-node-sees/5');
    await expect(page.locator('#step-heading')).toHaveText('Send one ping');
    const term = new TerminalPanel(page);
    await term.open();
    await term.run('ssh node-1');
    await term.run('ip neigh');
    await term.screenContains(/10\.244\.1\.0 dev flannel\.1 lladdr \S+ PERMANENT/);
    await term.run('exit');
    await term.run('kubectl exec a -- ping -c 1 10.244.1.2');
    await term.screenContains('1 packets transmitted, 1 received');
    await expect(page.getByTestId('goal-status')).toContainText('Goal met');
    await term.clear();
    await term.run('ssh node-1');
    await term.run('ip neigh');
    await term.screenContains(/192\.168\.56\.12 dev eth0 lladdr \S+ REACHABLE/);
    await term.screenContains(/10\.244\.0\.2 dev cni0 lladdr \S+ (DELAY|REACHABLE|STALE)/);
  });

  test('history, Tab completion, Ctrl-C, and Escape to leave', async ({ lab, page }) => {
    await lab.open('#/sandbox');
    const term = new TerminalPanel(page);
    await term.open();
    await term.input.focus();
    await page.keyboard.type('kubectl get no');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await term.screenContains(/node-1 +Ready/);

    await term.clear();
    await page.keyboard.press('ArrowUp');
    await term.screenContains('$ kubectl get nodes');
    await page.keyboard.press('Control+c');
    await term.screenContains(/\$ kubectl get nodes ?\^C/);

    await term.run('ssh node-1');
    await term.run('tcpdump -i flannel.1 -nn');
    await term.screenContains(
      'listening on flannel.1, link-type EN10MB (Ethernet), snapshot length 262144 bytes',
    );
    await page.keyboard.press('Control+c');
    await term.screenContains('0 packets captured');
    await term.screenContains(/0 packets dropped by kernel\s*root@node-1:~# /);

    await page.keyboard.press('Escape');
    await expect(page.getByRole('button', { name: 'Close terminal' })).toBeFocused();
  });

  test('tcpdump on flannel.1 prints the next trace from the trace form', async ({ lab, page }) => {
    await lab.open('#/sandbox');
    await lab.scheduleOn('node-1', 'web');
    await lab.scheduleOn('node-2', 'db');
    const term = new TerminalPanel(page);
    await term.open();
    await term.run('ssh node-1');
    await term.run('tcpdump -i flannel.1 -nn -c 1');
    await new TracePanel(page).trace('web', 'db');
    await term.screenContains(
      /\d\d:\d\d:\d\d\.\d{6} IP 10\.244\.0\.2 > 10\.244\.1\.2: ICMP echo request, id 1, seq 1, length 64/,
    );
    await term.screenContains('1 packet captured');
  });

  test('a lesson opened past a terminal step replays that line too, and Show solution names it', async ({
    page,
  }) => {
    // Step 4 comes after "see the sockets", whose goal is met by ss -lnt's output in pod web.
    await page.goto('./#/lesson/shared-network-namespace/4');
    await expect(
      page.getByText(/You opened this lesson at step 4: the lab replayed the first 1 action/),
    ).toBeVisible();
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await expect(page.locator('#step-heading')).toContainText("See both containers' ports in one namespace");
    await expect(page.getByRole('status').filter({ hasText: 'Goal met' })).toBeVisible();

    await page.getByRole('button', { name: 'Show solution' }).click();
    await page.getByRole('button', { name: 'Replay the solution' }).click();
    await expect(
      page.getByText(
        /Replayed 1 of the solution's 4 actions, what steps 1 to 3 need: Run "ss -lnt" on pod\/web\./,
      ),
    ).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Goal met' })).toBeVisible();
  });
  test("a hostNetwork pod applied from the terminal runs with its node's IP and interfaces", async ({
    lab,
    page,
  }) => {
    await lab.open('#/sandbox?nodes=2&pods=1');
    const term = new TerminalPanel(page);
    await term.open();
    for (const line of [
      'kubectl apply -f - <<EOF',
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: exporter',
      'spec:',
      '  hostNetwork: true',
      '  nodeName: node-2',
      '  containers:',
      '  - name: exporter',
      '    image: prom/node-exporter',
      '    ports:',
      '    - containerPort: 9100',
      'EOF',
    ])
      await term.run(line);
    await term.screenContains('pod/exporter created');
    // The pods table says whose IP it is.
    await expect(lab.podRow('exporter')).toContainText('192.168.56.12');
    await expect(lab.podRow('exporter')).toContainText('host network');

    await term.clear();
    await term.run('kubectl get pods -o wide');
    await term.screenContains(/exporter +1\/1 +Running +0 +\S+ +192\.168\.56\.12 +node-2/);
    await term.clear();
    // No netns of its own: exec sees the node's eth0 and flannel.1.
    await term.run('kubectl exec exporter -- ip -br addr');
    await term.screenContains(/eth0 +UP +192\.168\.56\.12\/24/);
    await term.screenContains('flannel.1');
  });
});
