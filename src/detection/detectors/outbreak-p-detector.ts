import type { Detector } from '../detector.ts';
import type { DetectionResult } from '../result.ts';

// STUB: replaced by the real adapter when algorithms/outbreak-p.ts lands.
export const outbreakPDetector: Detector<unknown, DetectionResult> = {
  name: 'outbreakP',
  rFunction: 'algo.outbreakP',
  summary: 'not implemented yet',
  parseControl: (control) => control,
  defaultRange: () => {
    throw new Error('outbreakP is not implemented yet');
  },
  run: () => {
    throw new Error('outbreakP is not implemented yet');
  },
  extras: () => ({}),
  toR: () => ({}),
};
