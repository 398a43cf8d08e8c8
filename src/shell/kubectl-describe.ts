/** `kubectl describe pod|node`, laid out as kubectl's describers print them. */
import type { ClusterState, NodeState, PodState } from '../engine/index.ts';
import { ageSeconds, epochAt, humanDuration, rfc1123z } from './clock.ts';
import { imageOf, NODE_INFO } from './k8s-objects.ts';
import { parseEvent } from './kubectl-tables.ts';
import { formatColumns } from './table.ts';

/** `Label:` padded to kubectl's column for the section. */
const field = (label: string, value: string, width: number): string => `${`${label}:`.padEnd(width)}${value}`;

interface EventRow {
  type: string;
  reason: string;
  age: string;
  from: string;
  message: string;
}

function eventsBlock(events: readonly EventRow[]): string[] {
  if (events.length === 0) return ['Events:                      <none>'];
  const table = formatColumns([
    ['Type', 'Reason', 'Age', 'From', 'Message'],
    ['----', '------', '----', '----', '-------'],
    ...events.map((e) => [e.type, e.reason, e.age, e.from, e.message]),
  ]);
  return [
    'Events:',
    ...table
      .trimEnd()
      .split('\n')
      .map((l) => `  ${l}`),
  ];
}

function labelsBlock(labels: Readonly<Record<string, string>>, width: number, name = 'Labels'): string[] {
  const entries = Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (entries.length === 0) return [field(name, '<none>', width)];
  return entries.map(([k, v], i) =>
    i === 0 ? field(name, `${k}=${v}`, width) : `${' '.repeat(width)}${k}=${v}`,
  );
}

/** `kubectl describe pod NAME`. */
export function describePod(state: ClusterState, pod: PodState): string {
  const W = 18;
  const node = pod.node === null ? undefined : state.nodes[pod.node];
  const running = pod.phase === 'Running';
  const age = humanDuration(ageSeconds(state.tick, pod.createdTick));
  const out: string[] = [
    field('Name', pod.name, W),
    field('Namespace', pod.namespace, W),
    field('Priority', '0', W),
    field('Service Account', 'default', W),
    field('Node', node !== undefined ? `${node.name}/${node.ip}` : '<none>', W),
    field('Start Time', rfc1123z(epochAt(pod.createdTick)), W),
    ...labelsBlock(pod.labels, W),
    field('Annotations', '<none>', W),
    field('Status', pod.phase, W),
    field('IP', pod.ip ?? '', W),
    'IPs:',
    ...(pod.ip !== null ? [`  IP:  ${pod.ip}`] : ['  <none>']),
    'Containers:',
  ];
  for (const c of pod.containers) {
    const ports = c.ports ?? [];
    out.push(`  ${c.name}:`);
    out.push(`    ${field('Image', imageOf(c), 16)}`);
    out.push(`    ${field('Image ID', '', 16)}`);
    out.push(
      `    ${field(ports.length > 1 ? 'Ports' : 'Port', ports.length === 0 ? '<none>' : ports.map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', '), 16)}`,
    );
    out.push(
      `    ${field(ports.length > 1 ? 'Host Ports' : 'Host Port', ports.length === 0 ? '<none>' : ports.map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', '), 16)}`,
    );
    // A pod no node took has no container statuses: kubectl prints no State, Ready or count.
    if (running) {
      out.push(`    ${field('State', 'Running', 16)}`);
      out.push(`      ${field('Started', rfc1123z(epochAt(pod.createdTick, 3)), 14)}`);
    } else if (node !== undefined) {
      out.push(`    ${field('State', 'Waiting', 16)}`);
      out.push(`      ${field('Reason', pod.reason ?? 'ContainerCreating', 14)}`);
    }
    if (node !== undefined) {
      out.push(`    ${field('Ready', running ? 'True' : 'False', 16)}`);
      out.push(`    ${field('Restart Count', '0', 16)}`);
    }
    out.push(`    ${field('Environment', '<none>', 16)}`);
  }
  const cond = (t: string, s: boolean): string[] => [t, s ? 'True ' : 'False '];
  const scheduled = pod.node !== null;
  const conditions = formatColumns([
    ['Type', 'Status'],
    cond('PodReadyToStartContainers', running),
    cond('Initialized', true),
    cond('Ready', running),
    cond('ContainersReady', running),
    cond('PodScheduled', scheduled),
  ]);
  out.push(
    'Conditions:',
    ...conditions
      .trimEnd()
      .split('\n')
      .map((l) => `  ${l}`),
  );
  out.push(field('QoS Class', 'BestEffort', 29), field('Node-Selectors', '<none>', 29));
  out.push(field('Tolerations', 'node.kubernetes.io/not-ready:NoExecute op=Exists for 300s', 29));
  out.push(`${' '.repeat(29)}node.kubernetes.io/unreachable:NoExecute op=Exists for 300s`);
  const events: EventRow[] = [];
  if (scheduled)
    events.push({
      type: 'Normal',
      reason: 'Scheduled',
      age,
      from: 'default-scheduler',
      message: `Successfully assigned ${pod.key} to ${pod.node ?? ''}`,
    });
  else
    events.push({
      type: 'Warning',
      reason: 'FailedScheduling',
      age,
      from: 'default-scheduler',
      message: pod.message ?? '0/0 nodes are available',
    });
  for (const text of state.events) {
    const e = parseEvent(text);
    if (e?.kind === 'pod' && e.namespace === pod.namespace && e.name === pod.name)
      events.push({ type: e.type, reason: e.reason, age, from: 'kubelet', message: e.message });
  }
  if (running)
    for (const c of pod.containers) {
      events.push({
        type: 'Normal',
        reason: 'Pulled',
        age,
        from: 'kubelet',
        message: `Container image "${imageOf(c)}" already present on machine`,
      });
      events.push({
        type: 'Normal',
        reason: 'Created',
        age,
        from: 'kubelet',
        message: `Created container ${c.name}`,
      });
      events.push({
        type: 'Normal',
        reason: 'Started',
        age,
        from: 'kubelet',
        message: `Started container ${c.name}`,
      });
    }
  out.push(...eventsBlock(events));
  return `${out.join('\n')}\n`;
}

/** `kubectl describe node NAME`: conditions, addresses, PodCIDR, its pods and events. */
export function describeNode(state: ClusterState, node: NodeState): string {
  const W = 20;
  const created = rfc1123z(epochAt(node.createdTick));
  const now = rfc1123z(epochAt(state.tick));
  const age = humanDuration(ageSeconds(state.tick, node.createdTick));
  const flannel = state.config.network.plugin === 'flannel';
  const out: string[] = [
    field('Name', node.name, W),
    field('Roles', '<none>', W),
    ...labelsBlock(
      { 'kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': node.name, 'kubernetes.io/os': 'linux' },
      W,
    ),
    ...(flannel
      ? [
          field(
            'Annotations',
            `flannel.alpha.coreos.com/backend-type: ${state.config.network.plugin === 'flannel' && state.config.network.backend === 'host-gw' ? 'host-gw' : 'vxlan'}`,
            W,
          ),
          `${' '.repeat(W)}flannel.alpha.coreos.com/public-ip: ${node.ip}`,
          `${' '.repeat(W)}node.alpha.kubernetes.io/ttl: 0`,
        ]
      : [field('Annotations', 'node.alpha.kubernetes.io/ttl: 0', W)]),
    field('CreationTimestamp', created, W),
    field('Taints', node.ready ? '<none>' : 'node.kubernetes.io/not-ready:NoSchedule', W),
    field('Unschedulable', 'false', W),
    'Conditions:',
  ];
  const netReady = node.ready;
  const conds = formatColumns([
    ['Type', 'Status', 'LastHeartbeatTime', 'LastTransitionTime', 'Reason', 'Message'],
    ['----', '------', '-----------------', '------------------', '------', '-------'],
    ...(flannel && node.podCIDR !== null
      ? [['NetworkUnavailable', 'False', created, created, 'FlannelIsUp', 'Flannel is running on this node']]
      : []),
    [
      'MemoryPressure',
      'False',
      now,
      created,
      'KubeletHasSufficientMemory',
      'kubelet has sufficient memory available',
    ],
    ['DiskPressure', 'False', now, created, 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
    ['PIDPressure', 'False', now, created, 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
    netReady
      ? ['Ready', 'True', now, created, 'KubeletReady', 'kubelet is posting ready status']
      : [
          'Ready',
          'False',
          now,
          created,
          'KubeletNotReady',
          node.message ??
            'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
        ],
  ]);
  out.push(
    ...conds
      .trimEnd()
      .split('\n')
      .map((l) => `  ${l}`),
  );
  out.push('Addresses:', `  InternalIP:  ${node.ip}`, `  Hostname:    ${node.name}`);
  out.push('System Info:');
  out.push(`  ${field('Kernel Version', NODE_INFO.kernelVersion, 28)}`);
  out.push(`  ${field('OS Image', NODE_INFO.osImage, 28)}`);
  out.push(`  ${field('Container Runtime Version', NODE_INFO.containerRuntimeVersion, 28)}`);
  out.push(`  ${field('Kubelet Version', NODE_INFO.kubeletVersion, 28)}`);
  out.push(field('PodCIDR', node.podCIDR ?? '', 30), field('PodCIDRs', node.podCIDR ?? '', 30));
  const pods = node.pods.map((k) => state.pods[k]).filter((p): p is PodState => p !== undefined);
  out.push(`${'Non-terminated Pods:'.padEnd(30)}(${pods.length} in total)`);
  if (pods.length > 0) {
    const t = formatColumns([
      ['Namespace', 'Name', 'CPU Requests', 'CPU Limits', 'Memory Requests', 'Memory Limits', 'Age'],
      ['---------', '----', '------------', '----------', '---------------', '-------------', '---'],
      ...pods.map((p) => [
        p.namespace,
        p.name,
        '0 (0%)',
        '0 (0%)',
        '0 (0%)',
        '0 (0%)',
        humanDuration(ageSeconds(state.tick, p.createdTick)),
      ]),
    ]);
    out.push(
      ...t
        .trimEnd()
        .split('\n')
        .map((l) => `  ${l}`),
    );
  }
  const events: EventRow[] = [
    { type: 'Normal', reason: 'Starting', age, from: 'kubelet', message: 'Starting kubelet.' },
  ];
  if (node.podCIDR !== null)
    events.push({
      type: 'Normal',
      reason: 'RegisteredNode',
      age,
      from: 'node-controller',
      message: `Node ${node.name} event: Registered Node ${node.name} in Controller`,
    });
  for (const text of node.events) {
    const e = parseEvent(text);
    if (e !== null)
      events.push({
        type: e.type,
        reason: e.reason,
        age,
        from: e.kind === 'pod' ? 'kubelet' : 'node-controller',
        message: e.message,
      });
  }
  if (netReady)
    events.push({
      type: 'Normal',
      reason: 'NodeReady',
      age,
      from: 'kubelet',
      message: `Node ${node.name} status is now: NodeReady`,
    });
  out.push(...eventsBlock(events));
  return `${out.join('\n')}\n`;
}
