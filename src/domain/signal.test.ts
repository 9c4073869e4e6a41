import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.ts';
import {
  allowedSignalTransitions,
  isOpenSignalState,
  OPEN_SIGNAL_STATES,
  requireSignalTransition,
  SIGNAL_STATES,
} from './signal.ts';

describe('the signal lifecycle', () => {
  it('goes new → under-review → discarded | monitoring | verified', () => {
    expect(allowedSignalTransitions('new')).toEqual(['under-review']);
    expect(allowedSignalTransitions('under-review')).toEqual(['discarded', 'monitoring', 'verified']);
  });

  it('lets a monitored signal be reviewed again or decided, and a discarded one be reopened', () => {
    expect(allowedSignalTransitions('monitoring')).toEqual(['under-review', 'discarded', 'verified']);
    expect(allowedSignalTransitions('discarded')).toEqual(['under-review']);
  });

  it('keeps verified and merged signals final', () => {
    expect(allowedSignalTransitions('verified')).toEqual([]);
    expect(allowedSignalTransitions('merged')).toEqual([]);
  });

  it('never reaches merged by a plain transition', () => {
    for (const s of SIGNAL_STATES) expect(allowedSignalTransitions(s)).not.toContain('merged');
  });

  it('rejects a skipped step with INVALID_TRANSITION naming what is allowed', () => {
    let error: unknown;
    try {
      requireSignalTransition('s1', 'new', 'verified');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('INVALID_TRANSITION');
    expect((error as DomainError).message).toBe(
      'signal s1 is new; it cannot become verified (allowed: under-review)',
    );
  });

  it('accepts an allowed transition', () => {
    expect(() => requireSignalTransition('s1', 'under-review', 'monitoring')).not.toThrow();
  });

  it('counts new, under-review and monitoring as open, the rest as closed', () => {
    expect(OPEN_SIGNAL_STATES).toEqual(['new', 'under-review', 'monitoring']);
    expect(isOpenSignalState('discarded')).toBe(false);
    expect(isOpenSignalState('verified')).toBe(false);
    expect(isOpenSignalState('merged')).toBe(false);
  });
});
