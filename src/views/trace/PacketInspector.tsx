import { useMemo } from 'react';
import { useLab } from '../../store/useLab.ts';
import { compareLayers, packetLayers } from './packet-layers.ts';

/** The packet at the current hop, layer by layer, with what changed since the previous hop. */
export function PacketInspector() {
  const trace = useLab((s) => s.trace);
  const cursor = useLab((s) => s.cursor);
  const view = useMemo(() => {
    const event = trace?.events[cursor];
    if (!trace || !event) return null;
    const prevEvent = cursor > 0 ? trace.events[cursor - 1] : undefined;
    const sameLeg = prevEvent && prevEvent.leg === event.leg ? prevEvent : undefined;
    return {
      event,
      ...compareLayers(packetLayers(event.hop.packet), sameLeg ? packetLayers(sameLeg.hop.packet) : null),
    };
  }, [trace, cursor]);
  if (!view) return null;
  return (
    <section aria-labelledby="packet-heading" className="min-w-0">
      <h3 id="packet-heading" className="text-sm font-semibold">
        Packet at hop {cursor + 1}:{' '}
        <span className="font-mono">
          {view.event.hop.where} · {view.event.hop.device}
        </span>
      </h3>
      <p className="mt-1 text-sm">{view.event.hop.note}</p>
      {view.removed.length > 0 ? (
        <p className="mt-1 text-xs font-semibold">
          Removed since the previous hop: {view.removed.join(', ')}
        </p>
      ) : null}
      <div
        className="mt-2 h-72 space-y-2 overflow-auto [contain:strict]"
        tabIndex={0}
        aria-label="Packet headers"
      >
        {view.layers.map((layer) => (
          <table
            key={layer.id}
            aria-label={layer.title}
            className={`w-full border text-xs ${layer.id.startsWith('outer') || layer.id === 'vxlan' ? 'border-amber-600 border-dashed' : 'border-slate-300 dark:border-slate-600'}`}
          >
            <caption className="bg-slate-100 px-2 py-0.5 text-left font-semibold dark:bg-slate-800">
              {layer.title}
              {layer.change === 'added' ? ' (added at this hop)' : ''}
            </caption>
            <tbody>
              {layer.fields.map((f, i) => {
                const changed = layer.fieldChanges[i] === 'changed';
                return (
                  <tr key={f.name} className={changed ? 'bg-amber-100 dark:bg-amber-950' : ''}>
                    <th scope="row" className="w-24 px-2 py-0.5 text-left font-normal">
                      {f.name}
                    </th>
                    <td className="px-2 py-0.5 font-mono">
                      {f.value}
                      {changed ? <span className="ml-2 font-sans font-semibold">changed</span> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ))}
      </div>
    </section>
  );
}
