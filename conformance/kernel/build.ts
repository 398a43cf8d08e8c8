/**
 * The real side: builds the lab's cluster with network namespaces and the real CNI plugins
 * from /usr/lib/cni, following the engine's replay command by command.
 *
 * - underlay: one namespace with a bridge `br0` holding the underlay gateway's address and
 *   the MAC the lab gives it; each node's `eth0` is a veth into it with the engine's IP,
 *   MAC and MTU, `default via` the gateway, and `net.ipv4.ip_forward=1` (kubeadm requires it).
 * - pods: one namespace each; the runtime's part is ours (create the netns, call the chain
 *   with the env and stdin the engine recorded, DEL in reverse with the cached Result); the
 *   plugins run inside the node's namespace. host-local's `dataDir` is pointed at a temp
 *   folder per node (the only change made to a recorded stdin).
 * - flannel: flanneld's kernel programming as `pkg/backend/vxlan/{device.go,vxlan_network.go}`,
 *   `pkg/backend/hostgw/hostgw.go` and `pkg/trafficmngr/iptables/iptables.go` do it (reference
 *   E.2-E.5): flannel.1 (VNI 1, port 8472, nolearning, the VtepMAC flannel would have
 *   stored, MTU − 50, the subnet's .0/32), then per remote lease neighbour, FDB, onlink
 *   route (host-gw: `via <node IP> dev eth0`), and the FLANNEL-POSTRTG masquerade rules.
 *   The flannel CNI plugin is not packaged: it only renders the delegate config and execs
 *   bridge with it, so the suite execs bridge with the delegate stdin the engine recorded.
 * - Calico VXLAN: neither calico nor calico-ipam is packaged. The workload side follows
 *   `cni-plugin/pkg/dataplane/linux/dataplane_linux.go` (reference F.3): veth created in the
 *   pod, host end `cali…` with ee:ee:ee:ee:ee:ee and proxy_arp, /32 on eth0, 169.254.1.1
 *   link route and default route, /32 host route. Felix's VXLAN side follows F.4
 *   (`vxlan.calico` VNI 4096 port 4789 MTU − 50 with the tunnel address, per remote node a
 *   neighbour, FDB entry and onlink route per block); the local blocks' `blackhole … proto 80`
 *   is an assumption from Felix's route manager. Addresses come from the engine's Calico IPAM
 *   (the datastore's job, not the kernel's). The Result is the one projectcalico/calico
 *   prints at the commit reference F pins (master 87c15906; v3.32): `cni-plugin/pkg/k8s/k8s.go`
 *   CmdAddK8s appends `{name: <host veth>}` and `{name: eth0, mac, mtu, sandbox}` and sets
 *   every `ips[].interface` to 1; the address is narrowed to /32 by `dataplane_linux.go`;
 *   `routes` is calico-ipam's one route per address with the block's mask
 *   (`pkg/ipamplugin/ipam_plugin.go`, `libcalico-go/lib/ipam/ipam_block.go`). The MAC is the
 *   kernel's, read back from the pod. Calico's natOutgoing rules need ipset and are not
 *   built.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClusterState, CniExchange, JsonObject, JsonValue } from '../../src/engine/index.ts';
import { cniExchangeForPod, sandboxResult } from '../../src/engine/index.ts';
import { calicoHostBlocks, calicoTunnelAddress } from '../../src/engine/dataplanes/calico-ipam.ts';
import { calicoIpamOf } from '../../src/engine/cni/calico.ts';
import { formatCidr, formatIp, parseCidr4 } from '../../src/engine/net/ipv4.ts';
import { UNDERLAY_GATEWAY_MAC } from '../../src/engine/kernel/node-tables.ts';
import { addNetns, delNetns, inNs, mustNs, tempDir } from './sandbox.ts';

/** Where the Debian package installs the plugins. */
export const PLUGIN_DIR = '/usr/lib/cni';

/** A pod as built for real. */
export interface RealPod {
  key: string;
  ns: string;
  node: string;
  labNetns: string;
  /** The Result the runtime got (the chain's last stdout), or the error. */
  result: JsonObject | null;
  error: string | null;
  /** The stdin of each plugin the runtime called, as run, for DEL. */
  chain: { type: string; stdin: JsonObject }[];
  /** The runtime's CNI_* environment of the ADD. */
  env: Record<string, string>;
}

interface RealNode {
  name: string;
  ns: string;
  dataDir: string;
  /** Data-plane rows programmed, as `ip` argument lists keyed by what they are. */
  programmed: Map<string, string[]>;
  /** The node agent has set up its devices (flanneld needs a podCIDR first). */
  agentUp: boolean;
}

/** What the lab cluster needs that the kernel here cannot do. */
export class NotBuildable extends Error {}

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

function withDataDir(stdin: JsonObject, dir: string): JsonObject {
  const out = clone(stdin);
  const ipam = out['ipam'];
  if (ipam !== null && typeof ipam === 'object' && !Array.isArray(ipam) && ipam['type'] === 'host-local')
    ipam['dataDir'] = dir;
  return out;
}

/** The real cluster of one scenario. */
export class RealCluster {
  readonly nodes = new Map<string, RealNode>();
  readonly pods = new Map<string, RealPod>();
  underlay = '';
  private podCount = 0;
  private nodeCount = 0;
  private readonly tmp: string;

  constructor(
    readonly id: string,
    readonly plugin: string,
  ) {
    this.tmp = tempDir(id);
  }

  /** Checks the lab's network can be built on this kernel. */
  static buildable(state: ClusterState): string | null {
    const net = state.config.network;
    if (net.plugin === 'weave')
      return 'Weave Net is not buildable here: weave-net is not packaged and fastdp needs an Open vSwitch datapath';
    if (net.plugin === 'calico' && (net.mode ?? 'ipip') === 'ipip')
      return 'Calico IP-in-IP is not buildable here: this kernel has no ipip module';
    if (net.plugin === 'calico' && net.mode === 'none')
      return 'Calico without encapsulation needs BIRD to program the routes: not built';
    return null;
  }

  /** The underlay namespace and the initial nodes. */
  async init(state: ClusterState): Promise<void> {
    this.underlay = await addNetns(`${this.id}u`);
    const c = parseCidr4(state.config.underlayCIDR);
    await mustNs(this.underlay, 'ip', ['link', 'add', 'br0', 'type', 'bridge']);
    await mustNs(this.underlay, 'ip', ['link', 'set', 'br0', 'address', UNDERLAY_GATEWAY_MAC, 'up']);
    await mustNs(this.underlay, 'ip', [
      'addr',
      'add',
      `${state.config.underlayGateway}/${c.prefix}`,
      'dev',
      'br0',
    ]);
    for (const n of state.nodeOrder) await this.addNode(state, n);
    await this.syncDataPlane(state);
    for (const key of state.podOrder) await this.syncPod(state, key);
  }

  /** A node namespace whose eth0 is a veth into the underlay. */
  async addNode(state: ClusterState, name: string): Promise<void> {
    const n = state.nodes[name];
    if (n === undefined) return;
    const ns = await addNetns(`${this.id}n${++this.nodeCount}`);
    const peer = `n${this.nodeCount}`;
    const prefix = parseCidr4(state.config.underlayCIDR).prefix;
    await mustNs(ns, 'ip', [
      'link',
      'add',
      'eth0',
      'type',
      'veth',
      'peer',
      'name',
      peer,
      'netns',
      this.underlay,
    ]);
    await mustNs(ns, 'ip', ['link', 'set', 'eth0', 'address', n.mac, 'mtu', String(n.underlayMtu)]);
    await mustNs(ns, 'ip', ['addr', 'add', `${n.ip}/${prefix}`, 'brd', '+', 'dev', 'eth0']);
    await mustNs(ns, 'ip', ['link', 'set', 'eth0', 'up']);
    await mustNs(ns, 'ip', ['route', 'add', 'default', 'via', state.config.underlayGateway, 'dev', 'eth0']);
    await mustNs(ns, 'sysctl', ['-q', '-w', 'net.ipv4.ip_forward=1']);
    await mustNs(this.underlay, 'ip', ['link', 'set', peer, 'master', 'br0', 'up']);
    const dataDir = join(this.tmp, name);
    mkdirSync(dataDir, { recursive: true });
    this.nodes.set(name, { name, ns, dataDir, programmed: new Map(), agentUp: false });
    await this.nodeAgent(state, name);
  }

  /** A node leaves: its namespace (and with it its veths) goes. */
  async removeNode(name: string): Promise<void> {
    const n = this.nodes.get(name);
    if (n === undefined) return;
    for (const [key, p] of this.pods)
      if (p.node === name) {
        await delNetns(p.ns);
        this.pods.delete(key);
      }
    await delNetns(n.ns);
    this.nodes.delete(name);
  }

  /** The node agent's devices (flanneld's flannel.1, Felix's vxlan.calico), made at start. */
  private async nodeAgent(state: ClusterState, name: string): Promise<void> {
    const n = state.nodes[name];
    const real = this.nodes.get(name);
    if (n === undefined || real === undefined || real.agentUp) return;
    const net = state.config.network;
    if (net.plugin === 'flannel' && n.podCIDR === null) return;
    real.agentUp = true;
    if (net.plugin === 'flannel' && (net.backend ?? 'vxlan') === 'vxlan' && n.podCIDR !== null) {
      const mac = n.devices['flannel.1']?.mac;
      await mustNs(real.ns, 'ip', [
        'link',
        'add',
        'flannel.1',
        'type',
        'vxlan',
        'id',
        '1',
        'local',
        n.ip,
        'dev',
        'eth0',
        'dstport',
        '8472',
        'nolearning',
      ]);
      if (mac !== undefined) await mustNs(real.ns, 'ip', ['link', 'set', 'flannel.1', 'address', mac]);
      await mustNs(real.ns, 'ip', ['link', 'set', 'flannel.1', 'mtu', String(n.underlayMtu - 50)]);
      await mustNs(real.ns, 'ip', [
        'addr',
        'add',
        `${formatIp(parseCidr4(n.podCIDR).net)}/32`,
        'dev',
        'flannel.1',
      ]);
      await mustNs(real.ns, 'ip', ['link', 'set', 'flannel.1', 'up']);
    }
    if (net.plugin === 'flannel' && n.podCIDR !== null) await this.flannelMasq(state, real.ns, n.podCIDR);
    if (net.plugin === 'calico' && net.mode === 'vxlan') {
      const ipam = calicoIpamOf(state.clusterData);
      const tunnel = ipam === null ? null : calicoTunnelAddress(ipam, name);
      const mac = n.devices['vxlan.calico']?.mac;
      await mustNs(real.ns, 'ip', [
        'link',
        'add',
        'vxlan.calico',
        'type',
        'vxlan',
        'id',
        '4096',
        'local',
        n.ip,
        'dev',
        'eth0',
        'dstport',
        '4789',
        'nolearning',
      ]);
      if (mac !== undefined) await mustNs(real.ns, 'ip', ['link', 'set', 'vxlan.calico', 'address', mac]);
      await mustNs(real.ns, 'ip', ['link', 'set', 'vxlan.calico', 'mtu', String(n.underlayMtu - 50)]);
      if (tunnel !== null)
        await mustNs(real.ns, 'ip', ['addr', 'add', `${formatIp(tunnel)}/32`, 'dev', 'vxlan.calico']);
      await mustNs(real.ns, 'ip', ['link', 'set', 'vxlan.calico', 'up']);
    }
  }

  /** flanneld --ip-masq: FLANNEL-POSTRTG (reference E.5), in order. */
  private async flannelMasq(state: ClusterState, ns: string, podCIDR: string): Promise<void> {
    const net = state.config.clusterCIDR;
    const c = ['-m', 'comment', '--comment', 'flanneld masq'];
    const rules: string[][] = [
      ['-m', 'mark', '--mark', '0x4000/0x4000', ...c, '-j', 'RETURN'],
      ['-s', podCIDR, '-d', net, ...c, '-j', 'RETURN'],
      ['-s', net, '-d', podCIDR, ...c, '-j', 'RETURN'],
      ['!', '-s', net, '-d', podCIDR, ...c, '-j', 'RETURN'],
      ['-s', net, '!', '-d', '224.0.0.0/4', ...c, '-j', 'MASQUERADE', '--random-fully'],
      ['!', '-s', net, '-d', net, ...c, '-j', 'MASQUERADE', '--random-fully'],
    ];
    await mustNs(ns, 'iptables', ['-t', 'nat', '-N', 'FLANNEL-POSTRTG']);
    await mustNs(ns, 'iptables', ['-t', 'nat', '-A', 'POSTROUTING', ...c, '-j', 'FLANNEL-POSTRTG']);
    for (const r of rules) await mustNs(ns, 'iptables', ['-t', 'nat', '-A', 'FLANNEL-POSTRTG', ...r]);
  }

  /** Per-remote rows of the data plane, reconciled with what is programmed. */
  async syncDataPlane(state: ClusterState): Promise<void> {
    for (const real of this.nodes.values()) {
      await this.nodeAgent(state, real.name);
      const want = this.wantedRows(state, real.name);
      for (const [k, args] of real.programmed)
        if (!k.startsWith('static ') && want.get(k)?.join(' ') !== args.join(' ')) {
          await inNs(real.ns, args[0] === 'fdb' ? 'bridge' : 'ip', [args[0] ?? '', 'del', ...args.slice(2)]);
          real.programmed.delete(k);
        }
      for (const [k, args] of want)
        if (!real.programmed.has(k)) {
          await mustNs(real.ns, args[0] === 'fdb' ? 'bridge' : 'ip', args);
          real.programmed.set(k, args);
        }
    }
  }

  private wantedRows(state: ClusterState, name: string): Map<string, string[]> {
    const out = new Map<string, string[]>();
    const me = state.nodes[name];
    if (me === undefined) return out;
    const net = state.config.network;
    if (net.plugin === 'flannel' && me.podCIDR !== null) {
      const hostGw = net.backend === 'host-gw';
      for (const rn of state.nodeOrder) {
        const r = state.nodes[rn];
        if (r === undefined || rn === name || r.podCIDR === null) continue;
        const gw = formatIp(parseCidr4(r.podCIDR).net);
        if (hostGw) {
          out.set(`route ${r.podCIDR}`, ['route', 'replace', r.podCIDR, 'via', r.ip, 'dev', 'eth0']);
          continue;
        }
        const mac = r.devices['flannel.1']?.mac;
        if (mac === undefined) continue;
        out.set(`neigh ${gw}`, [
          'neigh',
          'replace',
          gw,
          'lladdr',
          mac,
          'dev',
          'flannel.1',
          'nud',
          'permanent',
        ]);
        out.set(`fdb ${mac}`, ['fdb', 'replace', mac, 'dev', 'flannel.1', 'dst', r.ip, 'self', 'permanent']);
        out.set(`route ${r.podCIDR}`, [
          'route',
          'replace',
          r.podCIDR,
          'via',
          gw,
          'dev',
          'flannel.1',
          'onlink',
        ]);
      }
    }
    if (net.plugin === 'calico' && net.mode === 'vxlan') {
      const ipam = calicoIpamOf(state.clusterData);
      if (ipam === null) return out;
      for (const b of calicoHostBlocks(ipam, name))
        out.set(`route ${formatCidr(b)}`, ['route', 'replace', 'blackhole', formatCidr(b), 'proto', '80']);
      for (const rn of state.nodeOrder) {
        const r = state.nodes[rn];
        if (r === undefined || rn === name) continue;
        const t = calicoTunnelAddress(ipam, rn);
        const mac = r.devices['vxlan.calico']?.mac;
        if (t === null || mac === undefined) continue;
        const tip = formatIp(t);
        out.set(`neigh ${tip}`, [
          'neigh',
          'replace',
          tip,
          'lladdr',
          mac,
          'dev',
          'vxlan.calico',
          'nud',
          'permanent',
        ]);
        out.set(`fdb ${mac}`, [
          'fdb',
          'replace',
          mac,
          'dev',
          'vxlan.calico',
          'dst',
          r.ip,
          'self',
          'permanent',
        ]);
        for (const b of calicoHostBlocks(ipam, rn))
          out.set(`route ${formatCidr(b)}`, [
            'route',
            'replace',
            formatCidr(b),
            'via',
            tip,
            'dev',
            'vxlan.calico',
            'onlink',
          ]);
      }
    }
    return out;
  }

  /** Static routes a student added (`addRoute`), reconciled. */
  async syncStaticRoutes(state: ClusterState): Promise<void> {
    for (const real of this.nodes.values()) {
      const n = state.nodes[real.name];
      const want = new Map<string, string[]>();
      for (const r of n?.staticRoutes ?? [])
        want.set(`static ${r.dst} ${r.via}`, ['route', 'add', r.dst, 'via', r.via, 'dev', r.dev]);
      for (const [k, args] of real.programmed)
        if (k.startsWith('static ') && !want.has(k)) {
          await inNs(real.ns, 'ip', ['route', 'del', ...args.slice(2)]);
          real.programmed.delete(k);
        }
      for (const [k, args] of want)
        if (!real.programmed.has(k)) {
          await mustNs(real.ns, 'ip', args);
          real.programmed.set(k, args);
        }
    }
  }

  /**
   * Brings one pod in line with the lab: ADD a new sandbox (or attempt), DEL a gone one. A
   * hostNetwork pod gets nothing: no netns and no CNI call, as kubelet runs it in the node's
   * own namespace, so the node's tables are compared as if it were not there.
   */
  async syncPod(state: ClusterState, key: string): Promise<'added' | 'failed' | 'deleted' | null> {
    const pod = state.pods[key];
    const have = this.pods.get(key);
    const ids = pod?.hostNetwork === true ? undefined : (pod?.sandbox ?? pod?.attempt);
    if (have !== undefined && (ids === undefined || have.labNetns !== ids.netns || have.result === null)) {
      if (have.result !== null) await this.del(have);
      else await delNetns(have.ns);
      this.pods.delete(key);
      if (pod === undefined) return 'deleted';
    }
    if (pod === undefined || pod.node === null || ids === undefined || this.pods.has(key)) return null;
    const node = this.nodes.get(pod.node);
    if (node === undefined) return null;
    const exchange = cniExchangeForPod(state, key);
    const real = await this.add(state, key, node, ids.netns, exchange);
    this.pods.set(key, real);
    return real.result === null ? 'failed' : 'added';
  }

  private async add(
    state: ClusterState,
    key: string,
    node: RealNode,
    labNetns: string,
    exchange: CniExchange[],
  ): Promise<RealPod> {
    const ns = await addNetns(`${this.id}p${++this.podCount}`);
    const pod: RealPod = {
      key,
      ns,
      node: node.name,
      labNetns,
      result: null,
      error: null,
      chain: [],
      env: {},
    };
    let prev: JsonObject | null = null;
    for (const ex of exchange) {
      if (ex.kind !== 'request' || ex.from !== 'runtime' || ex.env === undefined) continue;
      const recorded = ex.stdin as JsonObject;
      let type = String(recorded['type']);
      let stdin: JsonObject = clone(recorded);
      if (type === 'flannel') {
        const delegate = exchange.find((e) => e.kind === 'request' && e.from === 'flannel');
        if (delegate === undefined) {
          // flannel's plugin reads /run/flannel/subnet.env before delegating; flanneld writes
          // none on a node without a podCIDR (no lease), so the read fails as in flannel.go.
          if (state.nodes[node.name]?.podCIDR === null) {
            pod.error = `plugin type="flannel" failed (add): failed to load flannel 'subnet.env' file: open /run/flannel/subnet.env: no such file or directory. Check the flannel pod log for this node.`;
            return pod;
          }
          throw new Error(`${key}: flannel recorded no delegate call`);
        }
        type = String((delegate.stdin as JsonObject)['type']);
        stdin = clone(delegate.stdin as JsonObject);
      }
      if (prev !== null && stdin['prevResult'] !== undefined) stdin['prevResult'] = prev;
      stdin = withDataDir(stdin, node.dataDir);
      const env = { ...ex.env, CNI_NETNS: `/var/run/netns/${ns}`, CNI_PATH: PLUGIN_DIR } as Record<
        string,
        string
      >;
      pod.env = env;
      if (type === 'calico') {
        const r = await this.calicoAdd(state, key, node, ns, stdin);
        pod.chain.push({ type, stdin });
        prev = r;
        continue;
      }
      const r = await inNs(node.ns, join(PLUGIN_DIR, type), [], { input: JSON.stringify(stdin), env });
      pod.chain.push({ type, stdin });
      if (r.code !== 0) {
        let msg = r.stdout.trim() || r.stderr.trim();
        try {
          msg = String((JSON.parse(r.stdout) as JsonObject)['msg']);
        } catch {
          // not JSON
        }
        pod.error = `plugin type="${type}" failed (add): ${msg}`;
        await this.teardown(pod, node, env);
        return pod;
      }
      prev = JSON.parse(r.stdout) as JsonObject;
    }
    pod.result = prev;
    return pod;
  }

  private async teardown(pod: RealPod, node: RealNode, env: Record<string, string>): Promise<void> {
    for (const link of [...pod.chain].reverse()) {
      if (link.type === 'calico') continue;
      await inNs(node.ns, join(PLUGIN_DIR, link.type), [], {
        input: JSON.stringify(link.stdin),
        env: { ...env, CNI_COMMAND: 'DEL' },
      });
    }
  }

  private async del(pod: RealPod): Promise<void> {
    const node = this.nodes.get(pod.node);
    if (node !== undefined) {
      for (const link of [...pod.chain].reverse()) {
        if (link.type === 'calico') continue;
        const stdin = { ...link.stdin, prevResult: pod.result as JsonValue };
        const r = await inNs(node.ns, join(PLUGIN_DIR, link.type), [], {
          input: JSON.stringify(stdin),
          env: { ...pod.env, CNI_COMMAND: 'DEL' },
        });
        if (r.code !== 0) throw new Error(`${pod.key}: DEL ${link.type}: ${r.stdout}${r.stderr}`);
      }
    }
    await delNetns(pod.ns);
  }

  /** Calico's CNI plugin and Felix's per-workload programming (see the header). */
  private async calicoAdd(
    state: ClusterState,
    key: string,
    node: RealNode,
    ns: string,
    stdin: JsonObject,
  ): Promise<JsonObject> {
    const pod = state.pods[key];
    const sb = pod?.sandbox;
    if (pod === undefined || sb === undefined)
      throw new NotBuildable(`${key}: Calico ADD without an address`);
    const lab = sandboxResult(sb);
    const hostIf = lab.interfaces?.[0]?.name ?? '';
    const ip = pod.ip ?? '';
    const mtu = String(typeof stdin['mtu'] === 'number' ? stdin['mtu'] : 1500);
    await mustNs(ns, 'ip', [
      'link',
      'add',
      'eth0',
      'mtu',
      mtu,
      'type',
      'veth',
      'peer',
      'name',
      hostIf,
      'mtu',
      mtu,
      'netns',
      node.ns,
    ]);
    await mustNs(node.ns, 'ip', ['link', 'set', hostIf, 'address', 'ee:ee:ee:ee:ee:ee']);
    // netlink.Veth{LinkAttrs{Name, MTU}} leaves TxQLen 0, which vishvananda/netlink sends as 0.
    await mustNs(node.ns, 'ip', ['link', 'set', hostIf, 'txqueuelen', '0']);
    await mustNs(ns, 'ip', ['link', 'set', 'eth0', 'txqueuelen', '0']);
    for (const [k, v] of [
      [`net.ipv4.conf.${hostIf}.proxy_arp`, '1'],
      [`net.ipv4.neigh.${hostIf}.proxy_delay`, '0'],
      [`net.ipv4.conf.${hostIf}.forwarding`, '1'],
      [`net.ipv4.conf.${hostIf}.route_localnet`, '1'],
    ])
      await mustNs(node.ns, 'sysctl', ['-q', '-w', `${k}=${v}`]);
    await mustNs(node.ns, 'ip', ['link', 'set', hostIf, 'up']);
    await mustNs(ns, 'ip', ['addr', 'add', `${ip}/32`, 'dev', 'eth0']);
    await mustNs(ns, 'ip', ['link', 'set', 'eth0', 'up']);
    await mustNs(ns, 'ip', ['route', 'add', '169.254.1.1', 'dev', 'eth0', 'scope', 'link']);
    await mustNs(ns, 'ip', ['route', 'add', 'default', 'via', '169.254.1.1', 'dev', 'eth0']);
    await mustNs(node.ns, 'ip', ['route', 'add', `${ip}/32`, 'dev', hostIf, 'scope', 'link']);
    const mac = (await mustNs(ns, 'cat', ['/sys/class/net/eth0/address'])).trim();
    const blockSize = calicoIpamOf(state.clusterData)?.blockSize ?? 26;
    const confMtu = typeof stdin['mtu'] === 'number' ? stdin['mtu'] : 0;
    return {
      cniVersion: String(stdin['cniVersion']),
      interfaces: [
        { name: hostIf },
        confMtu > 0
          ? { name: 'eth0', mac, mtu: confMtu, sandbox: `/var/run/netns/${ns}` }
          : { name: 'eth0', mac, sandbox: `/var/run/netns/${ns}` },
      ],
      ips: [{ interface: 1, address: `${ip}/32` }],
      routes: [{ dst: `${ip}/${blockSize}` }],
      dns: {},
    };
  }

  /** host-local's files of a node, as `<dataDir>/<net>/<name>` → content. */
  hostLocalFiles(node: string): Map<string, string> {
    const out = new Map<string, string>();
    const real = this.nodes.get(node);
    if (real === undefined) return out;
    for (const net of readdirSync(real.dataDir))
      for (const f of readdirSync(join(real.dataDir, net)))
        out.set(`/var/lib/cni/networks/${net}/${f}`, readFileSync(join(real.dataDir, net, f), 'utf8'));
    return out;
  }
}
