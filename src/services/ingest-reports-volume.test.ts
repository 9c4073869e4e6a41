import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { actorAt, SMALL_REFERENCE } from '../../test/support/reference-fixtures.ts';
import { openTestStore, type TestStore } from '../../test/support/test-store.ts';
import { loadReportTagger } from '../cli/reports-tag-command.ts';
import { SYSTEM_ACTOR } from '../domain/actor.ts';
import type { DomainError } from '../domain/errors.ts';
import type { ReportItem } from '../domain/report.ts';
import type { EventBasedExplanation } from '../domain/signal-explanation.ts';
import type { ReportTagger } from '../text/report-tagger.ts';
import { ingestReports } from './ingest-reports.ts';
import { reportVolume } from './ingest-reports-volume.ts';
import { manageSources } from './manage-sources.ts';
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

const CITIES = [
  'Berlin',
  'Hamburg',
  'Munich',
  'Cologne',
  'Frankfurt',
  'Stuttgart',
  'Dresden',
  'Leipzig',
  'Bremen',
  'Hanover',
];
const WORDS = [
  'officials',
  'doctors',
  'hospitals',
  'laboratories',
  'authorities',
  'clinics',
  'agencies',
  'nurses',
];

/** A distinct German cholera report (no near-duplicate of the others). */
function report(n: number, day: string): ReportItem {
  const city = CITIES[n % CITIES.length];
  const who = WORDS[n % WORDS.length];
  return {
    externalId: `v${n}`,
    url: null,
    title: `Cholera in Germany: ${city} update ${n}`,
    text: `${who} in ${city}, Germany, confirmed ${n + 3} cholera cases; report number ${n} from ${city} ${who} ${n * 7}.`,
    publishedAt: `${day}T08:00:00.000Z`,
  };
}

const dayBefore = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

describe('report-volume signals', () => {
  it('marks the story’s signal when the day’s reports surge above the EARS C2 bound, once', async () => {
    const t = await openTestStore();
    stores.push(t);
    await seedReferenceData(t)(SYSTEM_ACTOR, SMALL_REFERENCE);
    const source = await manageSources(t).add(SYSTEM_ACTOR, { name: 'News', kind: 'file' });
    const ingest = ingestReports({ ...t, tagger: () => tagger });
    const day = '2026-11-28';
    const items: ReportItem[] = [];
    let n = 0;
    for (let k = 9; k >= 1; k--) items.push(report(n++, dayBefore(day, k)));
    for (let i = 0; i < 6; i++) items.push(report(n++, day));
    const ingested = await ingest(SYSTEM_ACTOR, source.id, items);
    expect([ingested.stored, ingested.duplicates, ingested.storiesOpened]).toEqual([15, 0, 1]);
    const volume = reportVolume(t);
    const surges = await volume(SYSTEM_ACTOR, day);
    expect(surges).toHaveLength(1);
    expect(surges[0]).toMatchObject({ hazardCode: 'cholera', country: 'DE', observed: 6, marked: true });
    expect(surges[0].upperBound).toBeCloseTo(2.959964, 5);
    const signal = await t.store.signals.get(ingested.signalIds[0]);
    const explanation = signal?.explanation as EventBasedExplanation;
    expect(explanation.summary).toMatch(
      /^Report volume surge on 2026-11-28 \(6 reports, bound 3\.0\): 15 reports/,
    );
    expect(explanation.details?.volumeSurge).toMatchObject({ observed: 6, expected: 1 });
    // the previous day was no surge, and checking the same day again marks nothing
    expect(await volume(SYSTEM_ACTOR, dayBefore(day, 1))).toEqual([]);
    const again = await volume(SYSTEM_ACTOR, day);
    expect(again.map((s) => s.marked)).toEqual([false]);
    expect((await t.store.signals.get(ingested.signalIds[0]))?.version).toBe(signal?.version);
  });

  it('is run only by whole-world callers allowed to run detection', async () => {
    const t = await openTestStore();
    stores.push(t);
    const volume = reportVolume(t);
    for (const actor of [actorAt('viewer', 'world'), actorAt('analyst', 'DE')]) {
      const err = (await volume(actor, '2026-11-28').catch((e: unknown) => e)) as DomainError;
      expect(err.code).toBe('FORBIDDEN');
    }
  });
});
