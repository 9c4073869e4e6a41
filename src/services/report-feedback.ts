/**
 * Analysts' relevance feedback on reports (issue: event-based surveillance, item 5): an analyst (or
 * anyone who may triage signals) marks a report in their jurisdiction relevant or not, with an optional
 * reason; a later judgement of the same report by the same person replaces the current one and keeps the
 * earlier one as history. Every judgement is audited in its transaction. The export gives the current
 * judgements as JSON lines the relevance model's training reads (title, text, label).
 */
import { type Actor, requireJurisdiction, requirePermission } from '../domain/actor.ts';
import type { AuditWriter } from '../domain/audit-entry.ts';
import { invalid, notFound } from '../domain/errors.ts';
import type { Clock, IdGenerator, Transactor } from '../domain/ports.ts';
import type { ReportRepository } from '../domain/report.ts';
import {
  checkJudgementInput,
  type FeedbackTrainingLine,
  type JudgementInput,
  type ReportFeedbackRepository,
  type ReportJudgement,
  trainingLineOf,
} from '../domain/report-feedback.ts';

export interface ReportFeedbackStore {
  readonly reports: ReportRepository;
  readonly reportFeedback: ReportFeedbackRepository;
  readonly audit: AuditWriter;
}

export interface ReportFeedbackView {
  readonly reportId: string;
  /** The caller's current judgement. */
  readonly mine: ReportJudgement | null;
  /** Every user's current judgement. */
  readonly current: ReadonlyArray<ReportJudgement>;
  /** All judgements, superseded ones included, oldest first. */
  readonly history: ReadonlyArray<ReportJudgement>;
}

/** Judgements exported per store round trip. */
const EXPORT_PAGE = 500;

export function reportFeedback(deps: {
  readonly tx: Transactor<ReportFeedbackStore>;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}) {
  const { tx, clock, ids } = deps;

  async function reportInJurisdiction(store: ReportFeedbackStore, actor: Actor, reportId: string) {
    const report = await store.reports.getReport(reportId);
    if (report === undefined) throw notFound('report', reportId);
    requireJurisdiction(actor, report.placePath, `report ${reportId}`);
    return report;
  }

  function viewOf(
    actor: Actor,
    reportId: string,
    history: ReadonlyArray<ReportJudgement>,
  ): ReportFeedbackView {
    const current = history.filter((j) => j.supersededAt === null);
    return {
      reportId,
      mine: current.find((j) => j.userId === actor.userId) ?? null,
      current,
      history,
    };
  }

  return {
    /** Records the caller's judgement of a report; the same judgement again changes nothing. */
    async judge(actor: Actor, reportId: string, input: JudgementInput): Promise<ReportFeedbackView> {
      requirePermission(actor, 'signal:triage');
      const { relevant, reason } = checkJudgementInput(input);
      const at = clock.now().toISOString();
      return tx.transaction(async (store) => {
        const report = await reportInJurisdiction(store, actor, reportId);
        const before = await store.reportFeedback.currentJudgement(reportId, actor.userId);
        if (before === undefined || before.relevant !== relevant || before.reason !== reason) {
          const judgement: ReportJudgement = {
            id: ids.next(),
            reportId,
            userId: actor.userId,
            relevant,
            reason,
            createdAt: at,
            version: (before?.version ?? 0) + 1,
            supersededAt: null,
          };
          await store.reportFeedback.appendJudgement(judgement);
          await store.audit.append(
            {
              actorId: actor.userId,
              action: 'report.feedback',
              objectType: 'report',
              objectId: reportId,
              before: before ?? null,
              after: judgement,
              reason:
                `${relevant ? 'relevant' : 'not relevant'} (model said ${report.relevance.toFixed(2)})` +
                (reason === null ? '' : `: ${reason}`),
            },
            at,
          );
        }
        return viewOf(actor, reportId, await store.reportFeedback.judgementHistory(reportId));
      });
    },

    /** The judgements of one report: the caller's, everyone's current ones, and the history. */
    async feedbackOf(actor: Actor, reportId: string): Promise<ReportFeedbackView> {
      requirePermission(actor, 'signal:triage');
      return tx.transaction(async (store) => {
        await reportInJurisdiction(store, actor, reportId);
        return viewOf(actor, reportId, await store.reportFeedback.judgementHistory(reportId));
      });
    },

    /**
     * The current judgements of reports in the caller's jurisdiction, one training line each (every
     * analyst's judgement is a line: two analysts who disagree give the model both views).
     */
    async exportTraining(actor: Actor, options: { readonly limit?: number } = {}) {
      requirePermission(actor, 'signal:triage');
      const limit = options.limit ?? 100_000;
      if (!Number.isInteger(limit) || limit < 1 || limit > 1_000_000)
        throw invalid([{ field: 'limit', message: 'from 1 to 1,000,000' }]);
      const lines: FeedbackTrainingLine[] = [];
      let after: string | undefined;
      while (lines.length < limit) {
        const page = await tx.transaction(({ reportFeedback }) =>
          reportFeedback.exportJudged({
            placePathPrefix: actor.jurisdictionPath,
            limit: Math.min(EXPORT_PAGE, limit - lines.length),
            after,
          }),
        );
        for (const j of page) lines.push(trainingLineOf(j));
        if (page.length < EXPORT_PAGE) break;
        after = page[page.length - 1].judgement.id;
      }
      return lines;
    },
  };
}

export type ReportFeedback = ReturnType<typeof reportFeedback>;
