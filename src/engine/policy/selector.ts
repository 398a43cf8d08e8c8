/** Label selector matching (metav1.LabelSelector semantics). */
import { own } from '../util/dict.ts';
import type { LabelSelector } from './types.ts';

/** The label every namespace carries since Kubernetes 1.22. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * True when `labels` satisfy every matchLabels pair and every matchExpression:
 * In (value in list), NotIn (absent or not in list), Exists, DoesNotExist.
 * An empty selector matches everything.
 */
export function matchesSelector(selector: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels)) {
    if (own(labels, key) !== value) return false;
  }
  for (const req of selector.matchExpressions) {
    const has = Object.hasOwn(labels, req.key);
    const value = own(labels, req.key);
    switch (req.operator) {
      case 'In':
        if (value === undefined || !req.values.includes(value)) return false;
        break;
      case 'NotIn':
        if (value !== undefined && req.values.includes(value)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
    }
  }
  return true;
}

/** True when the selector is `{}`: it selects every pod (or namespace). */
export function isEmptySelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0;
}

/** A short human form: `{}` → `all pods`, else `app=web,tier in (a,b)`. */
export function describeSelector(selector: LabelSelector): string {
  const parts = Object.entries(selector.matchLabels).map(([k, v]) => `${k}=${v}`);
  for (const r of selector.matchExpressions) {
    if (r.operator === 'Exists') parts.push(r.key);
    else if (r.operator === 'DoesNotExist') parts.push(`!${r.key}`);
    else parts.push(`${r.key} ${r.operator === 'In' ? 'in' : 'notin'} (${r.values.join(',')})`);
  }
  return parts.join(',');
}
