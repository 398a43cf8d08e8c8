/**
 * The lab's clock, a model and not the wall clock (the shell is pure): the cluster came up
 * at `CLUSTER_START`, and each successful command (one engine tick) takes a minute. Ages,
 * timestamps and tcpdump's times all come from here, so a replay prints the same text.
 */

/** 2026-01-05T09:00:00Z in seconds since the epoch. */
export const CLUSTER_START = 1_767_603_600;
/** Seconds between two engine ticks. */
export const SECONDS_PER_TICK = 60;
/** How old an object made on the current tick looks (it was applied a moment ago). */
const FRESH_AGE = 5;

/** Seconds since an object made at `createdTick`, at `tick`. */
export function ageSeconds(tick: number, createdTick: number): number {
  return FRESH_AGE + Math.max(0, tick - createdTick) * SECONDS_PER_TICK;
}

/** Seconds since the epoch at `tick` (plus `offset`). */
export function epochAt(tick: number, offset = 0): number {
  return CLUSTER_START + tick * SECONDS_PER_TICK + offset;
}

/**
 * kubectl's `duration.HumanDuration` (k8s.io/apimachinery/pkg/util/duration): `45s`,
 * `3m20s` under ten minutes, `25m`, `2h10m` under eight hours, `9h`, `3d5h`, `12d`, `1y`.
 */
export function humanDuration(seconds: number): string {
  const s = Math.floor(seconds);
  if (s < 0) return '<invalid>';
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 8) return m % 60 === 0 ? `${h}h` : `${h}h${m % 60}m`;
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  if (h < 24 * 8) return h % 24 === 0 ? `${d}d` : `${d}d${h % 24}h`;
  if (h < 24 * 365 * 2) return `${d}d`;
  return `${Math.floor(d / 365)}y`;
}

const DAYS = ['Thu', 'Fri', 'Sat', 'Sun', 'Mon', 'Tue', 'Wed'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface Civil {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  weekday: number;
}

/** Calendar fields of a UTC epoch second (Howard Hinnant's civil_from_days). */
function civil(epoch: number): Civil {
  const days = Math.floor(epoch / 86400);
  const rem = epoch - days * 86400;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const mo = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (mo <= 2 ? 1 : 0);
  return {
    y,
    mo,
    d,
    h: Math.floor(rem / 3600),
    mi: Math.floor((rem % 3600) / 60),
    s: rem % 60,
    weekday: ((days % 7) + 7) % 7,
  };
}

const two = (n: number): string => String(n).padStart(2, '0');

/** RFC 1123 with a numeric zone, as kubectl describe prints times: `Mon, 05 Jan 2026 09:00:00 +0000`. */
export function rfc1123z(epoch: number): string {
  const c = civil(epoch);
  return `${DAYS[c.weekday]}, ${two(c.d)} ${MONTHS[c.mo - 1]} ${c.y} ${two(c.h)}:${two(c.mi)}:${two(c.s)} +0000`;
}

/** RFC 3339 UTC, as `-o yaml` prints timestamps: `2026-01-05T09:00:00Z`. */
export function rfc3339(epoch: number): string {
  const c = civil(epoch);
  return `${c.y}-${two(c.mo)}-${two(c.d)}T${two(c.h)}:${two(c.mi)}:${two(c.s)}Z`;
}

/** tcpdump's time of day with microseconds: `09:03:00.000120`. */
export function timeOfDay(epoch: number, micros: number): string {
  const c = civil(epoch);
  return `${two(c.h)}:${two(c.mi)}:${two(c.s)}.${String(Math.floor(micros)).padStart(6, '0')}`;
}
