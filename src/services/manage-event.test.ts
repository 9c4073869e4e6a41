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
    {
      id: 'be',
      state: 'verified',
      place: 'DE-BE',
      hazardId: 'cholera',
      verifiedAt: '2026-11-28T07:00:00.000Z',
    },
    { id: 'fr', state: 'verified', place: 'FR', hazardId: 'cholera', verifiedAt: '2026-11-28T07:00:00.000Z' },
  ]);
  return s.escalation.escalate(ACTORS.coordinator, {
    signalIds: ['by'],
    title: 'Cholera in Bavaria',
    leadDepartmentId: 'health',
    coordinatorId: 'u-coord',
  });
}

describe('managing an event', () => {
  it('moves through the allowed statuses, each change audited and on the timeline', async () => {
    const e = await withEvent();
    s.clock.advance(60_000);
    const contained = await s.events.changeStatus(
      ACTORS.coordinator,
      e.id,
      1,
      'contained',
      'no new cases for 10 days',
    );
    expect(contained).toMatchObject({ status: 'contained', version: 2 });
    const closed = await s.events.changeStatus(ACTORS.coordinator, e.id, 2, 'closed');
    expect(closed.status).toBe('closed');
    await expect(s.events.changeStatus(ACTORS.coordinator, e.id, 3, 'active')).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
    });
    const statuses = (await s.events.timeline(ACTORS.viewer, e.id)).filter((t) => t.kind === 'status');
    expect(statuses.map((t) => t.text)).toEqual([
      'Status: active → contained (no new cases for 10 days)',
      'Status: contained → closed',
    ]);
    expect((await s.audit('event.status')).map((a) => a.reason)).toEqual(['no new cases for 10 days', null]);
  });

  it('lets one of two coordinators win and tells the other their copy is stale', async () => {
    const e = await withEvent();
    await s.events.update(ACTORS.coordinator, e.id, 1, { title: 'Cholera, Bavaria' });
    await expect(s.events.changeStatus(ACTORS.admin, e.id, 1, 'contained')).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { expectedVersion: 1, actualVersion: 2 },
    });
    expect((await s.events.get(ACTORS.viewer, e.id)).event).toMatchObject({
      title: 'Cholera, Bavaria',
      status: 'active',
    });
  });

  it('changes the lead department and coordinator, recording before and after', async () => {
    const e = await withEvent();
    const next = await s.events.update(
      ACTORS.coordinator,
      e.id,
      1,
      { leadDepartmentId: 'customs', coordinatorId: 'u-coord2' },
      'port of entry',
    );
    expect(next).toMatchObject({ leadDepartmentId: 'customs', coordinatorId: 'u-coord2', version: 2 });
    const [audit] = await s.audit('event.update');
    expect(JSON.parse(audit.before ?? '{}')).toEqual({
      leadDepartmentId: 'health',
      coordinatorId: 'u-coord',
      version: 1,
    });
    expect(audit.reason).toBe('port of entry');
    await expect(
      s.events.update(ACTORS.coordinator, e.id, 2, { coordinatorId: 'u-resp' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    expect(await s.events.update(ACTORS.coordinator, e.id, 2, {})).toMatchObject({ version: 2 });
  });

  it('adds verified signals and takes over their deadlines', async () => {
    const e = await withEvent();
    const next = await s.events.linkSignals(ACTORS.coordinator, e.id, 1, ['be', 'by']);
    expect(next.version).toBe(2);
    const details = await s.events.get(ACTORS.viewer, e.id);
    expect(details.signalIds).toEqual(['be', 'by']);
    expect(details.deadlines.filter((d) => d.subjectId === 'be')).toHaveLength(2);
    await expect(s.events.linkSignals(ACTORS.coordinator, e.id, 2, ['fr'])).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('takes a signal out with a reason, keeps at least one, and audits it', async () => {
    const e = await withEvent();
    await s.events.linkSignals(ACTORS.coordinator, e.id, 1, ['be']);
    await expect(s.events.unlinkSignal(ACTORS.coordinator, e.id, 2, 'be', ' ')).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await expect(s.events.unlinkSignal(ACTORS.coordinator, e.id, 1, 'be', 'not ours')).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const next = await s.events.unlinkSignal(ACTORS.coordinator, e.id, 2, 'be', 'a different outbreak');
    expect(next.version).toBe(3);
    expect((await s.events.get(ACTORS.viewer, e.id)).signalIds).toEqual(['by']);
    await expect(s.events.unlinkSignal(ACTORS.coordinator, e.id, 3, 'by', 'last one')).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await expect(
      s.events.unlinkSignal(ACTORS.coordinator, e.id, 3, 'fr', 'never in it'),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await s.audit('event.unlink-signal')).map((a) => a.reason)).toEqual(['a different outbreak']);
    const timeline = await s.events.timeline(ACTORS.viewer, e.id);
    expect(timeline.at(-1)?.text).toBe('Signal removed: be (a different outbreak)');
  });

  it('shows events only inside the jurisdiction and changes them only with event:manage', async () => {
    const e = await withEvent();
    await expect(s.events.get(ACTORS.coordinatorFR, e.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await s.events.list(ACTORS.coordinatorFR, {})).total).toBe(0);
    expect((await s.events.list(ACTORS.viewer, { status: 'active' })).items.map((x) => x.id)).toEqual([e.id]);
    await expect(s.events.changeStatus(ACTORS.viewer, e.id, 1, 'contained')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(s.events.changeStatus(ACTORS.responder, e.id, 1, 'contained')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(s.events.get(ACTORS.viewer, 'nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
