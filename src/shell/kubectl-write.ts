/**
 * `kubectl run`, `kubectl label` and `kubectl apply -f -`: the writes that create objects or
 * change their labels.
 * Changes go through the host's dispatch like every other command; messages are kubectl's.
 */
import { loadAll, YAMLException } from 'js-yaml';
import {
  NAMESPACE_NAME_LABEL,
  namespaceExists,
  namespaceLabels,
  type ClusterState,
  type Command,
} from '../engine/index.ts';
import type { KubectlArgs } from './kubectl-flags.ts';
import { namespaceOf, notFound, podByName, target } from './kubectl-resources.ts';
import { fail, ok, type Ctx, type ProgramResult } from './program.ts';

const LABEL_ARG = /^([^=\s]+)=(.*)$/;

/** What `label` and `apply` change labels on: a pod of a namespace, or a namespace. */
interface LabelTarget {
  readonly resource: 'pods' | 'namespaces';
  readonly singular: 'pod' | 'namespace';
  /** The object's labels now, or undefined when it does not exist. */
  labelsOf(state: ClusterState, name: string): Readonly<Record<string, string>> | undefined;
  command(name: string, labels: Record<string, string>, remove: string[], overwrite: boolean): Command;
}

function podLabels(ns: string): LabelTarget {
  return {
    resource: 'pods',
    singular: 'pod',
    labelsOf: (state, name) => podByName(state, ns, name)?.labels,
    command: (name, labels, remove, overwrite) => ({
      type: 'labelPod',
      name,
      namespace: ns,
      labels,
      remove,
      overwrite,
    }),
  };
}

const NAMESPACE_LABELS: LabelTarget = {
  resource: 'namespaces',
  singular: 'namespace',
  labelsOf: (state, name) => (namespaceExists(state, name) ? namespaceLabels(state, name) : undefined),
  command: (name, labels, remove, overwrite) => ({ type: 'labelNamespace', name, labels, remove, overwrite }),
};

/** `kubectl label pod|namespace NAME k=v k2- [--overwrite]`. */
export function label(ctx: Ctx, a: KubectlArgs): ProgramResult {
  const changes = a.positional.filter((p) => LABEL_ARG.test(p) || (p.endsWith('-') && !p.includes('/')));
  const objects = a.positional.filter((p) => !changes.includes(p));
  const t = target(objects);
  if ('error' in t) return fail(t.error.replace('to get', 'to label'));
  const on =
    t.resource === 'pods' ? podLabels(namespaceOf(a)) : t.resource === 'namespaces' ? NAMESPACE_LABELS : null;
  if (on === null) return fail(`error: the lab labels pods and namespaces, not ${t.resource}`);
  if (t.names.length === 0)
    return fail('error: one or more resources must be specified as <resource> <name> or <resource>/<name>');
  if (changes.length === 0) return fail('error: at least one label update is required');
  const { labels, remove } = parseChanges(changes);
  const overwrite = a.flags['overwrite'] === 'true';
  let out = '';
  let status = 0;
  for (const name of t.names) {
    const before = on.labelsOf(ctx.host.cluster(), name);
    if (before === undefined) {
      status = 1;
      out += `${notFound(on.resource, name)}\n`;
      continue;
    }
    for (const k of remove) if (!Object.hasOwn(before, k)) out += `label "${k}" not found.\n`;
    const r = ctx.host.dispatch(on.command(name, { ...labels }, remove, overwrite));
    if (!r.ok) {
      status = 1;
      out += `error: ${r.error.message}\n`;
      continue;
    }
    const after = on.labelsOf(ctx.host.cluster(), name) ?? {};
    out += `${on.singular}/${name} ${labelWord(before, after, overwrite)}\n`;
  }
  return { out, status };
}

/**
 * `apply` of an existing object: its labels become exactly `wanted` (keys in `keep` stay).
 * Returns kubectl's word, or the engine's refusal.
 */
function reconcileLabels(
  ctx: Ctx,
  on: LabelTarget,
  name: string,
  wanted: Record<string, string>,
  keep: readonly string[] = [],
): { word: 'unchanged' | 'configured' } | { error: string } {
  const before = on.labelsOf(ctx.host.cluster(), name) ?? {};
  const remove = Object.keys(before).filter((k) => !Object.hasOwn(wanted, k) && !keep.includes(k));
  if (remove.length === 0 && Object.entries(wanted).every(([k, v]) => before[k] === v))
    return { word: 'unchanged' };
  const r = ctx.host.dispatch(on.command(name, wanted, remove, true));
  return r.ok ? { word: 'configured' } : { error: r.error.message };
}

/** The engine's field paths as the API server names a Pod's fields. */
function podField(path: string): string {
  return path
    .replace(/^command\./, '')
    .replace(/^(name|namespace|labels)\b/, 'metadata.$1')
    .replace(/^containers\b/, 'spec.containers')
    .replace(/^hostNetwork\b/, 'spec.hostNetwork')
    .replace(/^node\b/, 'spec.nodeName');
}

/** `The Pod "web" is invalid: FIELD: WHY[, FIELD: WHY]`, as the API server words a refused pod. */
export function podInvalid(name: string, error: { code: string; message: string; path?: string }): string {
  const causes =
    error.code === 'invalid-command'
      ? error.message.split('; ').map((part) => {
          const colon = part.indexOf(': ');
          return colon < 0 ? part : `${podField(part.slice(0, colon))}: ${part.slice(colon + 2)}`;
        })
      : [error.path !== undefined ? `${podField(error.path)}: ${error.message}` : error.message];
  return `The Pod "${name}" is invalid: ${causes.join(', ')}`;
}

/**
 * The containers' names and ports and `hostNetwork`, as one comparable string (the part of a
 * pod spec the lab keeps). A hostNetwork pod's ports are compared as the API server stores
 * them, hostPorts defaulted to their containerPorts.
 */
function portsOf(containers: readonly unknown[], hostNetwork: boolean): string {
  const defaulted = hostNetwork
    ? containers.map((c) => {
        const doc = isDoc(c) ? c : {};
        if (!Array.isArray(doc['ports'])) return c;
        const ports = doc['ports'].map((p) =>
          isDoc(p) && p['hostPort'] === undefined ? { ...p, hostPort: p['containerPort'] } : p,
        );
        return { ...doc, ports };
      })
    : containers;
  return JSON.stringify([
    hostNetwork,
    defaulted.map((c) => {
      const doc = isDoc(c) ? c : {};
      const ports = Array.isArray(doc['ports']) ? (doc['ports'] as unknown[]) : [];
      return [
        doc['name'],
        ports.map((p) => {
          const pd = isDoc(p) ? p : {};
          return [pd['containerPort'], pd['protocol'] ?? 'TCP', pd['hostPort'] ?? null];
        }),
      ];
    }),
  ]);
}

/** Splits `k=v` and `k-` arguments into labels to set and keys to remove. */
function parseChanges(changes: readonly string[]): { labels: Record<string, string>; remove: string[] } {
  const labels: Record<string, string> = Object.create(null) as Record<string, string>;
  const remove: string[] = [];
  for (const c of changes) {
    const m = LABEL_ARG.exec(c);
    if (m !== null) labels[m[1] ?? ''] = m[2] ?? '';
    else remove.push(c.slice(0, -1));
  }
  return { labels, remove };
}

/** kubectl's wording for a label change: unchanged "not labeled", a shrink without --overwrite "unlabeled". */
function labelWord(
  before: Readonly<Record<string, string>>,
  after: Readonly<Record<string, string>>,
  overwrite: boolean,
): string {
  const was = Object.keys(before).length;
  const same = Object.keys(after).length === was && Object.entries(after).every(([k, v]) => before[k] === v);
  return same ? 'not labeled' : !overwrite && Object.keys(after).length < was ? 'unlabeled' : 'labeled';
}

type Doc = Record<string, unknown>;

const isDoc = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What `apply` does with one object: the command to send and how to word its outcome. */
type Planned = { kind: 'Pod' | 'NetworkPolicy' | 'Namespace'; name: string; doc: Doc };

/** The pod fields the lab models; others are ignored with a warning, as the lab cannot run them. */
const POD_SPEC_FIELDS = new Set(['containers', 'nodeName', 'hostNetwork']);
const CONTAINER_FIELDS = new Set(['name', 'image', 'ports']);
const PORT_FIELDS = new Set(['containerPort', 'protocol', 'hostPort', 'name']);

/** `kubectl apply -f -` with the objects on stdin (a here-document), or `-f FILE`. */
export function apply(ctx: Ctx, a: KubectlArgs): ProgramResult {
  const file = a.flags['filename'];
  if (file === undefined) return fail('error: must specify one of -f and -k');
  if (file !== '-') return fail(`error: the path "${file}" does not exist`);
  const text = ctx.stdin ?? '';
  let docs: unknown[];
  try {
    docs = loadAll(text);
  } catch (e) {
    const why = e instanceof YAMLException ? `yaml: line ${(e.mark?.line ?? 0) + 1}: ${e.reason}` : String(e);
    return fail(`error: error parsing STDIN: error converting YAML to JSON: ${why}`);
  }
  const planned: Planned[] = [];
  for (const d of docs.flatMap((d) =>
    isDoc(d) && d['kind'] === 'List' && Array.isArray(d['items']) ? d['items'] : [d],
  )) {
    if (d === null || d === undefined) continue;
    if (!isDoc(d))
      return fail(
        'error: error validating "STDIN": error validating data: invalid object; the document is not a mapping',
      );
    const kind = d['kind'];
    if (typeof kind !== 'string' || kind === '')
      return fail(
        'error: error validating "STDIN": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false',
      );
    const meta = isDoc(d['metadata']) ? d['metadata'] : {};
    const name = typeof meta['name'] === 'string' ? meta['name'] : '';
    if (kind !== 'Pod' && kind !== 'NetworkPolicy' && kind !== 'Namespace')
      return fail(
        `error: the lab applies Pod, NetworkPolicy and Namespace objects; "${kind}" is not modelled (nothing was applied)`,
      );
    if (name === '')
      return fail(
        `error: error when retrieving current configuration of:\nResource: "${kind}", Name: ""\nfrom server for: "STDIN": resource name may not be empty`,
      );
    planned.push({ kind, name, doc: d });
  }
  if (planned.length === 0) return fail('error: no objects passed to apply');
  let out = '';
  let status = 0;
  for (const p of planned) {
    const r =
      p.kind === 'Pod'
        ? applyPod(ctx, a, p)
        : p.kind === 'Namespace'
          ? applyNamespace(ctx, p)
          : applyPolicy(ctx, a, p);
    out += r.out;
    if (r.status !== 0) status = r.status;
  }
  return { out, status };
}

function applyNamespace(ctx: Ctx, p: Planned): ProgramResult {
  const meta = p.doc['metadata'] as Doc;
  const raw = isDoc(meta['labels']) ? meta['labels'] : {};
  const wanted = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, String(v)]));
  const state = ctx.host.cluster();
  if (!namespaceExists(state, p.name)) {
    const r = ctx.host.dispatch({ type: 'createNamespace', name: p.name, labels: wanted });
    if (!r.ok) return fail(`The Namespace "${p.name}" is invalid: ${r.error.message}`);
    return ok(`namespace/${p.name} created\n`);
  }
  const r = reconcileLabels(ctx, NAMESPACE_LABELS, p.name, wanted, [NAMESPACE_NAME_LABEL]);
  if ('error' in r) return fail(`The Namespace "${p.name}" is invalid: ${r.error}`);
  return ok(`namespace/${p.name} ${r.word}\n`);
}

function applyPolicy(ctx: Ctx, a: KubectlArgs, p: Planned): ProgramResult {
  const meta = p.doc['metadata'] as Doc;
  const ns = typeof meta['namespace'] === 'string' ? meta['namespace'] : namespaceOf(a);
  const key = `${ns}/${p.name}`;
  const state = ctx.host.cluster();
  const before = Object.hasOwn(state.policies, key) ? JSON.stringify(state.policies[key]) : null;
  const policy = { ...p.doc, metadata: { ...meta, namespace: ns } };
  const r = ctx.host.dispatch({ type: 'applyNetworkPolicy', policy });
  const id = `networkpolicy.networking.k8s.io/${p.name}`;
  if (!r.ok) return fail(`The NetworkPolicy "${p.name}" is invalid: ${r.error.message}`);
  const after = ctx.host.cluster().policies[key];
  const word = before === null ? 'created' : before === JSON.stringify(after) ? 'unchanged' : 'configured';
  return ok(`${id} ${word}\n`);
}

function applyPod(ctx: Ctx, a: KubectlArgs, p: Planned): ProgramResult {
  const meta = p.doc['metadata'] as Doc;
  const ns = typeof meta['namespace'] === 'string' ? meta['namespace'] : namespaceOf(a);
  const spec = isDoc(p.doc['spec']) ? p.doc['spec'] : {};
  let warnings = '';
  const warn = (field: string) => {
    warnings += `Warning: the lab does not model ${field}; it was ignored\n`;
  };
  for (const k of Object.keys(spec)) if (!POD_SPEC_FIELDS.has(k)) warn(`spec.${k}`);
  const rawContainers = Array.isArray(spec['containers']) ? spec['containers'] : [];
  if (rawContainers.length === 0)
    return fail(`The Pod "${p.name}" is invalid: spec.containers: Required value`);
  const containers = rawContainers.map((c, i) => {
    const doc = isDoc(c) ? c : {};
    for (const k of Object.keys(doc)) if (!CONTAINER_FIELDS.has(k)) warn(`spec.containers[${i}].${k}`);
    const ports = Array.isArray(doc['ports'])
      ? doc['ports'].map((port, j) => {
          const pd = isDoc(port) ? port : {};
          for (const k of Object.keys(pd))
            if (!PORT_FIELDS.has(k)) warn(`spec.containers[${i}].ports[${j}].${k}`);
          return Object.fromEntries(Object.entries(pd).filter(([k]) => PORT_FIELDS.has(k)));
        })
      : undefined;
    return {
      ...(doc['name'] !== undefined ? { name: doc['name'] } : {}),
      ...(doc['image'] !== undefined ? { image: doc['image'] } : {}),
      ...(ports !== undefined ? { ports } : {}),
    };
  });
  const labels = isDoc(meta['labels']) ? meta['labels'] : undefined;
  const existing = podByName(ctx.host.cluster(), ns, p.name);
  const hostNetwork = spec['hostNetwork'] === true;
  if (
    existing !== undefined &&
    portsOf(existing.containers, existing.hostNetwork === true) !== portsOf(containers, hostNetwork)
  )
    return fail(
      `${warnings}The Pod "${p.name}" is invalid: spec: Forbidden: pod updates may not change fields other than \`spec.containers[*].image\`,\`spec.initContainers[*].image\`,\`spec.activeDeadlineSeconds\`,\`spec.tolerations\` (only additions to existing tolerations),\`spec.terminationGracePeriodSeconds\` (allow it to be set to 1 if it was previously negative)`,
    );
  if (existing !== undefined) {
    // A pod's spec is immutable; its labels are not: apply patches them.
    const wanted = Object.fromEntries(Object.entries(labels ?? {}).map(([k, v]) => [k, String(v)]));
    const r = reconcileLabels(ctx, podLabels(ns), p.name, wanted);
    if ('error' in r) return fail(`${warnings}The Pod "${p.name}" is invalid: ${r.error}`);
    return ok(`${warnings}pod/${p.name} ${r.word}\n`);
  }
  const command = {
    type: 'schedulePod',
    name: p.name,
    namespace: ns,
    ...(labels !== undefined ? { labels } : {}),
    ...(typeof spec['nodeName'] === 'string' ? { node: spec['nodeName'] } : {}),
    containers,
    ...(spec['hostNetwork'] !== undefined ? { hostNetwork: spec['hostNetwork'] } : {}),
  } as unknown as Command;
  const r = ctx.host.dispatch(command);
  if (r.ok) return ok(`${warnings}pod/${p.name} created\n`);
  return fail(`${warnings}${podInvalid(p.name, r.error)}`);
}

/** `kubectl run NAME --image=IMAGE [--labels=k=v,...] [--port=N]`. */
export function run(ctx: Ctx, a: KubectlArgs): ProgramResult {
  const name = a.positional[0];
  if (name === undefined)
    return fail("error: NAME is required for run\nSee 'kubectl run -h' for help and examples");
  const image = a.flags['image'];
  if (image === undefined || image === '') return fail('error: required flag(s) "image" not set');
  const labels: Record<string, string> = Object.create(null) as Record<string, string>;
  if (a.flags['labels'] !== undefined) {
    for (const kv of a.flags['labels'].split(',')) {
      const eq = kv.indexOf('=');
      if (eq <= 0) return fail(`error: invalid label spec: ${kv}`);
      labels[kv.slice(0, eq)] = kv.slice(eq + 1);
    }
  } else labels['run'] = name;
  let ports;
  if (a.flags['port'] !== undefined) {
    const p = Number(a.flags['port']);
    if (!Number.isInteger(p) || p < 1 || p > 65535)
      return fail(
        `error: invalid argument "${a.flags['port']}" for "--port" flag: strconv.ParseInt: parsing "${a.flags['port']}": invalid syntax`,
      );
    ports = [{ containerPort: p }];
  }
  const ns = namespaceOf(a);
  const r = ctx.host.dispatch({
    type: 'schedulePod',
    name,
    namespace: ns,
    labels: { ...labels },
    containers: [{ name, image, ...(ports !== undefined ? { ports } : {}) }],
  });
  if (r.ok) return ok(`pod/${name} created\n`);
  if (r.error.code === 'duplicate-pod')
    return fail(`Error from server (AlreadyExists): pods "${name}" already exists`);
  return fail(podInvalid(name, r.error));
}
