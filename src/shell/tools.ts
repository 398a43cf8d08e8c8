/** Small Linux tools: hostname, ss, bridge, curl, nc. */
import { formatIpLink, isHostNetworkPod, type ContainerSpec } from '../engine/index.ts';
import { fail, lines, ok, type Ctx, type ProgramResult } from './program.ts';
import { isNoRoute, resolveHost, traceSource } from './ping.ts';

/** `hostname [-i]`. */
export function runHostname(ctx: Ctx, argv: readonly string[]): ProgramResult {
  const ns = ctx.netns;
  if (ns === null) return ok('workstation\n');
  if (argv.includes('-i') || argv.includes('-I'))
    return ok(`${ns.pod?.ip ?? ns.node?.ip ?? '127.0.0.1'}${argv.includes('-I') ? ' ' : ''}\n`);
  return ok(`${ns.hostname}\n`);
}

interface Socket {
  readonly proto: 'tcp' | 'udp' | 'sctp';
  readonly local: string;
  readonly port: number;
  readonly process: string;
  readonly backlog: number;
}

function containerSockets(containers: readonly ContainerSpec[]): Socket[] {
  const out: Socket[] = [];
  for (const c of containers)
    for (const p of c.ports ?? [])
      out.push({
        proto: p.protocol === 'UDP' ? 'udp' : p.protocol === 'SCTP' ? 'sctp' : 'tcp',
        local: '0.0.0.0',
        port: p.containerPort,
        process: c.name,
        backlog: (c.image ?? '').includes('nginx') ? 511 : 4096,
      });
  return out;
}

function socketsOf(ctx: Ctx): Socket[] {
  const ns = ctx.netns;
  if (ns === null) return [];
  const node = ns.node;
  // A node's namespace, also as a hostNetwork pod sees it: the node's daemons and the
  // listeners of every hostNetwork pod running there.
  if (ns.kind === 'node' || (node !== undefined && ns.where === `node/${node.name}`)) {
    const base = [
      { proto: 'tcp', local: '0.0.0.0', port: 22, process: 'sshd', backlog: 128 },
      { proto: 'tcp', local: '127.0.0.1', port: 10248, process: 'kubelet', backlog: 4096 },
      { proto: 'tcp', local: '*', port: 10250, process: 'kubelet', backlog: 4096 },
      { proto: 'tcp', local: '*', port: 10256, process: 'kube-proxy', backlog: 4096 },
      { proto: 'udp', local: '0.0.0.0', port: 8472, process: 'kernel', backlog: 0 },
    ].filter((s) => s.port !== 8472 || ns.interfaces.some((i) => i.kind === 'vxlan')) as Socket[];
    const hostPods = (node?.pods ?? [])
      .map((k) => (Object.hasOwn(ctx.state.pods, k) ? ctx.state.pods[k] : undefined))
      .filter((p) => p !== undefined && p.phase === 'Running' && isHostNetworkPod(p));
    return [...base, ...hostPods.flatMap((p) => containerSockets(p?.containers ?? []))];
  }
  return containerSockets(ns.pod?.containers ?? []);
}

/**
 * `ss -lnt` / `ss -lnu` / `ss -lnS` (SCTP; `-p` names the process): the sockets of the
 * namespace. In a pod these are the ports of all its containers, since they share one
 * network namespace.
 */
export function runSs(ctx: Ctx, argv: readonly string[]): ProgramResult {
  const flags = argv
    .slice(1)
    .filter((a) => a.startsWith('-'))
    .join('');
  const udp = flags.includes('u');
  const sctp = flags.includes('S');
  const tcp = flags.includes('t') || (!udp && !sctp);
  const proc = flags.includes('p');
  const socks = socketsOf(ctx).filter((s) => (s.proto === 'udp' ? udp : s.proto === 'sctp' ? sctp : tcp));
  const rows = socks.map((s, i) => ({
    state: s.proto === 'udp' ? 'UNCONN' : 'LISTEN',
    recv: '0',
    send: String(s.backlog),
    local: s.local,
    port: String(s.port),
    peer: s.local === '*' ? '*' : '0.0.0.0',
    process: proc ? `users:(("${s.process}",pid=${i + 1},fd=${3 + i}))` : '',
  }));
  const aw = Math.max(13, ...rows.map((r) => r.local.length + 1));
  const pw = Math.max(4, ...rows.map((r) => r.port.length));
  const peerW = Math.max(12, ...rows.map((r) => r.peer.length + 1));
  const head = `${'State'.padEnd(7)}${'Recv-Q'.padEnd(7)}${'Send-Q'.padEnd(7)}${'Local Address'.padStart(aw)}:${'Port'.padEnd(pw)} ${'Peer Address'.padStart(peerW)}:${'Port'.padEnd(4)}Process`;
  const body = rows.map(
    (r) =>
      `${r.state.padEnd(7)}${r.recv.padEnd(7)}${r.send.padEnd(7)}${r.local.padStart(aw)}:${r.port.padEnd(pw)} ${r.peer.padStart(peerW)}:${'*'.padEnd(4)}${r.process}`,
  );
  return ok(lines([head, ...body]));
}

/** `bridge fdb [show]` and `bridge link [show]`. */
/**
 * `bridge fdb [show] [dev DEV] [br BRIDGE]`, filtered as iproute2 does: with `dev` the
 * kernel returns that device's entries and iproute2 leaves out their `dev` word; with `br`
 * the entries of the bridge and its ports.
 */
function fdb(ns: NonNullable<Ctx['netns']>, args: readonly string[]): ProgramResult {
  const words = args[0] === 'show' || args[0] === 'list' ? args.slice(1) : args;
  let dev: string | undefined;
  let br: string | undefined;
  for (let i = 0; i < words.length; i += 2) {
    const key = words[i];
    const value = words[i + 1];
    if ((key !== 'dev' && key !== 'br' && key !== 'brport') || value === undefined)
      return fail(`Error: either "dev" is duplicate, or "${key ?? ''}" is a garbage.`, 255);
    if (!ns.interfaces.some((x) => x.name === value)) return fail(`Cannot find device "${value}"`, 1);
    if (key === 'br') br = value;
    else dev = value;
  }
  const devOf = (row: string): string => / dev (\S+)/.exec(row)?.[1] ?? '';
  let rows = ns.bridgeFdb;
  if (br !== undefined) {
    const ports = new Set(ns.interfaces.filter((x) => x.master === br || x.name === br).map((x) => x.name));
    rows = rows.filter((r) => ports.has(devOf(r)));
  }
  if (dev !== undefined) rows = rows.filter((r) => devOf(r) === dev).map((r) => r.replace(` dev ${dev}`, ''));
  return ok(lines(rows));
}

export function runBridge(ctx: Ctx, argv: readonly string[]): ProgramResult {
  const ns = ctx.netns;
  if (ns === null) return fail('bridge: ssh to a node first');
  const obj = argv[1];
  if (obj === 'fdb') return fdb(ns, argv.slice(2));
  if (obj === 'link') {
    const ports = ns.interfaces.filter((i) => i.master !== undefined);
    const out = formatIpLink(ports)
      .split('\n')
      .filter((l) => /^\d+:/.test(l))
      .map((l) =>
        l
          .replace(/ qdisc \S+/, '')
          .replace(
            / state UP mode DEFAULT group default( qlen \d+)?/,
            ' state forwarding priority 32 cost 2 ',
          ),
      );
    return ok(lines(out));
  }
  return fail(`Object "${obj ?? ''}" is unknown, try "bridge help".`, 255);
}

const SERVICES: Record<number, string> = {
  22: 'ssh',
  53: 'domain',
  80: 'http',
  443: 'https',
  8080: 'http-alt',
};

/** A TCP/UDP connection attempt through the tracer: connected, refused, or no answer. */
function connect(
  ctx: Ctx,
  host: string,
  port: number,
  protocol: 'tcp' | 'udp',
): 'open' | 'refused' | 'timeout' | 'unreachable' | { error: string } {
  const from = traceSource(ctx);
  if (from === null) return { error: 'run it on a node or in a pod' };
  const r = ctx.host.trace({ from, to: host, protocol, port });
  if (!r.ok) return { error: r.error.message };
  if (!('trace' in r)) return { error: 'no trace' };
  const t = r.trace;
  if (!t.delivered) return isNoRoute(t.dropReason) ? 'unreachable' : 'timeout';
  const first = t.reply?.hops[0]?.packet.l4;
  if (first?.kind === 'tcp' && first.flags.includes('RST')) return 'refused';
  if (first?.kind === 'icmp' && first.type === 3) return 'refused';
  return t.reply?.delivered === true ? 'open' : 'timeout';
}

/** `nc -zv [-u] HOST PORT` (OpenBSD netcat's messages). */
export function runNc(ctx: Ctx, argv: readonly string[]): ProgramResult {
  const args = argv.slice(1).filter((a) => !a.startsWith('-'));
  const udp = argv.some((a) => /^-[a-z]*u/.test(a));
  const [hostArg, portArg] = args;
  if (hostArg === undefined || portArg === undefined)
    return fail('usage: nc [-46CDdFhklNnrStUuvZz] [-w timeout] [destination] [port]');
  const host = resolveHost(hostArg);
  if (host === null)
    return fail(`nc: getaddrinfo for host "${hostArg}" port ${portArg}: Name or service not known`);
  const port = Number(portArg);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return fail(`nc: port number invalid: ${portArg}`);
  const r = connect(ctx, host, port, udp ? 'udp' : 'tcp');
  const proto = udp ? 'udp' : 'tcp';
  if (typeof r === 'object') return fail(`nc: ${r.error}`);
  if (r === 'open' || (udp && r !== 'unreachable'))
    return ok(`Connection to ${host} ${port} port [${proto}/${SERVICES[port] ?? '*'}] succeeded!\n`);
  const why =
    r === 'refused'
      ? 'Connection refused'
      : r === 'unreachable'
        ? 'Network is unreachable'
        : 'Connection timed out';
  return fail(`nc: connect to ${host} port ${port} (${proto}) failed: ${why}`);
}

const NGINX_PAGE = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>
</body>
</html>
`;

/** `curl [-s] [-I] URL`: a TCP connection through the tracer; nginx answers with its welcome page. */
export function runCurl(ctx: Ctx, argv: readonly string[]): ProgramResult {
  const url = argv.slice(1).find((a) => !a.startsWith('-'));
  if (url === undefined) return fail("curl: try 'curl --help' or 'curl --manual' for more information", 2);
  const m = /^(?:(https?):\/\/)?([^/:]+)(?::(\d+))?(\/.*)?$/.exec(url);
  if (m === null) return fail(`curl: (3) URL rejected: Malformed input to a URL function`, 3);
  const scheme = m[1] ?? 'http';
  const hostArg = m[2] ?? '';
  const port = m[3] !== undefined ? Number(m[3]) : scheme === 'https' ? 443 : 80;
  const host = resolveHost(hostArg);
  if (host === null) return fail(`curl: (6) Could not resolve host: ${hostArg}`, 6);
  const r = connect(ctx, host, port, 'tcp');
  if (typeof r === 'object') return fail(`curl: ${r.error}`);
  if (r === 'refused')
    return fail(
      `curl: (7) Failed to connect to ${host} port ${port} after 0 ms: Couldn't connect to server`,
      7,
    );
  if (r === 'unreachable')
    return fail(
      `curl: (7) Failed to connect to ${host} port ${port} after 0 ms: Couldn't connect to server`,
      7,
    );
  if (r === 'timeout')
    return fail(
      `curl: (28) Failed to connect to ${host} port ${port} after 134998 ms: Couldn't connect to server`,
      28,
    );
  const pod = ctx.state.podOrder.map((k) => ctx.state.pods[k]).find((p) => p?.ip === host);
  const serving = pod?.containers.find((c) => (c.ports ?? []).some((p) => p.containerPort === port));
  if (!(serving?.image ?? '').includes('nginx')) return fail('curl: (52) Empty reply from server', 52);
  if (argv.includes('-I'))
    return ok(
      'HTTP/1.1 200 OK\r\nServer: nginx/1.27.3\r\nContent-Type: text/html\r\nContent-Length: 615\r\nConnection: keep-alive\r\n\r\n',
    );
  return ok(NGINX_PAGE);
}
