/**
 * The lab's keyboard shortcuts: one table, read by the key handlers, the help dialog and
 * the hints on the buttons, so what is shown is what works.
 */
export const SHORTCUTS = [
  { action: 'next-step', key: 'n', label: 'N', what: 'Next lesson step' },
  { action: 'previous-step', key: 'b', label: 'B', what: 'Back to the previous lesson step' },
  { action: 'trace-play', key: 'p', label: 'P', what: 'Play or pause the trace' },
  { action: 'trace-forward', key: '.', label: '.', what: 'Trace: step forward one hop' },
  { action: 'trace-back', key: ',', label: ',', what: 'Trace: step back one hop' },
  { action: 'help', key: '?', label: '?', what: 'Show these shortcuts' },
] as const;

export type ShortcutAction = (typeof SHORTCUTS)[number]['action'];

/** The key of an action, for `aria-keyshortcuts` and the hints on buttons. */
export function keyOf(action: ShortcutAction): string {
  return SHORTCUTS.find((s) => s.action === action)?.label ?? '';
}

/** What a key press asks for, or null: typing in a field, or a key with Ctrl, Alt or Meta, is left alone. */
export function shortcutOf(event: {
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  target: EventTarget | null;
}): ShortcutAction | null {
  if (event.ctrlKey || event.altKey || event.metaKey) return null;
  const target = event.target as { tagName?: string; isContentEditable?: boolean; type?: string } | null;
  const tag = target?.tagName?.toLowerCase();
  if (target?.isContentEditable) return null;
  if (tag === 'textarea' || tag === 'select') return null;
  if (tag === 'input' && !['radio', 'checkbox', 'button', 'submit'].includes(target?.type ?? 'text'))
    return null;
  return SHORTCUTS.find((s) => s.key === event.key.toLowerCase() || s.key === event.key)?.action ?? null;
}
