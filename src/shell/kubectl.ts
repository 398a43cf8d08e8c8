/**
 * `kubectl` at the workstation: get, describe, exec, run, delete, label, apply. Reads come
 * from the cluster state; changes go through the host's dispatch (the store's action, so
 * undo, the event log and lesson goals see them). Messages are kubectl's own.
 */
import { dump } from 'js-yaml';
import { namespaceNames, type PodState } from '../engine/index.ts';
import { describeNode, describePod } from './kubectl-describe.ts';
import { parseKubectlArgs, type KubectlArgs } from './kubectl-flags.ts';
import { namespaceOf, notFound, podByName, SINGULAR, target } from './kubectl-resources.ts';
import { apply, label, run } from './kubectl-write.ts';
import { create, formatNamespacesTable, namespaceObject } from './kubectl-namespaces.ts';
import {
  formatEventsTable,
  formatNodesTable,
  formatPodsTable,
  formatPoliciesTable,
  parseEvent,
} from './kubectl-tables.ts';
import { listObject, nodeObject, podObject, policyObject } from './k8s-objects.ts';
import { fail, ok, type Ctx, type ProgramResult } from './program.ts';
import { matchesSelector, parseSelector } from './selector.ts';
import type { Place } from './types.ts';

/** Runs `argv` in a pod (kubectl exec); supplied by the shell. */
export type RunIn = (place: Place, argv: readonly string[]) => ProgramResult;

const HELP = `kubectl controls the Kubernetes cluster manager.

Basic Commands:
  run           Run a particular image on the cluster
  get           Display one or many resources
  delete        Delete resources by file names, stdin, resources and names, or by resources and label selector

Troubleshooting and Debugging Commands:
  describe      Show details of a specific resource or group of resources
  exec          Execute a command in a container

Advanced Commands:
  apply         Apply a configuration to a resource by file name or stdin

Settings Commands:
  label         Update the labels on a resource

Usage:
  kubectl [flags] [options]
`;

function byName<T>(items: T[], name: (t: T) => string): T[] {
  return items.sort((a, b) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
}

function printObjects(objs: readonly Record<string, unknown>[], format: string, single: boolean): string {
  const value = single && objs.length === 1 ? objs[0] : listObject(objs);
  if (format === 'json') return `${JSON.stringify(value, null, 4)}\n`;
  return dump(value, {
    sortKeys: true,
    seqNoIndent: true,
    lineWidth: -1,
    noRefs: true,
    quoteStyle: 'double',
  });
}

function get(ctx: Ctx, a: KubectlArgs): ProgramResult {
  const t = target(a.positional);
  if ('error' in t) return fail(t.error);
  const state = ctx.state;
  const all = a.flags['all-namespaces'] === 'true';
  const ns = namespaceOf(a);
  const format = a.flags['output'] ?? '';
  if (!['', 'wide', 'yaml', 'json', 'name'].includes(format))
    return fail(
      `error: unable to match a printer suitable for the output format "${format}", allowed formats are: json,name,wide,yaml`,
    );
  let selector = null;
  if (a.flags['selector'] !== undefined) {
    const s = parseSelector(a.flags['selector']);
    if (!s.ok) return fail(s.message);
    selector = s.value;
  }
  const errors: string[] = [];
  const empty =
    all || t.resource === 'nodes' ? 'No resources found\n' : `No resources found in ${ns} namespace.\n`;
  if (t.resource === 'pods') {
    let pods: PodState[];
    if (t.names.length > 0) {
      pods = [];
      for (const n of t.names) {
        const p = podByName(state, ns, n);
        if (p === undefined) errors.push(notFound('pods', n));
        else pods.push(p);
      }
    } else {
      pods = [];
      for (const k of state.podOrder) {
        const p = state.pods[k];
        if (
          p !== undefined &&
          (all || p.namespace === ns) &&
          (selector === null || matchesSelector(p.labels, selector))
        )
          pods.push(p);
      }
      pods = all
        ? pods.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
        : byName(pods, (p) => p.name);
    }
    return finish(
      pods.length === 0
        ? ''
        : format === 'yaml' || format === 'json'
          ? printObjects(
              pods.map((p) => podObject(state, p)),
              format,
              t.names.length === 1,
            )
          : format === 'name'
            ? pods.map((p) => `pod/${p.name}\n`).join('')
            : formatPodsTable(state, pods, {
                wide: format === 'wide',
                allNamespaces: all,
                showLabels: a.flags['show-labels'] === 'true',
              }),
      errors,
      t.names.length === 0 ? empty : '',
    );
  }
  if (t.resource === 'nodes') {
    const nodes = [];
    if (t.names.length > 0) {
      for (const n of t.names) {
        const node = Object.hasOwn(state.nodes, n) ? state.nodes[n] : undefined;
        if (node === undefined) errors.push(notFound('nodes', n));
        else nodes.push(node);
      }
    } else
      for (const n of state.nodeOrder) {
        const node = state.nodes[n];
        if (node !== undefined) nodes.push(node);
      }
    const sorted = t.names.length > 0 ? nodes : byName(nodes, (n) => n.name);
    return finish(
      sorted.length === 0
        ? ''
        : format === 'yaml' || format === 'json'
          ? printObjects(sorted.map(nodeObject), format, t.names.length === 1)
          : format === 'name'
            ? sorted.map((n) => `node/${n.name}\n`).join('')
            : formatNodesTable(state, sorted, format === 'wide'),
      errors,
      t.names.length === 0 ? empty : '',
    );
  }
  if (t.resource === 'namespaces') {
    const existing = namespaceNames(state);
    const names = t.names.length === 0 ? existing : t.names.filter((n) => existing.includes(n));
    for (const n of t.names) if (!existing.includes(n)) errors.push(notFound('namespaces', n));
    return finish(
      names.length === 0
        ? ''
        : format === 'yaml' || format === 'json'
          ? printObjects(
              names.map((n) => namespaceObject(state, n)),
              format,
              t.names.length === 1,
            )
          : format === 'name'
            ? names.map((n) => `namespace/${n}\n`).join('')
            : formatNamespacesTable(state, names, a.flags['show-labels'] === 'true'),
      errors,
      '',
    );
  }
  if (t.resource === 'networkpolicies') {
    let policies = Object.values(state.policies).filter((p) => all || p.metadata.namespace === ns);
    if (t.names.length > 0) {
      const found = [];
      for (const n of t.names) {
        const p = policies.find((x) => x.metadata.name === n);
        if (p === undefined) errors.push(notFound('networkpolicies', n));
        else found.push(p);
      }
      policies = found;
    } else policies = byName(policies, (p) => `${p.metadata.namespace}/${p.metadata.name}`);
    return finish(
      policies.length === 0
        ? ''
        : format === 'yaml' || format === 'json'
          ? printObjects(policies.map(policyObject), format, t.names.length === 1)
          : format === 'name'
            ? policies.map((p) => `networkpolicy.networking.k8s.io/${p.metadata.name}\n`).join('')
            : formatPoliciesTable(policies, all),
      errors,
      t.names.length === 0 ? empty : '',
    );
  }
  const events = state.events
    .map(parseEvent)
    .filter((e) => e !== null)
    .filter((e) => all || e.namespace === ns);
  return finish(events.length === 0 ? '' : formatEventsTable(events, all), errors, empty);
}

function finish(out: string, errors: readonly string[], empty: string): ProgramResult {
  const err = errors.map((e) => `${e}\n`).join('');
  if (out === '' && errors.length === 0) return ok(empty);
  return { out: out + err, status: errors.length > 0 ? 1 : 0 };
}

function describe(ctx: Ctx, a: KubectlArgs): ProgramResult {
  const t = target(a.positional);
  if ('error' in t) return fail(t.error.replace('to get', 'to describe'));
  const ns = namespaceOf(a);
  const state = ctx.state;
  const parts: string[] = [];
  const errors: string[] = [];
  if (t.resource === 'pods') {
    const pods =
      t.names.length > 0
        ? t.names.map((n) => podByName(state, ns, n) ?? n)
        : state.podOrder.map((k) => state.pods[k]).filter((p): p is PodState => p?.namespace === ns);
    for (const p of pods) {
      if (typeof p === 'string') errors.push(notFound('pods', p));
      else parts.push(describePod(state, p));
    }
  } else if (t.resource === 'nodes') {
    const names = t.names.length > 0 ? t.names : state.nodeOrder;
    for (const n of names) {
      const node = Object.hasOwn(state.nodes, n) ? state.nodes[n] : undefined;
      if (node === undefined) errors.push(notFound('nodes', n));
      else parts.push(describeNode(state, node));
    }
  } else
    return fail(`error: describe for ${t.resource} is not in the lab; use kubectl get ${t.resource} -o yaml`);
  const out = parts.join('\n\n') + errors.map((e) => `${e}\n`).join('');
  return {
    out: out === '' ? `No resources found in ${ns} namespace.\n` : out,
    status: errors.length > 0 ? 1 : 0,
  };
}

const SHELLS = new Set(['sh', '/bin/sh', 'bash', '/bin/bash', 'ash', '/bin/ash']);

function exec(ctx: Ctx, a: KubectlArgs, runIn: RunIn): ProgramResult {
  const name = a.positional[0];
  if (name === undefined)
    return fail(
      "error: expected 'exec POD_NAME COMMAND [ARG1] [ARG2] ... [ARGN]'.\nPOD_NAME and COMMAND are required arguments for the exec command\nSee 'kubectl exec -h' for help and examples",
    );
  if (a.command === null || a.command.length === 0)
    return fail(
      a.positional.length > 1
        ? "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples"
        : 'error: you must specify at least one command for the container',
    );
  const podName = name.startsWith('pod/') ? name.slice(4) : name;
  const pod = podByName(ctx.state, namespaceOf(a), podName);
  if (pod === undefined) return fail(notFound('pods', podName));
  const wanted = a.flags['container'];
  const container = wanted === undefined ? pod.containers[0] : pod.containers.find((c) => c.name === wanted);
  let out = '';
  if (container === undefined)
    return fail(`error: unable to upgrade connection: container not found ("${wanted ?? ''}")`);
  if (pod.phase !== 'Running')
    return fail(`error: unable to upgrade connection: container not found ("${container.name}")`);
  if (wanted === undefined && pod.containers.length > 1)
    out += `Defaulted container "${container.name}" out of: ${pod.containers.map((c) => c.name).join(', ')}\n`;
  const argv = a.command;
  const place: Place = { kind: 'pod', pod: pod.key, container: container.name };
  if (SHELLS.has(argv[0] ?? '') && argv.length === 1) {
    if (a.flags['stdin'] !== 'true') return ok(out);
    if (a.flags['tty'] !== 'true')
      out += 'Unable to use a TTY - input is not a terminal or the right kind of file\n';
    return { out, status: 0, session: { ...ctx.session, places: [...ctx.session.places, place] } };
  }
  const r = runIn(place, argv);
  if (r.status === 127)
    return fail(
      `${out}error: Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${(pod.sandbox?.containerId ?? '').slice(0, 64)}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${argv[0] ?? ''}": executable file not found in $PATH: unknown`,
    );
  const tail = r.status !== 0 ? `command terminated with exit code ${r.status}\n` : '';
  return { ...r, out: out + r.out + tail };
}

function del(ctx: Ctx, a: KubectlArgs): ProgramResult {
  const t = target(a.positional);
  if ('error' in t) return fail(t.error.replace('to get', 'to delete'));
  if (t.names.length === 0) return fail(`error: resource(s) were provided, but no name was specified`);
  const ns = namespaceOf(a);
  let out = '';
  let status = 0;
  for (const n of t.names) {
    const r =
      t.resource === 'pods'
        ? ctx.host.dispatch({ type: 'deletePod', name: n, namespace: ns })
        : t.resource === 'nodes'
          ? ctx.host.dispatch({ type: 'removeNode', name: n })
          : t.resource === 'networkpolicies'
            ? ctx.host.dispatch({ type: 'deleteNetworkPolicy', name: n, namespace: ns })
            : null;
    if (r === null) return fail(`error: the lab does not delete ${t.resource}`);
    if (r.ok) out += `${SINGULAR[t.resource]} "${n}" deleted\n`;
    else {
      status = 1;
      out += `${notFound(t.resource, n)}\n`;
    }
  }
  return { out, status };
}

/** `kubectl ...`. */
export function runKubectl(ctx: Ctx, argv: readonly string[], runIn: RunIn): ProgramResult {
  if (ctx.place.kind === 'node')
    return fail(
      'E0105 09:00:00.000000    4242 memcache.go:265] couldn\'t get current server API group list: Get "http://localhost:8080/api?timeout=32s": dial tcp 127.0.0.1:8080: connect: connection refused\nThe connection to the server localhost:8080 was refused - did you specify the right host or port?',
    );
  const sub = argv[1];
  if (sub === undefined || sub === 'help' || sub === '--help' || sub === '-h') return ok(HELP);
  const parsed = parseKubectlArgs(argv.slice(2), sub);
  if (!parsed.ok) return fail(parsed.message);
  const a = parsed.value;
  switch (sub) {
    case 'get':
      return get(ctx, a);
    case 'describe':
      return describe(ctx, a);
    case 'exec':
      return exec(ctx, a, runIn);
    case 'run':
      return run(ctx, a);
    case 'delete':
      return del(ctx, a);
    case 'label':
      return label(ctx, a);
    case 'create':
      return create(ctx, a.positional);
    case 'apply':
      return apply(ctx, a);
    default:
      return fail(
        `error: unknown command "${sub}" for "kubectl"\n\nDid you mean this?\n\tget\n\tdescribe\n\texec\nRun 'kubectl --help' for usage.`,
      );
  }
}

/** kubectl's subcommands the lab knows (for completion). */
export const KUBECTL_SUBCOMMANDS = [
  'apply',
  'create',
  'delete',
  'describe',
  'exec',
  'get',
  'label',
  'run',
] as const;
/** Resource names for completion. */
export const KUBECTL_RESOURCES = ['events', 'namespaces', 'networkpolicies', 'nodes', 'pods'] as const;
