/**
 * A 64-bit key of a report's content for exact-duplicate detection: two independent 32-bit hashes of
 * the text with case and spacing levelled, as 16 hex digits. Equal text gives equal keys; a collision
 * between different texts is a one-in-2^64 event.
 */
import { hash32 } from './hash32.ts';

export function contentKey(title: string, text: string): string {
  const canonical = `${title}\n${text}`.toLowerCase().replace(/\s+/g, ' ').trim();
  const a = hash32(canonical, 0x9747b28c);
  const b = hash32(canonical, 0x1b873593);
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}
