/**
 * Situation reports of an event, versioned: every saved draft is a new version (so two editors never
 * overwrite each other: the second gets a conflict), and publishing marks the latest version
 * published. Versions never change afterwards.
 */
import { DomainError, invalid } from './errors.ts';

export interface SituationReport {
  readonly id: string;
  readonly eventId: string;
  /** 1, 2, … per event. */
  readonly version: number;
  readonly body: string;
  readonly authorId: string;
  readonly createdAt: string;
  /** null while a draft. */
  readonly publishedAt: string | null;
}

export type SituationReportState = 'draft' | 'published';

export function reportState(r: Pick<SituationReport, 'publishedAt'>): SituationReportState {
  return r.publishedAt === null ? 'draft' : 'published';
}

const BODY_MAX = 200_000;

export function requireReportBody(body: string): string {
  const b = typeof body === 'string' ? body.trim() : '';
  if (b === '') throw invalid([{ field: 'body', message: 'must not be empty' }]);
  if (b.length > BODY_MAX) throw invalid([{ field: 'body', message: `at most ${BODY_MAX} characters` }]);
  return b;
}

export function requireDraft(r: SituationReport): void {
  if (r.publishedAt !== null)
    throw new DomainError(
      'INVALID_TRANSITION',
      `situation report version ${r.version} of event ${r.eventId} is published and cannot change; draft a new version`,
      { version: r.version },
    );
}

export interface SituationReportRepository {
  /** Inserts a version; throws CONFLICT when that version already exists (someone drafted meanwhile). */
  insertReport(r: SituationReport): Promise<void>;
  /** Every version, newest first. */
  reports(eventId: string): Promise<ReadonlyArray<SituationReport>>;
  report(eventId: string, version: number): Promise<SituationReport | undefined>;
  /** Publishes a draft; false when it was already published. */
  publish(eventId: string, version: number, at: string): Promise<boolean>;
}
