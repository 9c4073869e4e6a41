import type { Detector } from '../detector.ts';
import type { DetectionResult } from '../result.ts';

// STUB: replaced by the real adapter when algorithms/glrnb.ts lands.
export const glrnbDetector: Detector<unknown, DetectionResult> = {
  name: 'glrnb',
  rFunction: 'algo.glrnb',
  summary: 'not implemented yet',
  parseControl: (control) => control,
  defaultRange: () => {
    throw new Error('glrnb is not implemented yet');
  },
  run: () => {
    throw new Error('glrnb is not implemented yet');
  },
  extras: () => ({}),
  toR: () => ({}),
};
