import type { Detector } from '../detector.ts';
import type { DetectionResult } from '../result.ts';

// STUB: replaced by the real adapter when algorithms/rki.ts lands.
export const rkiDetector: Detector<unknown, DetectionResult> = {
  name: 'rki',
  rFunction: 'algo.rki',
  summary: 'not implemented yet',
  parseControl: (control) => control,
  defaultRange: () => {
    throw new Error('rki is not implemented yet');
  },
  run: () => {
    throw new Error('rki is not implemented yet');
  },
  extras: () => ({}),
  toR: () => ({}),
};
