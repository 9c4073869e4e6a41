/**
 * The audit trail: every change writes one entry in the same transaction, append-only and
 * hash-chained — each entry's hash covers its content and the previous entry's hash, so editing or
 * deleting any row breaks the chain from that row on.
 */
export interface AuditEntryInput {
  readonly actorId: string;
  readonly action: string;
  readonly objectType: string;
  readonly objectId: string;
  readonly before: unknown;
  readonly after: unknown;
  readonly reason?: string | null;
  readonly legalBasis?: string | null;
}

export interface AuditEntry {
  readonly seq: number;
  readonly at: string;
  readonly actorId: string;
  readonly action: string;
  readonly objectType: string;
  readonly objectId: string;
  /** JSON text, or null. */
  readonly before: string | null;
  readonly after: string | null;
  readonly reason: string | null;
  readonly legalBasis: string | null;
  readonly prevHash: string;
  readonly hash: string;
}

/** The hash of the (empty) chain before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** Serialises a snapshot as JSON with sorted keys, so the same object always gives the same text. */
export function canonicalJson(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = sortKeys((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}

/** The text an entry's hash covers: every stored field except the hash itself, in a fixed order. */
export function auditHashInput(e: Omit<AuditEntry, 'hash' | 'seq'> & { readonly seq: number }): string {
  return JSON.stringify([
    e.seq,
    e.at,
    e.actorId,
    e.action,
    e.objectType,
    e.objectId,
    e.before,
    e.after,
    e.reason,
    e.legalBasis,
    e.prevHash,
  ]);
}

export type AuditVerification =
  | { readonly ok: true; readonly entries: number; readonly headHash: string }
  | { readonly ok: false; readonly entries: number; readonly brokenAtSeq: number; readonly problem: string };

/** Appends entries; implemented by storage, used by every service in its transaction. */
export interface AuditWriter {
  append(entry: AuditEntryInput, at: string): Promise<AuditEntry>;
}

/** What the audit viewer searches by; every field narrows, none means every entry. */
export interface AuditSearch {
  readonly objectType?: string;
  readonly objectId?: string;
  readonly actorId?: string;
  /** Entries at or after this time (ISO 8601). */
  readonly from?: string;
  /** Entries before this time (ISO 8601). */
  readonly to?: string;
  /** Only entries older than this sequence number (the next page of a search). */
  readonly beforeSeq?: number;
}

/** Reads the chain in order, in pages (for verification and the audit viewer). */
export interface AuditReader {
  page(afterSeq: number, limit: number): Promise<ReadonlyArray<AuditEntry>>;
  /** The newest entries matching `search`, newest first (at most `limit`). */
  search(search: AuditSearch, limit: number): Promise<ReadonlyArray<AuditEntry>>;
  /** The entries about one object, oldest first (at most `limit`, the newest ones). */
  forObject(objectType: string, objectId: string, limit: number): Promise<ReadonlyArray<AuditEntry>>;
  /** The recorded head of the chain: the last entry's sequence number and hash. */
  head(): Promise<{ readonly seq: number; readonly hash: string }>;
}

/** Walks the chain and reports the first entry whose link or content does not check out. */
export async function verifyAuditChain(
  reader: AuditReader,
  hash: (text: string) => string,
  pageSize = 5000,
): Promise<AuditVerification> {
  let prev = GENESIS_HASH;
  let lastSeq = 0;
  let count = 0;
  for (;;) {
    const page = await reader.page(lastSeq, pageSize);
    if (page.length === 0) break;
    for (const e of page) {
      if (e.prevHash !== prev) {
        return {
          ok: false,
          entries: count,
          brokenAtSeq: e.seq,
          problem: `entry ${e.seq} does not link to the entry before it (a row was deleted or its hash changed)`,
        };
      }
      if (hash(auditHashInput(e)) !== e.hash) {
        return {
          ok: false,
          entries: count,
          brokenAtSeq: e.seq,
          problem: `entry ${e.seq} was altered after it was written (its content no longer matches its hash)`,
        };
      }
      prev = e.hash;
      lastSeq = e.seq;
      count++;
    }
  }
  const head = await reader.head();
  if (head.seq !== lastSeq || head.hash !== prev) {
    return {
      ok: false,
      entries: count,
      brokenAtSeq: lastSeq + 1,
      problem: `the chain ends at entry ${lastSeq} but its recorded head is entry ${head.seq} (the newest entries were deleted or the head was altered)`,
    };
  }
  return { ok: true, entries: count, headHash: prev };
}
