/**
 * Windowing for the signal inbox: which rows of a fixed-height list are rendered for a scroll position,
 * and where to scroll so a row is in view. Pure arithmetic (no DOM), so it is cheap on every scroll.
 */
export interface RowWindow {
  /** First rendered row (inclusive). */
  readonly start: number;
  /** One past the last rendered row. */
  readonly end: number;
}

/**
 * The rows to render: those in view plus `overscan` on each side, with both edges snapped outwards to
 * multiples of `block` rows, so a steady scroll changes the window once every `block` rows, not every row.
 */
export function rowWindow(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  total: number,
  overscan: number,
  block = 1,
): RowWindow {
  if (total <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const last = first + Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  const start = Math.max(0, Math.min(total - 1, Math.floor((first - overscan) / block) * block));
  const end = Math.min(total, Math.ceil((last + overscan) / block) * block);
  return { start, end: Math.max(start + 1, end) };
}

/** The scrollTop that brings row `index` fully into view, moving as little as possible. */
export function scrollTopFor(
  index: number,
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
): number {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight);
  return scrollTop;
}

/** The chunks (of `chunkSize` rows) that hold rows [start, end). */
export function chunksOf(window: RowWindow, chunkSize: number): number[] {
  if (window.end <= window.start) return [];
  const out: number[] = [];
  for (let c = Math.floor(window.start / chunkSize); c <= Math.floor((window.end - 1) / chunkSize); c++)
    out.push(c);
  return out;
}
