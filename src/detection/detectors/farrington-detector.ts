import type { Detector } from '../detector.ts';
import type { DetectionResult } from '../result.ts';

// STUB: replaced by the real adapter when algorithms/farrington.ts lands.
export const farringtonDetector: Detector<unknown, DetectionResult> = {
  name: 'farrington',
  rFunction: 'algo.farrington',
  summary: 'not implemented yet',
  parseControl: (control) => control,
  defaultRange: () => {
    throw new Error('farrington is not implemented yet');
  },
  run: () => {
    throw new Error('farrington is not implemented yet');
  },
  extras: () => ({}),
  toR: () => ({}),
};
