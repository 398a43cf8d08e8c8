import { describe, expect, it } from 'vitest';
import { glossaryFor } from './glossary.ts';

describe('glossaryFor', () => {
  it('finds the terms a step uses', () => {
    expect(glossaryFor('`10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink`').map((g) => g.term)).toEqual([
      'onlink',
    ]);
    expect(glossaryFor('the bridge fdb and ip neigh, and proxy_arp').map((g) => g.term)).toEqual([
      'FDB',
      'neighbour',
      'proxy ARP',
    ]);
    expect(glossaryFor('nothing here')).toEqual([]);
  });
});
