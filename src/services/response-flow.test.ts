import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { ACTORS } from '../../test/support/response-fixtures.ts';
import { openResponseServices, type ResponseServices } from '../../test/support/response-services.ts';
import { verifyAuditChain } from '../domain/audit-entry.ts';
import { sha256Hex } from '../storage/audit-repository.ts';
import { onSignalVerified } from './deadline-triggers.ts';
import { createTriageSignal } from './triage-signal.ts';

let s: ResponseServices;
afterEach(async () => s.close());

const HOUR = 3600_000;

describe('from a verified signal to an escalated overdue task', () => {
  it('starts deadlines at verification, notifies WHO within 24 h, escalates overdue work, and keeps the audit chain', async () => {
    s = await openResponseServices([
      { id: 'chol', state: 'under-review', place: 'DE-BY', hazardId: 'cholera' },
    ]);
    const triage = createTriageSignal({
      tx: s.tx,
      clock: s.clock,
      ids: s.ids,
      onVerified: onSignalVerified(s.ids),
    });

    // Verification starts the class-A (2 h) and assessment (48 h) deadlines in the same transaction.
    await triage.transition(ACTORS.analyst, 'chol', { version: 1, to: 'verified', reason: 'lab confirmed' });
    const started = await s.deadlines.list(ACTORS.coordinator, { subjectId: 'chol' });
    expect(started.items.map((d) => [d.ruleCode, d.dueAt]).sort()).toEqual([
      ['INTERNAL-ASSESS-48H', '2026-11-30T08:00:00.000Z'],
      ['NATIONAL-CLASS-A-2H', '2026-11-28T10:00:00.000Z'],
    ]);

    // The assessor runs the RRA and IHR Annex 2: notifiable → the IHR Art. 6 deadline.
    s.clock.advance(HOUR);
    await s.risk.assess(ACTORS.assessor, 'signal', 'chol', {
      hazardAssessment: 'V. cholerae O1',
      exposureAssessment: 'shared wells',
      contextAssessment: 'flooding',
      likelihood: 'highly-likely',
      consequences: 'major',
      confidence: 'moderate',
      recommendedActions: ['chlorinate'],
    });
    const ihr = await s.ihr.assess(ACTORS.assessor, 'signal', 'chol', {
      answers: {
        seriousImpact: { answer: true, rationale: 'two deaths' },
        unusual: { answer: true, rationale: 'first in 20 years' },
        internationalSpread: { answer: false, rationale: 'inland' },
        travelTradeRestrictions: { answer: false, rationale: 'none' },
      },
    });
    expect(ihr.deadlinesStarted.map((d) => [d.rule.code, d.deadline.dueAt])).toEqual([
      ['IHR-ART6', '2026-11-29T09:00:00.000Z'],
    ]);

    // Escalation: the event inherits the deadlines and the very-high risk level.
    const event = await s.escalation.escalate(ACTORS.coordinator, {
      signalIds: ['chol'],
      title: 'Cholera in Bavaria',
      leadDepartmentId: 'health',
      coordinatorId: 'u-coord',
    });
    expect(event.riskLevel).toBe('very-high');
    const task = await s.assign.create(ACTORS.coordinator, event.id, {
      title: 'Chlorinate wells',
      departmentId: 'health',
      dueAt: '2026-11-28T12:00:00Z',
    });

    // The national report is made on time; WHO is notified late; the task is missed.
    const classA = (await s.events.get(ACTORS.coordinator, event.id)).deadlines.find(
      (d) => d.ruleCode === 'NATIONAL-CLASS-A-2H',
    );
    await s.deadlines.markMet(ACTORS.coordinator, classA?.id ?? '', 'reported to the national authority');
    s.clock.set('2026-11-29T10:00:00.000Z');
    expect((await s.deadlines.watch()).breached).toBe(1);
    expect((await s.overdue.run()).notified).toBe(1);
    const art6 = (await s.events.get(ACTORS.viewer, event.id)).deadlines.find(
      (d) => d.ruleCode === 'IHR-ART6',
    );
    expect(art6).toMatchObject({ status: 'breached', eventId: event.id });
    await s.deadlines.markMet(
      ACTORS.coordinator,
      art6?.id ?? '',
      'WHO notified via the IHR contact point, msg 4711',
    );
    const final = await s.events.get(ACTORS.viewer, event.id);
    expect(final.deadlines.map((d) => [d.ruleCode, d.status, d.late])).toEqual([
      ['NATIONAL-CLASS-A-2H', 'met', false],
      ['IHR-ART6', 'met', true],
      ['INTERNAL-ASSESS-48H', 'met', false],
    ]);
    const inbox = await s.notifications.list(ACTORS.coordinator, {});
    expect(inbox.items.map((n) => [n.kind, n.subjectId]).sort()).toEqual([
      ['deadline-breached', art6?.id],
      ['task-overdue', task.id],
    ]);

    // The audit chain holds, and breaks where a row is edited behind Tocsin's back.
    expect(await verifyAuditChain(s.store.audit, sha256Hex)).toMatchObject({ ok: true });
    const breach = (await s.audit('deadline.breach'))[0];
    await sql`update audit_log set legal_basis = 'none' where seq = ${breach.seq}`.execute(s.database.db);
    expect(await verifyAuditChain(s.store.audit, sha256Hex)).toMatchObject({
      ok: false,
      brokenAtSeq: breach.seq,
    });
  });
});
