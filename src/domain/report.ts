/**
 * A report of event-based surveillance: one item of a feed or line of an imported file, stored with its
 * cleaned text (never the raw HTML), its fingerprints (content key, MinHash signature), the earlier
 * report it duplicates (exactly or nearly: linked, never dropped) and its tags.
 */
import { fmix32 } from '../text/hash32.ts';
import type { ReportTags } from '../text/report-tagger.ts';
import { invalid } from './errors.ts';

export type { ReportTags };

/** One item as a source delivers it, before normalisation. */
export interface ReportItem {
  /** The source's own id of the item (feed guid/id, or the line's id); falls back to the URL. */
  readonly externalId: string | null;
  readonly url: string | null;
  readonly title: string;
  /** Body as text or HTML. */
  readonly text: string;
  /** ISO 8601 time, or null when the source gives none (the fetch time is used). */
  readonly publishedAt: string | null;
}

export type DuplicateKind = 'exact' | 'near';

export interface Report {
  readonly id: string;
  readonly sourceId: string;
  readonly externalId: string;
  readonly url: string | null;
  readonly title: string;
  readonly text: string;
  readonly language: string;
  readonly publishedAt: string;
  readonly fetchedAt: string;
  readonly contentKey: string;
  readonly signature: Uint32Array;
  readonly duplicateOf: string | null;
  readonly duplicateKind: DuplicateKind | null;
  readonly similarity: number | null;
  readonly relevance: number;
  readonly tags: ReportTags;
  /** The first affected country's place id (when the gazetteer has it) and its path (`/` if none). */
  readonly placeId: string | null;
  readonly placePath: string;
}

/** A report as lists and the API show it (no signature). */
export type ReportView = Omit<Report, 'signature'> & { readonly storyIds: ReadonlyArray<string> };

export interface ReportListQuery {
  /** Only reports whose place path starts with this (the reader's jurisdiction). */
  readonly placePathPrefix: string;
  readonly sourceId?: string;
  readonly country?: string;
  /** Only the reports of this story and the reports that duplicate them. */
  readonly storyId?: string;
  /** Published on or after / before this ISO time. */
  readonly from?: string;
  readonly to?: string;
  readonly limit: number;
  readonly offset: number;
}

/** A stored report the near-duplicate check compares against. */
export interface DuplicateCandidate {
  readonly id: string;
  readonly signature: Uint32Array;
}

export interface ReportRepository {
  getReport(id: string): Promise<ReportView | undefined>;
  /** The external ids of `sourceId` among `externalIds` that are stored already. */
  storedExternalIds(sourceId: string, externalIds: ReadonlyArray<string>): Promise<ReadonlySet<string>>;
  /** The earliest stored report with this content key. */
  byContentKey(contentKey: string): Promise<string | undefined>;
  /** Reports sharing at least one band key. */
  nearCandidates(bandKeys: ReadonlyArray<string>): Promise<ReadonlyArray<DuplicateCandidate>>;
  insertReport(report: Report, bandKeys: ReadonlyArray<string>): Promise<void>;
  listReports(query: ReportListQuery): Promise<ReadonlyArray<ReportView>>;
}

/** Rows per locality-sensitive hashing band: 16 bands of 4 for 64-position signatures. */
export const BAND_ROWS = 4;
/** Least estimated Jaccard similarity of a near-duplicate (as the in-memory index uses). */
export const NEAR_DUPLICATE_THRESHOLD = 0.8;

/** One key per band: its position and a hash of its rows. */
export function signatureBandKeys(signature: Uint32Array, rows: number = BAND_ROWS): string[] {
  const keys: string[] = [];
  for (let b = 0; b + rows <= signature.length; b += rows) {
    let h = b;
    for (let i = b; i < b + rows; i++) h = fmix32((Math.imul(h, 31) + signature[i]) | 0);
    keys.push(`${b / rows}:${(h >>> 0).toString(16)}`);
  }
  return keys;
}

export function signatureToHex(signature: Uint32Array): string {
  let s = '';
  for (const v of signature) s += v.toString(16).padStart(8, '0');
  return s;
}

export function signatureFromHex(hex: string): Uint32Array {
  const out = new Uint32Array(Math.floor(hex.length / 8));
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 8, i * 8 + 8), 16);
  return out;
}

/** Longest title and text kept (longer ones are cut, with a warning). */
export const MAX_TITLE_CHARS = 1_000;
export const MAX_TEXT_CHARS = 200_000;

/** Reads a date or time given by a source as ISO 8601 UTC, or null when it is missing or unreadable. */
export function parsePublished(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const t = Date.parse(value.trim());
  if (Number.isNaN(t)) return null;
  return new Date(t).toISOString();
}

/** Validates one item from a JSON object (a JSONL line or a JSON Feed item); problems name their field. */
export function reportItemFromJson(value: unknown): ReportItem {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalid([{ field: '(line)', message: 'expected a JSON object' }]);
  const o = value as Record<string, unknown>;
  const problems: Array<{ field: string; message: string }> = [];
  const str = (field: string): string | null => {
    const v = o[field];
    if (v === undefined || v === null) return null;
    if (typeof v === 'number' && field === 'id') return String(v);
    if (typeof v !== 'string') {
      problems.push({ field, message: 'must be a string' });
      return null;
    }
    return v;
  };
  const id = str('id') ?? str('source_id') ?? str('external_id');
  const url = str('url') ?? str('link');
  const title = str('title') ?? str('headline') ?? '';
  let text = '';
  for (const f of [
    'text',
    'content',
    'content_text',
    'content_html',
    'html',
    'description',
    'summary',
    'body',
  ]) {
    const v = str(f);
    if (v !== null) {
      text = v;
      break;
    }
  }
  const published = str('published') ?? str('published_at') ?? str('date_published') ?? str('date');
  if (problems.length > 0) throw invalid(problems);
  if (title.trim() === '' && text.trim() === '')
    throw invalid([{ field: 'text', message: 'a report needs a title or a text' }]);
  const publishedAt = parsePublished(published);
  if (published !== null && publishedAt === null)
    throw invalid([{ field: 'published', message: 'not a date or time' }]);
  return { externalId: id, url, title, text, publishedAt };
}
