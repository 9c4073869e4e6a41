import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../config/config.ts';
import { type Actor, SYSTEM_ACTOR } from '../domain/actor.ts';
import { DATASETS_DIR } from './bundled-paths.ts';
import { type AppContext, openContext } from './context.ts';
import { DEMO_REPORT_SOURCE, DEMO_REPORTS_FILE, loadDemoReports } from './demo-reports.ts';
import { initialise } from './initialise.ts';

const ROOT = join(import.meta.dirname, '..', '..');
let ctx: AppContext;
let first: Awaited<ReturnType<typeof loadDemoReports>>;

const germany: Actor = {
  userId: 'ana-test',
  username: 'ana-test',
  role: 'analyst',
  departmentId: null,
  jurisdictionPlaceId: 'DE',
  jurisdictionPath: '/world/DE/',
};

beforeAll(async () => {
  ctx = await openContext(
    readConfig({ TOCSIN_DATA_DIR: mkdtempSync(join(tmpdir(), 'tocsin-demo-reports-')) }, ROOT),
  );
  await initialise(ctx, { adminUsername: 'admin', adminPassword: 'admin-password-1' });
  first = await loadDemoReports(ctx);
}, 120_000);
afterAll(async () => {
  await ctx.close();
});

describe('the demo’s WHO Disease Outbreak News sample', () => {
  it('bundles a few hundred real reports, none of them about Germany', () => {
    const lines = readFileSync(join(DATASETS_DIR, DEMO_REPORTS_FILE), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(253);
    const labelled = lines.map((l) => JSON.parse(l) as { labels: { countries: string[] } });
    expect(labelled.filter((r) => r.labels.countries.includes('DE'))).toEqual([]);
  });

  it('goes through the normal ingestion: reports stored, duplicates linked, stories become event-based signals', async () => {
    expect(first.items).toBe(253);
    expect(first.stored + first.duplicates).toBe(253);
    expect(first.storiesOpened).toBeGreaterThan(100);
    const page = await ctx.services.inbox.list(SYSTEM_ACTOR, { sources: ['event-based'], limit: 200 });
    expect(page.total).toBe(first.storiesOpened);
    expect(page.items.every((s) => s.source === 'event-based')).toBe(true);
  });

  it('raises high-priority black-swan signals for the illnesses of unknown cause', async () => {
    const page = await ctx.services.inbox.list(SYSTEM_ACTOR, {
      sources: ['event-based'],
      limit: 200,
      sort: 'last-epoch',
    });
    const unknown = page.items.filter((s) => s.title.startsWith('Illness of unknown cause'));
    // Wuhan, January 2020: "pneumonia of unknown cause".
    const wuhan = unknown.find((s) => s.placePath === '/world/CN/' && s.lastEpoch === '2020-01-05');
    expect(wuhan?.priority).toBe('high');
    expect(wuhan?.explanation.kind === 'event-based' && wuhan.explanation.details?.blackSwan).toBe(true);
    expect(unknown.map((s) => s.placePath)).toContain('/world/LR/');
  });

  it('shows the demo source’s health', async () => {
    const source = (await ctx.services.sources.list(SYSTEM_ACTOR)).find((s) => s.name === DEMO_REPORT_SOURCE);
    expect(source?.itemsSeen).toBe(253);
    expect(source?.lastSuccessAt).not.toBeNull();
    expect(source?.lastError).toBeNull();
  });

  it('leaves Germany’s analysts with only indicator signals', async () => {
    const page = await ctx.services.inbox.list(germany, { sources: ['event-based'], limit: 10 });
    expect(page.total).toBe(0);
  });

  it('changes nothing when loaded again', async () => {
    const again = await loadDemoReports(ctx);
    expect([again.stored, again.storiesOpened]).toEqual([0, 0]);
    const source = (await ctx.services.sources.list(SYSTEM_ACTOR)).find((s) => s.name === DEMO_REPORT_SOURCE);
    expect(source?.itemsSeen).toBe(253);
  });
});
