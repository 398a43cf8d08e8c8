/**
 * Binds an xterm.js terminal to the pure shell: keys edit the line (src/shell/line-editor.ts),
 * Enter runs it through the shell with the store's actions as its host, and the output is
 * written back. Traces from anywhere (the trace form, the terminal's own ping) reach a
 * waiting tcpdump after the line that caused them has printed.
 */
import type { Terminal } from '@xterm/xterm';
import type { TraceResult } from '../../engine/index.ts';
import {
  completeLine,
  createSession,
  currentPlace,
  feedTrace,
  cancelHeredoc,
  interrupt,
  lineEditor as ed,
  promptOf,
  runLine,
  tickJob,
  type Session,
  type ShellHost,
} from '../../shell/index.ts';
import type { LabStore } from '../../store/lab-store.ts';
import type { TerminalEntry } from '../../store/sim-slice.ts';

const crlf = (s: string): string => s.replace(/\r?\n/g, '\r\n');

function placeName(session: Session): string {
  const p = currentPlace(session);
  return p.kind === 'workstation' ? 'kubectl' : p.kind === 'node' ? `node/${p.node}` : `pod/${p.pod}`;
}

/** One terminal's shell session over the lab store. Call `dispose` when the view goes. */
export class TerminalBinding {
  private session: Session = createSession();
  private line = ed.createLine();
  private running = false;
  private readonly pending: TraceResult[] = [];
  private readonly host: ShellHost;
  private readonly unsubscribe: () => void;
  private timer: ReturnType<typeof setInterval> | null = null;
  private lastTab = '';
  /** The recorded line of the running job and of each background capture: later output joins it. */
  private jobEntry: TerminalEntry | null = null;
  private readonly backgroundEntries = new Map<number, TerminalEntry>();

  constructor(
    private readonly term: Terminal,
    private readonly store: LabStore,
  ) {
    this.host = {
      cluster: () => store.getState().cluster,
      dispatch: (command) => store.getState().dispatch(command),
      trace: (request) => store.getState().runTrace(request),
    };
    this.unsubscribe = store.subscribe((state, prev) => {
      if (state.trace !== null && state.trace !== prev.trace) {
        this.pending.push(state.trace.result);
        if (!this.running) this.flushTraces();
      }
    });
    term.onData((data) => this.onData(data));
    term.write(crlf('Pod Network Lab terminal. Type help for the commands, Tab completes.\n'));
    term.write(promptOf(this.session));
  }

  dispose(): void {
    this.unsubscribe();
    if (this.timer !== null) clearInterval(this.timer);
  }

  /** Runs a line as if typed (tests and lesson hints). */
  run(text: string): void {
    this.line = ed.replaceText(this.line, text);
    this.redraw();
    this.enter();
  }

  private prompt(): string {
    return promptOf(this.session);
  }

  private redraw(): void {
    this.term.write(ed.renderLine(this.prompt(), this.line));
  }

  private flushTraces(): void {
    while (this.pending.length > 0) {
      const trace = this.pending.shift();
      if (trace === undefined) break;
      const hadJob = this.session.job !== null;
      const r = feedTrace(this.host, this.session, trace);
      this.session = r.session;
      if (r.job !== '') this.appendToJob(r.job);
      for (const b of r.background) {
        const entry = this.backgroundEntries.get(b.id);
        if (entry !== undefined)
          this.backgroundEntries.set(b.id, this.store.getState().appendTerminalOutput(entry, b.output));
      }
      for (const id of this.backgroundEntries.keys())
        if (!this.session.background.some((x) => x.id === id)) this.backgroundEntries.delete(id);
      if (this.session.job === null) this.jobEntry = null;
      if (r.output !== '') {
        // Print above the line being typed, then put the line back.
        this.term.write(`\r\u001b[2K${crlf(r.output)}`);
        if (this.session.job === null) {
          if (hadJob) this.term.write(this.prompt());
          else this.redraw();
        }
      }
    }
  }

  private onData(data: string): void {
    if (this.session.job !== null) {
      if (data === '\u0003') this.stopJob();
      return;
    }
    // A paste with newlines runs line by line.
    if (data.length > 1 && /[\r\n]/.test(data) && !data.startsWith('\u001b')) {
      const parts = data.split(/\r\n|\r|\n/);
      parts.forEach((part, i) => {
        this.line = ed.insert(this.line, part);
        if (i < parts.length - 1) {
          this.redraw();
          this.enter();
        }
      });
      this.redraw();
      return;
    }
    switch (data) {
      case '\r':
        this.enter();
        return;
      case '\u007f':
      case '\b':
        this.line = ed.backspace(this.line);
        break;
      case '\u001b[3~':
        this.line = ed.deleteForward(this.line);
        break;
      case '\u001b[A':
        this.line = ed.browse(this.line, -1);
        break;
      case '\u001b[B':
        this.line = ed.browse(this.line, 1);
        break;
      case '\u001b[C':
        this.line = ed.moveCursor(this.line, this.line.cursor + 1);
        break;
      case '\u001b[D':
        this.line = ed.moveCursor(this.line, this.line.cursor - 1);
        break;
      case '\u001b[H':
      case '\u001bOH':
      case '\u0001':
        this.line = ed.moveCursor(this.line, 0);
        break;
      case '\u001b[F':
      case '\u001bOF':
      case '\u0005':
        this.line = ed.moveCursor(this.line, this.line.text.length);
        break;
      case '\u0015':
        this.line = ed.replaceText(this.line, '');
        break;
      case '\u0003':
        this.term.write('^C\r\n');
        this.line = ed.replaceText(this.line, '');
        this.session = cancelHeredoc(this.session);
        this.term.write(this.prompt());
        return;
      case '\u000c':
        this.term.clear();
        this.term.write('\u001b[H\u001b[2J');
        break;
      case '\u0004':
        if (this.line.text === '') this.run('exit');
        return;
      case '\t':
        this.complete();
        return;
      default: {
        if (data.startsWith('\u001b')) return;
        const atEnd = this.line.cursor === this.line.text.length;
        const before = this.line.text.length;
        this.line = ed.insert(this.line, data);
        // Typing at the end echoes just the new characters, so a screen reader hears them
        // once instead of the whole line again.
        if (atEnd) {
          this.lastTab = '';
          this.term.write(this.line.text.slice(before));
          return;
        }
      }
    }
    this.lastTab = '';
    this.redraw();
  }

  private complete(): void {
    const before = this.line.text.slice(0, this.line.cursor);
    const c = completeLine(this.host, this.session, before);
    if (c.line !== before) {
      this.line = ed.replaceText(this.line, c.line + this.line.text.slice(this.line.cursor));
      this.line = ed.moveCursor(this.line, c.line.length);
      this.redraw();
    } else if (c.candidates.length > 0 && this.lastTab === before) {
      // A second Tab lists the choices, as bash does.
      this.term.write(`\r\n${c.candidates.join('  ')}\r\n`);
      this.redraw();
    } else this.term.write('\u0007');
    this.lastTab = before;
  }

  private enter(): void {
    const { line, next } = ed.submit(this.line);
    this.line = next;
    this.term.write('\r\n');
    const on = placeName(this.session);
    this.running = true;
    let r;
    try {
      r = runLine(this.host, this.session, line);
    } finally {
      this.running = false;
    }
    const before = new Set(this.session.background.map((b) => b.id));
    this.session = r.session;
    if (r.clear === true) {
      this.term.clear();
      this.term.write('\u001b[H\u001b[2J');
    }
    if (r.output !== '') this.writeOut(r.output);
    // A here-document is logged once, whole, when its delimiter line ends it.
    const command = r.command ?? line;
    if (command.trim() !== '' && r.session.heredoc == null) {
      const entry = this.store.getState().recordTerminal({ on, command, output: r.output });
      this.jobEntry = this.session.job !== null ? entry : null;
      for (const b of this.session.background) if (!before.has(b.id)) this.backgroundEntries.set(b.id, entry);
    }
    for (const id of this.backgroundEntries.keys())
      if (!this.session.background.some((x) => x.id === id)) this.backgroundEntries.delete(id);
    this.flushTraces();
    if (this.session.job?.kind === 'ping') this.startTicking();
    if (this.session.job === null) this.term.write(this.prompt());
  }

  /**
   * Writes output in slices: xterm.js parses its write queue with a time budget checked
   * between queued writes, so 30,000 pod rows as one string would be one long task.
   */
  private writeOut(text: string): void {
    const out = crlf(text);
    const SLICE = 16 * 1024;
    for (let i = 0; i < out.length; i += SLICE) this.term.write(out.slice(i, i + SLICE));
  }

  /** Output of the running job after its line returned goes into that line's entry. */
  private appendToJob(text: string): void {
    if (this.jobEntry !== null && text !== '')
      this.jobEntry = this.store.getState().appendTerminalOutput(this.jobEntry, text);
  }

  private startTicking(): void {
    if (this.timer !== null) return;
    this.timer = setInterval(() => {
      if (this.session.job?.kind !== 'ping') return this.stopTicking();
      const r = tickJob(this.host, this.session);
      this.session = r.session;
      this.appendToJob(r.output);
      this.term.write(crlf(r.output));
    }, 1000);
  }

  private stopTicking(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  private stopJob(): void {
    const r = interrupt(this.session);
    this.session = r.session;
    this.appendToJob(r.output.replace(/^\^C\n?/, ''));
    this.jobEntry = null;
    this.stopTicking();
    this.term.write(crlf(r.output));
    this.term.write(this.prompt());
  }
}
