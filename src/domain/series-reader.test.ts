import { describe, expect, it } from 'vitest';
import { formatIsoDate } from '../detection/series/calendar.ts';
import { countSeriesFromEpochs } from './series-reader.ts';

const row = (epoch: string, count: number | null, population: number | null = null) => ({
  epoch,
  count,
  population,
});

describe('counts on the regular grid of their frequency', () => {
  it('fills weeks without an observation as missing counts', () => {
    const r = countSeriesFromEpochs('weekly', [
      row('2026-01-05', 3),
      row('2026-01-19', 4),
      row('2026-01-26', null),
    ]);
    if (!r.ok) throw new Error(r.message);
    expect(Array.from(r.series.dates, formatIsoDate)).toEqual([
      '2026-01-05',
      '2026-01-12',
      '2026-01-19',
      '2026-01-26',
    ]);
    expect(Array.from(r.series.observed)).toEqual([3, Number.NaN, 4, Number.NaN]);
    expect(r.series.population).toBeUndefined();
    expect(r.series.frequency).toBe('weekly');
  });

  it('lays monthly epochs on calendar months', () => {
    const r = countSeriesFromEpochs('monthly', [row('2025-11-01', 1), row('2026-02-01', 2)]);
    if (!r.ok) throw new Error(r.message);
    expect(Array.from(r.series.dates, formatIsoDate)).toEqual([
      '2025-11-01',
      '2025-12-01',
      '2026-01-01',
      '2026-02-01',
    ]);
    expect(Array.from(r.series.observed)).toEqual([1, Number.NaN, Number.NaN, 2]);
  });

  it('keeps the population only when every epoch has one', () => {
    const r = countSeriesFromEpochs('daily', [row('2026-01-01', 1, 100), row('2026-01-02', 2, 110)]);
    if (!r.ok) throw new Error(r.message);
    expect(Array.from(r.series.population ?? [])).toEqual([100, 110]);
  });

  it('reports an epoch off the grid as a problem of the series', () => {
    expect(countSeriesFromEpochs('weekly', [row('2026-01-05', 1), row('2026-01-14', 2)])).toEqual({
      ok: false,
      code: 'OFF_GRID',
      message: 'epoch 2026-01-14 is not on the weekly grid that starts at 2026-01-05',
    });
  });

  it('reports a series without observations', () => {
    expect(countSeriesFromEpochs('weekly', [])).toMatchObject({ ok: false, code: 'NO_DATA' });
  });
});
