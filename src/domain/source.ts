/**
 * A source of event-based reports: a feed Tocsin pulls (RSS 2.0, Atom, JSON Feed) or a name under
 * which files are imported. Admins edit the registry; every pull records the source's health.
 */
import { invalid } from './errors.ts';

export const SOURCE_KINDS = ['feed', 'file'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export interface Source {
  readonly id: string;
  readonly name: string;
  readonly kind: SourceKind;
  /** The feed's URL (http or https); null for a file source. */
  readonly url: string | null;
  readonly active: boolean;
  /** Minutes between scheduled pulls. */
  readonly pullMinutes: number;
  /** Validators of the last successful response, sent back for a conditional GET. */
  readonly etag: string | null;
  readonly lastModified: string | null;
  readonly lastPullAt: string | null;
  readonly lastSuccessAt: string | null;
  readonly lastErrorAt: string | null;
  readonly lastError: string | null;
  /** Items read from the source so far (new or not). */
  readonly itemsSeen: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

export interface SourceDraft {
  readonly name: string;
  readonly kind: SourceKind;
  readonly url: string | null;
  readonly active: boolean;
  readonly pullMinutes: number;
}

/** What a pull changes: health and validators. */
export type SourceHealth = Partial<
  Pick<
    Source,
    'etag' | 'lastModified' | 'lastPullAt' | 'lastSuccessAt' | 'lastErrorAt' | 'lastError' | 'itemsSeen'
  >
>;

export type SourceChanges = Partial<SourceDraft> & SourceHealth;

export const DEFAULT_PULL_MINUTES = 60;

/** Checks an admin's input; every problem names its field. */
export function validateSourceDraft(input: Readonly<Record<string, unknown>>): SourceDraft {
  const problems: Array<{ field: string; message: string }> = [];
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (name === '' || name.length > 200) problems.push({ field: 'name', message: '1 to 200 characters' });
  const kind = input.kind ?? (input.url === undefined || input.url === null ? 'file' : 'feed');
  if (!(SOURCE_KINDS as ReadonlyArray<unknown>).includes(kind))
    problems.push({ field: 'kind', message: `one of ${SOURCE_KINDS.join(', ')}` });
  let url: string | null = null;
  if (input.url !== undefined && input.url !== null) {
    if (typeof input.url !== 'string') problems.push({ field: 'url', message: 'must be a URL' });
    else {
      try {
        const u = new URL(input.url);
        if (u.protocol !== 'http:' && u.protocol !== 'https:')
          problems.push({ field: 'url', message: 'must be http or https' });
        url = u.toString();
      } catch {
        problems.push({ field: 'url', message: 'must be a URL' });
      }
    }
  }
  if (kind === 'feed' && url === null && !problems.some((p) => p.field === 'url'))
    problems.push({ field: 'url', message: 'a feed needs a URL' });
  const pullMinutes = input.pullMinutes ?? DEFAULT_PULL_MINUTES;
  if (
    typeof pullMinutes !== 'number' ||
    !Number.isInteger(pullMinutes) ||
    pullMinutes < 5 ||
    pullMinutes > 10080
  )
    problems.push({ field: 'pullMinutes', message: 'a whole number of minutes from 5 to 10080' });
  const active = input.active ?? true;
  if (typeof active !== 'boolean') problems.push({ field: 'active', message: 'true or false' });
  if (problems.length > 0) throw invalid(problems);
  return {
    name,
    kind: kind as SourceKind,
    url,
    active: active as boolean,
    pullMinutes: pullMinutes as number,
  };
}

/** Whether a feed source is due for a scheduled pull at `now`. */
export function isSourceDue(source: Source, now: Date): boolean {
  if (!source.active || source.kind !== 'feed') return false;
  if (source.lastPullAt === null) return true;
  return now.getTime() - Date.parse(source.lastPullAt) >= source.pullMinutes * 60_000;
}

export interface SourceRepository {
  getSource(id: string): Promise<Source | undefined>;
  sourceByName(name: string): Promise<Source | undefined>;
  listSources(): Promise<ReadonlyArray<Source>>;
  insertSource(source: Source): Promise<void>;
  /** Applies changes at `expectedVersion`, bumps the version; CONFLICT when the version moved. */
  updateSource(id: string, expectedVersion: number, changes: SourceChanges, at: string): Promise<Source>;
}

/** What a conditional GET of a feed gave. */
export type FeedResponse =
  | { readonly kind: 'not-modified' }
  | {
      readonly kind: 'ok';
      /** The body decoded to text (charset from the header, the XML declaration or a BOM). */
      readonly body: string;
      readonly contentType: string | null;
      readonly etag: string | null;
      readonly lastModified: string | null;
    };

/** Why a fetch failed, in words for the source's health. */
export class FeedFetchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeedFetchError';
  }
}

/**
 * Fetches feeds over HTTP(S): conditional GET with the stored validators, a time-out, a size limit,
 * polite spacing of requests to one host, retries with back-off. Throws FeedFetchError.
 */
export interface FeedFetcher {
  fetch(
    url: string,
    validators: { readonly etag: string | null; readonly lastModified: string | null },
  ): Promise<FeedResponse>;
}
