import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { actorAt, SMALL_REFERENCE } from '../../test/support/reference-fixtures.ts';
import { openTestStore, type TestStore } from '../../test/support/test-store.ts';
import { loadReportTagger } from '../cli/reports-tag-command.ts';
import { SYSTEM_ACTOR } from '../domain/actor.ts';
import { verifyAuditChain } from '../domain/audit-entry.ts';
import { DomainError } from '../domain/errors.ts';
import type { ReportItem } from '../domain/report.ts';
import type { EventBasedExplanation } from '../domain/signal-explanation.ts';
import { sha256Hex } from '../storage/audit-repository.ts';
import type { ReportTagger } from '../text/report-tagger.ts';
import { ingestReports } from './ingest-reports.ts';
import { manageSources } from './manage-sources.ts';
import { readReports } from './read-reports.ts';
import { seedReferenceData } from './seed-reference-data.ts';

const datasetsDir = fileURLToPath(new URL('../../datasets', import.meta.url));
let tagger: ReportTagger;
beforeAll(() => {
  tagger = loadReportTagger(datasetsDir).tagger;
}, 60_000);

const stores: TestStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

const item = (
  id: string,
  title: string,
  text: string,
  publishedAt = '2026-11-20T09:00:00.000Z',
): ReportItem => ({
  externalId: id,
  url: `https://news.example/${id}`,
  title,
  text,
  publishedAt,
});

const CHOLERA_DE_1 = item(
  'a1',
  'Cholera outbreak in Germany',
  'Health authorities in Germany reported 12 cases of cholera and 2 deaths in Berlin this week.',
);
const CHOLERA_DE_2 = item(
  'a2',
  'Cholera – Germany: more cases',
  'The number of cholera cases in Germany rose to 30, including 3 deaths, the ministry said on Tuesday.',
  '2026-11-24T09:00:00.000Z',
);
const CHOLERA_CN = item('a3', '中国报告霍乱疫情', '中国卫生部门报告了15例霍乱病例，其中1人死亡。');
const FOOTBALL = item('a4', 'Football results', 'The national team won 3-0 yesterday in a friendly match.');

async function setup() {
  const t = await openTestStore();
  stores.push(t);
  await seedReferenceData(t)(SYSTEM_ACTOR, SMALL_REFERENCE);
  const sources = manageSources(t);
  const feed = await sources.add(SYSTEM_ACTOR, { name: 'News', url: 'https://news.example/feed.xml' });
  const other = await sources.add(SYSTEM_ACTOR, { name: 'Wire', kind: 'file' });
  const ingest = ingestReports({ ...t, tagger: () => tagger });
  return { t, ingest, feed, other, read: readReports(t) };
}

async function count(t: TestStore, table: string): Promise<number> {
  const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(t.database.db);
  return Number(r.rows[0].n);
}

async function eventSignals(t: TestStore) {
  const page = await t.store.signals.list({
    placePathPrefix: '/',
    sources: ['event-based'],
    sort: 'created',
    direction: 'asc',
    limit: 50,
    paging: { kind: 'offset', offset: 0 },
  });
  return page.items;
}

describe('ingesting reports', () => {
  it('stores tagged reports and opens one event-based signal per hazard and affected country', async () => {
    const { t, ingest, feed } = await setup();
    const out = await ingest(SYSTEM_ACTOR, feed.id, [CHOLERA_DE_1, CHOLERA_CN, FOOTBALL]);
    expect([out.stored, out.duplicates, out.alreadyStored, out.errors]).toEqual([3, 0, 0, 0]);
    expect([out.storiesOpened, out.storiesUpdated]).toEqual([2, 0]);
    const signals = await eventSignals(t);
    expect(signals.map((s) => [s.source, s.state, s.placeId, s.placePath, s.title]).sort()).toEqual([
      ['event-based', 'new', 'CN', '/world/CN/', 'Cholera — China'],
      ['event-based', 'new', 'DE', '/world/DE/', 'Cholera — Germany'],
    ]);
    const de = signals.find((s) => s.placeId === 'DE');
    // cholera is IHR "always-algorithm" and national class A in the small reference: critical
    expect(de?.priority).toBe('critical');
    expect(de?.hazardId).not.toBeNull();
    const explanation = de?.explanation as EventBasedExplanation;
    expect(explanation.kind).toBe('event-based');
    expect(explanation.details?.reportCount).toBe(1);
    expect(explanation.details?.cases).toBe(12);
    expect(explanation.details?.deaths).toBe(2);
    expect(((explanation.details?.reports ?? []) as Array<{ title: string }>).map((r) => r.title)).toEqual([
      'Cholera outbreak in Germany',
    ]);
    expect(await count(t, 'reports')).toBe(3);
    expect(await count(t, 'stories')).toBe(2);
  });

  it('lets a later report of the same story update its signal instead of opening another', async () => {
    const { t, ingest, feed } = await setup();
    await ingest(SYSTEM_ACTOR, feed.id, [CHOLERA_DE_1]);
    const out = await ingest(SYSTEM_ACTOR, feed.id, [CHOLERA_DE_2]);
    expect([out.storiesOpened, out.storiesUpdated]).toEqual([0, 1]);
    const [signal] = await eventSignals(t);
    expect(await count(t, 'signals')).toBe(1);
    expect(signal.version).toBe(2);
    expect([signal.firstEpoch, signal.lastEpoch]).toEqual(['2026-11-20', '2026-11-24']);
    const details = (signal.explanation as EventBasedExplanation).details;
    expect(details?.reportCount).toBe(2);
    expect(details?.deaths).toBe(3);
    expect(((details?.reports ?? []) as Array<{ title: string }>).map((r) => r.title)).toEqual([
      'Cholera – Germany: more cases',
      'Cholera outbreak in Germany',
    ]);
  });

  it('stores nothing twice when the same items come again', async () => {
    const { t, ingest, feed } = await setup();
    await ingest(SYSTEM_ACTOR, feed.id, [CHOLERA_DE_1, CHOLERA_CN]);
    const again = await ingest(SYSTEM_ACTOR, feed.id, [CHOLERA_DE_1, CHOLERA_CN]);
    expect([again.stored, again.alreadyStored, again.storiesOpened, again.storiesUpdated]).toEqual([
      0, 2, 0, 0,
    ]);
    expect(await count(t, 'reports')).toBe(2);
    expect(await count(t, 'signals')).toBe(2);
    expect((await t.store.sources.getSource(feed.id))?.itemsSeen).toBe(4);
  });

  it('links an exact copy from another source to its original and keeps it out of the story', async () => {
    const { t, ingest, feed, other } = await setup();
    const first = await ingest(SYSTEM_ACTOR, feed.id, [CHOLERA_DE_1]);
    const copy = {
      ...CHOLERA_DE_1,
      externalId: 'w1',
      url: null,
      title: 'CHOLERA OUTBREAK IN <b>GERMANY</b>',
    };
    const out = await ingest(SYSTEM_ACTOR, other.id, [copy]);
    const original = first.items[0];
    expect(original.status).toBe('stored');
    expect(out.items[0]).toMatchObject({
      status: 'duplicate',
      kind: 'exact',
      duplicateOf: original.status === 'stored' ? original.reportId : '?',
    });
    expect(out.storiesUpdated).toBe(0);
    expect(await count(t, 'reports')).toBe(2);
    const [signal] = await eventSignals(t);
    expect(signal.version).toBe(1);
  });

  it('links a near copy (one word changed in a long text) to its original', async () => {
    const { ingest, feed, other } = await setup();
    const words = Array.from({ length: 120 }, (_, i) => `word${i}`).join(' ');
    const long = item('l1', 'Cholera outbreak in Germany', `Germany reports cholera. ${words}.`);
    const first = await ingest(SYSTEM_ACTOR, feed.id, [long]);
    const near = {
      ...long,
      externalId: 'l2',
      text: `Germany reports cholera. ${words.replace('word60', 'changed')}.`,
    };
    const out = await ingest(SYSTEM_ACTOR, other.id, [near]);
    const o = out.items[0];
    expect(o.status).toBe('duplicate');
    if (o.status !== 'duplicate' || first.items[0].status !== 'stored') throw new Error('unexpected');
    expect(o.kind).toBe('near');
    expect(o.duplicateOf).toBe(first.items[0].reportId);
  });

  it('opens a new story past the window and after the signal was closed', async () => {
    const { t, ingest, feed } = await setup();
    await ingest(SYSTEM_ACTOR, feed.id, [CHOLERA_DE_1]);
    const late = item(
      'b1',
      'Cholera in Germany again',
      'Germany reported 4 new cholera cases in Hamburg.',
      '2026-12-30T00:00:00.000Z',
    );
    expect((await ingest(SYSTEM_ACTOR, feed.id, [late])).storiesOpened).toBe(1);
    const signals = await eventSignals(t);
    expect(signals).toHaveLength(2);
    const open = signals.find((s) => s.lastEpoch === '2026-12-30');
    if (open === undefined) throw new Error('no signal of the late report');
    await t.store.signals.update(open.id, open.version, { state: 'discarded' }, '2026-12-31T00:00:00.000Z');
    const next = item(
      'b2',
      'Cholera in Germany: update',
      'Germany: cholera cases in Hamburg now 9.',
      '2026-12-31T00:00:00.000Z',
    );
    const out = await ingest(SYSTEM_ACTOR, feed.id, [next]);
    expect([out.storiesOpened, out.storiesUpdated]).toEqual([1, 0]);
    expect(await eventSignals(t)).toHaveLength(3);
  });

  it('stores markup in titles as plain text and reports an empty item without stopping', async () => {
    const { ingest, feed, read } = await setup();
    const xss = item('x1', '<script>alert(1)</script>Cholera in <i>Germany</i>', 'Cholera cases in Germany.');
    const empty = item('x2', '<p></p>', '   ');
    const out = await ingest(SYSTEM_ACTOR, feed.id, [empty, xss]);
    expect(out.items.map((o) => o.status)).toEqual(['error', 'stored']);
    const [report] = await read.list(SYSTEM_ACTOR);
    expect(report.title).not.toMatch(/[<>]/);
    expect(report.title).toContain('Cholera in Germany');
  });

  it('refuses readers and importers without a whole-world jurisdiction, and stores nothing then', async () => {
    const { t, ingest, feed } = await setup();
    for (const actor of [actorAt('viewer', 'world'), actorAt('analyst', 'DE')]) {
      const err = await ingest(actor, feed.id, [CHOLERA_DE_1]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DomainError);
      expect((err as DomainError).code).toBe('FORBIDDEN');
    }
    expect(await count(t, 'reports')).toBe(0);
  });

  it('shows readers only the reports about their jurisdiction', async () => {
    const { ingest, feed, read } = await setup();
    await ingest(SYSTEM_ACTOR, feed.id, [CHOLERA_DE_1, CHOLERA_CN]);
    const de = await read.list(actorAt('viewer', 'DE'));
    expect(de.map((r) => r.placeId)).toEqual(['DE']);
    expect(de[0].storyIds).toHaveLength(1);
    const cn = (await read.list(actorAt('viewer', 'CN')))[0];
    const err = await read.get(actorAt('viewer', 'DE'), cn.id).catch((e: unknown) => e);
    expect((err as DomainError).code).toBe('FORBIDDEN');
  });

  it('audits every change in a chain that verifies', async () => {
    const { t, ingest, feed } = await setup();
    await ingest(SYSTEM_ACTOR, feed.id, [CHOLERA_DE_1]);
    await ingest(SYSTEM_ACTOR, feed.id, [CHOLERA_DE_2]);
    const entries = await t.store.audit.page(0, 1000);
    const actions = entries
      .map((e) => e.action)
      .filter((a) => a.startsWith('report') || a.startsWith('signal') || a.startsWith('source'));
    expect(actions).toEqual([
      'source.add',
      'source.add',
      'report.ingest',
      'signal.open',
      'source.ingest',
      'report.ingest',
      'signal.extend',
      'source.ingest',
    ]);
    expect((await verifyAuditChain(t.store.audit, sha256Hex)).ok).toBe(true);
  });

  it('raises a high-priority flagged signal for an illness of unknown cause', async () => {
    const { t, ingest, feed } = await setup();
    const mystery = item(
      'm1',
      'Mystery illness in China',
      'Health officials in China are investigating a cluster of pneumonia of unknown cause; 27 cases were reported.',
    );
    const out = await ingest(SYSTEM_ACTOR, feed.id, [mystery]);
    expect(out.storiesOpened).toBeGreaterThanOrEqual(1);
    const flagged = (await eventSignals(t)).filter((s) => s.title === 'Illness of unknown cause — China');
    expect(flagged).toHaveLength(1);
    expect(flagged[0].priority).toBe('high');
    const details = (flagged[0].explanation as EventBasedExplanation).details;
    expect([details?.blackSwan, details?.flags, details?.hazardCode]).toEqual([
      true,
      ['unknown-illness'],
      'flag:unknown-illness',
    ]);
    expect((flagged[0].explanation as EventBasedExplanation).summary).toMatch(
      /^Black swan \(unknown-illness\): /,
    );
  });

  it('flags a hazard reported for the first time in a country whose reports were seen before', async () => {
    const { t, ingest, feed } = await setup();
    await ingest(SYSTEM_ACTOR, feed.id, [CHOLERA_DE_1]);
    const flu = item(
      'f1',
      'Influenza outbreak in Germany',
      'Germany reported 40 cases of influenza in Bavaria this week.',
    );
    await ingest(SYSTEM_ACTOR, feed.id, [flu]);
    const signals = await eventSignals(t);
    const flagsOf = (title: string) => {
      const s = signals.find((x) => x.title === title);
      return [(s?.explanation as EventBasedExplanation | undefined)?.details?.flags, s?.priority];
    };
    // the first story of a country is not "new in place": nothing was known about the country before
    expect(flagsOf('Cholera — Germany')).toEqual([[], 'critical']);
    expect(flagsOf('Influenza — Germany')).toEqual([['new-in-place'], 'high']);
  });
});
