import type { Kysely, Selectable } from 'kysely';
import { conflict } from '../domain/errors.ts';
import type { ReportFeedbackRepository, ReportJudgement } from '../domain/report-feedback.ts';
import { pathPrefixRange } from './path-prefix.ts';
import type { ReportFeedbackTable, Schema } from './schema.ts';
import { isUniqueViolation } from './unique-violation.ts';

/** Bound values per statement stay well under SQLite's limit. */
const BATCH = 500;

function judgementFromRow(r: Selectable<ReportFeedbackTable>): ReportJudgement {
  return {
    id: r.id,
    reportId: r.reportId,
    userId: r.userId,
    relevant: Number(r.relevant) === 1,
    reason: r.reason,
    createdAt: r.createdAt,
    version: Number(r.version),
    supersededAt: r.supersededAt,
  };
}

/** Relevance judgements of reports (append-only, one current per report × user), on either dialect. */
export function reportFeedbackRepository(db: Kysely<Schema>): ReportFeedbackRepository {
  return {
    async currentJudgement(reportId, userId) {
      const r = await db
        .selectFrom('reportFeedback')
        .selectAll()
        .where('reportId', '=', reportId)
        .where('userId', '=', userId)
        .where('supersededAt', 'is', null)
        .executeTakeFirst();
      return r === undefined ? undefined : judgementFromRow(r);
    },
    async currentJudgementsOf(reportIds, userId) {
      const out = new Map<string, ReportJudgement>();
      for (let i = 0; i < reportIds.length; i += BATCH) {
        const rows = await db
          .selectFrom('reportFeedback')
          .selectAll()
          .where('userId', '=', userId)
          .where('supersededAt', 'is', null)
          .where('reportId', 'in', reportIds.slice(i, i + BATCH))
          .execute();
        for (const r of rows) out.set(r.reportId, judgementFromRow(r));
      }
      return out;
    },
    async judgementHistory(reportId) {
      const rows = await db
        .selectFrom('reportFeedback')
        .selectAll()
        .where('reportId', '=', reportId)
        .orderBy('createdAt')
        .orderBy('userId')
        .orderBy('version')
        .execute();
      return rows.map(judgementFromRow);
    },
    async appendJudgement(j) {
      if (j.version > 1) {
        const done = await db
          .updateTable('reportFeedback')
          .set({ supersededAt: j.createdAt })
          .where('reportId', '=', j.reportId)
          .where('userId', '=', j.userId)
          .where('version', '=', j.version - 1)
          .where('supersededAt', 'is', null)
          .executeTakeFirst();
        if (Number(done.numUpdatedRows) !== 1)
          throw conflict('relevance judgement of report', j.reportId, j.version - 1, undefined);
      }
      try {
        await db
          .insertInto('reportFeedback')
          .values({
            id: j.id,
            reportId: j.reportId,
            userId: j.userId,
            relevant: j.relevant ? 1 : 0,
            reason: j.reason,
            createdAt: j.createdAt,
            version: j.version,
            supersededAt: j.supersededAt,
          })
          .execute();
      } catch (err) {
        if (isUniqueViolation(err))
          throw conflict('relevance judgement of report', j.reportId, j.version - 1, j.version);
        throw err;
      }
    },
    async exportJudged(q) {
      let query = db
        .selectFrom('reportFeedback')
        .innerJoin('reports', 'reports.id', 'reportFeedback.reportId')
        .selectAll('reportFeedback')
        .select([
          'reports.sourceId as rSourceId',
          'reports.title as rTitle',
          'reports.text as rText',
          'reports.language as rLanguage',
          'reports.publishedAt as rPublishedAt',
          'reports.relevance as rRelevance',
          'reports.placePath as rPlacePath',
        ])
        .where('reportFeedback.supersededAt', 'is', null);
      if (q.placePathPrefix !== '/' && q.placePathPrefix !== '') {
        const [lo, hi] = pathPrefixRange(q.placePathPrefix);
        query = query.where('reports.placePath', '>=', lo).where('reports.placePath', '<', hi);
      }
      if (q.after !== undefined) query = query.where('reportFeedback.id', '>', q.after);
      const rows = await query.orderBy('reportFeedback.id').limit(q.limit).execute();
      return rows.map((r) => ({
        judgement: judgementFromRow(r),
        report: {
          id: r.reportId,
          sourceId: r.rSourceId,
          title: r.rTitle,
          text: r.rText,
          language: r.rLanguage,
          publishedAt: r.rPublishedAt,
          relevance: Number(r.rRelevance),
          placePath: r.rPlacePath,
        },
      }));
    },
  };
}
