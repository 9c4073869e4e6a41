import { describe, expect, it } from 'vitest';
import {
  canTransition,
  type Deadline,
  isPastDue,
  requireDeadlineTransition,
  viewDeadline,
} from './deadline.ts';

const D: Deadline = {
  id: 'd1',
  ruleId: 'r1',
  subjectType: 'event',
  subjectId: 'e1',
  eventId: 'e1',
  placePath: '/world/',
  startedAt: '2026-11-28T08:00:00.000Z',
  dueAt: '2026-11-29T08:00:00.000Z',
  status: 'due',
  metAt: null,
  metBy: null,
  metReference: null,
  breachedAt: null,
};
const RULE = { code: 'IHR-ART6', name: 'Notify WHO', legalBasis: 'IHR (2005) Art. 6' };

describe('a deadline', () => {
  it('may be met or breached while due, met late once breached, and nothing once met', () => {
    expect(canTransition('due', 'met')).toBe(true);
    expect(canTransition('due', 'breached')).toBe(true);
    expect(canTransition('breached', 'met')).toBe(true);
    expect(canTransition('breached', 'due')).toBe(false);
    expect(canTransition('met', 'breached')).toBe(false);
    expect(() => requireDeadlineTransition({ ...D, status: 'met' }, 'met')).toThrow(/is met/);
  });

  it('shows the time left until due', () => {
    const v = viewDeadline(D, RULE, new Date('2026-11-29T06:00:00.000Z'));
    expect(v.timeLeftMs).toBe(2 * 3600_000);
    expect(v.legalBasis).toBe('IHR (2005) Art. 6');
    expect(v.late).toBe(false);
  });

  it('shows negative time left once past due, and none once met', () => {
    expect(viewDeadline(D, RULE, new Date('2026-11-29T09:00:00.000Z')).timeLeftMs).toBe(-3600_000);
    expect(viewDeadline({ ...D, status: 'met', metAt: D.dueAt }, RULE, new Date()).timeLeftMs).toBeNull();
  });

  it('is late when met after its breach', () => {
    const v = viewDeadline({ ...D, status: 'met', breachedAt: '2026-11-29T08:01:00.000Z' }, RULE, new Date());
    expect(v.late).toBe(true);
  });

  it('is past due from its due time on, only while due', () => {
    expect(isPastDue(D, new Date('2026-11-29T07:59:59.999Z'))).toBe(false);
    expect(isPastDue(D, new Date('2026-11-29T08:00:00.000Z'))).toBe(true);
    expect(isPastDue({ ...D, status: 'met' }, new Date('2026-12-01T00:00:00.000Z'))).toBe(false);
  });
});
