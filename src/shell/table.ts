/**
 * kubectl's column layout: Go's tabwriter as `printers.GetNewTabWriter` sets it up (minwidth
 * 6, padding 3, blanks), every column but the last padded to its widest cell.
 */
const MIN_WIDTH = 6;
const PADDING = 3;

/** Lays out rows under headers as `kubectl get` does; every line ends in `\n`. */
export function formatColumns(rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return '';
  const columns = rows[0]?.length ?? 0;
  const widths = new Array<number>(columns).fill(0);
  for (const row of rows)
    for (let c = 0; c < columns - 1; c++) widths[c] = Math.max(widths[c] ?? 0, (row[c] ?? '').length);
  const parts: string[] = [];
  for (const row of rows) {
    let line = '';
    for (let c = 0; c < columns - 1; c++) {
      const cell = row[c] ?? '';
      line += cell.padEnd(Math.max(MIN_WIDTH, (widths[c] ?? 0) + PADDING));
    }
    line += row[columns - 1] ?? '';
    parts.push(line);
  }
  return `${parts.join('\n')}\n`;
}
