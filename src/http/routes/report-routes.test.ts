import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { actorAt, SMALL_REFERENCE } from '../../../test/support/reference-fixtures.ts';
import { openTestStore, type TestStore } from '../../../test/support/test-store.ts';
import { loadReportTagger } from '../../cli/reports-tag-command.ts';
import { type Actor, SYSTEM_ACTOR } from '../../domain/actor.ts';
import type { Role } from '../../domain/role.ts';
import { ingestReports } from '../../services/ingest-reports.ts';
import { manageSources } from '../../services/manage-sources.ts';
import { readReports } from '../../services/read-reports.ts';
import { seedReferenceData } from '../../services/seed-reference-data.ts';
import type { ReportTagger } from '../../text/report-tagger.ts';
import { buildApp } from '../app.ts';
import { reportRoutes } from './report-routes.ts';

const datasetsDir = fileURLToPath(new URL('../../../datasets', import.meta.url));
let tagger: ReportTagger;
beforeAll(() => {
  tagger = loadReportTagger(datasetsDir).tagger;
}, 60_000);

const stores: TestStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

function testActor(header: string | string[] | undefined): Actor | null {
  if (typeof header !== 'string') return null;
  if (header === 'system') return SYSTEM_ACTOR;
  const [role, place] = header.split('@');
  return actorAt(role as Role, place as 'DE');
}

async function setup() {
  const t = await openTestStore();
  stores.push(t);
  await seedReferenceData(t)(SYSTEM_ACTOR, SMALL_REFERENCE);
  const app = await buildApp({
    authenticate: async (request) => testActor(request.headers['x-test-actor']),
    routes: [
      reportRoutes({
        ingest: ingestReports({ ...t, tagger: () => tagger }),
        reports: readReports(t),
        sources: manageSources(t),
      }),
    ],
  });
  const as = (who: string) => ({ 'x-test-actor': who });
  return { t, app, as };
}

describe('the report and source API', () => {
  it('adds a source, posts reports to it and lists them within the reader’s jurisdiction', async () => {
    const { app, as } = await setup();
    const created = await app.inject({
      method: 'POST',
      url: '/api/sources',
      headers: as('admin@world'),
      payload: { name: 'News', url: 'https://news.example/feed.xml' },
    });
    expect(created.statusCode).toBe(201);
    const source = created.json();
    expect([source.kind, source.active, source.pullMinutes, source.itemsSeen]).toEqual(['feed', true, 60, 0]);
    const posted = await app.inject({
      method: 'POST',
      url: `/api/sources/${source.id}/reports`,
      headers: as('admin@world'),
      payload: {
        items: [
          {
            id: 'n1',
            title: '<b>Cholera</b> outbreak in Germany',
            text: 'Germany reported 12 cases of cholera in Berlin.',
            published: '2026-11-20',
          },
          { id: 'n2', title: '中国报告霍乱疫情', text: '中国卫生部门报告了15例霍乱病例。' },
        ],
      },
    });
    expect(posted.statusCode).toBe(200);
    expect(posted.json()).toMatchObject({ stored: 2, storiesOpened: 2 });
    const de = await app.inject({ method: 'GET', url: '/api/reports', headers: as('viewer@DE') });
    expect(de.statusCode).toBe(200);
    const items = de.json().items;
    expect(items.map((r: { title: string }) => r.title)).toEqual(['Cholera outbreak in Germany']);
    const one = await app.inject({
      method: 'GET',
      url: `/api/reports/${items[0].id}`,
      headers: as('viewer@DE'),
    });
    expect(one.json().tags.countries).toEqual(['DE']);
    const sources = await app.inject({ method: 'GET', url: '/api/sources', headers: as('viewer@DE') });
    expect(sources.json().items.map((s: { itemsSeen: number }) => s.itemsSeen)).toEqual([2]);
  });

  it('refuses source edits to non-admins and stale versions, and names a bad item', async () => {
    const { app, as } = await setup();
    const forbidden = await app.inject({
      method: 'POST',
      url: '/api/sources',
      headers: as('analyst@world'),
      payload: { name: 'X', kind: 'file' },
    });
    expect(forbidden.statusCode).toBe(403);
    const source = (
      await app.inject({
        method: 'POST',
        url: '/api/sources',
        headers: as('admin@world'),
        payload: { name: 'F', kind: 'file' },
      })
    ).json();
    const edited = await app.inject({
      method: 'PATCH',
      url: `/api/sources/${source.id}`,
      headers: as('admin@world'),
      payload: { version: 1, active: false },
    });
    expect(edited.json()).toMatchObject({ active: false, version: 2 });
    const stale = await app.inject({
      method: 'PATCH',
      url: `/api/sources/${source.id}`,
      headers: as('admin@world'),
      payload: { version: 1, active: true },
    });
    expect(stale.statusCode).toBe(409);
    const bad = await app.inject({
      method: 'POST',
      url: `/api/sources/${source.id}/reports`,
      headers: as('admin@world'),
      payload: {
        items: [
          { id: 'ok', title: 'fine' },
          { id: 'b', title: 't', published: 'soon' },
        ],
      },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('items[1].published');
  });
});
