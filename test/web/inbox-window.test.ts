import { describe, expect, it } from 'vitest';
import { chunksOf, rowWindow, scrollTopFor } from '../../web/src/inbox-window.ts';

// The web app's tests live under test/ because vitest collects src/, test/ and bench/ only.
describe('the inbox window arithmetic', () => {
  it('renders the rows in view plus the overscan, snapped outwards to blocks', () => {
    // 36 px rows, a 360 px viewport at 3,600 px: rows 100..110 are in view (+1 partly)
    expect(rowWindow(3600, 360, 36, 10_000, 8, 1)).toEqual({ start: 92, end: 119 });
    expect(rowWindow(3600, 360, 36, 10_000, 8, 4)).toEqual({ start: 92, end: 120 });
    // one row further: the same blocks, so the window does not change
    expect(rowWindow(3636, 360, 36, 10_000, 8, 4)).toEqual({ start: 92, end: 120 });
  });

  it('stays inside the list at its top and bottom', () => {
    expect(rowWindow(0, 360, 36, 10_000, 8, 4)).toEqual({ start: 0, end: 20 });
    expect(rowWindow(359_640, 360, 36, 10_000, 8, 4)).toEqual({ start: 9980, end: 10_000 });
    expect(rowWindow(0, 360, 36, 3, 8, 4)).toEqual({ start: 0, end: 3 });
    expect(rowWindow(0, 360, 36, 0, 8, 4)).toEqual({ start: 0, end: 0 });
  });

  it('scrolls as little as needed to show a row', () => {
    expect(scrollTopFor(5, 0, 360, 36)).toBe(0); // already in view
    expect(scrollTopFor(10, 0, 360, 36)).toBe(36); // just below: its bottom at the viewport's bottom
    expect(scrollTopFor(2, 360, 360, 36)).toBe(72); // above: its top at the viewport's top
    expect(scrollTopFor(9999, 0, 360, 36)).toBe(359_640);
  });

  it('names the chunks of 200 rows that hold a window', () => {
    expect(chunksOf({ start: 190, end: 215 }, 200)).toEqual([0, 1]);
    expect(chunksOf({ start: 0, end: 31 }, 200)).toEqual([0]);
    expect(chunksOf({ start: 9980, end: 10_000 }, 200)).toEqual([49]);
    expect(chunksOf({ start: 5, end: 5 }, 200)).toEqual([]);
  });
});
