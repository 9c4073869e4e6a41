/**
 * What explains a signal, stored with it so the inbox can show why it was raised without recomputing
 * anything: for an indicator signal the latest alarm's numbers, the baseline the method used, and the
 * method with its options and version; for an event-based signal a summary of the report(s).
 */
import type { BaselineWindow } from './baseline-window.ts';

export interface IndicatorExplanation {
  readonly kind: 'indicator';
  /** The alarm epoch these numbers are for (the signal's latest alarm), `YYYY-MM-DD`. */
  readonly epoch: string;
  readonly observed: number | null;
  readonly expected: number | null;
  readonly upperBound: number | null;
  /** The method's score at that epoch, where it has one (e.g. Farrington's exceedance score). */
  readonly score: number | null;
  readonly baseline: BaselineWindow;
  /** Tocsin's detector name and the R function it reproduces. */
  readonly algorithm: string;
  readonly rFunction: string;
  /** The R-style control as configured (defaults left implicit, as in R). */
  readonly control: Readonly<Record<string, unknown>>;
  readonly detectorVersion: string;
  readonly configId: string;
  readonly configName: string;
  readonly configVersion: number;
  readonly runId: string;
  /** Number of alarm epochs in the signal so far. */
  readonly alarmCount: number;
}

export interface EventBasedExplanation {
  readonly kind: 'event-based';
  readonly summary: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export type SignalExplanation = IndicatorExplanation | EventBasedExplanation;
