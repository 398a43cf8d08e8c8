/**
 * The files a namespace shows: on a node the CNI config, host-local's store, flannel's
 * subnet.env (all derived by the engine) and /opt/cni/bin; in a pod /etc/resolv.conf,
 * /etc/hosts and /etc/hostname as the kubelet writes them.
 */
import { dataPlaneFor, formatIp, parseCidr4, type ClusterState, type FileRow } from '../engine/index.ts';
import type { Netns } from './netns.ts';
import { fail, ok, type Ctx, type ProgramResult } from './program.ts';

/** The binaries of the containernetworking/plugins release tarball (v1.5), in /opt/cni/bin. */
const CORE_PLUGINS = [
  'bandwidth',
  'bridge',
  'dhcp',
  'dummy',
  'firewall',
  'host-device',
  'host-local',
  'ipvlan',
  'loopback',
  'macvlan',
  'portmap',
  'ptp',
  'sbr',
  'static',
  'tap',
  'tuning',
  'vlan',
  'vrf',
];

/** The cluster DNS address: the tenth address of the service range (kubeadm's default). */
function dnsAddress(state: ClusterState): string {
  const svc = state.config.serviceCIDR ?? '10.96.0.0/12';
  return formatIp(parseCidr4(svc).net + 10);
}

/** Every file the namespace shows, path → content. */
export function filesOf(state: ClusterState, ns: Netns): FileRow[] {
  if (ns.kind === 'node') {
    const dp = dataPlaneFor(state.config.network.plugin);
    const bins = new Set(CORE_PLUGINS);
    for (const p of dp?.cniPlugins ?? []) bins.add(p.type);
    const out = [...ns.files];
    for (const b of [...bins].sort())
      out.push({ path: `/opt/cni/bin/${b}`, content: `\u007fELF (the ${b} CNI plugin binary)\n` });
    out.push({ path: '/etc/hostname', content: `${ns.hostname}\n` });
    out.push({ path: '/proc/sys/net/ipv4/ip_forward', content: '1\n' });
    return out;
  }
  const pod = ns.pod;
  const namespace = pod?.namespace ?? 'default';
  return [
    {
      path: '/etc/resolv.conf',
      content: `search ${namespace}.svc.cluster.local svc.cluster.local cluster.local\nnameserver ${dnsAddress(state)}\noptions ndots:5\n`,
    },
    {
      path: '/etc/hosts',
      content: `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${pod?.ip !== null && pod?.ip !== undefined ? `${pod.ip}\t${pod.name}\n` : ''}`,
    },
    { path: '/etc/hostname', content: `${ns.hostname}\n` },
    { path: '/proc/sys/net/ipv4/ip_forward', content: '1\n' },
  ];
}

function normalise(path: string): string {
  const parts: string[] = [];
  for (const p of path.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return `/${parts.join('/')}`;
}

function resolvePath(ctx: Ctx, path: string): string {
  const home = ctx.place.kind === 'node' ? '/root' : '/';
  return normalise(path.startsWith('/') ? path : `${home}/${path}`);
}

/** The entries of a directory, or null when nothing lives under it. */
function listDir(files: readonly FileRow[], dir: string): string[] | null {
  const prefix = dir === '/' ? '/' : `${dir}/`;
  const names = new Set<string>();
  for (const f of files)
    if (f.path.startsWith(prefix)) names.add(f.path.slice(prefix.length).split('/')[0] ?? '');
  names.delete('');
  return names.size === 0 ? null : [...names].sort();
}

/** `cat FILE...`. */
export function runCat(ctx: Ctx, argv: readonly string[]): ProgramResult {
  if (ctx.netns === null)
    return fail("cat: the workstation has none of the cluster's files; ssh to a node first");
  const files = filesOf(ctx.state, ctx.netns);
  let out = '';
  let status = 0;
  const args = argv.slice(1).filter((a) => !a.startsWith('-') || a === '-');
  for (const a of args) {
    const p = resolvePath(ctx, a);
    const f = files.find((x) => x.path === p);
    if (f !== undefined) out += f.content;
    else if (listDir(files, p) !== null) {
      out += `cat: ${a}: Is a directory\n`;
      status = 1;
    } else {
      out += `cat: ${a}: No such file or directory\n`;
      status = 1;
    }
  }
  return { out, status };
}

/** `ls [-l] [-a] [DIR...]`: names in a row as ls prints them to a terminal. */
export function runLs(ctx: Ctx, argv: readonly string[]): ProgramResult {
  if (ctx.netns === null) return ok('');
  const files = filesOf(ctx.state, ctx.netns);
  const long = argv.some((a) => /^-[a-zA-Z]*l/.test(a));
  const args = argv.slice(1).filter((a) => !a.startsWith('-'));
  const targets = args.length === 0 ? ['.'] : args;
  let out = '';
  let status = 0;
  for (const a of targets) {
    const p = resolvePath(ctx, a);
    const file = files.find((x) => x.path === p);
    const entries = file !== undefined ? [a] : listDir(files, p);
    if (entries === null) {
      if (a === '.' || p === '/root') continue;
      out += `ls: cannot access '${a}': No such file or directory\n`;
      status = 2;
      continue;
    }
    if (targets.length > 1 && file === undefined) out += `${a}:\n`;
    if (long) {
      for (const e of entries) {
        const full = file !== undefined ? p : `${p === '/' ? '' : p}/${e}`;
        const f = files.find((x) => x.path === full);
        const dir = f === undefined;
        const size = f?.content.length ?? 4096;
        out += `${dir ? 'drwxr-xr-x 2' : '-rw-r--r-- 1'} root root ${String(size).padStart(5)} Jan  5 09:00 ${e}\n`;
      }
    } else {
      const row = entries.join('  ');
      out += row.length <= 80 ? `${row}\n` : `${entries.join('\n')}\n`;
    }
  }
  return { out, status };
}

/** `sysctl [-n] KEY...`. */
export function runSysctl(ctx: Ctx, argv: readonly string[]): ProgramResult {
  const values: Record<string, string> =
    ctx.netns?.kind === 'node'
      ? {
          'net.ipv4.ip_forward': '1',
          'net.bridge.bridge-nf-call-iptables': '1',
          'net.ipv4.conf.all.rp_filter': '2',
        }
      : { 'net.ipv4.ip_forward': '1', 'net.ipv4.conf.all.rp_filter': '0' };
  const bare = argv.includes('-n');
  let out = '';
  let status = 0;
  for (const a of argv.slice(1)) {
    if (a.startsWith('-')) continue;
    const key = a.replace(/\//g, '.');
    const v = Object.hasOwn(values, key) ? values[key] : undefined;
    if (v === undefined) {
      out += `sysctl: cannot stat /proc/sys/${key.replace(/\./g, '/')}: No such file or directory\n`;
      status = 255;
    } else out += bare ? `${v}\n` : `${key} = ${v}\n`;
  }
  return { out, status };
}
