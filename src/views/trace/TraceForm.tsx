import { useMemo, useState, type FormEvent } from 'react';
import { listNodes, listPods, type TraceProtocol } from '../../engine/index.ts';
import { useLab } from '../../store/useLab.ts';
import { optionValue } from '../shared/option-value.ts';
import { FormError } from '../shared/FormError.tsx';
import { CONTROL_CLASS, Field, InputField } from '../shared/Field.tsx';

const OTHER = '__ip__';
/** A select lists this many pods and nodes at most; others are chosen from the inspector. */
const LISTED = 100;

/** The first LISTED items, and the chosen ones wherever they are. */
function listed<T>(items: readonly T[], isChosen: (item: T) => boolean): readonly T[] {
  if (items.length <= LISTED) return items;
  return items.filter((item, i) => i < LISTED || isChosen(item));
}

/** Chooses a source, a destination, a protocol and a port, and runs the tracer. */
export function TraceForm() {
  const cluster = useLab((s) => s.cluster);
  const runTrace = useLab((s) => s.runTrace);
  const pods = useMemo(() => listPods(cluster), [cluster]);
  const nodes = useMemo(() => listNodes(cluster), [cluster]);
  const running = pods.filter((p) => p.ip);
  const { from, to } = useLab((s) => s.traceEnds);
  const setTraceEnd = useLab((s) => s.setTraceEnd);
  const setFrom = (value: string) => setTraceEnd('from', value);
  const setTo = (value: string) => setTraceEnd('to', value);
  const [ip, setIp] = useState('');
  const [protocol, setProtocol] = useState<TraceProtocol>('icmp');
  const [port, setPort] = useState('80');
  const [error, setError] = useState<string | null>(null);

  // A choice whose pod or node is gone (deleted, undone, reset) falls back to what the form shows.
  const fromOptions = [...running.map((p) => `pod/${p.key}`), ...nodes.map((n) => `node/${n.name}`)];
  const fromValue = optionValue(from, fromOptions, fromOptions[0] ?? '');
  const toOptions = [...running.map((p) => p.key), OTHER];
  const toValue = optionValue(to, toOptions, running[1] ? running[1].key : (running[0]?.key ?? OTHER));

  const fromPods = listed(running, (p) => fromValue === `pod/${p.key}`);
  const fromNodes = listed(nodes, (n) => fromValue === `node/${n.name}`);
  const toPods = listed(running, (p) => toValue === p.key);
  const capped = running.length > LISTED || nodes.length > LISTED;

  function submit(event: FormEvent) {
    event.preventDefault();
    const target = toValue === OTHER ? ip.trim() : toValue;
    if (!fromValue) return setError('Choose where the packet starts: add a node or schedule a pod first.');
    if (!target) return setError('Type the destination IP address.');
    const portNumber = Number(port);
    if (protocol !== 'icmp' && !(Number.isInteger(portNumber) && portNumber >= 1 && portNumber <= 65535)) {
      return setError('The port must be a whole number from 1 to 65535.');
    }
    setError(null);
    const result = runTrace({
      from: fromValue,
      to: target,
      protocol,
      ...(protocol === 'icmp' ? {} : { port: portNumber }),
    });
    if (!result.ok) setError(result.error.message);
  }

  return (
    <form onSubmit={submit} aria-label="Trace a packet" className="flex flex-wrap items-end gap-2">
      <Field label="From">
        {(id) => (
          <select
            id={id}
            value={fromValue}
            onChange={(e) => setFrom(e.target.value)}
            className={CONTROL_CLASS}
          >
            {fromPods.map((p) => (
              <option key={p.key} value={`pod/${p.key}`}>
                pod {p.name} ({p.ip})
              </option>
            ))}
            {fromNodes.map((n) => (
              <option key={n.name} value={`node/${n.name}`}>
                node {n.name} ({n.ip})
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="To">
        {(id) => (
          <select id={id} value={toValue} onChange={(e) => setTo(e.target.value)} className={CONTROL_CLASS}>
            {toPods.map((p) => (
              <option key={p.key} value={p.key}>
                pod {p.name} ({p.ip})
              </option>
            ))}
            <option value={OTHER}>Another IP address…</option>
          </select>
        )}
      </Field>
      {toValue === OTHER ? (
        <InputField
          label="Destination IP"
          value={ip}
          onValue={setIp}
          placeholder="8.8.8.8"
          className={`${CONTROL_CLASS} w-32 font-mono`}
        />
      ) : null}
      <Field label="Protocol">
        {(id) => (
          <select
            id={id}
            value={protocol}
            onChange={(e) => setProtocol(e.target.value as TraceProtocol)}
            className={CONTROL_CLASS}
          >
            <option value="icmp">ICMP echo (ping)</option>
            <option value="tcp">TCP</option>
            <option value="udp">UDP</option>
            <option value="sctp">SCTP</option>
          </select>
        )}
      </Field>
      {protocol !== 'icmp' ? (
        <InputField
          label="Port"
          inputMode="numeric"
          value={port}
          onValue={setPort}
          className={`${CONTROL_CLASS} w-20 font-mono`}
        />
      ) : null}
      <button
        type="submit"
        className="rounded bg-blue-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-blue-800"
      >
        Trace packet
      </button>
      {capped ? (
        <p className="w-full text-xs text-slate-600 dark:text-slate-300">
          The lists show the first {LISTED} pods and nodes of {running.length.toLocaleString('en-US')} and{' '}
          {nodes.length.toLocaleString('en-US')}: for any other, select it in the drawing or a table and use
          its its &quot;Trace from here&quot; or &quot;Trace to here&quot; button.quot;Trace fromits
          &quot;Trace from here&quot; or &quot;Trace to here&quot; button.quot; or its &quot;Trace from
          here&quot; or &quot;Trace to here&quot; button.quot;Trace toits &quot;Trace from here&quot; or
          &quot;Trace to here&quot; button.quot; button in the inspector.
        </p>
      ) : null}
      <FormError message={error} />
    </form>
  );
}
