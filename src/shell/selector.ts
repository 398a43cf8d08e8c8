/**
 * Label selectors as `kubectl -l` takes them (k8s.io/apimachinery labels.Parse): `k=v`,
 * `k==v`, `k!=v`, `k`, `!k`, `k in (a,b)`, `k notin (a,b)`, joined by commas.
 */

export type Requirement =
  | { readonly op: 'eq' | 'ne'; readonly key: string; readonly value: string }
  | { readonly op: 'in' | 'notin'; readonly key: string; readonly values: readonly string[] }
  | { readonly op: 'exists' | 'absent'; readonly key: string };

/** Parses a selector; the message is kubectl's. */
export function parseSelector(
  text: string,
): { ok: true; value: Requirement[] } | { ok: false; message: string } {
  const out: Requirement[] = [];
  // Split on commas outside parentheses.
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth += 1;
    if (ch === ')') depth -= 1;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  for (const raw of parts) {
    const p = raw.trim();
    if (p === '')
      return { ok: false, message: `error: unable to parse requirement: found '', expected: identifier` };
    const set = /^([A-Za-z0-9_.\-/]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(p);
    if (set) {
      out.push({
        op: set[2] === 'in' ? 'in' : 'notin',
        key: set[1] ?? '',
        values: (set[3] ?? '').split(',').map((v) => v.trim()),
      });
      continue;
    }
    const m = /^([A-Za-z0-9_.\-/]+)\s*(==|=|!=)\s*([A-Za-z0-9_.-]*)$/.exec(p);
    if (m) {
      out.push({ op: m[2] === '!=' ? 'ne' : 'eq', key: m[1] ?? '', value: m[3] ?? '' });
      continue;
    }
    const e = /^(!?)([A-Za-z0-9_.\-/]+)$/.exec(p);
    if (e) {
      out.push({ op: e[1] === '!' ? 'absent' : 'exists', key: e[2] ?? '' });
      continue;
    }
    return { ok: false, message: `error: unable to parse requirement: ${JSON.stringify(p)}` };
  }
  return { ok: true, value: out };
}

/** Does a label set match every requirement? */
export function matchesSelector(
  labels: Readonly<Record<string, string>>,
  reqs: readonly Requirement[],
): boolean {
  for (const r of reqs) {
    const has = Object.hasOwn(labels, r.key);
    const v = has ? labels[r.key] : undefined;
    switch (r.op) {
      case 'eq':
        if (v !== r.value) return false;
        break;
      case 'ne':
        if (v === r.value) return false;
        break;
      case 'in':
        if (v === undefined || !r.values.includes(v)) return false;
        break;
      case 'notin':
        if (v !== undefined && r.values.includes(v)) return false;
        break;
      case 'exists':
        if (!has) return false;
        break;
      case 'absent':
        if (has) return false;
        break;
    }
  }
  return true;
}
