/**
 * Colour classes of a choropleth: class 0 is "none" (a value of 0 or no value), classes 1..k cover the
 * positive values up to their upper bound. Sequential orange-red, light to dark; every class differs
 * from its neighbours in lightness so the map reads in greyscale too.
 */
export const MAP_COLOURS = ['#f2f4f7', '#fde0c5', '#facb98', '#f59e60', '#d9541e', '#8f2d0f'] as const;

/** The colour of features without a place (no value can ever be joined to them). */
export const NO_PLACE_COLOUR = '#d0d7de';

/**
 * Upper bounds (inclusive) of up to `classes` classes for the positive values up to `max`: one class
 * per integer while there are few, else equal steps rounded up to integers (for counts) or to two
 * significant digits (for fractional values). Empty when nothing is above zero.
 */
export function classBounds(max: number, classes = MAP_COLOURS.length - 1): number[] {
  if (!(max > 0)) return [];
  if (Number.isInteger(max) && max <= classes) return Array.from({ length: max }, (_, i) => i + 1);
  const round = Number.isInteger(max) ? Math.ceil : (x: number) => Number(x.toPrecision(2));
  const bounds: number[] = [];
  for (let i = 1; i <= classes; i++) {
    const b = i === classes ? max : round((max * i) / classes);
    if (bounds.length === 0 || b > bounds[bounds.length - 1]) bounds.push(b);
  }
  return bounds;
}

/** The class of a value: 0 for none or ≤ 0, else 1 + the index of the first bound that holds it. */
export function classOf(value: number | undefined, bounds: ReadonlyArray<number>): number {
  if (value === undefined || !(value > 0) || bounds.length === 0) return 0;
  const i = bounds.findIndex((b) => value <= b);
  return (i < 0 ? bounds.length - 1 : i) + 1;
}

/** The lower end of class `k` (1-based) for the legend: the previous bound + 1 for counts. */
export function classLower(k: number, bounds: ReadonlyArray<number>): number {
  if (k <= 1) return Number.isInteger(bounds[0] ?? 1) ? 1 : 0;
  const prev = bounds[k - 2];
  return Number.isInteger(prev) && bounds.every(Number.isInteger) ? prev + 1 : prev;
}
