/**
 * Validators for the parts of a NetworkPolicy: label selectors, peers and ports. Each reads
 * `unknown`, pushes problems with their Kubernetes-style path and returns the normalised
 * value (or `null` when it cannot). Messages follow the API server's field errors.
 */
import { contains, parseCidr } from '../net/ipv4.ts';
import type {
  IpBlock,
  LabelSelector,
  LabelSelectorRequirement,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  PolicyProblem,
  PolicyProtocol,
} from './types.ts';
import { dict } from '../util/dict.ts';
import { isRecord } from '../util/json.ts';

export type Problems = PolicyProblem[];

/** Reports fields other than `allowed` as `unknown field` (kubectl's strict field validation). */
export function checkKnownFields(
  obj: Record<string, unknown>,
  allowed: readonly string[],
  path: string,
  problems: Problems,
): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key))
      problems.push({ path: path ? `${path}.${key}` : key, message: `unknown field "${key}"` });
  }
}

/** Reads an optional list; `null`/absent → []. */
export function readList(value: unknown, path: string, problems: Problems): readonly unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.push({ path, message: 'Invalid value: must be a list' });
    return [];
  }
  return value;
}

/** A label value and a label key (prefix/name), as apimachinery validates them. */
export const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;
export const LABEL_NAME =
  /^([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;

function readLabelMap(value: unknown, path: string, problems: Problems): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) {
    problems.push({ path, message: 'Invalid value: must be a map of label keys to values' });
    return {};
  }
  const out: Record<string, string> = dict();
  for (const [key, v] of Object.entries(value)) {
    if (!LABEL_NAME.test(key))
      problems.push({ path: `${path}.${key}`, message: `Invalid value: "${key}": not a valid label key` });
    if (typeof v !== 'string' || !LABEL_VALUE.test(v)) {
      problems.push({
        path: `${path}.${key}`,
        message: `Invalid value: ${JSON.stringify(v)}: a label value must be a string of up to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`,
      });
    } else out[key] = v;
  }
  return out;
}

/** Parses a metav1.LabelSelector (matchLabels, matchExpressions). */
export function parseSelector(value: unknown, path: string, problems: Problems): LabelSelector | null {
  if (value === null || value === undefined) return { matchLabels: {}, matchExpressions: [] };
  if (!isRecord(value)) {
    problems.push({
      path,
      message: 'Invalid value: must be a label selector object, e.g. {} or {"matchLabels": {"app": "web"}}',
    });
    return null;
  }
  checkKnownFields(value, ['matchLabels', 'matchExpressions'], path, problems);
  const matchLabels = readLabelMap(value['matchLabels'], `${path}.matchLabels`, problems);
  const matchExpressions: LabelSelectorRequirement[] = [];
  readList(value['matchExpressions'], `${path}.matchExpressions`, problems).forEach((item, i) => {
    const p = `${path}.matchExpressions[${i}]`;
    if (!isRecord(item)) return void problems.push({ path: p, message: 'Invalid value: must be an object' });
    checkKnownFields(item, ['key', 'operator', 'values'], p, problems);
    const { key, operator } = item;
    if (typeof key !== 'string' || !LABEL_NAME.test(key))
      return void problems.push({ path: `${p}.key`, message: 'Required value: a valid label key' });
    if (!OPERATORS.includes(operator as (typeof OPERATORS)[number])) {
      return void problems.push({
        path: `${p}.operator`,
        // apimachinery's ValidateLabelSelectorRequirement: field.Invalid, not NotSupported.
        message: `Invalid value: ${JSON.stringify(operator)}: not a valid selector operator`,
      });
    }
    const op = operator as (typeof OPERATORS)[number];
    const values = readList(item['values'], `${p}.values`, problems).filter(
      (v): v is string => typeof v === 'string',
    );
    if ((op === 'In' || op === 'NotIn') && values.length === 0) {
      problems.push({
        path: `${p}.values`,
        message: "Required value: must be specified when `operator` is 'In' or 'NotIn'",
      });
    }
    if ((op === 'Exists' || op === 'DoesNotExist') && values.length > 0) {
      problems.push({
        path: `${p}.values`,
        message: "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      });
    }
    matchExpressions.push({ key, operator: op, values });
  });
  return { matchLabels, matchExpressions };
}

function parseIpBlock(value: unknown, path: string, problems: Problems): IpBlock | null {
  if (!isRecord(value))
    return (problems.push({ path, message: 'Invalid value: must be an object with cidr' }), null);
  checkKnownFields(value, ['cidr', 'except'], path, problems);
  const { cidr } = value;
  const parsed = typeof cidr === 'string' ? parseCidr(cidr) : null;
  if (typeof cidr !== 'string' || cidr === '')
    return (problems.push({ path: `${path}.cidr`, message: 'Required value' }), null);
  if (!parsed)
    return (
      problems.push({
        path: `${path}.cidr`,
        message: `Invalid value: "${cidr}": must be a valid CIDR, e.g. 10.9.8.0/24`,
      }),
      null
    );
  const except: string[] = [];
  readList(value['except'], `${path}.except`, problems).forEach((e, i) => {
    const p = `${path}.except[${i}]`;
    const ex = typeof e === 'string' ? parseCidr(e) : null;
    if (typeof e !== 'string' || !ex)
      return void problems.push({
        path: p,
        message: `Invalid value: ${JSON.stringify(e)}: must be a valid CIDR`,
      });
    if (ex.prefix <= parsed.prefix || !contains(parsed, ex.net)) {
      return void problems.push({
        path: p,
        message: `Invalid value: "${e}": must be a strict subset of \`cidr\``,
      });
    }
    except.push(e);
  });
  return { cidr, except };
}

/** Parses one `from`/`to` entry. ipBlock may not be combined with a selector. */
export function parsePeer(value: unknown, path: string, problems: Problems): NetworkPolicyPeer | null {
  if (!isRecord(value)) return (problems.push({ path, message: 'Invalid value: must be an object' }), null);
  checkKnownFields(value, ['podSelector', 'namespaceSelector', 'ipBlock'], path, problems);
  const present = ['podSelector', 'namespaceSelector', 'ipBlock'].filter(
    (k) => value[k] !== undefined && value[k] !== null,
  );
  if (present.length === 0)
    return (problems.push({ path, message: 'Required value: must specify a peer' }), null);
  if (present.length > 1 && present.includes('ipBlock')) {
    return (
      problems.push({ path, message: 'Forbidden: may not specify both ipBlock and another peer' }),
      null
    );
  }
  const peer: { podSelector?: LabelSelector; namespaceSelector?: LabelSelector; ipBlock?: IpBlock } = {};
  if (present.includes('podSelector')) {
    const s = parseSelector(value['podSelector'], `${path}.podSelector`, problems);
    if (s) peer.podSelector = s;
  }
  if (present.includes('namespaceSelector')) {
    const s = parseSelector(value['namespaceSelector'], `${path}.namespaceSelector`, problems);
    if (s) peer.namespaceSelector = s;
  }
  if (present.includes('ipBlock')) {
    const b = parseIpBlock(value['ipBlock'], `${path}.ipBlock`, problems);
    if (b) peer.ipBlock = b;
  }
  return peer;
}

const IANA_SVC_NAME = /^(?=.{1,15}$)(?=.*[a-z])[a-z0-9]+(-[a-z0-9]+)*$/;
const PROTOCOLS: readonly PolicyProtocol[] = ['TCP', 'UDP', 'SCTP'];

/** Parses one `ports` entry: protocol (default TCP), port (1-65535 or an IANA service name), endPort. */
export function parsePort(value: unknown, path: string, problems: Problems): NetworkPolicyPort | null {
  if (!isRecord(value)) return (problems.push({ path, message: 'Invalid value: must be an object' }), null);
  checkKnownFields(value, ['protocol', 'port', 'endPort'], path, problems);
  const { protocol = 'TCP', port, endPort } = value;
  if (!PROTOCOLS.includes(protocol as PolicyProtocol)) {
    return (
      problems.push({
        path: `${path}.protocol`,
        message: `Unsupported value: ${JSON.stringify(protocol)}: supported values: "SCTP", "TCP", "UDP"`,
      }),
      null
    );
  }
  const out: { protocol: PolicyProtocol; port?: number | string; endPort?: number } = {
    protocol: protocol as PolicyProtocol,
  };
  if (typeof port === 'number') {
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      return (
        problems.push({
          path: `${path}.port`,
          message: `Invalid value: ${port}: must be between 1 and 65535, inclusive`,
        }),
        null
      );
    out.port = port;
  } else if (typeof port === 'string') {
    if (!IANA_SVC_NAME.test(port))
      return (
        problems.push({
          path: `${path}.port`,
          message: `Invalid value: "${port}": must be a port number or a named port (at most 15 lowercase letters, digits and '-', with at least one letter)`,
        }),
        null
      );
    out.port = port;
  } else if (port !== undefined && port !== null) {
    return (
      problems.push({ path: `${path}.port`, message: 'Invalid value: must be a number or a port name' }),
      null
    );
  }
  if (endPort !== undefined && endPort !== null) {
    if (typeof out.port !== 'number')
      return (
        problems.push({
          path: `${path}.endPort`,
          message: 'Required value: may not be specified when `port` is non-numeric',
        }),
        null
      );
    if (typeof endPort !== 'number' || !Number.isInteger(endPort) || endPort < out.port || endPort > 65535) {
      return (
        problems.push({
          path: `${path}.endPort`,
          message: `Invalid value: ${JSON.stringify(endPort)}: must be greater than or equal to \`port\``,
        }),
        null
      );
    }
    out.endPort = endPort;
  }
  return out;
}
