/** Terminal output as the student would see it after typing the command. */
export function CodeBlock({ title, lines }: { title: string; lines: readonly string[] | string }) {
  const text = typeof lines === 'string' ? lines : lines.join('\n');
  return (
    <figure className="mt-2">
      <figcaption className="font-mono text-xs font-semibold text-slate-600 dark:text-slate-300">
        {title}
      </figcaption>
      <pre
        tabIndex={0}
        className="mt-1 max-h-80 overflow-auto rounded bg-slate-900 p-2 font-mono text-[11px] leading-5 text-slate-100"
      >
        {text.trim() === '' ? '(empty)' : text}
      </pre>
    </figure>
  );
}
