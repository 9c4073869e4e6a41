import type { Detector } from '../detector.ts';
import type { DetectionResult } from '../result.ts';

// STUB: replaced by the real adapter when algorithms/ears-c.ts lands.
export const earsCDetector: Detector<unknown, DetectionResult> = {
  name: 'earsC',
  rFunction: 'earsC',
  summary: 'not implemented yet',
  parseControl: (control) => control,
  defaultRange: () => {
    throw new Error('earsC is not implemented yet');
  },
  run: () => {
    throw new Error('earsC is not implemented yet');
  },
  extras: () => ({}),
  toR: () => ({}),
};
