import type { Detector } from '../detector.ts';
import type { DetectionResult } from '../result.ts';

// STUB: replaced by the real adapter when algorithms/bayes.ts lands.
export const bayesDetector: Detector<unknown, DetectionResult> = {
  name: 'bayes',
  rFunction: 'algo.bayes',
  summary: 'not implemented yet',
  parseControl: (control) => control,
  defaultRange: () => {
    throw new Error('bayes is not implemented yet');
  },
  run: () => {
    throw new Error('bayes is not implemented yet');
  },
  extras: () => ({}),
  toR: () => ({}),
};
