/**
 * Analysts' relevance feedback on reports: "this report is (not) about an outbreak or biological
 * hazard", kept for retraining the relevance model. Each analyst has at most one CURRENT judgement per
 * report; changing one's mind appends a new version and marks the previous one superseded, so the whole
 * history stays (who said what, when, and why) while exports read only the current judgements.
 */
import { invalid } from './errors.ts';

export interface ReportJudgement {
  readonly id: string;
  readonly reportId: string;
  readonly userId: string;
  readonly relevant: boolean;
  readonly reason: string | null;
  readonly createdAt: string;
  /** 1 for a user's first judgement of the report, then 2, 3, … */
  readonly version: number;
  /** When a later judgement of the same user replaced this one; null while it is current. */
  readonly supersededAt: string | null;
}

/** A current judgement with the report it is about, as the retraining export reads it. */
export interface JudgedReport {
  readonly judgement: ReportJudgement;
  readonly report: {
    readonly id: string;
    readonly sourceId: string;
    readonly title: string;
    readonly text: string;
    readonly language: string;
    readonly publishedAt: string;
    readonly relevance: number;
    readonly placePath: string;
  };
}

export interface FeedbackExportQuery {
  /** Only reports whose place path starts with this (the reader's jurisdiction). */
  readonly placePathPrefix: string;
  readonly limit: number;
  /** Continue after this judgement id (ids ascend in the order exported). */
  readonly after?: string;
}

export interface ReportFeedbackRepository {
  /** The user's current judgement of the report, if any. */
  currentJudgement(reportId: string, userId: string): Promise<ReportJudgement | undefined>;
  /** Current judgements of these reports by this user, by report id. */
  currentJudgementsOf(
    reportIds: ReadonlyArray<string>,
    userId: string,
  ): Promise<ReadonlyMap<string, ReportJudgement>>;
  /** Every judgement of the report (all users, all versions), oldest first. */
  judgementHistory(reportId: string): Promise<ReadonlyArray<ReportJudgement>>;
  /**
   * Appends a judgement: marks the user's current one (version `judgement.version - 1`) superseded at
   * `judgement.createdAt` and inserts the new one. A concurrent judgement of the same version fails with
   * a conflict (the unique key report × user × version).
   */
  appendJudgement(judgement: ReportJudgement): Promise<void>;
  /** Current judgements with their reports, in id order, for the retraining export. */
  exportJudged(query: FeedbackExportQuery): Promise<ReadonlyArray<JudgedReport>>;
}

export const MAX_FEEDBACK_REASON_CHARS = 2_000;

export interface JudgementInput {
  readonly relevant: boolean;
  readonly reason?: string | null;
}

/** Checks a judgement from a request: relevant is a boolean, the reason short plain text or absent. */
export function checkJudgementInput(input: JudgementInput): { relevant: boolean; reason: string | null } {
  if (typeof input.relevant !== 'boolean') throw invalid([{ field: 'relevant', message: 'true or false' }]);
  const reason = input.reason === undefined || input.reason === null ? '' : input.reason.trim();
  if (reason.length > MAX_FEEDBACK_REASON_CHARS)
    throw invalid([{ field: 'reason', message: `at most ${MAX_FEEDBACK_REASON_CHARS} characters` }]);
  return { relevant: input.relevant, reason: reason === '' ? null : reason };
}

/**
 * One line of the retraining export. `title` and `text` are what the relevance model's training reads
 * (bench/ebs/fit-tagging-models.ts computes relevanceFeatures from the tagger's analysis of title and
 * text), `label` its target (1 relevant, 0 not); the rest says where the line came from.
 */
export interface FeedbackTrainingLine {
  readonly id: string;
  readonly title: string;
  readonly text: string;
  readonly language: string;
  readonly label: 0 | 1;
  readonly relevant: boolean;
  /** The model's score when the report was stored, for comparing before and after retraining. */
  readonly modelRelevance: number;
  readonly reason: string | null;
  readonly judgedBy: string;
  readonly judgedAt: string;
  readonly sourceId: string;
  readonly publishedAt: string;
}

export function trainingLineOf(j: JudgedReport): FeedbackTrainingLine {
  return {
    id: j.report.id,
    title: j.report.title,
    text: j.report.text,
    language: j.report.language,
    label: j.judgement.relevant ? 1 : 0,
    relevant: j.judgement.relevant,
    modelRelevance: j.report.relevance,
    reason: j.judgement.reason,
    judgedBy: j.judgement.userId,
    judgedAt: j.judgement.createdAt,
    sourceId: j.report.sourceId,
    publishedAt: j.report.publishedAt,
  };
}
