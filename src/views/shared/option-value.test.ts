import { describe, expect, it } from 'vitest';
import { optionValue } from './option-value.ts';

describe('optionValue', () => {
  it('keeps a choice that is still offered', () => {
    expect(optionValue('pod/default/b', ['pod/default/a', 'pod/default/b'], 'pod/default/a')).toBe(
      'pod/default/b',
    );
  });

  it('falls back when the chosen option is gone (deleted pod, removed node, undo)', () => {
    expect(optionValue('pod/default/c', ['pod/default/a', 'pod/default/b'], 'pod/default/a')).toBe(
      'pod/default/a',
    );
    expect(optionValue('node-3', ['', 'node-1', 'node-2'], '')).toBe('');
  });

  it('treats the empty string as a choice only when it is an option', () => {
    expect(optionValue('', ['', 'node-1'], 'node-1')).toBe('');
    expect(optionValue('', ['pod/default/a'], 'pod/default/a')).toBe('pod/default/a');
  });
});
