/**
 * A 64-bit key of a report's content for exact-duplicate detection, as 16 hex digits: two independent
 * 32-bit chains over the hashes of the report's folded tokens (tokenize(), hashTokens()), so case,
 * spacing, punctuation and markup do not make two copies of the same report differ.
 */
import { fmix32 } from './hash32.ts';

export function contentKey(tokenHashes: Uint32Array): string {
  let a = 0x9747b28c;
  let b = 0x1b873593;
  const n = tokenHashes.length;
  for (let i = 0; i < n; i++) {
    const h = tokenHashes[i];
    a = fmix32((Math.imul(a, 31) + h) | 0);
    b = fmix32((Math.imul(b ^ h, 0x5bd1e995) + n) | 0);
  }
  a = fmix32(a ^ n);
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}
