/**
 * The value a controlled `<select>` should hold: the student's choice while it is still one
 * of the options, else the fallback. A choice that vanished (a pod deleted, a node removed,
 * an Undo) must not stay in state: the browser would show another option than the one sent.
 */
export function optionValue(chosen: string, options: readonly string[], fallback: string): string {
  return options.includes(chosen) ? chosen : fallback;
}
