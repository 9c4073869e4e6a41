import { afterEach, describe, expect, it } from 'vitest';
import { ACTORS } from '../../test/support/response-fixtures.ts';
import { openResponseServices, type ResponseServices } from '../../test/support/response-services.ts';
import { verifyAuditChain } from '../domain/audit-entry.ts';
import { sha256Hex } from '../storage/audit-repository.ts';

let s: ResponseServices;
afterEach(async () => s.close());

const HOUR = 3600_000;

async function setup() {
  s = await openResponseServices([
    {
      id: 'chol',
      state: 'verified',
      place: 'DE-BY',
      hazardId: 'cholera',
      verifiedAt: '2026-11-28T07:30:00.000Z',
    },
    {
      id: 'campy',
      state: 'verified',
      place: 'DE-BE',
      hazardId: 'campylobacter',
      verifiedAt: '2026-11-28T06:00:00.000Z',
    },
    { id: 'fr', state: 'verified', place: 'FR', hazardId: 'cholera', verifiedAt: '2026-11-28T07:00:00.000Z' },
    { id: 'new', state: 'new', place: 'DE-BY', hazardId: 'cholera' },
  ]);
}

describe('legal rules and deadlines', () => {
  it('seeds the standard rules once: running the seed again changes nothing', async () => {
    await setup();
    const again = await s.deadlines.seedLegalRules();
    expect(again).toEqual([
      { code: 'IHR-ART6', change: 'unchanged' },
      { code: 'NATIONAL-CLASS-A-2H', change: 'unchanged' },
      { code: 'INTERNAL-ASSESS-48H', change: 'unchanged' },
    ]);
    expect((await s.deadlines.rules(ACTORS.viewer)).map((r) => r.code)).toEqual([
      'IHR-ART6',
      'INTERNAL-ASSESS-48H',
      'NATIONAL-CLASS-A-2H',
    ]);
    expect((await s.audit('legal-rule.create')).map((e) => e.legalBasis)).toEqual([
      'IHR (2005) Art. 6',
      expect.stringContaining('class-A'),
      expect.stringContaining('48 hours'),
    ]);
  });

  it('starts a class-A signal’s 2-hour and 48-hour deadlines from its verification', async () => {
    await setup();
    const started = await s.deadlines.signalVerified(ACTORS.analyst, 'chol');
    expect(started.map((d) => [d.rule.code, d.deadline.startedAt, d.deadline.dueAt]).sort()).toEqual([
      ['INTERNAL-ASSESS-48H', '2026-11-28T07:30:00.000Z', '2026-11-30T07:30:00.000Z'],
      ['NATIONAL-CLASS-A-2H', '2026-11-28T07:30:00.000Z', '2026-11-28T09:30:00.000Z'],
    ]);
    expect(await s.deadlines.signalVerified(ACTORS.analyst, 'chol')).toEqual([]);
  });

  it('shows due deadlines with the time left, inside the jurisdiction only', async () => {
    await setup();
    await s.deadlines.watch();
    const de = await s.deadlines.list(ACTORS.coordinator, { status: 'due', ruleCode: 'NATIONAL-CLASS-A-2H' });
    expect(de.items.map((d) => [d.subjectId, d.timeLeftMs])).toEqual([['chol', 1.5 * HOUR]]);
    const world = await s.deadlines.list(ACTORS.admin, { ruleCode: 'NATIONAL-CLASS-A-2H' });
    expect(world.items.map((d) => d.subjectId).sort()).toEqual(['chol', 'fr']);
    expect(
      (await s.deadlines.list(ACTORS.coordinatorFR, {})).items.every((d) => d.placePath === '/world/FR/'),
    ).toBe(true);
  });

  it('starts the missed deadlines of verified signals and breaches what is past due, once', async () => {
    await setup();
    const first = await s.deadlines.watch();
    // chol and fr: class A + 48 h; campy: 48 h only; the new signal: none.
    expect(first.started).toBe(3);
    expect(first.breached).toBe(0);
    s.clock.advance(2 * HOUR);
    const second = await s.deadlines.watch();
    expect(
      second.items.filter((i) => i.kind === 'breached').map((i) => i.kind === 'breached' && i.ruleCode),
    ).toEqual(['NATIONAL-CLASS-A-2H', 'NATIONAL-CLASS-A-2H']);
    expect(second.started).toBe(0);
    expect((await s.deadlines.watch()).breached).toBe(0);
    const breaches = await s.audit('deadline.breach');
    expect(breaches).toHaveLength(2);
    expect(breaches[0]).toMatchObject({
      actorId: 'system',
      legalBasis: 'National communicable disease law: class-A notification within 2 hours',
    });
    const breached = await s.deadlines.list(ACTORS.admin, { status: 'breached' });
    expect(breached.items.map((d) => d.subjectId).sort()).toEqual(['chol', 'fr']);
    expect(breached.items[0].timeLeftMs).toBeLessThan(0);
  });

  it('shows a breach on the event, on its timeline and to its coordinator', async () => {
    await setup();
    const event = await s.escalation.escalate(ACTORS.coordinator, {
      signalIds: ['chol'],
      title: 'Cholera in Bavaria',
      leadDepartmentId: 'health',
      coordinatorId: 'u-coord2',
    });
    s.clock.advance(2 * HOUR);
    await s.deadlines.watch();
    const details = await s.events.get(ACTORS.viewer, event.id);
    expect(details.deadlines.map((d) => [d.ruleCode, d.status])).toEqual([
      ['NATIONAL-CLASS-A-2H', 'breached'],
      ['INTERNAL-ASSESS-48H', 'due'],
    ]);
    const timeline = await s.events.timeline(ACTORS.viewer, event.id);
    expect(timeline.at(-1)).toMatchObject({ kind: 'deadline-breached', actorId: 'system' });
    const coord2 = { ...ACTORS.coordinator, userId: 'u-coord2' };
    const inbox = await s.notifications.list(coord2, {});
    expect(inbox.items.map((n) => n.kind)).toEqual(['deadline-breached']);
  });

  it('marks a deadline met with a reference; met after a breach it shows as late', async () => {
    await setup();
    await s.deadlines.watch();
    const [due] = (await s.deadlines.list(ACTORS.coordinator, { ruleCode: 'NATIONAL-CLASS-A-2H' })).items;
    s.clock.advance(3 * HOUR);
    await s.deadlines.watch();
    const met = await s.deadlines.markMet(
      ACTORS.coordinator,
      due.id,
      'Reported to the national authority, ref 2026/77',
    );
    expect(met).toMatchObject({ status: 'met', late: true, metBy: 'u-coord', timeLeftMs: null });
    expect(met.metReference).toBe('Reported to the national authority, ref 2026/77');
    const [entry] = await s.audit('deadline.met');
    expect(entry.legalBasis).toMatch(/class-A/);
    await expect(s.deadlines.markMet(ACTORS.coordinator, due.id, 'again')).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
    });
  });

  it('refuses marking met without event:manage, outside the jurisdiction or without a reference', async () => {
    await setup();
    await s.deadlines.watch();
    const [d] = (await s.deadlines.list(ACTORS.admin, { subjectId: 'chol' })).items;
    await expect(s.deadlines.markMet(ACTORS.assessor, d.id, 'x')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(s.deadlines.markMet(ACTORS.coordinatorFR, d.id, 'x')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(s.deadlines.markMet(ACTORS.coordinator, d.id, ' ')).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { problems: [{ field: 'reference' }] },
    });
    await expect(s.deadlines.markMet(ACTORS.coordinator, 'nope', 'x')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('keeps the audit chain intact through all of it', async () => {
    await setup();
    await s.deadlines.watch();
    s.clock.advance(5 * HOUR);
    await s.deadlines.watch();
    expect((await verifyAuditChain(s.store.audit, sha256Hex)).ok).toBe(true);
  });
});
