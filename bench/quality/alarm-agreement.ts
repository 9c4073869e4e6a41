import type { AlarmTable } from './alarm-file.ts';

/** How one alarm table agrees with a reference table (e.g. Tocsin's with R's) cell by cell. */
export interface AlarmAgreement {
  readonly cells: number;
  /** Cells with the same decision: both alarm, both no alarm, or both NA. */
  readonly agree: number;
  readonly referenceAlarms: number;
  readonly testAlarms: number;
  /** Alarm in the reference only / in the test only. */
  readonly onlyReference: number;
  readonly onlyTest: number;
  /** NA in exactly one of the two. */
  readonly naMismatch: number;
  /** Cells where both bounds are numbers, and how many of them agree within 1e-6 relative (floor 1). */
  readonly boundPairs: number;
  readonly boundsWithin1e6: number;
  readonly boundMaxRelDiff: number;
  /** A bound in exactly one of the two. */
  readonly boundNaMismatch: number;
}

/**
 * Compares two alarm tables over the same truth; bound differences are |a − b| / max(1, |b|), as in
 * r/score.R `--reference`.
 */
export function compareAlarmTables(test: AlarmTable, reference: AlarmTable): AlarmAgreement {
  let agree = 0;
  let referenceAlarms = 0;
  let testAlarms = 0;
  let onlyReference = 0;
  let onlyTest = 0;
  let naMismatch = 0;
  let boundPairs = 0;
  let boundsWithin1e6 = 0;
  let boundMaxRelDiff = 0;
  let boundNaMismatch = 0;
  const n = reference.alarm.length;
  for (let i = 0; i < n; i++) {
    const a = test.alarm[i];
    const b = reference.alarm[i];
    if (a === b) agree++;
    if (a === 1) testAlarms++;
    if (b === 1) referenceAlarms++;
    if (a === 1 && b === 0) onlyTest++;
    if (a === 0 && b === 1) onlyReference++;
    if ((a === -1) !== (b === -1)) naMismatch++;
    const ua = test.upperBound[i];
    const ub = reference.upperBound[i];
    if (Number.isNaN(ua) !== Number.isNaN(ub)) boundNaMismatch++;
    else if (!Number.isNaN(ua)) {
      boundPairs++;
      const rel = ua === ub ? 0 : Math.abs(ua - ub) / Math.max(1, Math.abs(ub));
      if (rel <= 1e-6) boundsWithin1e6++;
      if (!(rel <= boundMaxRelDiff)) boundMaxRelDiff = rel;
    }
  }
  return {
    cells: n,
    agree,
    referenceAlarms,
    testAlarms,
    onlyReference,
    onlyTest,
    naMismatch,
    boundPairs,
    boundsWithin1e6,
    boundMaxRelDiff,
    boundNaMismatch,
  };
}
