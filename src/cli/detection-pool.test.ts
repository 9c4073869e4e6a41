import { describe, expect, it } from 'vitest';
import { epochDates } from '../detection/series/count-series.ts';
import { runDetections, runLeanDetections, type SeriesItem } from './detection-pool.ts';

const dates = epochDates('weekly', 19000, 40);

/** 150 weekly series with a spike in the last week of every tenth one; series 7 is too short. */
function items(): SeriesItem[] {
  return Array.from({ length: 150 }, (_, s) => {
    const n = s === 7 ? 5 : 40;
    const observed = new Float64Array(n);
    for (let t = 0; t < n; t++) observed[t] = 5 + ((s + 3 * t) % 4);
    if (s % 10 === 0) observed[n - 1] = 60;
    return {
      id: `s${s}`,
      series: { frequency: 'weekly', dates: dates.subarray(0, n), observed, epochAsDate: true },
    };
  });
}

const request = {
  algorithm: 'earsC',
  control: { method: 'C1', baseline: 7, alpha: 0.001 },
  range: { kind: 'last', n: 2 },
} as const;

describe('detection pool', () => {
  it('returns the same outcomes, in input order, with this thread and one or two workers as in this thread alone', async () => {
    const one = await runDetections(items(), request, { threads: 1 });
    const two = await runDetections(items(), request, { threads: 2, chunkSize: 16 });
    expect(two).toEqual(one);
    expect(await runDetections(items(), request, { threads: 3, chunkSize: 16 })).toEqual(one);
    expect(two.map((o) => o.id)).toEqual(items().map((i) => i.id));
    expect(two[7].ok).toBe(false);
    const alarmed = two.filter((o) => o.ok && o.result.alarm[1] === true).map((o) => o.id);
    expect(alarmed).toEqual(Array.from({ length: 15 }, (_, k) => `s${10 * k}`));
  });

  it('packs alarm, bound, expected and score of every series in lean outcomes', async () => {
    const full = await runDetections(items(), request, { threads: 1 });
    for (const threads of [1, 2, 3]) {
      const lean = await runLeanDetections(items(), request, { threads, chunkSize: 16 });
      expect(lean.count).toBe(150);
      expect(lean.errors.map((e) => e.index)).toEqual([7]);
      expect(lean.from[7]).toBe(-1);
      expect(lean.pointStart[150]).toBe(149 * 2);
      for (let i = 0; i < 150; i++) {
        const o = full[i];
        const at = lean.pointStart[i];
        if (!o.ok) {
          expect(lean.pointStart[i + 1]).toBe(at);
          continue;
        }
        expect(lean.from[i]).toBe(38);
        for (let j = 0; j < 2; j++) {
          expect(lean.observed[at + j]).toBe(o.result.observed[j]);
          expect(lean.upperBound[at + j]).toBe(o.result.upperBound[j]);
          expect(lean.expected[at + j]).toBe(o.result.expected[j]);
          expect(lean.alarm[at + j]).toBe(o.result.alarm[j] === true ? 1 : 0);
          // earsC has no score extra.
          expect(lean.score[at + j]).toBeNaN();
        }
        expect(lean.alarm[at + 1]).toBe(i % 10 === 0 ? 1 : 0);
      }
    }
  });
});
