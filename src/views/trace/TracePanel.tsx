import { EventList } from './EventList.tsx';
import { PacketInspector } from './PacketInspector.tsx';
import { TraceControls } from './TraceControls.tsx';
import { TraceForm } from './TraceForm.tsx';

/** Packet traces: choose the endpoints, then play or step through the hops. */
export function TracePanel() {
  return (
    <section
      aria-labelledby="trace-heading"
      className="rounded border border-slate-200 p-3 dark:border-slate-700"
    >
      <h2
        id="trace-heading"
        className="mb-2 text-sm font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-300"
      >
        Packet trace
      </h2>
      <div className="flex flex-col gap-2">
        <TraceForm />
        <TraceControls />
        <div className="grid grid-cols-1 gap-3 xl:grid-cols-2">
          <EventList />
          <PacketInspector />
        </div>
      </div>
    </section>
  );
}
