import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SYSTEM_ACTOR } from '../../src/domain/actor.ts';
import { importObservations } from '../../src/services/import-observations.ts';
import { seedReferenceData } from '../../src/services/seed-reference-data.ts';
import { sha256Hex } from '../../src/storage/audit-repository.ts';
import { SMALL_REFERENCE } from './reference-fixtures.ts';
import type { TestStore } from './test-store.ts';

/** One golden case of R `surveillance` 1.20.3 (test/golden/cases): the series passed to R and R's answer. */
export interface GoldenCase {
  readonly id: string;
  readonly dates: ReadonlyArray<string>;
  readonly observed: ReadonlyArray<number | null>;
  readonly control: Readonly<Record<string, unknown>>;
  /** R's 1-based monitored indices. */
  readonly range: ReadonlyArray<number>;
  readonly result: {
    readonly upperbound: ReadonlyArray<number | string | null>;
    readonly alarm: ReadonlyArray<boolean | null>;
    readonly expected?: ReadonlyArray<number | string | null>;
  };
}

export function readGoldenCase(folder: string, id: string): GoldenCase {
  const file = join(import.meta.dirname, '..', 'golden', 'cases', folder, `${id}.json`);
  return JSON.parse(readFileSync(file, 'utf8')) as GoldenCase;
}

/**
 * Seeds the small reference data and imports a golden case's series as weekly salmonellosis counts of
 * `place` through the ordinary observation import; returns the new series' id.
 */
export async function importGoldenSeries(t: TestStore, golden: GoldenCase, place = 'DE-BY'): Promise<string> {
  await seedReferenceData(t)(SYSTEM_ACTOR, SMALL_REFERENCE);
  const rows = golden.dates.map((date, i) => ({
    hazard: 'salmonellosis',
    place,
    stratum: '',
    source: 'golden',
    frequency: 'weekly',
    date,
    count: golden.observed[i],
  }));
  await importObservations({ ...t, hash: sha256Hex })(SYSTEM_ACTOR, {
    fileName: `${golden.id}.json`,
    format: 'json',
    content: rows,
  });
  const page = await t.store.series.list({ withinPath: '/', source: 'golden', limit: 10, offset: 0 });
  const series = page.items.find((s) => s.placeId === place);
  if (series === undefined) throw new Error(`golden series of ${golden.id} was not imported`);
  return series.id;
}
