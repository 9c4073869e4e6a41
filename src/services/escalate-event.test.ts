import { afterEach, describe, expect, it } from 'vitest';
import { ACTORS } from '../../test/support/response-fixtures.ts';
import { openResponseServices, type ResponseServices } from '../../test/support/response-services.ts';
import type { EscalateInput } from './escalate-event.ts';

let s: ResponseServices;
afterEach(async () => s.close());

async function setup() {
  s = await openResponseServices([
    {
      id: 'by',
      state: 'verified',
      place: 'DE-BY',
      hazardId: 'cholera',
      verifiedAt: '2026-11-28T07:00:00.000Z',
      title: 'Cholera BY',
    },
    {
      id: 'be',
      state: 'verified',
      place: 'DE-BE',
      hazardId: 'cholera',
      verifiedAt: '2026-11-28T07:30:00.000Z',
      title: 'Cholera BE',
    },
    {
      id: 'campy',
      state: 'verified',
      place: 'DE-BE',
      hazardId: 'campylobacter',
      verifiedAt: '2026-11-28T07:30:00.000Z',
    },
    { id: 'review', state: 'under-review', place: 'DE-BY', hazardId: 'cholera' },
    { id: 'fr', state: 'verified', place: 'FR', hazardId: 'cholera', verifiedAt: '2026-11-28T07:00:00.000Z' },
  ]);
}

const INPUT: EscalateInput = {
  signalIds: ['by', 'be'],
  title: 'Cholera in southern Germany',
  leadDepartmentId: 'health',
  coordinatorId: 'u-coord',
  reason: 'two districts, same strain',
};

describe('escalating signals to an event', () => {
  it('opens an active event at the deepest place holding all its signals, with their hazard', async () => {
    await setup();
    const e = await s.escalation.escalate(ACTORS.coordinator, INPUT);
    expect(e).toMatchObject({
      title: 'Cholera in southern Germany',
      placeId: 'DE',
      placePath: '/world/DE/',
      hazardId: 'cholera',
      status: 'active',
      leadDepartmentId: 'health',
      coordinatorId: 'u-coord',
      version: 1,
      riskLevel: null,
    });
    const details = await s.events.get(ACTORS.viewer, e.id);
    expect(details.signalIds).toEqual(['be', 'by']);
    const timeline = await s.events.timeline(ACTORS.viewer, e.id);
    expect(timeline.slice(0, 2).map((t) => t.kind)).toEqual(['created', 'signals-linked']);
    expect(timeline[0].text).toContain('two districts, same strain');
    const [audit] = await s.audit('event.escalate');
    expect(audit).toMatchObject({ actorId: 'u-coord', objectId: e.id, reason: 'two districts, same strain' });
  });

  it('takes the risk level of the signals’ latest assessment', async () => {
    await setup();
    const base = {
      hazardAssessment: 'h',
      exposureAssessment: 'e',
      contextAssessment: 'c',
      confidence: 'low' as const,
      recommendedActions: [],
    };
    await s.risk.assess(ACTORS.assessor, 'signal', 'by', {
      ...base,
      likelihood: 'likely',
      consequences: 'minor',
    });
    s.clock.advance(60_000);
    await s.risk.assess(ACTORS.assessor, 'signal', 'be', {
      ...base,
      likelihood: 'likely',
      consequences: 'severe',
    });
    s.clock.advance(60_000);
    expect((await s.escalation.escalate(ACTORS.coordinator, INPUT)).riskLevel).toBe('very-high');
  });

  it('moves the signals’ deadlines to the event and does not start a second class-A deadline', async () => {
    await setup();
    const e = await s.escalation.escalate(ACTORS.coordinator, INPUT);
    const deadlines = (await s.events.get(ACTORS.viewer, e.id)).deadlines;
    expect(deadlines.map((d) => [d.ruleCode, d.subjectType, d.subjectId]).sort()).toEqual([
      ['INTERNAL-ASSESS-48H', 'signal', 'be'],
      ['INTERNAL-ASSESS-48H', 'signal', 'by'],
      ['NATIONAL-CLASS-A-2H', 'signal', 'be'],
      ['NATIONAL-CLASS-A-2H', 'signal', 'by'],
    ]);
    expect(deadlines.every((d) => d.eventId === e.id)).toBe(true);
  });

  it('starts the class-A deadline on the event when it is opened for a class-A hazard', async () => {
    await setup();
    const e = await s.escalation.escalate(ACTORS.coordinator, {
      ...INPUT,
      signalIds: ['campy'],
      hazardId: 'smallpox',
      title: 'Pox-like rash cluster',
    });
    const classA = (await s.events.get(ACTORS.viewer, e.id)).deadlines.filter(
      (d) => d.ruleCode === 'NATIONAL-CLASS-A-2H',
    );
    expect(classA.map((d) => [d.subjectType, d.subjectId, d.dueAt])).toEqual([
      ['event', e.id, '2026-11-28T10:00:00.000Z'],
    ]);
  });

  it('takes a given place instead of the common one', async () => {
    await setup();
    const e = await s.escalation.escalate(ACTORS.coordinator, { ...INPUT, signalIds: ['by'], placeId: 'DE' });
    expect(e.placePath).toBe('/world/DE/');
    const own = await s.escalation.escalate(ACTORS.coordinator, { ...INPUT, signalIds: ['by'] });
    expect(own).toMatchObject({ placeId: 'DE-BY', placePath: '/world/DE/DE-BY/' });
  });

  it('escalates only verified signals, naming the others', async () => {
    await setup();
    await expect(
      s.escalation.escalate(ACTORS.coordinator, { ...INPUT, signalIds: ['by', 'review', 'ghost'] }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      details: {
        problems: [
          { field: 'signalIds[1]', message: expect.stringContaining('under-review') },
          { field: 'signalIds[2]', message: 'no signal ghost' },
        ],
      },
    });
    await expect(
      s.escalation.escalate(ACTORS.coordinator, { ...INPUT, signalIds: [] }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });

  it('is refused without event:escalate and for signals outside the jurisdiction', async () => {
    await setup();
    await expect(s.escalation.escalate(ACTORS.assessor, INPUT)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(s.escalation.escalate(ACTORS.responder, INPUT)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      s.escalation.escalate(ACTORS.coordinator, { ...INPUT, signalIds: ['by', 'fr'] }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      s.escalation.escalate(ACTORS.coordinator, { ...INPUT, signalIds: ['by'], placeId: 'world' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await s.events.list(ACTORS.admin, {})).total).toBe(0);
  });

  it('needs an existing lead department and an active coordinator', async () => {
    await setup();
    const problems = async (input: Partial<EscalateInput>) => {
      try {
        await s.escalation.escalate(ACTORS.coordinator, { ...INPUT, ...input });
      } catch (err) {
        return (err as { details?: { problems?: unknown } }).details?.problems;
      }
      return undefined;
    };
    expect(await problems({ leadDepartmentId: 'navy', coordinatorId: 'u-viewer' })).toEqual([
      { field: 'leadDepartmentId', message: 'no department navy' },
      { field: 'coordinatorId', message: 'user u-viewer is a viewer, not a coordinator' },
    ]);
    expect(await problems({ coordinatorId: 'u-gone' })).toEqual([
      { field: 'coordinatorId', message: 'no active user u-gone' },
    ]);
    expect(await problems({ title: '  ' })).toEqual([{ field: 'title', message: 'must not be empty' }]);
  });
});
