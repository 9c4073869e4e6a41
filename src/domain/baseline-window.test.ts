import { describe, expect, it } from 'vitest';
import { findDetector } from '../detection/detectors/registry.ts';
import { countSeries } from '../detection/series/count-series.ts';
import { baselineWindow } from './baseline-window.ts';

// 3 years of weeks from Monday 2021-01-04.
const series = countSeries({ frequency: 'weekly', start: '2021-01-04', observed: new Array(160).fill(5) });
const options = (name: string, control: unknown) => findDetector(name)!.parseControl(control);
const range = { from: 150, to: 159 };

describe('the baseline window of an alarm', () => {
  it('is the same week ±w of each of the b previous years for rki', () => {
    const w = baselineWindow('rki', options('rki', { b: 2, w: 1, actY: false }), series, range, 155);
    // Week 155 is Monday 2023-12-25; its windows are weeks 102–104 and 50–52.
    expect(w.stretches).toEqual([
      { from: '2021-12-20', to: '2022-01-03', epochs: 3 },
      { from: '2022-12-19', to: '2023-01-02', epochs: 3 },
    ]);
    expect(w.epochs).toBe(6);
    expect(w.description).toBe('the same period ±1 in each of the 2 previous years');
  });

  it('adds the weeks just before for rki with actY', () => {
    const w = baselineWindow('rki', options('rki', { b: 0, w: 3, actY: true }), series, range, 155);
    expect(w.stretches).toEqual([{ from: '2023-12-04', to: '2023-12-18', epochs: 3 }]);
  });

  it('is the n_b weeks just before for EARS C1 and leaves a 2-week guard band for C2', () => {
    expect(
      baselineWindow('earsC', options('earsC', { method: 'C1', baseline: 7 }), series, range, 155).stretches,
    ).toEqual([{ from: '2023-11-06', to: '2023-12-18', epochs: 7 }]);
    expect(
      baselineWindow('earsC', options('earsC', { method: 'C2', baseline: 7 }), series, range, 155).stretches,
    ).toEqual([{ from: '2023-10-23', to: '2023-12-04', epochs: 7 }]);
  });

  it('uses the Farrington reference windows by date, snapped to the same weekday', () => {
    // 2022-12-25 and 2021-12-25 are a Sunday and a Saturday: the nearest Mondays are 12-26 and 12-27.
    const w = baselineWindow('farrington', options('farrington', { b: 2, w: 1 }), series, range, 155);
    expect(w.stretches).toEqual([
      { from: '2021-12-20', to: '2022-01-03', epochs: 3 },
      { from: '2022-12-19', to: '2023-01-02', epochs: 3 },
    ]);
  });

  it('is everything before the monitored range for cusum', () => {
    const w = baselineWindow('cusum', options('cusum', {}), series, range, 155);
    expect(w.stretches).toEqual([{ from: '2021-01-04', to: '2023-11-13', epochs: 150 }]);
  });
});
