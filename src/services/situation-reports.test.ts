import { afterEach, describe, expect, it } from 'vitest';
import { ACTORS } from '../../test/support/response-fixtures.ts';
import { openResponseServices, type ResponseServices } from '../../test/support/response-services.ts';

let s: ResponseServices;
afterEach(async () => s.close());

async function withEvent() {
  s = await openResponseServices([
    {
      id: 'by',
      state: 'verified',
      place: 'DE-BY',
      hazardId: 'cholera',
      verifiedAt: '2026-11-28T07:00:00.000Z',
    },
  ]);
  return s.escalation.escalate(ACTORS.coordinator, {
    signalIds: ['by'],
    title: 'Cholera in Bavaria',
    leadDepartmentId: 'health',
    coordinatorId: 'u-coord',
  });
}

describe('situation reports', () => {
  it('are drafted as versions and published; a published version never changes', async () => {
    const e = await withEvent();
    const v1 = await s.reports.draft(ACTORS.coordinator, e.id, 'Day 1: 12 cases', 0);
    expect(v1).toMatchObject({ version: 1, publishedAt: null });
    const published = await s.reports.publish(ACTORS.coordinator, e.id, 1);
    expect(published.publishedAt).toBe('2026-11-28T08:00:00.000Z');
    await expect(s.reports.publish(ACTORS.coordinator, e.id, 1)).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
    });
    const v2 = await s.reports.draft(ACTORS.coordinator, e.id, 'Day 2: 20 cases', 1);
    expect(v2.version).toBe(2);
    const all = await s.reports.list(ACTORS.viewer, e.id);
    expect(all.map((r) => [r.version, r.body, r.publishedAt !== null])).toEqual([
      [2, 'Day 2: 20 cases', false],
      [1, 'Day 1: 12 cases', true],
    ]);
    expect(
      (await s.events.timeline(ACTORS.viewer, e.id)).filter((t) => t.kind === 'situation-report'),
    ).toHaveLength(3);
    expect((await s.audit()).filter((a) => a.objectType === 'situation-report').map((a) => a.action)).toEqual(
      ['situation-report.draft', 'situation-report.publish', 'situation-report.draft'],
    );
  });

  it('refuse a draft based on a stale version instead of overwriting', async () => {
    const e = await withEvent();
    await s.reports.draft(ACTORS.coordinator, e.id, 'mine', 0);
    await expect(s.reports.draft(ACTORS.admin, e.id, 'theirs', 0)).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { expectedVersion: 0, actualVersion: 1 },
    });
    expect((await s.reports.get(ACTORS.viewer, e.id, 1)).body).toBe('mine');
  });

  it('publish only the latest version', async () => {
    const e = await withEvent();
    await s.reports.draft(ACTORS.coordinator, e.id, 'v1', 0);
    await s.reports.draft(ACTORS.coordinator, e.id, 'v2', 1);
    await expect(s.reports.publish(ACTORS.coordinator, e.id, 1)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(s.reports.publish(ACTORS.coordinator, e.id, 9)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('are written with event:manage, read with event:read, inside the jurisdiction', async () => {
    const e = await withEvent();
    await expect(s.reports.draft(ACTORS.viewer, e.id, 'x', 0)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(s.reports.draft(ACTORS.coordinatorFR, e.id, 'x', 0)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(s.reports.list(ACTORS.coordinatorFR, e.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(s.reports.draft(ACTORS.coordinator, e.id, '  ', 0)).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });
});
