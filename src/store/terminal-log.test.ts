import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { parseLesson } from '../lessons/load-lesson.ts';
import { createLabStore } from './lab-store.ts';

function lesson(file: string) {
  const parsed = parseLesson(
    JSON.parse(readFileSync(new URL(`../../lessons/${file}`, import.meta.url), 'utf8')),
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.lesson;
}

describe('terminal log', () => {
  it('appendTerminalOutput adds to the entry in place and returns its replacement', () => {
    const store = createLabStore();
    const first = store
      .getState()
      .recordTerminal({ on: 'node/node-1', command: 'tcpdump -i cni0', output: 'a\n' });
    store.getState().recordTerminal({ on: 'kubectl', command: 'kubectl get pods', output: 'b\n' });
    const next = store.getState().appendTerminalOutput(first, 'c\n');
    expect(next.output).toBe('a\nc\n');
    expect(store.getState().terminalLog.map((e) => e.output)).toEqual(['a\nc\n', 'b\n']);
    // The old entry has been replaced: appending to it again changes nothing.
    expect(store.getState().appendTerminalOutput(first, 'd\n')).toBe(first);
    expect(store.getState().terminalLog[0]?.output).toBe('a\nc\n');
    store.getState().reset();
    expect(store.getState().appendTerminalOutput(next, 'e\n')).toBe(next);
    expect(store.getState().terminalLog).toEqual([]);
  });

  it("a replayed tcpdump records the packets of the solution's later trace and its counts", async () => {
    const store = createLabStore();
    expect(store.getState().startLesson(lesson('06-flannel-vxlan.json')).ok).toBe(true);
    store.getState().replaySolution();
    await vi.waitFor(() => expect(store.getState().terminalLog).toHaveLength(2), { timeout: 10_000 });
    const [route, capture] = store.getState().terminalLog;
    expect(route?.output).toContain('10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink');
    expect(capture?.command).toBe('tcpdump -i flannel.1 -nn -c 1');
    expect(capture?.output).toMatch(/^tcpdump: verbose output suppressed/);
    expect(capture?.output).toMatch(
      / IP 10\.244\.0\.\d+ > 10\.244\.1\.\d+: ICMP echo request, id 1, seq 1, length 64\n/,
    );
    expect(capture?.output).toMatch(/1 packet captured\n/);
  });
});
