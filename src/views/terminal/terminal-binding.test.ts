import type { Terminal } from '@xterm/xterm';
import { describe, expect, it } from 'vitest';
import { createLabStore } from '../../store/lab-store.ts';
import { TerminalBinding } from './terminal-binding.ts';

/** The part of xterm.js the binding uses: keys in, text out. */
function fakeTerminal() {
  let onData: (data: string) => void = () => undefined;
  let screen = '';
  const term = {
    onData: (f: (data: string) => void) => {
      onData = f;
      return { dispose: () => undefined };
    },
    write: (s: string) => {
      screen += s;
    },
    clear: () => undefined,
  };
  return { term: term as unknown as Terminal, type: (s: string) => onData(s), screen: () => screen };
}

function lab() {
  const store = createLabStore();
  const loaded = store.getState().loadCluster({
    network: { plugin: 'flannel', backend: 'vxlan' },
    nodes: [{ name: 'node-1' }, { name: 'node-2' }],
    pods: [
      { name: 'a', node: 'node-1' },
      { name: 'b', node: 'node-2' },
    ],
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  const t = fakeTerminal();
  const binding = new TerminalBinding(t.term, store);
  return { store, binding, ...t };
}

const ECHO = / IP 10\.244\.0\.2 > 10\.244\.1\.2: ICMP echo request, id 1, seq 1, length 64\n/;

describe('terminal binding', () => {
  it("a waiting tcpdump's packets and its Ctrl-C counts join its line in the terminal log", () => {
    const { store, binding, type } = lab();
    binding.run('ssh node-1');
    binding.run('tcpdump -i flannel.1 -nn');
    store.getState().runTrace({ from: 'pod/a', to: 'b', protocol: 'icmp' });
    type('\u0003');
    const entry = store.getState().terminalLog.find((e) => e.command === 'tcpdump -i flannel.1 -nn');
    expect(entry?.on).toBe('node/node-1');
    expect(entry?.output).toMatch(/^tcpdump: verbose output suppressed/);
    expect(entry?.output).toMatch(ECHO);
    expect(entry?.output).toMatch(
      /\n2 packets captured\n2 packets received by filter\n0 packets dropped by kernel\n$/,
    );
    binding.dispose();
  });

  it("a background capture's packets join the line that started it, not the line typed since", () => {
    const { store, binding, screen } = lab();
    binding.run('ssh node-1');
    binding.run('tcpdump -i flannel.1 -nn -c 1 &');
    binding.run('ip route');
    store.getState().runTrace({ from: 'pod/a', to: 'b', protocol: 'icmp' });
    const log = store.getState().terminalLog;
    const capture = log.find((e) => e.command === 'tcpdump -i flannel.1 -nn -c 1 &');
    expect(capture?.output).toMatch(ECHO);
    expect(capture?.output).toMatch(
      /1 packet captured\n1 packet received by filter\n0 packets dropped by kernel\n\[1\]\+ {2}Done {20}tcpdump\n$/,
    );
    expect(log.find((e) => e.command === 'ip route')?.output).not.toMatch(ECHO);
    expect(screen()).toMatch(/ICMP echo request/);
    binding.dispose();
  });

  it('a capture hung up by logging out prints nothing more into its line', () => {
    const { store, binding } = lab();
    binding.run('ssh node-1');
    binding.run('tcpdump -i cni0 -nn icmp &');
    binding.run('exit');
    // Logging out hangs the capture up: it prints nothing more into its line.
    binding.run('kubectl exec a -- ping -c 1 10.244.1.2');
    const capture = store.getState().terminalLog.find((e) => e.command.startsWith('tcpdump'));
    expect(capture?.output).not.toMatch(/ICMP/);
    binding.dispose();
  });
});
