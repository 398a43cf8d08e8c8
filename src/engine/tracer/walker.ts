/**
 * The state of one leg of a trace while it is walked: the hops so far, per-node views (all
 * focused on the leg's inner destination), the policy verdicts and the NAT it saw.
 */
import { own } from '../util/dict.ts';
import { dataPlaneFor } from '../dataplanes/registry.ts';
import type { DataPlane } from '../dataplanes/data-plane.ts';
import { enforcesPolicies } from '../policy/enforcement.ts';
import type { PolicyEvaluation } from '../policy/evaluate-policies.ts';
import type { ClusterState, NodeState } from '../state/types.ts';
import { hostView, type HostView } from './host-view.ts';
import type { ArpExchange } from './arp.ts';
import type { DnatRecord } from './hostport-dnat.ts';
import type { Packet } from './packet.ts';
import type { TraceHop, TraceWhere } from './trace-types.ts';

/** How a leg ended. */
export type LegEnd =
  | { delivered: true; packet: Packet; at: TraceWhere; listening: boolean }
  | { delivered: false; reason: string; fix?: string };

/** A masquerade seen on the way (for the reply's reverse NAT). */
export interface MasqRecord {
  node: string;
  original: string;
  translated: string;
}

/** Mutable per-leg context. */
export class Walker {
  readonly hops: TraceHop[] = [];
  readonly dp: DataPlane | undefined;
  readonly enforce: boolean;
  masq: MasqRecord | null = null;
  /** On a reply leg: the request's masquerade, which conntrack reverses. */
  conntrack: MasqRecord | null = null;
  /** A hostPort DNAT seen on the way (on a reply leg: the request's, which conntrack reverses). */
  dnat: DnatRecord | null = null;
  /** True on the reply leg. */
  isReply = false;
  /** The request comes from the destination pod's own node (never isolated for ingress). */
  fromOwnNode = false;
  /** The request's NetworkPolicy verdicts; set once the source address is known, null on reply legs. */
  policy: PolicyEvaluation | null = null;
  /** The ARP exchanges of the trace so far, in order (the reply's walkers share the request's list). */
  arp: ArpExchange[] = [];
  private readonly views = new Map<string, HostView>();

  constructor(
    readonly state: ClusterState,
    readonly focus: number,
    readonly dstPort: number | null,
  ) {
    this.dp = dataPlaneFor(state.config.network.plugin);
    this.enforce = enforcesPolicies(state.config.network.plugin);
  }

  /** The node's tables for this leg's destination (built once per node per leg). */
  view(node: NodeState): HostView {
    let v = this.views.get(node.name);
    if (v === undefined) {
      v = hostView(this.state, node, this.focus);
      this.views.set(node.name, v);
    }
    return v;
  }

  hop(where: TraceWhere, device: string, note: string, packet: Packet): void {
    this.hops.push({ where, device, note, packet });
  }

  /** Records an ARP exchange the packet needed to leave a host. */
  resolved(exchange: ArpExchange): void {
    this.arp.push(exchange);
  }

  /** The node holding an underlay IP. */
  nodeByIp(ip: string): NodeState | undefined {
    for (const name of this.state.nodeOrder) {
      const n = own(this.state.nodes, name);
      if (n?.ip === ip) return n;
    }
    return undefined;
  }

  /** Egress policy at the source pod: a note, or a drop reason. */
  egress(): { note: string; deny?: string } {
    return this.direction('egress');
  }

  /** Ingress policy at the destination pod. */
  ingress(): { note: string; deny?: string } {
    return this.direction('ingress');
  }

  private direction(dir: 'egress' | 'ingress'): { note: string; deny?: string } {
    const v = this.policy?.[dir];
    const plugin = this.state.config.network.plugin;
    if (v === undefined || !v.isolated) return { note: '' };
    if (!this.enforce)
      return {
        note: `; NetworkPolicy ${v.decidedBy.join(', ')} selects this pod for ${dir} but is not enforced by this plugin (${plugin} ignores NetworkPolicy)`,
      };
    const enforcer = plugin === 'calico' ? 'Calico Felix' : 'weave-npc';
    // Kubernetes: traffic to a pod from its own node is always allowed (kubelet's probes
    // rely on it); Felix and weave-npc do not police host → local workload traffic.
    if (dir === 'ingress' && this.fromOwnNode)
      return {
        note: `; NetworkPolicy ${v.decidedBy.join(', ')} isolates this pod for ingress, but traffic from its own node is always allowed (${enforcer} does not police the host's traffic to its local pods)`,
      };
    const note = `; ${dir} NetworkPolicy check (${enforcer}): ${v.reason}`;
    return v.verdict === 'allow'
      ? { note }
      : { note, deny: `NetworkPolicy denied it at ${dir} (${enforcer}): ${v.reason}` };
  }
}
