import type { ContainerPort, ContainerSpec } from '../engine/index.ts';

/**
 * Reads the Schedule pod form's containers field: space-separated `name:port,port/UDP`
 * entries (a port's protocol TCP, the default, UDP or SCTP, in either case), e.g.
 * `app:80 sidecar:9000/udp,9001/sctp logger`. Empty means the default container.
 */
export function parseContainersField(
  text: string,
): { ok: true; containers: ContainerSpec[] | undefined } | { ok: false; message: string } {
  const entries = text.trim().split(/\s+/).filter(Boolean);
  if (entries.length === 0) return { ok: true, containers: undefined };
  const containers: ContainerSpec[] = [];
  for (const entry of entries) {
    const [name = '', portList, ...extra] = entry.split(':');
    if (extra.length > 0)
      return { ok: false, message: `"${entry}": write a container as name:port,port (one colon).` };
    if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(name)) {
      return {
        ok: false,
        message: `"${name}" is not a container name: lowercase letters, digits and '-', starting and ending with a letter or digit.`,
      };
    }
    const ports: NonNullable<ContainerSpec['ports']> = [];
    for (const raw of portList ? portList.split(',') : []) {
      const m = /^(\d{1,5})(?:\/(tcp|udp|sctp))?$/i.exec(raw);
      const port = m ? Number(m[1]) : NaN;
      if (!m || port < 1 || port > 65535)
        return {
          ok: false,
          message: `"${raw}" in ${name}: a port is a number from 1 to 65535, optionally /TCP, /UDP or /SCTP.`,
        };
      const protocol = (m[2]?.toUpperCase() ?? 'TCP') as NonNullable<ContainerPort['protocol']>;
      ports.push({ containerPort: port, protocol });
    }
    containers.push(ports.length ? { name, ports } : { name });
  }
  return { ok: true, containers };
}

/** Reads the Schedule pod form's labels field: `app=web, tier=frontend`. Empty means no labels. */
export function parseLabelsField(
  text: string,
): { ok: true; labels: Record<string, string> | undefined } | { ok: false; message: string } {
  const entries = text
    .split(/[,\s]+/)
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) return { ok: true, labels: undefined };
  const labels: Record<string, string> = {};
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    const key = eq < 0 ? entry : entry.slice(0, eq);
    const value = eq < 0 ? '' : entry.slice(eq + 1);
    if (eq < 0) return { ok: false, message: `"${entry}": write a label as key=value.` };
    if (!/^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/.test(key)) {
      return {
        ok: false,
        message: `"${key}" is not a label key: letters, digits, '-', '_' and '.', with an optional prefix/.`,
      };
    }
    if (!/^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/.test(value)) {
      return {
        ok: false,
        message: `"${value}" is not a label value: up to 63 letters, digits, '-', '_' and '.'.`,
      };
    }
    labels[key] = value;
  }
  return { ok: true, labels };
}
