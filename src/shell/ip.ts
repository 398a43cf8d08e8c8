/**
 * `ip` (iproute2) over a namespace's derived tables: addr, link, route (show, get, add,
 * del), neigh, with `-br`, `-d` and `-4`. Output and errors as iproute2 6.x prints them.
 */
import {
  dataPlaneTunnel,
  formatIpAddr,
  formatIpBrief,
  formatIpLink,
  lookupRoute,
  parseIpv4,
  routeTableOf,
  type Iface,
} from '../engine/index.ts';
import type { Netns } from './netns.ts';
import { fail, lines, ok, type Ctx, type ProgramResult } from './program.ts';

const OBJECTS: Record<string, 'addr' | 'link' | 'route' | 'neigh'> = {
  a: 'addr',
  ad: 'addr',
  addr: 'addr',
  addre: 'addr',
  addres: 'addr',
  address: 'addr',
  l: 'link',
  li: 'link',
  lin: 'link',
  link: 'link',
  r: 'route',
  ro: 'route',
  rou: 'route',
  rout: 'route',
  route: 'route',
  n: 'neigh',
  ne: 'neigh',
  nei: 'neigh',
  neigh: 'neigh',
  neighbor: 'neigh',
  neighbour: 'neigh',
};

const USAGE = `Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }
where  OBJECT := { address | link | neighbour | route }
       OPTIONS := { -4 | -br[ief] | -d[etails] }
`;

function details(ctx: Ctx, ns: Netns, i: Iface): string | undefined {
  if (i.kind === 'veth') return 'veth';
  if (i.kind === 'bridge')
    return 'bridge forward_delay 1500 hello_time 200 max_age 2000 ageing_time 30000 stp_state 0 priority 32768 vlan_filtering 0 vlan_protocol 802.1Q';
  if (i.master !== undefined) return undefined;
  if ((i.kind === 'vxlan' || i.kind === 'ipip') && ns.node !== undefined) {
    const t = dataPlaneTunnel(ctx.state, ns.node, i.name);
    if (t?.kind === 'vxlan')
      return `vxlan id ${t.vni} local ${ns.node.ip} dev eth0 srcport 0 0 dstport ${t.port} nolearning ttl auto ageing 300 udpcsum noudp6zerocsumtx noudp6zerocsumrx`;
    if (t?.kind === 'ipip') return 'ipip any remote any local any ttl inherit nopmtudisc';
  }
  return undefined;
}

function pickDevice(ns: Netns, args: readonly string[]): { dev: string | null; error?: string } {
  const rest = args.filter((a) => a !== 'show' && a !== 'list' && a !== 'lst');
  const at = rest.indexOf('dev');
  const dev = at >= 0 ? rest[at + 1] : rest[0];
  if (dev === undefined) return { dev: null };
  if (!ns.interfaces.some((i) => i.name === dev)) return { dev, error: `Device "${dev}" does not exist.` };
  return { dev };
}

function routeGet(ns: Netns, target: string | undefined): ProgramResult {
  if (target === undefined) return fail('Error: need at least a destination address');
  const ip = parseIpv4(target);
  if (ip === null) return fail(`Error: any valid prefix is expected rather than "${target}".`);
  const local = ns.interfaces.find((i) => i.addresses.some((a) => a.split('/')[0] === target));
  if (local !== undefined || target.startsWith('127.'))
    return ok(
      `local ${target} dev lo table local src ${local !== undefined ? target : '127.0.0.1'} uid 0 \n    cache <local> \n`,
    );
  const r = lookupRoute(routeTableOf(ns.routes), ip);
  if (r === null) return fail('RTNETLINK answers: Network is unreachable', 2);
  if (r.type === 'blackhole') return fail('RTNETLINK answers: Invalid argument', 2);
  if (r.type !== 'unicast') return fail('RTNETLINK answers: No route to host', 2);
  const dev = r.dev ?? '';
  const iface = ns.interfaces.find((i) => i.name === dev);
  const src =
    r.src !== undefined
      ? formatIpOf(r.src)
      : (iface?.addresses[0]?.split('/')[0] ??
        ns.interfaces
          .find((i) => i.kind !== 'loopback' && i.addresses.length > 0)
          ?.addresses[0]?.split('/')[0] ??
        '');
  const via = r.via !== undefined ? ` via ${formatIpOf(r.via)}` : '';
  return ok(`${target}${via} dev ${dev} src ${src} uid 0 \n    cache \n`);
}

function formatIpOf(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 0xff}.${(n >>> 8) & 0xff}.${n & 0xff}`;
}

function routeChange(ctx: Ctx, ns: Netns, verb: 'add' | 'del', args: readonly string[]): ProgramResult {
  if (ns.kind === 'pod' || ns.node === undefined)
    return fail('RTNETLINK answers: Operation not permitted', 2);
  const dst = args[0];
  const viaAt = args.indexOf('via');
  const via = viaAt >= 0 ? args[viaAt + 1] : undefined;
  if (dst === undefined) return fail('Error: need at least a destination address');
  if (verb === 'add' && via === undefined) return fail('Error: the lab adds routes with "via GATEWAY".');
  const result =
    verb === 'add'
      ? ctx.host.dispatch({ type: 'addRoute', node: ns.node.name, dst, via: via ?? '' })
      : ctx.host.dispatch({
          type: 'deleteRoute',
          node: ns.node.name,
          dst,
          ...(via !== undefined ? { via } : {}),
        });
  if (result.ok) return ok('');
  const code = result.error.code;
  if (code === 'route-exists') return fail('RTNETLINK answers: File exists', 2);
  if (code === 'no-such-route') return fail('RTNETLINK answers: No such process', 2);
  if (code === 'invalid-gateway') return fail('Error: Nexthop has invalid gateway.', 2);
  if (code === 'invalid-cidr' || code === 'invalid-ip')
    return fail(
      `Error: any valid prefix is expected rather than "${code === 'invalid-ip' ? (via ?? '') : dst}".`,
    );
  return fail(`RTNETLINK answers: ${result.error.message}`, 2);
}

/** `ip ...` in a namespace. */
export function runIp(ctx: Ctx, argv: readonly string[]): ProgramResult {
  const ns = ctx.netns;
  if (ns === null)
    return fail('ip: the workstation has no cluster interfaces; ssh to a node or kubectl exec into a pod');
  let brief = false;
  let detail = false;
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (!a.startsWith('-')) break;
    if (a === '-br' || a === '-brief') brief = true;
    else if (a === '-d' || a === '-details') detail = true;
    else if (a === '-4' || a === '-c' || a === '-color' || a === '-s') continue;
    else return fail(`Option "${a}" is unknown, try "ip -help".`, 255);
  }
  const objWord = argv[i];
  if (objWord === undefined || objWord === 'help') return fail(USAGE, objWord === undefined ? 255 : 0);
  const obj = OBJECTS[objWord];
  if (obj === undefined) return fail(`Object "${objWord}" is unknown, try "ip help".`, 255);
  const args = argv.slice(i + 1);
  const verb = args[0];
  switch (obj) {
    case 'addr':
    case 'link': {
      if (
        verb !== undefined &&
        !['show', 'list', 'lst', 'dev'].includes(verb) &&
        !ns.interfaces.some((x) => x.name === verb)
      ) {
        if (obj === 'link' && (verb === 'delete' || verb === 'del'))
          return linkDelete(ctx, ns, args.slice(1));
        return fail(`Command "${verb}" is unknown, try "ip ${obj} help".`, 255);
      }
      const picked = pickDevice(ns, args);
      if (picked.error !== undefined) return fail(picked.error);
      const ifaces = picked.dev === null ? ns.interfaces : ns.interfaces.filter((x) => x.name === picked.dev);
      if (brief) return ok(formatIpBrief(ifaces, obj === 'link'));
      if (obj === 'addr') return ok(formatIpAddr(ifaces));
      return ok(formatIpLink(ifaces, detail ? (x) => details(ctx, ns, x) : undefined));
    }
    case 'route': {
      if (verb === 'get') return routeGet(ns, args[1]);
      if (verb === 'add' || verb === 'del' || verb === 'delete')
        return routeChange(ctx, ns, verb === 'add' ? 'add' : 'del', args.slice(1));
      const rest = args.filter((a) => a !== 'show' && a !== 'list');
      const devAt = rest.indexOf('dev');
      if (devAt >= 0) {
        const dev = rest[devAt + 1] ?? '';
        if (!ns.interfaces.some((x) => x.name === dev)) return fail(`Cannot find device "${dev}"`);
        return ok(
          lines(ns.ipRoute.filter((l) => l.includes(` dev ${dev}`)).map((l) => l.replace(` dev ${dev}`, ''))),
        );
      }
      if (rest.length > 0 && verb !== 'show' && verb !== 'list')
        return fail(`Command "${verb ?? ''}" is unknown, try "ip route help".`, 255);
      return ok(lines(ns.ipRoute));
    }
    case 'neigh': {
      const rest = args.filter((a) => a !== 'show' && a !== 'list');
      const devAt = rest.indexOf('dev');
      if (devAt >= 0) {
        const dev = rest[devAt + 1] ?? '';
        if (!ns.interfaces.some((x) => x.name === dev)) return fail(`Cannot find device "${dev}"`);
        return ok(
          lines(
            ns.ipNeigh.filter((l) => l.includes(` dev ${dev} `)).map((l) => l.replace(` dev ${dev}`, '')),
          ),
        );
      }
      return ok(lines(ns.ipNeigh));
    }
  }
}

function linkDelete(ctx: Ctx, ns: Netns, args: readonly string[]): ProgramResult {
  const name = args[0] === 'dev' ? args[1] : args[0];
  if (name === undefined) return fail('Not enough information: "dev" argument is required.');
  if (ns.kind === 'pod' || ns.node === undefined)
    return fail('RTNETLINK answers: Operation not permitted', 2);
  if (!ns.interfaces.some((x) => x.name === name)) return fail(`Cannot find device "${name}"`);
  const r = ctx.host.dispatch({ type: 'deleteInterface', node: ns.node.name, name });
  return r.ok ? ok('') : fail(`RTNETLINK answers: ${r.error.message}`, 2);
}
