import { afterEach, describe, expect, it } from 'vitest';
import { type GoldenCase, importGoldenSeries, readGoldenCase } from '../../test/support/golden-series.ts';
import { actorAt } from '../../test/support/reference-fixtures.ts';
import { openTestStore, type TestStore } from '../../test/support/test-store.ts';
import { DETECTORS } from '../detection/detectors/registry.ts';
import { DomainError } from '../domain/errors.ts';
import { exploreDetection } from './explore-detection.ts';

const stores: TestStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

async function setup(golden: GoldenCase) {
  const t = await openTestStore();
  stores.push(t);
  const seriesId = await importGoldenSeries(t, golden);
  return { t, seriesId, explore: exploreDetection({ tx: t.tx, detectorVersion: 'tocsin-test 1.0' }) };
}

/** R's number (null = NA) against ours, relative 1e-6 as the golden README asks. */
function expectClose(ours: number | null, r: number | string | null, where: string): void {
  if (r === null || typeof r === 'string') {
    expect(ours, where).toBeNull();
    return;
  }
  expect(ours, where).not.toBeNull();
  expect(Math.abs((ours ?? Number.NaN) - r), where).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(r)));
}

const analystDE = actorAt('analyst', 'DE');

describe('exploring detection on a stored series', () => {
  it("gives R's EARS C1 upper bounds and alarms on every epoch of the imported campyDE series", async () => {
    const golden = readGoldenCase('earsC', 'earsC_campyDE_C1_a0_05_bl28');
    const { seriesId, explore } = await setup(golden);
    const first = golden.range[0] - 1;
    const last = golden.range[golden.range.length - 1] - 1;
    const r = await explore.run(analystDE, seriesId, {
      algorithm: 'earsC',
      options: golden.control,
      from: golden.dates[first],
      to: golden.dates[last],
    });
    expect(r.epochs).toHaveLength(423);
    expect(r.from).toBe('2003-11-24');
    expect(r.to).toBe('2011-12-26');
    r.epochs.forEach((e, i) => {
      expect(e.epoch).toBe(golden.dates[first + i]);
      expect(e.observed).toBe(golden.observed[first + i]);
      expectClose(e.upperBound, golden.result.upperbound[i], e.epoch);
      expect(e.alarm, e.epoch).toBe(golden.result.alarm[i]);
    });
    expect(r.alarms).toBe(72);
    // C1 compares each week with the 28 weeks just before it.
    expect(r.epochs[0].baseline).toEqual([{ from: '2003-05-12', to: '2003-11-17', epochs: 28 }]);
    expect(r.effectiveOptions).toEqual({ method: 'C1', alpha: 0.05, baseline: 28, minSigma: 0 });
    expect(r).toMatchObject({ algorithm: 'earsC', rFunction: 'earsC', detectorVersion: 'tocsin-test 1.0' });
    expect(r.boundScale).toBe('count');
  });

  it("gives R's improved-Farrington bounds, expected values and alarms with the demo's Noufaily options", async () => {
    const golden = readGoldenCase('farringtonFlexible', 'farringtonFlexible_campyDE_noufaily');
    const { seriesId, explore } = await setup(golden);
    const first = golden.range[0] - 1;
    const r = await explore.run(analystDE, seriesId, {
      algorithm: 'farringtonFlexible',
      options: golden.control,
      from: golden.dates[first],
    });
    expect(r.epochs).toHaveLength(223);
    r.epochs.forEach((e, i) => {
      expectClose(e.upperBound, golden.result.upperbound[i], e.epoch);
      expectClose(e.expected, golden.result.expected?.[i] ?? null, e.epoch);
      expect(e.alarm, e.epoch).toBe(golden.result.alarm[i]);
    });
    expect(r.alarms).toBe(11);
    // b = 5 past years in 10 seasonal levels: the whole of 5 years, less the last 26 weeks.
    expect(r.epochs[0].baseline.length).toBeGreaterThan(0);
    expect(r.effectiveOptions).toMatchObject({ b: 5, w: 3, alpha: 0.05, thresholdMethod: 'nbPlugin' });
  });

  it('monitors the last 104 epochs when no start is given, and at most 520', async () => {
    // salmNewport in Bavaria: 528 weeks, 2004-01-05 … 2014-02-10.
    const golden = readGoldenCase('earsC', 'earsC_salmNewport_Bavaria_C3_defaultAlpha');
    const { seriesId, explore } = await setup(golden);
    const r = await explore.run(analystDE, seriesId, { algorithm: 'earsC', options: {} });
    expect(r.epochs).toHaveLength(104);
    expect(r.to).toBe('2014-02-10');
    expect(r.from).toBe('2012-02-20');
    const tooMany = explore.run(analystDE, seriesId, {
      algorithm: 'earsC',
      options: { baseline: 3 },
      from: '2001-01-01',
    });
    await expect(tooMany).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { problems: [{ field: 'from', message: expect.stringContaining('at most 520') }] },
    });
  });

  it('refuses a bad option naming it, an unknown method, and bad dates, all at once where it can', async () => {
    const golden = readGoldenCase('earsC', 'earsC_campyDE_C1_a0_05_bl28');
    const { seriesId, explore } = await setup(golden);
    await expect(
      explore.run(analystDE, seriesId, { algorithm: 'earsC', options: { alpha: 2, method: 'C9' } }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      details: {
        problems: expect.arrayContaining([
          expect.objectContaining({ field: 'options.alpha' }),
          expect.objectContaining({ field: 'options.method' }),
        ]),
      },
    });
    await expect(
      explore.run(analystDE, seriesId, { algorithm: 'nope', options: {}, from: '2020-13-45' }),
    ).rejects.toMatchObject({
      details: { problems: [{ field: 'algorithm' }, { field: 'from' }] },
    });
  });

  it("refuses a series outside the actor's jurisdiction and an unknown one", async () => {
    const golden = readGoldenCase('earsC', 'earsC_campyDE_C1_a0_05_bl28');
    const { seriesId, explore } = await setup(golden);
    const err = await explore
      .run(actorAt('analyst', 'DE-BW'), seriesId, { algorithm: 'earsC', options: {} })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('FORBIDDEN');
    await expect(
      explore.run(analystDE, 'no-such', { algorithm: 'earsC', options: {} }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('runs every registered method with its defaults on a real series, each bound on its own scale', async () => {
    const golden = readGoldenCase('earsC', 'earsC_salmNewport_Bavaria_C3_defaultAlpha');
    const { seriesId, explore } = await setup(golden);
    const statistic = ['glrnb', 'glrpois', 'outbreakP'];
    for (const detector of DETECTORS) {
      const r = await explore.run(analystDE, seriesId, { algorithm: detector.name, options: {} });
      expect(r.algorithm).toBe(detector.name);
      expect(r.epochs.length, detector.name).toBeGreaterThan(0);
      expect(r.epochs.length, detector.name).toBeLessThanOrEqual(104);
      expect(r.to, detector.name).toBe('2014-02-10');
      expect(r.boundScale, detector.name).toBe(statistic.includes(detector.name) ? 'statistic' : 'count');
      expect(r.alarms).toBe(r.epochs.filter((e) => e.alarm === true).length);
    }
  });

  it('stores nothing: no audit entry and no signal', async () => {
    const golden = readGoldenCase('earsC', 'earsC_campyDE_C1_a0_05_bl28');
    const { t, seriesId, explore } = await setup(golden);
    const count = async (table: 'auditLog' | 'signals') =>
      Number(
        (
          await t.database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = [await count('auditLog'), await count('signals')];
    await explore.run(analystDE, seriesId, { algorithm: 'earsC', options: { method: 'C3' } });
    expect([await count('auditLog'), await count('signals')]).toEqual(before);
  });
});
