import type { Detector } from '../detector.ts';
import type { DetectionResult } from '../result.ts';

// STUB: replaced by the real adapter when algorithms/glrpois.ts lands.
export const glrpoisDetector: Detector<unknown, DetectionResult> = {
  name: 'glrpois',
  rFunction: 'algo.glrpois',
  summary: 'not implemented yet',
  parseControl: (control) => control,
  defaultRange: () => {
    throw new Error('glrpois is not implemented yet');
  },
  run: () => {
    throw new Error('glrpois is not implemented yet');
  },
  extras: () => ({}),
  toR: () => ({}),
};
