import { useId, useMemo, useState, type FormEvent } from 'react';
import { listPods } from '../engine/index.ts';
import { useLab } from '../store/useLab.ts';
import { parseContainersField, parseLabelsField } from './containers-field.ts';
import { nextFreeName } from './shared/next-name.ts';
import { optionValue } from './shared/option-value.ts';
import { FormError } from './shared/FormError.tsx';
import { CONTROL_CLASS, Field, InputField } from './shared/Field.tsx';

const AUTO = '';

/** Schedules a pod on a chosen node, or lets the scheduler choose. */
export function SchedulePodForm() {
  const cluster = useLab((s) => s.cluster);
  const dispatch = useLab((s) => s.dispatch);
  // Node names change only when nodes come and go: the options are kept until then.
  const nodeOrder = cluster.nodeOrder;
  const nodes = useMemo(() => nodeOrder.map((name) => ({ name })), [nodeOrder]);
  const nodeOptions = useMemo(
    () =>
      nodes.map((n) => (
        <option key={n.name} value={n.name}>
          {n.name}
        </option>
      )),
    [nodes],
  );
  const pods = useMemo(() => listPods(cluster), [cluster]);
  const [chosenNode, setNode] = useState(AUTO);
  // A removed node falls back to the scheduler, as the select then shows.
  const node = optionValue(chosenNode, [AUTO, ...nodes.map((n) => n.name)], AUTO);
  const [name, setName] = useState('');
  const [containers, setContainers] = useState('');
  const [labels, setLabels] = useState('');
  const [hostNetwork, setHostNetwork] = useState(false);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const hintId = useId();
  const placeholder = nextFreeName('pod', pods);

  function submit(event: FormEvent) {
    event.preventDefault();
    const podName = name.trim() === '' ? placeholder : name.trim();
    const parsed = parseContainersField(containers);
    if (!parsed.ok) {
      setFieldError(parsed.message);
      return;
    }
    const parsedLabels = parseLabelsField(labels);
    if (!parsedLabels.ok) {
      setFieldError(parsedLabels.message);
      return;
    }
    setFieldError(null);
    const result = dispatch({
      type: 'schedulePod',
      name: podName,
      ...(node === AUTO ? {} : { node }),
      ...(parsed.containers ? { containers: parsed.containers } : {}),
      ...(parsedLabels.labels ? { labels: parsedLabels.labels } : {}),
      ...(hostNetwork ? { hostNetwork: true } : {}),
    });
    if (result.ok) {
      setName('');
      setContainers('');
      setLabels('');
      setHostNetwork(false);
    }
  }

  return (
    <form onSubmit={submit} aria-label="Schedule a pod" className="flex flex-wrap items-end gap-2">
      <InputField
        label="Pod name"
        value={name}
        onValue={setName}
        placeholder={placeholder}
        className={`${CONTROL_CLASS} w-36 font-mono`}
      />
      <Field label="Node">
        {(id) => (
          <select id={id} value={node} onChange={(e) => setNode(e.target.value)} className={CONTROL_CLASS}>
            <option value={AUTO}>Let the scheduler choose</option>
            {nodeOptions}
          </select>
        )}
      </Field>
      <Field
        label={
          <>
            Containers <span className="font-normal">(optional)</span>
          </>
        }
      >
        {(id) => (
          <>
            <input
              id={id}
              value={containers}
              onChange={(e) => setContainers(e.target.value)}
              placeholder="app:80 sidecar:9000/udp"
              aria-describedby={hintId}
              aria-invalid={fieldError ? true : undefined}
              className={`${CONTROL_CLASS} w-52 font-mono`}
            />
            <span id={hintId} className="sr-only">
              Space-separated containers, each a name and its ports: name:port,port/UDP,port/SCTP
            </span>
          </>
        )}
      </Field>
      <InputField
        label={
          <>
            Labels <span className="font-normal">(optional)</span>
          </>
        }
        value={labels}
        onValue={setLabels}
        placeholder="app=web"
        className={`${CONTROL_CLASS} w-32 font-mono`}
      />
      <label
        className="flex items-center gap-1.5 py-1.5 text-sm"
        title="hostNetwork: true: the pod shares its node's network namespace and IP; no CNI call"
      >
        <input
          type="checkbox"
          checked={hostNetwork}
          onChange={(e) => setHostNetwork(e.target.checked)}
          className="h-4 w-4"
        />
        Host network
      </label>
      <button
        type="submit"
        className="rounded bg-blue-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700"
      >
        Schedule pod
      </button>
      <FormError message={fieldError} />
    </form>
  );
}
