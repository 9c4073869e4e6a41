import { describe, expect, it } from 'vitest';
import { predictLogistic, trainLogistic } from './logistic-model.ts';

describe('logistic model', () => {
  it('applies bias and weights as p = 1 / (1 + exp(-(b + w·x)))', () => {
    const model = { features: ['a', 'b'], weights: [Math.log(3), 2], bias: -2, threshold: 0.5 };
    // z = -2 + ln 3 · 1 + 2 · 1 = ln 3, so p = 3 / 4
    expect(predictLogistic(model, [1, 1])).toBeCloseTo(0.75, 12);
    expect(predictLogistic(model, [0, 0])).toBeCloseTo(1 / (1 + Math.exp(2)), 12);
  });

  it('fits a separable problem so that every row falls on its side of the threshold', () => {
    const x = [[0], [1], [2], [3], [7], [8], [9], [10]];
    const y = [0, 0, 0, 0, 1, 1, 1, 1];
    const m = trainLogistic(['x'], x, y);
    expect(m.weights[0]).toBeGreaterThan(0);
    expect(x.map((row) => (predictLogistic(m, row) >= 0.5 ? 1 : 0))).toEqual(y);
  });

  it('learns a feature that does not vary as weight zero', () => {
    const m = trainLogistic(
      ['constant', 'x'],
      [
        [5, 0],
        [5, 1],
        [5, 9],
        [5, 10],
      ],
      [0, 0, 1, 1],
    );
    expect(m.weights[0]).toBe(0);
  });

  it('refuses to fit without rows', () => {
    expect(() => trainLogistic(['x'], [], [])).toThrow(RangeError);
  });
});
