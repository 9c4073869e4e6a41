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
import { reportFeedback } from '../../services/report-feedback.ts';
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
  const [role, place] = header.split('@');
  return actorAt(role as Role, place as 'DE');
}

/** A store with two reports: one about Germany, one about China (as the tagger reads them). */
async function setup() {
  const t = await openTestStore();
  stores.push(t);
  await seedReferenceData(t)(SYSTEM_ACTOR, SMALL_REFERENCE);
  const ingest = ingestReports({ ...t, tagger: () => tagger });
  const source = await manageSources(t).add(SYSTEM_ACTOR, { name: 'News', kind: 'file' });
  const outcome = await ingest(SYSTEM_ACTOR, source.id, [
    {
      externalId: 'de',
      url: null,
      title: 'Cholera outbreak in Germany',
      text: 'Germany reported 12 cases of cholera in Berlin.',
      publishedAt: '2026-11-20T00:00:00.000Z',
    },
    {
      externalId: 'cn',
      url: null,
      title: '中国报告霍乱疫情',
      text: '中国卫生部门报告了15例霍乱病例。',
      publishedAt: '2026-11-21T00:00:00.000Z',
    },
  ]);
  const [de, cn] = outcome.items.map((o) => (o.status === 'stored' ? o.reportId : 'missing'));
  const app = await buildApp({
    authenticate: async (request) => testActor(request.headers['x-test-actor']),
    routes: [
      reportRoutes({
        ingest,
        reports: readReports(t),
        sources: manageSources(t),
        feedback: reportFeedback(t),
      }),
    ],
  });
  const as = (who: string) => ({ 'x-test-actor': who });
  return { t, app, as, de, cn, storyOfDe: outcome.items[0] };
}

describe('relevance feedback on reports', () => {
  it('stores an analyst’s judgement, replaces it on a change of mind and keeps the earlier one as history', async () => {
    const { t, app, as, de } = await setup();
    const first = await app.inject({
      method: 'POST',
      url: `/api/reports/${de}/feedback`,
      headers: as('analyst@DE'),
      payload: { relevant: false, reason: 'a drill, not an outbreak' },
    });
    expect(first.statusCode).toBe(200);
    expect(first.json().mine).toMatchObject({
      relevant: false,
      reason: 'a drill, not an outbreak',
      version: 1,
      supersededAt: null,
      userId: 'analyst@DE',
    });
    // The same judgement again changes nothing.
    const again = await app.inject({
      method: 'POST',
      url: `/api/reports/${de}/feedback`,
      headers: as('analyst@DE'),
      payload: { relevant: false, reason: 'a drill, not an outbreak' },
    });
    expect(again.json().history).toHaveLength(1);
    t.clock.advance(60_000);
    const changed = await app.inject({
      method: 'POST',
      url: `/api/reports/${de}/feedback`,
      headers: as('analyst@DE'),
      payload: { relevant: true },
    });
    const view = changed.json();
    expect(view.mine).toMatchObject({ relevant: true, reason: null, version: 2 });
    expect(view.history.map((j: { version: number; supersededAt: string | null }) => j.supersededAt)).toEqual(
      ['2026-11-28T08:01:00.000Z', null],
    );
    expect(view.current).toHaveLength(1);
    // Another analyst's judgement is theirs: both are current.
    await app.inject({
      method: 'POST',
      url: `/api/reports/${de}/feedback`,
      headers: as('assessor@DE'),
      payload: { relevant: false },
    });
    const read = await app.inject({
      method: 'GET',
      url: `/api/reports/${de}/feedback`,
      headers: as('analyst@DE'),
    });
    expect(
      read
        .json()
        .current.map((j: { relevant: boolean }) => j.relevant)
        .sort(),
    ).toEqual([false, true]);
    expect(read.json().mine.relevant).toBe(true);
    const audit = await t.store.audit.page(0, 100);
    expect(audit.filter((e) => e.action === 'report.feedback').map((e) => e.actorId)).toEqual([
      'analyst@DE',
      'analyst@DE',
      'assessor@DE',
    ]);
  });

  it('refuses viewers, reports outside the jurisdiction and judgements that are not true or false', async () => {
    const { app, as, de, cn } = await setup();
    const viewer = await app.inject({
      method: 'POST',
      url: `/api/reports/${de}/feedback`,
      headers: as('viewer@DE'),
      payload: { relevant: true },
    });
    expect(viewer.statusCode).toBe(403);
    const foreign = await app.inject({
      method: 'POST',
      url: `/api/reports/${cn}/feedback`,
      headers: as('analyst@DE'),
      payload: { relevant: true },
    });
    expect(foreign.statusCode).toBe(403);
    const bad = await app.inject({
      method: 'POST',
      url: `/api/reports/${de}/feedback`,
      headers: as('analyst@DE'),
      payload: { relevant: 'yes' },
    });
    expect(bad.statusCode).toBe(422);
    const missing = await app.inject({
      method: 'GET',
      url: '/api/reports/nope/feedback',
      headers: as('analyst@DE'),
    });
    expect(missing.statusCode).toBe(404);
  });

  it('exports the current judgements in the jurisdiction as JSON lines the relevance training reads', async () => {
    const { app, as, de, cn } = await setup();
    for (const [who, id, relevant] of [
      ['analyst@DE', de, true],
      ['analyst@DE', de, false],
      ['analyst@world', cn, true],
    ] as const)
      await app.inject({
        method: 'POST',
        url: `/api/reports/${id}/feedback`,
        headers: as(who),
        payload: { relevant },
      });
    const de1 = await app.inject({
      method: 'GET',
      url: '/api/reports/feedback.jsonl',
      headers: as('analyst@DE'),
    });
    expect(de1.statusCode).toBe(200);
    expect(de1.headers['content-type']).toContain('application/x-ndjson');
    const lines = de1.body
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      id: de,
      title: 'Cholera outbreak in Germany',
      text: 'Germany reported 12 cases of cholera in Berlin.',
      language: 'en',
      label: 0,
      relevant: false,
      judgedBy: 'analyst@DE',
    });
    expect(typeof lines[0].modelRelevance).toBe('number');
    const world = await app.inject({
      method: 'GET',
      url: '/api/reports/feedback.jsonl',
      headers: as('analyst@world'),
    });
    expect(
      world.body
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l).id)
        .sort(),
    ).toEqual([cn, de].sort());
    const viewer = await app.inject({
      method: 'GET',
      url: '/api/reports/feedback.jsonl',
      headers: as('viewer@DE'),
    });
    expect(viewer.statusCode).toBe(403);
  });

  it('lists a story’s reports with the caller’s own judgement', async () => {
    const { app, as, de, storyOfDe } = await setup();
    const storyId = storyOfDe?.status === 'stored' ? storyOfDe.storyIds[0] : 'missing';
    await app.inject({
      method: 'POST',
      url: `/api/reports/${de}/feedback`,
      headers: as('analyst@DE'),
      payload: { relevant: false },
    });
    const listed = await app.inject({
      method: 'GET',
      url: `/api/reports?story=${storyId}`,
      headers: as('analyst@DE'),
    });
    expect(listed.statusCode).toBe(200);
    const items = listed.json().items;
    expect(items.map((r: { id: string }) => r.id)).toEqual([de]);
    expect(items[0].myFeedback).toMatchObject({ relevant: false, userId: 'analyst@DE' });
    const other = await app.inject({
      method: 'GET',
      url: `/api/reports?story=${storyId}`,
      headers: as('assessor@DE'),
    });
    expect(other.json().items[0].myFeedback).toBeNull();
  });
});
