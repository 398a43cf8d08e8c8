import { describe, expect, it } from 'vitest';
import { DEFAULT_SANDBOX } from './sandbox-params.ts';
import { formatRoute, parseRoute, type Route } from './route.ts';

const config = DEFAULT_SANDBOX;

/** What a sandbox link says it did not understand. */
function linkProblems(hash: string): readonly string[] {
  const route = parseRoute(hash);
  return route.page === 'sandbox' ? (route.problems ?? []) : [`not a sandbox route: ${route.page}`];
}

describe('routes in the URL hash', () => {
  it.each<[string, Route]>([
    ['', { page: 'home' }],
    ['#/', { page: 'home' }],
    ['#/sandbox', { page: 'sandbox', select: null, config }],
    ['#/sandbox?select=node/node-2', { page: 'sandbox', select: { kind: 'node', name: 'node-2' }, config }],
    [
      '#/sandbox?select=pod/kube-system/dns',
      { page: 'sandbox', select: { kind: 'pod', key: 'kube-system/dns' }, config },
    ],
    ['#/sandbox?select=pod/web', { page: 'sandbox', select: { kind: 'pod', key: 'default/web' }, config }],
    ['#/sandbox?select=router/r1', { page: 'sandbox', select: null, config }],
    [
      '#/sandbox?plugin=flannel&mode=host-gw&nodes=10&pods=300',
      { page: 'sandbox', select: null, config: { plugin: 'flannel', mode: 'host-gw', nodes: 10, pods: 300 } },
    ],
    [
      '#/sandbox?plugin=cilium&nodes=-1',
      {
        page: 'sandbox',
        select: null,
        config,
        problems: [
          'plugin=cilium is not one of flannel, calico, weave, bridge; using flannel.',
          'nodes=-1 is not a whole number from 1 to 5,000; using 3.',
        ],
      },
    ],
    ['#/nowhere', { page: 'not-found', path: '/nowhere' }],
    ['#/lesson/ip-per-pod', { page: 'lesson', lessonId: 'ip-per-pod', step: 1 }],
    ['#/lesson/ip-per-pod/3', { page: 'lesson', lessonId: 'ip-per-pod', step: 3 }],
    ['#/lesson/ip-per-pod/0', { page: 'lesson', lessonId: 'ip-per-pod', step: 1 }],
    ['#/lesson/Bad_Id/2', { page: 'not-found', path: '/lesson/Bad_Id/2' }],
  ])('%s', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it('a misspelled setting is named with the one it most likely misspells, and ignored', () => {
    expect(parseRoute('#/sandbox?plugn=calico')).toEqual({
      page: 'sandbox',
      select: null,
      config,
      problems: ['did not understand plugn=calico; did you mean plugin? It was ignored.'],
    });
    expect(linkProblems('#/sandbox?colour=red&nodes=2')).toEqual([
      'did not understand colour=red: a sandbox link holds plugin, mode, nodes, pods, select, share; it was ignored.',
    ]);
    expect(parseRoute('#/sandbox?nodes=2&nodes=4')).toMatchObject({
      config: { nodes: 2 },
      problems: ['nodes is given more than once; the first is used.'],
    });
  });

  it('a bad value is echoed as typed: "+" stays "+", hidden characters are spelled out', () => {
    expect(linkProblems('#/sandbox?nodes=+3')).toEqual([
      'nodes=+3 is not a whole number from 1 to 5,000; using 3.',
    ]);
    expect(linkProblems('#/sandbox?plugin=%E2%80%AEcalico')).toEqual([
      'plugin=<U+202E>calico is not one of flannel, calico, weave, bridge; using flannel.',
    ]);
  });

  it('a huge value is echoed cut to 80 characters with its length', () => {
    const huge = 'x'.repeat(1024 * 1024);
    const [problem] = linkProblems(`#/sandbox?mode=${huge}`);
    expect(problem).toBe(
      `mode=${'x'.repeat(80)}… (1,048,576 characters) is not a mode of flannel (vxlan, host-gw); using vxlan.`,
    );
    const [unknown] = linkProblems(`#/sandbox?${huge}=1`);
    expect(unknown).toBe(
      `did not understand ${'x'.repeat(80)}… (1,048,576 characters)=1: a sandbox link holds plugin, mode, nodes, pods, select, share; it was ignored.`,
    );
  });

  it('formatRoute and parseRoute round-trip', () => {
    const routes: Route[] = [
      { page: 'home' },
      { page: 'lesson', lessonId: 'flannel-vxlan', step: 4 },
      { page: 'sandbox', select: null, config },
      { page: 'sandbox', select: { kind: 'node', name: 'node-3' }, config },
      {
        page: 'sandbox',
        select: { kind: 'pod', key: 'default/web' },
        config: { plugin: 'calico', mode: 'vxlan', nodes: 4, pods: 8 },
      },
    ];
    for (const r of routes) expect(parseRoute(formatRoute(r))).toEqual(r);
  });
});
