import type { Detector } from '../detector.ts';
import type { DetectionResult } from '../result.ts';

// STUB: replaced by the real adapter when algorithms/farrington-flexible.ts lands.
export const farringtonFlexibleDetector: Detector<unknown, DetectionResult> = {
  name: 'farringtonFlexible',
  rFunction: 'farringtonFlexible',
  summary: 'not implemented yet',
  parseControl: (control) => control,
  defaultRange: () => {
    throw new Error('farringtonFlexible is not implemented yet');
  },
  run: () => {
    throw new Error('farringtonFlexible is not implemented yet');
  },
  extras: () => ({}),
  toR: () => ({}),
};
