/** A small table for the console and for Markdown reports. */
export interface Table {
  readonly headers: ReadonlyArray<string>;
  readonly rows: ReadonlyArray<ReadonlyArray<string>>;
  /** Per column: right-align (numbers). Default: all but the first column. */
  readonly rightAlign?: ReadonlyArray<boolean>;
}

/** Renders a table as aligned text (`text`) or as a GitHub Markdown table (`markdown`). */
export function renderTable(table: Table, format: 'text' | 'markdown'): string {
  const right = table.rightAlign ?? table.headers.map((_, i) => i > 0);
  if (format === 'markdown') {
    const line = (cells: ReadonlyArray<string>): string =>
      `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
    const rule = `|${right.map((r) => (r ? '---:' : ':---')).join('|')}|`;
    return [line(table.headers), rule, ...table.rows.map(line)].join('\n');
  }
  const widths = table.headers.map((h, i) =>
    Math.max(h.length, ...table.rows.map((r) => (r[i] ?? '').length)),
  );
  const line = (cells: ReadonlyArray<string>): string =>
    cells
      .map((c, i) => (right[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(table.headers), line(widths.map((w) => '-'.repeat(w))), ...table.rows.map(line)].join('\n');
}

/** A number with `digits` decimals; `–` for NaN. */
export function fixed(v: number, digits: number): string {
  return Number.isFinite(v) ? v.toFixed(digits) : '–';
}

/** A duration given in seconds, in the unit that reads best (µs, ms, s or min). */
export function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '–';
  if (seconds < 1e-3) return `${(seconds * 1e6).toPrecision(3)} µs`;
  if (seconds < 1) return `${(seconds * 1e3).toPrecision(3)} ms`;
  if (seconds < 120) return `${seconds.toPrecision(3)} s`;
  return `${(seconds / 60).toPrecision(3)} min`;
}
