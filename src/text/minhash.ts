/**
 * MinHash signatures of token shingles: the share of equal signature positions estimates the Jaccard
 * similarity of two shingle sets (Broder 1997, "On the resemblance and containment of documents").
 * One-permutation hashing with optimal densification (Shrivastava 2017, ICML) hashes each shingle once
 * instead of once per signature position. Shingles are runs of `shingleSize` consecutive tokens;
 * tokenize() makes every Han/Kana character a token, so Chinese and Japanese text gets character
 * n-grams and other scripts get word n-grams.
 */
import { fmix32, hash32 } from './hash32.ts';

export interface MinHashOptions {
  /** Signature length (number of bins). */
  readonly permutations: number;
  /** Tokens per shingle. */
  readonly shingleSize: number;
  readonly seed: number;
}

export const DEFAULT_MINHASH_OPTIONS: MinHashOptions = Object.freeze({
  permutations: 64,
  shingleSize: 3,
  seed: 0x5eed,
});

const EMPTY = 0xffffffff;

/** One 32-bit hash per token, the input of minHashSignature() and contentKey(). */
export function hashTokens(
  forms: ReadonlyArray<string>,
  seed: number = DEFAULT_MINHASH_OPTIONS.seed,
): Uint32Array {
  const out = new Uint32Array(forms.length);
  for (let i = 0; i < forms.length; i++) out[i] = hash32(forms[i], seed);
  return out;
}

/**
 * Signature of a token sequence given as token hashes (hashTokens()); texts shorter than one shingle use
 * their whole token list as one shingle.
 */
export function minHashSignature(
  tokenHashes: Uint32Array,
  options: Partial<MinHashOptions> = {},
): Uint32Array {
  const o = { ...DEFAULT_MINHASH_OPTIONS, ...options };
  const k = o.permutations;
  if (!Number.isInteger(k) || k < 1)
    throw new RangeError('minHashSignature: permutations must be a positive integer');
  const sig = new Uint32Array(k).fill(EMPTY);
  const n = tokenHashes.length;
  if (n === 0) return sig;
  const w = Math.min(o.shingleSize, n);
  for (let i = 0; i + w <= n; i++) {
    let h = o.seed;
    for (let t = 0; t < w; t++) h = fmix32((Math.imul(h, 31) + tokenHashes[i + t]) | 0);
    // the bin comes from the high bits' product, the value from a second mix: independent enough
    const bin = Math.floor(((h >>> 0) / 0x100000000) * k);
    const v = fmix32(h ^ 0x9e3779b9);
    if (v < sig[bin]) sig[bin] = v;
  }
  // optimal densification: an empty bin copies the value of a filled bin chosen by a hash of (bin, attempt)
  const filled = new Uint8Array(k);
  for (let j = 0; j < k; j++) filled[j] = sig[j] === EMPTY ? 0 : 1;
  for (let j = 0; j < k; j++) {
    if (filled[j] === 1) continue;
    for (let attempt = 1; ; attempt++) {
      const r = fmix32(Math.imul(j + 1, 0x85ebca6b) ^ Math.imul(attempt, 0xc2b2ae35));
      const from = Math.floor((r / 0x100000000) * k);
      if (filled[from] === 1) {
        sig[j] = sig[from];
        break;
      }
    }
  }
  return sig;
}

/** Estimated Jaccard similarity of the shingle sets behind two signatures of the same length. */
export function minHashSimilarity(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) throw new RangeError('minHashSimilarity: signatures differ in length');
  if (a.length === 0) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}
