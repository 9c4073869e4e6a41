import { describe, expect, it } from 'vitest';
import { isBoostedTrees, predictBinary } from './binary-model.ts';
import { type BoostedTrees, predictBoostedTrees, trainBoostedTrees } from './boosted-trees.ts';

describe('boosted trees', () => {
  it('adds the leaf values of every tree to the base log-odds', () => {
    const model: BoostedTrees = {
      kind: 'boosted-trees',
      features: ['a'],
      base: Math.log(1 / 3),
      trees: [
        [
          { f: 0, t: 0.5, l: 1, r: 2, v: 0 },
          { f: -1, t: 0, l: -1, r: -1, v: 0 },
          { f: -1, t: 0, l: -1, r: -1, v: Math.log(9) },
        ],
      ],
      threshold: 0.5,
    };
    // x = 0: z = ln(1/3), p = 1/4; x = 1: z = ln(1/3) + ln 9 = ln 3, p = 3/4
    expect(predictBoostedTrees(model, [0])).toBeCloseTo(0.25, 12);
    expect(predictBoostedTrees(model, [1])).toBeCloseTo(0.75, 12);
    expect(isBoostedTrees(model)).toBe(true);
    expect(predictBinary(model, [1])).toBeCloseTo(0.75, 12);
  });

  it('learns an exclusive or, which no linear model can', () => {
    const x: number[][] = [];
    const y: number[] = [];
    // unequal cell sizes, so that the first split has something to gain
    const cells: ReadonlyArray<readonly [number, number, number]> = [
      [0, 0, 60],
      [0, 1, 40],
      [1, 0, 20],
      [1, 1, 80],
    ];
    for (const [a, b, count] of cells)
      for (let k = 0; k < count; k++) {
        x.push([a, b]);
        y.push(a ^ b);
      }
    const m = trainBoostedTrees(['a', 'b'], x, y, { minLeaf: 5 });
    expect(cells.map(([a, b]) => (predictBoostedTrees(m, [a, b]) >= 0.5 ? 1 : 0))).toEqual([0, 1, 1, 0]);
  });

  it('starts from the base rate and stays there when no split helps', () => {
    const m = trainBoostedTrees(['constant'], [[1], [1], [1], [1]], [1, 0, 0, 0], { trees: 3 });
    expect(m.base).toBeCloseTo(Math.log(1 / 3), 12);
    expect(m.trees.every((t) => t.length === 1 && t[0].f === -1)).toBe(true);
  });

  it('refuses to fit without rows', () => {
    expect(() => trainBoostedTrees(['x'], [], [])).toThrow(RangeError);
  });
});
