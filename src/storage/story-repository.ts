import { type Kysely, type Selectable, sql } from 'kysely';
import { conflict } from '../domain/errors.ts';
import type { ReportTags } from '../domain/report.ts';
import type { Story, StoryChanges, StoryRepository } from '../domain/story.ts';
import type { Schema, StoryTable } from './schema.ts';

const storyFromRow = (r: Selectable<StoryTable>): Story => ({ ...r });

/** Stories (reports of one hazard × country within a window) and their reports, on either dialect. */
export function storyRepository(db: Kysely<Schema>): StoryRepository {
  async function getStory(id: string): Promise<Story | undefined> {
    const r = await db.selectFrom('stories').selectAll().where('id', '=', id).executeTakeFirst();
    return r === undefined ? undefined : storyFromRow(r);
  }
  return {
    getStory,
    async recentStories(hazardCode, country, lastDateFrom) {
      const rows = await db
        .selectFrom('stories')
        .selectAll()
        .where('hazardCode', '=', hazardCode)
        .where('country', '=', country)
        .where('lastDate', '>=', lastDateFrom)
        .orderBy('lastDate', 'desc')
        .orderBy('createdAt', 'desc')
        .orderBy('id')
        .execute();
      return rows.map(storyFromRow);
    },
    async storyOfSignal(signalId) {
      const r = await db
        .selectFrom('stories')
        .selectAll()
        .where('signalId', '=', signalId)
        .executeTakeFirst();
      return r === undefined ? undefined : storyFromRow(r);
    },
    async insertStory(s) {
      await db
        .insertInto('stories')
        .values({ ...s })
        .execute();
    },
    async updateStory(id, expectedVersion, changes: StoryChanges, at) {
      const r = await db
        .updateTable('stories')
        .set({ ...changes, updatedAt: at, version: expectedVersion + 1 })
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) {
        const now = await getStory(id);
        throw conflict('story', id, expectedVersion, now?.version);
      }
      const stored = await getStory(id);
      if (stored === undefined) throw conflict('story', id, expectedVersion, undefined);
      return stored;
    },
    async dailyReportCounts(fromDay, toDay) {
      const day = sql<string>`substr(${sql.ref('reports.publishedAt')}, 1, 10)`;
      const rows = await db
        .selectFrom('storyReports')
        .innerJoin('stories', 'stories.id', 'storyReports.storyId')
        .innerJoin('reports', 'reports.id', 'storyReports.reportId')
        .select((eb) => [
          'stories.hazardCode',
          'stories.country',
          day.as('day'),
          eb.fn.count<number>('reports.id').distinct().as('reports'),
        ])
        .where('reports.publishedAt', '>=', fromDay)
        .where('reports.publishedAt', '<', `${toDay}T99`)
        .groupBy(['stories.hazardCode', 'stories.country', day])
        .orderBy('stories.hazardCode')
        .orderBy('stories.country')
        .orderBy(day)
        .execute();
      return rows.map((r) => ({
        hazardCode: r.hazardCode,
        country: r.country,
        day: r.day,
        reports: Number(r.reports),
      }));
    },
    async storyCounts(country, hazardCode) {
      const r = await db
        .selectFrom('stories')
        .select((eb) => [
          eb.fn.countAll<number>().as('country'),
          eb.fn.count<number>(eb.case().when('hazardCode', '=', hazardCode).then(1).end()).as('hazard'),
        ])
        .where('country', '=', country)
        .executeTakeFirstOrThrow();
      return { country: Number(r.country), hazard: Number(r.hazard) };
    },
    async addStoryReport(storyId, reportId) {
      await db.insertInto('storyReports').values({ storyId, reportId }).execute();
    },
    async storyReports(storyId, limit) {
      const rows = await db
        .selectFrom('storyReports')
        .innerJoin('reports', 'reports.id', 'storyReports.reportId')
        .select([
          'reports.id',
          'reports.title',
          'reports.url',
          'reports.publishedAt',
          'reports.sourceId',
          'reports.tags',
        ])
        .where('storyReports.storyId', '=', storyId)
        .orderBy('reports.publishedAt', 'desc')
        .orderBy('reports.id')
        .limit(limit)
        .execute();
      return rows.map((r) => {
        const tags = JSON.parse(r.tags) as ReportTags;
        return {
          id: r.id,
          title: r.title,
          url: r.url,
          publishedAt: r.publishedAt,
          sourceId: r.sourceId,
          cases: tags.cases,
          deaths: tags.deaths,
        };
      });
    },
  };
}
