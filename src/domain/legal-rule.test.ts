import { describe, expect, it } from 'vitest';
import {
  ASSESS_VERIFIED_SIGNAL_CODE,
  dueAt,
  IHR_ART6_CODE,
  type LegalRule,
  NATIONAL_CLASS_A_CODE,
  ruleApplies,
  STANDARD_LEGAL_RULES,
} from './legal-rule.ts';

const rule = (code: string): LegalRule => {
  const def = STANDARD_LEGAL_RULES.find((r) => r.code === code);
  if (def === undefined) throw new Error(code);
  return { ...def, id: code };
};

describe('legal rules', () => {
  it('ship IHR Art. 6: notify WHO within 24 hours of a notifiable assessment', () => {
    const r = rule(IHR_ART6_CODE);
    expect(r.durationMinutes).toBe(1440);
    expect(r.legalBasis).toBe('IHR (2005) Art. 6');
    expect(r.triggers).toEqual(['ihr-notifiable']);
  });

  it('ship the class-A rule: 2 hours, on a verified signal or an opened event', () => {
    const r = rule(NATIONAL_CLASS_A_CODE);
    expect(r.durationMinutes).toBe(120);
    expect(r.triggers).toEqual(['signal-verified', 'event-opened']);
    expect(r.conditions).toEqual({ nationalClass: 'A' });
  });

  it('ship the internal 48-hour assessment rule, met by a risk assessment', () => {
    const r = rule(ASSESS_VERIFIED_SIGNAL_CODE);
    expect(r.durationMinutes).toBe(2880);
    expect(r.metBy).toBe('risk-assessment');
  });

  it('apply only to their triggers and when their conditions hold', () => {
    const classA = rule(NATIONAL_CLASS_A_CODE);
    expect(ruleApplies(classA, 'signal-verified', { nationalClass: 'A' })).toBe(true);
    expect(ruleApplies(classA, 'event-opened', { nationalClass: 'A' })).toBe(true);
    expect(ruleApplies(classA, 'signal-verified', { nationalClass: 'B' })).toBe(false);
    expect(ruleApplies(classA, 'signal-verified', { nationalClass: null })).toBe(false);
    expect(ruleApplies(classA, 'ihr-notifiable', { nationalClass: 'A' })).toBe(false);
    expect(ruleApplies(rule(IHR_ART6_CODE), 'ihr-notifiable', { nationalClass: null })).toBe(true);
  });

  it('do not apply when inactive', () => {
    expect(
      ruleApplies({ ...rule(IHR_ART6_CODE), active: false }, 'ihr-notifiable', { nationalClass: null }),
    ).toBe(false);
  });

  it('set the due time the duration after the start', () => {
    expect(dueAt({ durationMinutes: 1440 }, '2026-11-28T08:00:00.000Z')).toBe('2026-11-29T08:00:00.000Z');
    expect(dueAt({ durationMinutes: 120 }, '2026-11-28T23:30:00.000Z')).toBe('2026-11-29T01:30:00.000Z');
  });
});
