import { describe, expect, it } from 'vitest';
import { shortcutOf } from './shortcuts.ts';

const press = (key: string, target: object | null = { tagName: 'BODY' }, mods = {}) =>
  shortcutOf({ key, ctrlKey: false, altKey: false, metaKey: false, target: target as EventTarget, ...mods });

describe('shortcutOf', () => {
  it('maps the keys, upper or lower case', () => {
    expect(press('n')).toBe('next-step');
    expect(press('N')).toBe('next-step');
    expect(press('b')).toBe('previous-step');
    expect(press('p')).toBe('trace-play');
    expect(press('.')).toBe('trace-forward');
    expect(press(',')).toBe('trace-back');
    expect(press('?')).toBe('help');
    expect(press('x')).toBeNull();
  });

  it('leaves typing and browser shortcuts alone', () => {
    expect(press('n', { tagName: 'INPUT', type: 'text' })).toBeNull();
    expect(press('n', { tagName: 'TEXTAREA' })).toBeNull();
    expect(press('n', { tagName: 'SELECT' })).toBeNull();
    expect(press('n', { tagName: 'DIV', isContentEditable: true })).toBeNull();
    expect(press('n', { tagName: 'INPUT', type: 'radio' })).toBe('next-step');
    expect(press('n', { tagName: 'BODY' }, { ctrlKey: true })).toBeNull();
    expect(press('p', { tagName: 'BODY' }, { metaKey: true })).toBeNull();
  });
});
