/** The data-plane helpers print rows as text; these turn them into structured kernel rows. */
import type { FdbRow, NeighRow, RouteRow } from '../kernel/rows.ts';

/** `blackhole X proto bird`, `X via Y dev D proto bird onlink`, `X dev D scope link` → RouteRow. */
export function routeRowOf(line: string): RouteRow {
  const t = line.trim().split(/\s+/);
  const row: RouteRow = { dst: '' };
  let i = 0;
  if (t[0] === 'blackhole' || t[0] === 'unreachable') {
    row.type = t[0];
    i = 1;
  }
  row.dst = t[i++] ?? '';
  while (i < t.length) {
    const k = t[i++];
    if (k === 'onlink') row.onlink = true;
    else if (k === 'via') row.via = t[i++] ?? '';
    else if (k === 'dev') row.dev = t[i++] ?? '';
    else if (k === 'proto') row.proto = t[i++] ?? '';
    else if (k === 'src') row.src = t[i++] ?? '';
    else if (k === 'metric') row.metric = Number(t[i++]);
    else if (k === 'scope') {
      const s = t[i++];
      if (s === 'link' || s === 'host') row.scope = s;
    }
  }
  return row;
}

/** `IP dev D lladdr MAC PERMANENT` → NeighRow. */
export function neighRowOf(line: string): NeighRow {
  const t = line.trim().split(/\s+/);
  return { ip: t[0] ?? '', dev: t[2] ?? '', mac: t[4] ?? '', state: 'PERMANENT' };
}

/** `MAC dev D dst IP self permanent` → FdbRow. */
export function fdbRowOf(line: string): FdbRow {
  const t = line.trim().split(/\s+/);
  const row: FdbRow = { mac: t[0] ?? '', dev: t[2] ?? '' };
  const dst = t.indexOf('dst');
  if (dst >= 0) row.dst = t[dst + 1] ?? '';
  if (t.includes('self')) row.self = true;
  if (t.includes('permanent')) row.permanent = true;
  return row;
}
