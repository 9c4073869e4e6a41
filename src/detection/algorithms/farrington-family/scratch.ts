/**
 * Reusable typed-array storage for the Farrington family's hot path. A typed array of a few hundred
 * elements has an off-heap backing store that costs ~1–4 µs to allocate — more than a whole IRLS
 * iteration — so the per-time-point buffers (baseline, design, response, IRLS state, fit results) are
 * views into arrays that grow as needed and are kept between calls.
 *
 * A view is valid until the next request for the same name; its contents are whatever the previous
 * user left (callers initialise what they read). The algorithms use one `Scratch` inside a single
 * synchronous call and copy every output they return, so the reuse is invisible from outside.
 */
export class Scratch {
  private readonly floats = new Map<string, Float64Array>();
  private readonly ints = new Map<string, Int32Array>();
  private readonly bytes = new Map<string, Uint8Array>();

  /** The last view handed out under each name: asked again for the same length, it is reused (no allocation). */
  private readonly floatViews = new Map<string, Float64Array>();
  private readonly intViews = new Map<string, Int32Array>();
  private readonly byteViews = new Map<string, Uint8Array>();

  float(name: string, length: number): Float64Array {
    const view = this.floatViews.get(name);
    if (view !== undefined && view.length === length) return view;
    let a = this.floats.get(name);
    if (a === undefined || a.length < length) {
      a = new Float64Array(Math.max(length, 2 * (a?.length ?? 0), 64));
      this.floats.set(name, a);
    }
    const v = a.subarray(0, length);
    this.floatViews.set(name, v);
    return v;
  }

  int(name: string, length: number): Int32Array {
    const view = this.intViews.get(name);
    if (view !== undefined && view.length === length) return view;
    let a = this.ints.get(name);
    if (a === undefined || a.length < length) {
      a = new Int32Array(Math.max(length, 2 * (a?.length ?? 0), 64));
      this.ints.set(name, a);
    }
    const v = a.subarray(0, length);
    this.intViews.set(name, v);
    return v;
  }

  byte(name: string, length: number): Uint8Array {
    const view = this.byteViews.get(name);
    if (view !== undefined && view.length === length) return view;
    let a = this.bytes.get(name);
    if (a === undefined || a.length < length) {
      a = new Uint8Array(Math.max(length, 2 * (a?.length ?? 0), 64));
      this.bytes.set(name, a);
    }
    const v = a.subarray(0, length);
    this.byteViews.set(name, v);
    return v;
  }
}
