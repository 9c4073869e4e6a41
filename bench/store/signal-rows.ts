/**
 * Synthetic signals spread like a real inbox after five years (most old signals closed, the open ones
 * recent; hazards skewed Zipf-like; places at every level; both sources), as rows of the signals table.
 * Shared by the inbox benchmarks (bench/store/inbox-bench.ts: 1M signals; bench/web: 10,000 in the browser).
 */
import { randomUUID } from 'node:crypto';
import { SeededRandom } from '../national/seeded-random.ts';

export const DAY = 86_400_000;
export const END = Date.UTC(2026, 10, 28);
export const START = END - 5 * 365 * DAY;
export const COLUMNS = [
  'id',
  'source',
  'state',
  'title',
  'hazard_id',
  'place_id',
  'place_path',
  'series_id',
  'config_id',
  'first_epoch',
  'last_epoch',
  'explanation',
  'priority',
  'assignee_id',
  'merged_into_id',
  'created_at',
  'updated_at',
  'version',
] as const;
export type Row = Array<string | number | null>;

export interface World {
  readonly hazards: ReadonlyArray<{ id: string; name: string }>;
  readonly places: ReadonlyArray<{ id: string; name: string; path: string; level: string }>;
  readonly users: ReadonlyArray<string>;
}

/** Picks from `n` items with Zipf weights 1/(k+1)^s (a few common hazards, a long tail). */
export function zipf(n: number, s: number): (r: number) => number {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let k = 0; k < n; k++) {
    sum += 1 / (k + 1) ** s;
    cdf[k] = sum;
  }
  return (r) => {
    const target = r * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

export function pick<T>(weights: ReadonlyArray<readonly [T, number]>, r: number): T {
  let acc = 0;
  for (const [v, w] of weights) {
    acc += w;
    if (r < acc) return v;
  }
  return weights[weights.length - 1][0];
}

export const monday = (ms: number): string => {
  const d = Math.floor(ms / DAY);
  const weekday = (((d + 3) % 7) + 7) % 7; // 0 = Monday
  return new Date((d - weekday) * DAY).toISOString().slice(0, 10);
};

/** The signals, generated in creation order, in chunks. */
export function* signalRows(world: World, total: number, chunk: number): Generator<Row[]> {
  const rnd = new SeededRandom(20261128);
  const hazardOf = zipf(world.hazards.length, 1.1);
  const byLevel = new Map<string, World['places'][number][]>();
  for (const p of world.places) byLevel.set(p.level, [...(byLevel.get(p.level) ?? []), p]);
  const level = (r: number) =>
    pick(
      [
        ['admin3', 0.4],
        ['admin2', 0.25],
        ['admin1', 0.3],
        ['country', 0.05],
      ] as const,
      r,
    );
  let rows: Row[] = [];
  for (let i = 0; i < total; i++) {
    const created = START + Math.floor(((i + rnd.uniform()) / total) * (END - START));
    const ageDays = (END - created) / DAY;
    const state =
      ageDays < 60
        ? pick(
            [
              ['new', 0.5],
              ['under-review', 0.25],
              ['monitoring', 0.1],
              ['discarded', 0.1],
              ['verified', 0.05],
            ] as const,
            rnd.uniform(),
          )
        : pick(
            [
              ['discarded', 0.78],
              ['verified', 0.1],
              ['merged', 0.05],
              ['monitoring', 0.03],
              ['new', 0.03],
              ['under-review', 0.01],
            ] as const,
            rnd.uniform(),
          );
    const hazard = world.hazards[hazardOf(rnd.uniform())];
    const candidates = byLevel.get(level(rnd.uniform())) ?? world.places;
    const place = candidates[Math.floor(rnd.uniform() * candidates.length)];
    const indicator = rnd.uniform() < 0.8;
    const lastMs = created - Math.floor(rnd.uniform() * 7) * DAY;
    const weeks = Math.floor(rnd.uniform() * 4);
    const lastEpoch = monday(lastMs);
    const firstEpoch = monday(lastMs - weeks * 7 * DAY);
    const observed = 5 + Math.floor(rnd.uniform() * 40);
    const explanation = indicator
      ? JSON.stringify({
          kind: 'indicator',
          epoch: lastEpoch,
          observed,
          expected: 3.2,
          upperBound: 7.9,
          score: null,
          baseline: {
            stretches: [{ from: monday(lastMs - 400 * DAY), to: monday(lastMs - 330 * DAY), epochs: 11 }],
            epochs: 11,
            description: 'the same period ±5 in each of the 1 previous years',
          },
          algorithm: 'farringtonFlexible',
          rFunction: 'farringtonFlexible',
          control: { b: 5, w: 3 },
          detectorVersion: 'tocsin 0.1.0',
          configId: 'bench',
          configName: 'bench',
          configVersion: 1,
          runId: 'bench',
          alarmCount: weeks + 1,
        })
      : JSON.stringify({ kind: 'event-based', summary: `Reports of ${hazard.name} in ${place.name}` });
    const createdAt = new Date(created).toISOString();
    const updatedAt = new Date(Math.min(END, created + Math.floor(rnd.uniform() * 20) * DAY)).toISOString();
    rows.push([
      randomUUID(),
      indicator ? 'indicator' : 'event-based',
      state,
      `${hazard.name} — ${place.name}${indicator ? ' · notifications' : ''}`,
      hazard.id,
      place.id,
      place.path,
      null,
      null,
      firstEpoch,
      lastEpoch,
      explanation,
      pick(
        [
          ['low', 0.5],
          ['medium', 0.3],
          ['high', 0.15],
          ['critical', 0.05],
        ] as const,
        rnd.uniform(),
      ),
      rnd.uniform() < 0.3 ? world.users[Math.floor(rnd.uniform() * world.users.length)] : null,
      null,
      createdAt,
      updatedAt,
      1 + Math.floor(rnd.uniform() * 4),
    ]);
    if (rows.length === chunk) {
      yield rows;
      rows = [];
    }
  }
  if (rows.length > 0) yield rows;
}
