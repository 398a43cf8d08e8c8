import { compressToEncodedURIComponent } from 'lz-string';
import { describe, expect, it } from 'vitest';
import { createLabStore } from '../store/lab-store.ts';
import { selectShareableSandbox } from '../store/selectors.ts';
import { parseRoute, formatRoute } from './route.ts';
import { sandboxClusterSpec, DEFAULT_SANDBOX } from './sandbox-params.ts';
import { buildLink, decodeLinkValue, loadCodec, MAX_LINK_CHARS } from './share-codec.ts';
import { formatSharedSandbox, parseSharedSandbox } from './share-link.ts';

const POLICY = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'deny', namespace: 'default' },
  spec: { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'] },
};

function sandbox() {
  const store = createLabStore();
  store
    .getState()
    .loadCluster({ ...sandboxClusterSpec({ ...DEFAULT_SANDBOX, plugin: 'calico', mode: 'ipip' }) }, 7);
  const s = store.getState();
  s.dispatch({ type: 'schedulePod', name: 'web', node: 'node-1', labels: { app: 'web' } });
  s.dispatch({ type: 'schedulePod', name: 'client', node: 'node-2', labels: { app: 'client' } });
  s.dispatch({ type: 'schedulePod', name: 'gone', node: 'node-3' });
  s.dispatch({ type: 'deletePod', name: 'gone' });
  s.dispatch({ type: 'schedulePod', name: 'after', node: 'node-3' });
  s.dispatch({ type: 'applyNetworkPolicy', policy: POLICY });
  s.runTrace({ from: 'pod/client', to: 'web', protocol: 'tcp', port: 80 });
  s.dispatch({ type: 'schedulePod', name: 'web', node: 'node-2' }); // fails: not in the link
  return store;
}

describe('sandbox links', () => {
  it('replay to exactly the same cluster (IPs, MACs, ids), with the trace shown', async () => {
    const codec = await loadCodec();
    const original = sandbox();
    const encoded = codec.compress(formatSharedSandbox(selectShareableSandbox(original.getState())));
    const route = parseRoute(
      formatRoute({ page: 'sandbox', select: null, config: DEFAULT_SANDBOX, share: encoded }),
    );
    if (route.page !== 'sandbox' || route.share === undefined) throw new Error('no share in the route');
    const decoded = decodeLinkValue(codec, route.share);
    if (!decoded.ok) throw new Error(decoded.message);
    const parsed = parseSharedSandbox(decoded.text);
    if (!parsed.ok) throw new Error(parsed.problems.join('; '));
    const opened = createLabStore();
    expect(opened.getState().loadCluster(parsed.value.cluster, parsed.value.seed)).toEqual({ ok: true });
    expect(opened.getState().replayActions(parsed.value.actions)).toEqual([]);
    expect(JSON.stringify(opened.getState().cluster)).toBe(JSON.stringify(original.getState().cluster));
    expect(Object.keys(opened.getState().cluster.policies)).toEqual(['default/deny']);
    expect(opened.getState().trace?.result.delivered).toBe(false);
  });

  it('refuse a cut, changed or hostile link with the reason', async () => {
    const codec = await loadCodec();
    const good = codec.compress(formatSharedSandbox(selectShareableSandbox(sandbox().getState())));
    expect(decodeLinkValue(codec, '')).toMatchObject({ ok: false, message: 'the link carries no data' });
    expect(decodeLinkValue(codec, `${good}<script>`)).toMatchObject({ ok: false, message: /characters/ });
    expect(decodeLinkValue(codec, 'A'.repeat(20_000))).toMatchObject({
      ok: false,
      message: /over the 16,000/,
    });
    const cut = decodeLinkValue(codec, good.slice(0, good.length / 2));
    if (cut.ok) expect(parseSharedSandbox(cut.text).ok).toBe(false);
    const bad = (doc: unknown) => parseSharedSandbox(JSON.stringify(doc));
    expect(bad([1, 2])).toMatchObject({ ok: false, problems: [/expected an object/] });
    expect(bad({ v: 2, seed: 1, cluster: {}, actions: [] })).toMatchObject({
      ok: false,
      problems: [/newer version/],
    });
    expect(bad({ v: 1, seed: -1, cluster: {}, actions: [] })).toMatchObject({
      ok: false,
      problems: [/^seed/],
    });
    expect(bad({ v: 1, seed: 1, cluster: { nodes: 'x' }, actions: [] })).toMatchObject({
      ok: false,
      problems: [/^cluster\.nodes/],
    });
    expect(bad({ v: 1, seed: 1, cluster: {}, actions: [{ type: 'rm -rf' }] })).toMatchObject({
      ok: false,
      problems: [/^actions\[0\]/],
    });
    const many = Array.from({ length: 2001 }, () => ({ type: 'deletePod', name: 'x' }));
    expect(bad({ v: 1, seed: 1, cluster: {}, actions: many })).toMatchObject({
      ok: false,
      problems: [/2001 actions/],
    });
    const proto = parseSharedSandbox('{"v":1,"seed":1,"cluster":{"__proto__":{"polluted":1}},"actions":[]}');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    void proto;
    // URLSearchParams turns "+" into a space; the route gives it back.
    const plus = compressToEncodedURIComponent('{"v":1,"seed":1,"cluster":{},"actions":[]}~~~~~~~~~~');
    const route = parseRoute(`#/sandbox?share=${plus}`);
    expect(route.page === 'sandbox' && route.share).toBe(plus);
  });

  it('refuse a link too long for browsers, naming its length', () => {
    const long = buildLink('https://example.test/lab/', `#/sandbox?share=${'A'.repeat(MAX_LINK_CHARS)}`);
    expect(long).toMatchObject({ ok: false, message: /characters long; links over 8,000/ });
    expect(buildLink('https://example.test/lab/', '#/sandbox?share=AB')).toEqual({
      ok: true,
      url: 'https://example.test/lab/#/sandbox?share=AB',
    });
  });
});
