import type { BenchAlgorithm } from '../algorithms/bench-algorithms.ts';
import { prepareBenchAlgorithm } from '../algorithms/prepare-bench-algorithm.ts';
import type { SimSet } from '../data/sim-set.ts';
import { type AlarmTable, emptyAlarmTable } from './alarm-file.ts';
import type { Truth } from './truth.ts';

/** Tocsin's alarms of one configuration on every simulated series. */
export interface QualityRun {
  readonly algorithm: BenchAlgorithm;
  readonly alarms: AlarmTable;
  /** Wall time of the loop over all series, seconds. */
  readonly seconds: number;
  /** Fallbacks and per-series errors, as r/run_quality.R's notes.txt. */
  readonly notes: ReadonlyArray<string>;
}

/**
 * Runs one configuration prospectively over the truth's evaluation weeks of every series, like
 * r/run_quality.R: a series whose run throws gets NA alarms and a note.
 */
export function runQuality(set: SimSet, truth: Truth, algorithm: BenchAlgorithm): QualityRun {
  const prepared = prepareBenchAlgorithm(algorithm);
  const nWeeks = truth.weeks.length;
  const range = { from: truth.weeks[0] - 1, to: truth.weeks[nWeeks - 1] - 1 };
  const alarms = emptyAlarmTable(truth);
  const notes: string[] = [];
  const t0 = performance.now();
  set.series.forEach((s, i) => {
    const where = `${algorithm.name} scenario=${s.scenario} replicate=${s.replicate}`;
    try {
      const out = prepared.run(s.series, range);
      for (let j = 0; j < nWeeks; j++) {
        const a = out.alarm[j];
        alarms.alarm[i * nWeeks + j] = a === null || a === undefined ? -1 : a ? 1 : 0;
        alarms.upperBound[i * nWeeks + j] = out.upperBound[j];
      }
      if (out.note !== '') notes.push(`${where}: ${out.note}`);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      if (why.includes('not implemented')) throw err;
      notes.push(`${where}: ERROR: ${why}`);
    }
  });
  return { algorithm, alarms, seconds: (performance.now() - t0) / 1000, notes };
}
