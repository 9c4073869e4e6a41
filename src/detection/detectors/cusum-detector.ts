import type { Detector } from '../detector.ts';
import type { DetectionResult } from '../result.ts';

// STUB: replaced by the real adapter when algorithms/cusum.ts lands.
export const cusumDetector: Detector<unknown, DetectionResult> = {
  name: 'cusum',
  rFunction: 'algo.cusum',
  summary: 'not implemented yet',
  parseControl: (control) => control,
  defaultRange: () => {
    throw new Error('cusum is not implemented yet');
  },
  run: () => {
    throw new Error('cusum is not implemented yet');
  },
  extras: () => ({}),
  toR: () => ({}),
};
