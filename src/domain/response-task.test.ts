import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.ts';
import {
  allowedTaskTransitions,
  isOverdue,
  requireEvidence,
  requireTaskTransition,
  requireTaskUpdater,
  seesTask,
} from './response-task.ts';

const person = (role: Actor['role'], departmentId: string | null): Actor => ({
  userId: `u-${role}`,
  username: role,
  role,
  departmentId,
  jurisdictionPlaceId: 'world',
  jurisdictionPath: '/world/',
});

describe('a response task', () => {
  it('moves open → in progress → done, may be cancelled until done, and done may be reopened', () => {
    expect(allowedTaskTransitions('open')).toEqual(['in-progress', 'done', 'cancelled']);
    expect(allowedTaskTransitions('in-progress')).toEqual(['open', 'done', 'cancelled']);
    expect(allowedTaskTransitions('done')).toEqual(['in-progress']);
    expect(allowedTaskTransitions('cancelled')).toEqual([]);
    expect(() => requireTaskTransition('cancelled', 'open')).toThrow(/cancelled cannot become open/);
  });

  it('is overdue when past due and still open or in progress', () => {
    const now = new Date('2026-11-28T12:00:00.000Z');
    expect(isOverdue({ state: 'open', dueAt: '2026-11-28T11:59:59.000Z' }, now)).toBe(true);
    expect(isOverdue({ state: 'in-progress', dueAt: '2026-11-28T11:00:00.000Z' }, now)).toBe(true);
    expect(isOverdue({ state: 'done', dueAt: '2026-11-28T11:00:00.000Z' }, now)).toBe(false);
    expect(isOverdue({ state: 'open', dueAt: '2026-11-28T12:00:00.000Z' }, now)).toBe(false);
  });

  it('is updated by responders of its department only, and by coordinators and admins', () => {
    const task = { id: 't1', departmentId: 'health' };
    expect(() => requireTaskUpdater(person('responder', 'health'), task)).not.toThrow();
    expect(() => requireTaskUpdater(person('responder', 'customs'), task)).toThrow(/another department/);
    expect(() => requireTaskUpdater(person('responder', null), task)).toThrow(/another department/);
    expect(() => requireTaskUpdater(person('coordinator', 'customs'), task)).not.toThrow();
    expect(() => requireTaskUpdater(person('admin', null), task)).not.toThrow();
    expect(() => requireTaskUpdater(person('viewer', 'health'), task)).toThrow(/may not update/);
  });

  it('is seen by responders of its department, and by every reader role', () => {
    const task = { departmentId: 'health' };
    expect(seesTask(person('responder', 'health'), task)).toBe(true);
    expect(seesTask(person('responder', 'customs'), task)).toBe(false);
    expect(seesTask(person('viewer', null), task)).toBe(true);
    expect(seesTask(person('coordinator', 'customs'), task)).toBe(true);
  });

  it('takes notes and http(s) links as evidence', () => {
    expect(requireEvidence('note', ' wells chlorinated ')).toBe('wells chlorinated');
    expect(requireEvidence('link', 'https://example.org/report.pdf')).toBe('https://example.org/report.pdf');
    expect(() => requireEvidence('link', 'javascript:alert(1)')).toThrow(/http\(s\) URL/);
    expect(() => requireEvidence('link', 'not a url')).toThrow(/http\(s\) URL/);
    expect(() => requireEvidence('note', '  ')).toThrow(/must not be empty/);
  });
});
