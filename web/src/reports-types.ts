/** API types of event-based surveillance: reports, relevance judgements, sources (see report-routes.ts). */

export interface ReportJudgement {
  readonly id: string;
  readonly reportId: string;
  readonly userId: string;
  readonly relevant: boolean;
  readonly reason: string | null;
  readonly createdAt: string;
  readonly version: number;
  readonly supersededAt: string | null;
}

export interface ReportFeedbackView {
  readonly reportId: string;
  readonly mine: ReportJudgement | null;
  readonly current: ReadonlyArray<ReportJudgement>;
  readonly history: ReadonlyArray<ReportJudgement>;
}

export interface ReportTags {
  readonly language: string;
  readonly relevance: number;
  readonly countries: ReadonlyArray<string>;
  readonly mentionedCountries: ReadonlyArray<string>;
  readonly places: ReadonlyArray<{ readonly id: string; readonly name: string; readonly level: string }>;
  readonly hazards: ReadonlyArray<{
    readonly id: string;
    readonly name: string;
    readonly icd10: string | null;
  }>;
  readonly cases: number | null;
  readonly deaths: number | null;
}

export interface ListedReport {
  readonly id: string;
  readonly sourceId: string;
  readonly url: string | null;
  /** Plain text: markup was removed when the report was stored. */
  readonly title: string;
  readonly text: string;
  readonly language: string;
  readonly publishedAt: string;
  readonly duplicateOf: string | null;
  readonly duplicateKind: 'exact' | 'near' | null;
  readonly similarity: number | null;
  readonly relevance: number;
  readonly tags: ReportTags;
  readonly storyIds: ReadonlyArray<string>;
  readonly myFeedback: ReportJudgement | null;
}

export type SourceKind = 'feed' | 'file';

export interface ReportSource {
  readonly id: string;
  readonly name: string;
  readonly kind: SourceKind;
  readonly url: string | null;
  readonly active: boolean;
  readonly pullMinutes: number;
  readonly lastPullAt: string | null;
  readonly lastSuccessAt: string | null;
  readonly lastErrorAt: string | null;
  readonly lastError: string | null;
  readonly itemsSeen: number;
  readonly version: number;
}

export interface PullOutcome {
  readonly sourceId: string;
  readonly name: string;
  readonly status: 'ok' | 'not-modified' | 'error';
  readonly items?: number;
  readonly message?: string;
}

export const BLACK_SWAN_FLAGS = ['unknown-illness', 'unusual-animal-deaths', 'new-in-place'] as const;
export type BlackSwanFlag = (typeof BLACK_SWAN_FLAGS)[number];

/** What an event-based signal's explanation says about its story. */
export interface EventDetails {
  readonly storyId: string;
  readonly reportCount: number;
  readonly flags: ReadonlyArray<BlackSwanFlag>;
}

/** Reads the story details of an event-based explanation (null when it has none). */
export function eventDetailsOf(explanation: unknown): EventDetails | null {
  if (typeof explanation !== 'object' || explanation === null) return null;
  const details = (explanation as { details?: unknown }).details;
  if (typeof details !== 'object' || details === null) return null;
  const d = details as { storyId?: unknown; reportCount?: unknown; flags?: unknown };
  if (typeof d.storyId !== 'string') return null;
  const flags = Array.isArray(d.flags)
    ? BLACK_SWAN_FLAGS.filter((f) => (d.flags as ReadonlyArray<unknown>).includes(f))
    : [];
  return {
    storyId: d.storyId,
    reportCount: typeof d.reportCount === 'number' ? d.reportCount : 0,
    flags,
  };
}

/** A link target only when it is an http(s) URL (never javascript: or data:). */
export function safeHttpUrl(url: string | null): string | null {
  if (url === null) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}
