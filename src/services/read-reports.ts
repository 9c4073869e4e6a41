/**
 * Reading stored reports: readers of signals see the reports about places in their jurisdiction (a
 * report with no affected country in the gazetteer lies at the root, for whole-world readers).
 */
import { type Actor, requireJurisdiction, requirePermission } from '../domain/actor.ts';
import { invalid, notFound } from '../domain/errors.ts';
import type { Transactor } from '../domain/ports.ts';
import type { ReportRepository, ReportView } from '../domain/report.ts';

export interface ReportFilter {
  readonly sourceId?: string;
  readonly country?: string;
  readonly from?: string;
  readonly to?: string;
  readonly limit?: number;
  readonly offset?: number;
}

export function readReports(deps: { readonly tx: Transactor<{ readonly reports: ReportRepository }> }) {
  const { tx } = deps;
  return {
    async list(actor: Actor, filter: ReportFilter = {}): Promise<ReadonlyArray<ReportView>> {
      requirePermission(actor, 'signal:read');
      const limit = filter.limit ?? 50;
      const offset = filter.offset ?? 0;
      if (!Number.isInteger(limit) || limit < 1 || limit > 500)
        throw invalid([{ field: 'limit', message: 'from 1 to 500' }]);
      if (!Number.isInteger(offset) || offset < 0)
        throw invalid([{ field: 'offset', message: 'at least 0' }]);
      return tx.transaction(({ reports }) =>
        reports.listReports({ ...filter, placePathPrefix: actor.jurisdictionPath, limit, offset }),
      );
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
