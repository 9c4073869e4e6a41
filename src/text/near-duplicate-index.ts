/**
 * An in-memory index that links each new report to an earlier one it duplicates: exactly (same content
 * key) or nearly (MinHash-estimated Jaccard similarity of shingles at or above a threshold). Candidates
 * come from locality-sensitive hashing on signature bands, so a lookup touches only likely matches.
 * Duplicates are reported, never dropped: what to store is the caller's decision.
 */
import { fmix32 } from './hash32.ts';
import { minHashSimilarity } from './minhash.ts';

export type DuplicateLink =
  | { readonly kind: 'new' }
  | { readonly kind: 'exact'; readonly of: string }
  | { readonly kind: 'near'; readonly of: string; readonly similarity: number };

export interface NearDuplicateOptions {
  /** Least estimated Jaccard similarity for a near-duplicate. */
  readonly threshold: number;
  /** Rows per LSH band; the signature length must be a multiple of it. */
  readonly bandRows: number;
}

export const DEFAULT_NEAR_DUPLICATE_OPTIONS: NearDuplicateOptions = Object.freeze({
  threshold: 0.8,
  bandRows: 4,
});

export class NearDuplicateIndex {
  private readonly options: NearDuplicateOptions;
  private readonly exact = new Map<string, string>();
  private readonly buckets = new Map<number, string[]>();
  private readonly signatures = new Map<string, Uint32Array>();

  constructor(options: Partial<NearDuplicateOptions> = {}) {
    this.options = { ...DEFAULT_NEAR_DUPLICATE_OPTIONS, ...options };
    if (!(this.options.threshold > 0 && this.options.threshold <= 1))
      throw new RangeError('NearDuplicateIndex: threshold must be in (0, 1]');
    if (!Number.isInteger(this.options.bandRows) || this.options.bandRows < 1)
      throw new RangeError('NearDuplicateIndex: bandRows must be a positive integer');
  }

  get size(): number {
    return this.signatures.size;
  }

  /** One number per band: the band's position and a hash of its rows (a collision only adds a candidate). */
  private bandKeys(signature: Uint32Array): number[] {
    const r = this.options.bandRows;
    if (signature.length % r !== 0)
      throw new RangeError(
        `NearDuplicateIndex: signature length ${signature.length} is not a multiple of ${r}`,
      );
    if (signature.length / r >= 1024) throw new RangeError('NearDuplicateIndex: at most 1023 bands');
    const keys: number[] = [];
    for (let b = 0; b < signature.length; b += r) {
      let h = b;
      for (let i = b; i < b + r; i++) h = fmix32((Math.imul(h, 31) + signature[i]) | 0);
      keys.push(b / r + 1 + h * 1024);
    }
    return keys;
  }

  /** The earlier report this one duplicates, if any; does not add it. */
  find(key: string, signature: Uint32Array): DuplicateLink {
    const same = this.exact.get(key);
    if (same !== undefined) return { kind: 'exact', of: same };
    let best: string | undefined;
    let bestSimilarity = 0;
    const seen = new Set<string>();
    for (const band of this.bandKeys(signature)) {
      for (const id of this.buckets.get(band) ?? []) {
        if (seen.has(id)) continue;
        seen.add(id);
        const other = this.signatures.get(id);
        if (other === undefined) continue;
        const s = minHashSimilarity(signature, other);
        if (s > bestSimilarity || (s === bestSimilarity && best !== undefined && id < best)) {
          best = id;
          bestSimilarity = s;
        }
      }
    }
    if (best !== undefined && bestSimilarity >= this.options.threshold)
      return { kind: 'near', of: best, similarity: bestSimilarity };
    return { kind: 'new' };
  }

  /** Adds a report; a duplicate is indexed too, so later copies can link to either. Ids must be unique. */
  add(id: string, key: string, signature: Uint32Array): void {
    if (this.signatures.has(id)) throw new RangeError(`NearDuplicateIndex: id "${id}" already added`);
    if (!this.exact.has(key)) this.exact.set(key, id);
    this.signatures.set(id, signature);
    for (const band of this.bandKeys(signature)) {
      const list = this.buckets.get(band);
      if (list === undefined) this.buckets.set(band, [id]);
      else list.push(id);
    }
  }

  /** `find`, then `add`: the usual step when reports arrive one by one. */
  link(id: string, key: string, signature: Uint32Array): DuplicateLink {
    const found = this.find(key, signature);
    this.add(id, key, signature);
    return found;
  }
}
