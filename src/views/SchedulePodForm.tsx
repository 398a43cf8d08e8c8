import { useId, useMemo, useState, type FormEvent } from 'react';
import { listNodes, listPods } from '../engine/index.ts';
import { useLab } from '../store/useLab.ts';
import { parseContainersField, parseLabelsField } from './containers-field.ts';
import { optionValue } from './shared/option-value.ts';
import { FormError } from './shared/FormError.tsx';

const AUTO = '';

/** The next free default name: pod-1, pod-2, … */
export function nextPodName(existing: ReadonlyArray<{ name: string }>): string {
  const taken = new Set(existing.map((p) => p.name));
  let n = 1;
  while (taken.has(`pod-${n}`)) n += 1;
  return `pod-${n}`;
}

/** Schedules a pod on a chosen node, or lets the scheduler choose. */
export function SchedulePodForm() {
  const cluster = useLab((s) => s.cluster);
  const dispatch = useLab((s) => s.dispatch);
  const nodes = useMemo(() => listNodes(cluster), [cluster]);
  const pods = useMemo(() => listPods(cluster), [cluster]);
  const [chosenNode, setNode] = useState(AUTO);
  // A removed node falls back to the scheduler, as the select then shows.
  const node = optionValue(chosenNode, [AUTO, ...nodes.map((n) => n.name)], AUTO);
  const [name, setName] = useState('');
  const [containers, setContainers] = useState('');
  const [labels, setLabels] = useState('');
  const labelsId = useId();
  const [fieldError, setFieldError] = useState<string | null>(null);
  const nameId = useId();
  const nodeId = useId();
  const containersId = useId();
  const hintId = useId();
  const placeholder = nextPodName(pods);

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
    });
    if (result.ok) {
      setName('');
      setContainers('');
      setLabels('');
    }
  }

  return (
    <form onSubmit={submit} aria-label="Schedule a pod" className="flex flex-wrap items-end gap-2">
      <div className="flex flex-col">
        <label htmlFor={nameId} className="text-xs font-medium">
          Pod name
        </label>
        <input
          id={nameId}
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder={placeholder}
          className="w-36 rounded border border-slate-300 bg-white px-2 py-1 font-mono text-sm dark:border-slate-600 dark:bg-slate-900"
        />
      </div>
      <div className="flex flex-col">
        <label htmlFor={nodeId} className="text-xs font-medium">
          Node
        </label>
        <select
          id={nodeId}
          value={node}
          onChange={(e) => setNode(e.target.value)}
          className="rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900"
        >
          <option value={AUTO}>Let the scheduler choose</option>
          {nodes.map((n) => (
            <option key={n.name} value={n.name}>
              {n.name}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col">
        <label htmlFor={containersId} className="text-xs font-medium">
          Containers <span className="font-normal">(optional)</span>
        </label>
        <input
          id={containersId}
          value={containers}
          onChange={(e) => setContainers(e.target.value)}
          placeholder="app:80 sidecar:9000/udp"
          aria-describedby={hintId}
          aria-invalid={fieldError ? true : undefined}
          className="w-52 rounded border border-slate-300 bg-white px-2 py-1 font-mono text-sm dark:border-slate-600 dark:bg-slate-900"
        />
        <span id={hintId} className="sr-only">
          Space-separated containers, each a name and its ports: name:port,port/UDP
        </span>
      </div>
      <div className="flex flex-col">
        <label htmlFor={labelsId} className="text-xs font-medium">
          Labels <span className="font-normal">(optional)</span>
        </label>
        <input
          id={labelsId}
          value={labels}
          onChange={(e) => setLabels(e.target.value)}
          placeholder="app=web"
          className="w-32 rounded border border-slate-300 bg-white px-2 py-1 font-mono text-sm dark:border-slate-600 dark:bg-slate-900"
        />
      </div>
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
