import { describe, expect, it } from 'vitest';
import {
  applyCommands,
  cniExchangeForPod,
  createCluster,
  nodeTables,
  podTables,
  sandboxResult,
  tracePacket,
  type ClusterState,
} from '../index.ts';
import { sandboxPodMac } from './packed-result.ts';

/** A Calico VXLAN cluster (pod MTU 1450) with pods a, b on node-1 and c on node-2. */
function calicoCluster(): ClusterState {
  const created = createCluster(
    { network: { plugin: 'calico', mode: 'vxlan' }, nodes: [{ name: 'node-1' }, { name: 'node-2' }] },
    7,
  );
  if (!created.ok) throw new Error(JSON.stringify(created.problems));
  return applyCommands(created.state, [
    { type: 'schedulePod', name: 'a', node: 'node-1' },
    { type: 'schedulePod', name: 'b', node: 'node-1' },
    { type: 'schedulePod', name: 'c', node: 'node-2' },
  ]).state;
}

function answer(state: ClusterState, key: string, from: string): unknown {
  return cniExchangeForPod(state, key).find((x) => x.kind === 'response' && x.from === from)?.result;
}

describe('calico and calico-ipam Results (projectcalico/calico master 87c15906)', () => {
  const state = calicoCluster();
  const pod = state.pods['default/a'];
  const sb = pod?.sandbox;
  if (pod === undefined || sb === undefined || pod.ip === null) throw new Error('a is not running');
  const ip = pod.ip;
  const mac = sandboxPodMac(sb);
  const hostIf = nodeTables(state, 'node-1')?.interfaces.find((i) => i.index === sb.hostIfIndex);

  it("calico-ipam returns the address with its block's mask and one route to it (ipam_plugin.go)", () => {
    expect(JSON.stringify(answer(state, 'default/a', 'calico-ipam'))).toBe(
      `{"cniVersion":"1.0.0","ips":[{"address":"${ip}/26"}],"routes":[{"dst":"${ip}/26"}],"dns":{}}`,
    );
  });

  it('calico returns the host veth by name only, then eth0 with MAC, MTU and sandbox (k8s.go CmdAddK8s)', () => {
    expect(hostIf?.name).toMatch(/^cali[0-9a-f]{11}$/);
    expect(mac).toMatch(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/);
    expect(JSON.stringify(answer(state, 'default/a', 'calico'))).toBe(
      `{"cniVersion":"1.0.0","interfaces":[{"name":"${hostIf?.name}"},` +
        `{"name":"eth0","mac":"${mac}","mtu":1450,"sandbox":"${sb.netns}"}],` +
        `"ips":[{"interface":1,"address":"${ip}/32"}],"routes":[{"dst":"${ip}/26"}],"dns":{}}`,
    );
  });

  it("stores portmap's Result: calico's, printed through CNI v1.0 types, so eth0 has no mtu", () => {
    expect(JSON.stringify(sandboxResult(sb))).toBe(
      `{"cniVersion":"1.0.0","interfaces":[{"name":"${hostIf?.name}"},` +
        `{"name":"eth0","mac":"${mac}","sandbox":"${sb.netns}"}],` +
        `"ips":[{"interface":1,"address":"${ip}/32"}],"routes":[{"dst":"${ip}/26"}],"dns":{}}`,
    );
    expect(answer(state, 'default/a', 'portmap')).toEqual(sandboxResult(sb));
  });

  it('keeps the MACs, MTUs and ifindexes the Result leaves out in the node and pod tables', () => {
    // The cali veth: ee:ee:ee:ee:ee:ee and the conf's MTU, peer of the pod's eth0 (ifindex 2).
    expect(hostIf).toMatchObject({ kind: 'veth', mac: 'ee:ee:ee:ee:ee:ee', mtu: 1450, peerIndex: 2 });
    // The pod's eth0: the MAC drawn for it, the conf's MTU, the /32 and the cali veth as peer.
    const eth0 = podTables(state, 'default/a')?.interfaces.find((i) => i.name === 'eth0');
    expect(eth0).toEqual(
      expect.objectContaining({
        index: 2,
        mac,
        mtu: 1450,
        addresses: [`${ip}/32`],
        peerIndex: sb.hostIfIndex,
      }),
    );
    // IPAM's route is not a pod route: the pod routes via 169.254.1.1 only.
    expect(podTables(state, 'default/a')?.ipRoute).toEqual([
      'default via 169.254.1.1 dev eth0',
      '169.254.1.1 dev eth0 scope link',
    ]);
    expect(nodeTables(state, 'node-1')?.ipRoute).toContain(`${ip} dev ${hostIf?.name} scope link`);
  });

  it('traces to a pod with the MAC kept for its eth0', () => {
    const r = tracePacket(state, { from: 'pod/c', to: 'pod/a', protocol: 'icmp' });
    if (!r.ok) throw new Error('trace');
    expect(r.trace.delivered).toBe(true);
    const last = r.trace.hops[r.trace.hops.length - 1];
    expect(last?.where).toBe('pod/a');
    expect(last?.packet.eth?.dst).toBe(mac);
  });
});
