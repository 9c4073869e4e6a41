import type { Detector } from '../detector.ts';
import type { DetectionResult } from '../result.ts';

// STUB: replaced by the real adapter when algorithms/cdc.ts lands.
export const cdcDetector: Detector<unknown, DetectionResult> = {
  name: 'cdc',
  rFunction: 'algo.cdc',
  summary: 'not implemented yet',
  parseControl: (control) => control,
  defaultRange: () => {
    throw new Error('cdc is not implemented yet');
  },
  run: () => {
    throw new Error('cdc is not implemented yet');
  },
  extras: () => ({}),
  toR: () => ({}),
};
