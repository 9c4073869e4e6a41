import { type AnyDetector, anyDetector } from '../detector.ts';
import { bayesDetector } from './bayes-detector.ts';
import { cdcDetector } from './cdc-detector.ts';
import { cusumDetector } from './cusum-detector.ts';
import { earsCDetector } from './ears-c-detector.ts';
import { farringtonDetector } from './farrington-detector.ts';
import { farringtonFlexibleDetector } from './farrington-flexible-detector.ts';
import { glrnbDetector } from './glrnb-detector.ts';
import { glrpoisDetector } from './glrpois-detector.ts';
import { outbreakPDetector } from './outbreak-p-detector.ts';
import { rkiDetector } from './rki-detector.ts';

/** Every detection method Tocsin offers, in the order the CLI lists them. */
export const DETECTORS: ReadonlyArray<AnyDetector> = Object.freeze([
  anyDetector(farringtonFlexibleDetector),
  anyDetector(farringtonDetector),
  anyDetector(earsCDetector),
  anyDetector(cusumDetector),
  anyDetector(glrnbDetector),
  anyDetector(glrpoisDetector),
  anyDetector(bayesDetector),
  anyDetector(rkiDetector),
  anyDetector(cdcDetector),
  anyDetector(outbreakPDetector),
]);

/** Finds a detector by Tocsin name or R function name, case-insensitively (`earsC`, `algo.farrington`). */
export function findDetector(name: string): AnyDetector | undefined {
  const key = name.toLowerCase();
  return DETECTORS.find((d) => d.name.toLowerCase() === key || d.rFunction.toLowerCase() === key);
}
