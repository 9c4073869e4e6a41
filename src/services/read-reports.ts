/**
 * Reading stored reports: readers of signals see the reports about places in their jurisdiction (a
 * report with no affected country in the gazetteer lies at the root, for whole-world readers).
 */
import { type Actor, can, requireJurisdiction, requirePermission } from '../domain/actor.ts';
import { invalid, notFound } from '../domain/errors.ts';
import type { Transactor } from '../domain/ports.ts';
import type { ReportRepository, ReportView } from '../domain/report.ts';
import type { ReportFeedbackRepository, ReportJudgement } from '../domain/report-feedback.ts';

export interface ReportFilter {
  readonly sourceId?: string;
  readonly country?: string;
  /** The reports of one story (an event-based signal's evidence) and their duplicates. */
  readonly storyId?: string;
  readonly from?: string;
  readonly to?: string;
  readonly limit?: number;
  readonly offset?: number;
}

/** A listed report with the caller's current relevance judgement (null: none, or may not judge). */
export type ListedReport = ReportView & { readonly myFeedback: ReportJudgement | null };

export function readReports(deps: {
  readonly tx: Transactor<{
    readonly reports: ReportRepository;
    readonly reportFeedback: ReportFeedbackRepository;
  }>;
}) {
  const { tx } = deps;
  return {
    async list(actor: Actor, filter: ReportFilter = {}): Promise<ReadonlyArray<ListedReport>> {
      requirePermission(actor, 'signal:read');
      const limit = filter.limit ?? 50;
      const offset = filter.offset ?? 0;
      if (!Number.isInteger(limit) || limit < 1 || limit > 500)
        throw invalid([{ field: 'limit', message: 'from 1 to 500' }]);
      if (!Number.isInteger(offset) || offset < 0)
        throw invalid([{ field: 'offset', message: 'at least 0' }]);
      return tx.transaction(async ({ reports, reportFeedback }) => {
        const items = await reports.listReports({
          ...filter,
          placePathPrefix: actor.jurisdictionPath,
          limit,
          offset,
        });
        const mine = can(actor, 'signal:triage')
          ? await reportFeedback.currentJudgementsOf(
              items.map((r) => r.id),
              actor.userId,
            )
          : new Map<string, ReportJudgement>();
        return items.map((r) => ({ ...r, myFeedback: mine.get(r.id) ?? null }));
      });
    },
    async get(actor: Actor, id: string): Promise<ReportView> {
      requirePermission(actor, 'signal:read');
      const r = await tx.transaction(({ reports }) => reports.getReport(id));
      if (r === undefined) throw notFound('report', id);
      requireJurisdiction(actor, r.placePath, `report ${id}`);
      return r;
    },
  };
}

export type ReadReports = ReturnType<typeof readReports>;
