import { describe, expect, it } from 'vitest';
import { type DetectionConfigInput, validateDetectionConfig } from './detection-config.ts';
import { DomainError } from './errors.ts';

const good: DetectionConfigInput = {
  name: ' Salmonella weekly ',
  algorithm: 'algo.farrington',
  control: { b: 3, w: 2 },
  selector: { hazardIds: ['salm', 'salm'], placeIds: ['DE'], sources: [], frequency: 'weekly' },
  schedule: '0 6 * * 1',
  monitoredEpochs: 4,
  enabled: true,
};

function problemsOf(input: DetectionConfigInput): unknown {
  try {
    validateDetectionConfig(input);
  } catch (err) {
    if (err instanceof DomainError) return err.details?.problems;
    throw err;
  }
  return [];
}

describe('detection configuration validation', () => {
  it('normalises a good configuration: canonical algorithm name, trimmed name, unique selector lists', () => {
    expect(validateDetectionConfig(good)).toEqual({
      name: 'Salmonella weekly',
      algorithm: 'farrington',
      control: { b: 3, w: 2 },
      selector: { hazardIds: ['salm'], placeIds: ['DE'], sources: [], strata: [], frequency: 'weekly' },
      schedule: '0 6 * * 1',
      monitoredEpochs: 4,
      enabled: true,
    });
  });

  it('reports every problem at once, each naming its field', () => {
    expect(
      problemsOf({
        ...good,
        name: '',
        control: { b: 0, nonsense: 1 },
        selector: { frequency: 'hourly' },
        schedule: '61 * * * *',
        monitoredEpochs: 0,
      }),
    ).toEqual([
      { field: 'name', message: 'use 1–100 characters' },
      { field: 'control.b', message: expect.stringContaining('1') },
      { field: 'control.nonsense', message: expect.any(String) },
      { field: 'selector.frequency', message: 'must be daily, weekly or monthly' },
      { field: 'schedule', message: 'Invalid value for minute: 61' },
      { field: 'monitoredEpochs', message: 'must be an integer from 1 to 520' },
    ]);
  });

  it('names an unknown algorithm', () => {
    expect(problemsOf({ ...good, algorithm: 'crystal-ball' })).toEqual([
      { field: 'algorithm', message: 'unknown algorithm "crystal-ball"' },
    ]);
  });

  it('wants the control as an object', () => {
    expect(problemsOf({ ...good, control: [1, 2] })).toEqual([
      { field: 'control', message: 'must be a JSON object (an R-style control list)' },
    ]);
  });

  it('treats an empty schedule as on demand only', () => {
    expect(validateDetectionConfig({ ...good, schedule: '  ' }).schedule).toBeNull();
  });
});
