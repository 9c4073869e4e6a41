import type { Kysely, Selectable } from 'kysely';
import {
  type DuplicateKind,
  type Report,
  type ReportListQuery,
  type ReportRepository,
  type ReportTags,
  type ReportView,
  signatureFromHex,
  signatureToHex,
} from '../domain/report.ts';
import { pathPrefixRange } from './path-prefix.ts';
import type { ReportTable, Schema } from './schema.ts';

/** Bound values per statement stay well under SQLite's limit. */
const BATCH = 500;

function viewFromRow(
  r: Omit<Selectable<ReportTable>, 'signature'>,
  storyIds: ReadonlyArray<string>,
): ReportView {
  return {
    id: r.id,
    sourceId: r.sourceId,
    externalId: r.externalId,
    url: r.url,
    title: r.title,
    text: r.text,
    language: r.language,
    publishedAt: r.publishedAt,
    fetchedAt: r.fetchedAt,
    contentKey: r.contentKey,
    duplicateOf: r.duplicateOf,
    duplicateKind: r.duplicateKind as DuplicateKind | null,
    similarity: r.similarity === null ? null : Number(r.similarity),
    relevance: Number(r.relevance),
    tags: JSON.parse(r.tags) as ReportTags,
    placeId: r.placeId,
    placePath: r.placePath,
    storyIds,
  };
}

const VIEW_COLUMNS = [
  'id',
  'sourceId',
  'externalId',
  'url',
  'title',
  'text',
  'language',
  'publishedAt',
  'fetchedAt',
  'contentKey',
  'duplicateOf',
  'duplicateKind',
  'similarity',
  'relevance',
  'tags',
  'placeId',
  'placePath',
] as const;

/** Reports, their band keys for near-duplicate lookups, on either dialect. */
export function reportRepository(db: Kysely<Schema>): ReportRepository {
  async function storyIdsOf(ids: ReadonlyArray<string>): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (let i = 0; i < ids.length; i += BATCH) {
      const rows = await db
        .selectFrom('storyReports')
        .select(['reportId', 'storyId'])
        .where('reportId', 'in', ids.slice(i, i + BATCH))
        .orderBy('storyId')
        .execute();
      for (const r of rows) {
        const list = out.get(r.reportId);
        if (list === undefined) out.set(r.reportId, [r.storyId]);
        else list.push(r.storyId);
      }
    }
    return out;
  }
  return {
    async getReport(id) {
      const r = await db.selectFrom('reports').select(VIEW_COLUMNS).where('id', '=', id).executeTakeFirst();
      if (r === undefined) return undefined;
      return viewFromRow(r, (await storyIdsOf([id])).get(id) ?? []);
    },
    async storedExternalIds(sourceId, externalIds) {
      const found = new Set<string>();
      for (let i = 0; i < externalIds.length; i += BATCH) {
        const rows = await db
          .selectFrom('reports')
          .select('externalId')
          .where('sourceId', '=', sourceId)
          .where('externalId', 'in', externalIds.slice(i, i + BATCH))
          .execute();
        for (const r of rows) found.add(r.externalId);
      }
      return found;
    },
    async byContentKey(contentKey) {
      const r = await db
        .selectFrom('reports')
        .select('id')
        .where('contentKey', '=', contentKey)
        .orderBy('fetchedAt')
        .orderBy('publishedAt')
        .orderBy('id')
        .limit(1)
        .executeTakeFirst();
      return r?.id;
    },
    async nearCandidates(bandKeys) {
      if (bandKeys.length === 0) return [];
      const rows = await db
        .selectFrom('reportBands')
        .innerJoin('reports', 'reports.id', 'reportBands.reportId')
        .select(['reports.id', 'reports.signature'])
        .where('reportBands.bandKey', 'in', [...bandKeys])
        .distinct()
        .execute();
      return rows.map((r) => ({ id: r.id, signature: signatureFromHex(r.signature) }));
    },
    async insertReport(report: Report, bandKeys) {
      const { signature, tags, ...rest } = report;
      await db
        .insertInto('reports')
        .values({ ...rest, signature: signatureToHex(signature), tags: JSON.stringify(tags) })
        .execute();
      const unique = [...new Set(bandKeys)];
      if (unique.length > 0)
        await db
          .insertInto('reportBands')
          .values(unique.map((bandKey) => ({ bandKey, reportId: report.id })))
          .execute();
    },
    async listReports(q: ReportListQuery) {
      let query = db.selectFrom('reports').select(VIEW_COLUMNS);
      if (q.placePathPrefix !== '/' && q.placePathPrefix !== '') {
        const [lo, hi] = pathPrefixRange(q.placePathPrefix);
        query = query.where('placePath', '>=', lo).where('placePath', '<', hi);
      }
      if (q.sourceId !== undefined) query = query.where('sourceId', '=', q.sourceId);
      if (q.country !== undefined) query = query.where('placeId', '=', q.country);
      const storyId = q.storyId;
      if (storyId !== undefined) {
        const members = db.selectFrom('storyReports').select('reportId').where('storyId', '=', storyId);
        query = query.where((eb) => eb.or([eb('id', 'in', members), eb('duplicateOf', 'in', members)]));
      }
      if (q.from !== undefined) query = query.where('publishedAt', '>=', q.from);
      if (q.to !== undefined) query = query.where('publishedAt', '<', q.to);
      const rows = await query
        .orderBy('publishedAt', 'desc')
        .orderBy('id', 'desc')
        .limit(q.limit)
        .offset(q.offset)
        .execute();
      const stories = await storyIdsOf(rows.map((r) => r.id));
      return rows.map((r) => viewFromRow(r, stories.get(r.id) ?? []));
    },
  };
}
