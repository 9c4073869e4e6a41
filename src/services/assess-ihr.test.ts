import { afterEach, describe, expect, it } from 'vitest';
import { ACTORS } from '../../test/support/response-fixtures.ts';
import { openResponseServices, type ResponseServices } from '../../test/support/response-services.ts';
import type { IhrAnswers } from '../domain/ihr-annex2.ts';

let s: ResponseServices;
afterEach(async () => s.close());

const answers = (serious: boolean, unusual: boolean, spread: boolean, trade: boolean): IhrAnswers => ({
  seriousImpact: { answer: serious, rationale: 'hospitalisations and two deaths' },
  unusual: { answer: unusual, rationale: 'first cases in a decade' },
  internationalSpread: { answer: spread, rationale: 'border district, river trade' },
  travelTradeRestrictions: { answer: trade, rationale: 'no restrictions expected' },
});

async function setup() {
  s = await openResponseServices([
    { id: 'pox', state: 'verified', place: 'DE-BY', hazardId: 'smallpox' },
    { id: 'chol', state: 'verified', place: 'DE-BY', hazardId: 'cholera' },
    { id: 'campy', state: 'under-review', place: 'DE-BE', hazardId: 'campylobacter' },
  ]);
}

describe('the IHR Annex 2 assessment', () => {
  it('notifies an always-notifiable disease and starts the 24-hour IHR Art. 6 deadline', async () => {
    await setup();
    const { assessment, deadlinesStarted } = await s.ihr.assess(ACTORS.assessor, 'signal', 'pox', {
      answers: {},
    });
    expect(assessment).toMatchObject({
      version: 1,
      category: 'always-notifiable',
      outcome: 'notifiable',
      basis: 'always-notifiable-disease',
    });
    expect(deadlinesStarted.map((d) => [d.rule.code, d.deadline.startedAt, d.deadline.dueAt])).toEqual([
      ['IHR-ART6', '2026-11-28T08:00:00.000Z', '2026-11-29T08:00:00.000Z'],
    ]);
    const [start] = await s.audit('deadline.start');
    expect(start.legalBasis).toBe('IHR (2005) Art. 6');
    const [ihr] = await s.audit('ihr-assessment.create');
    expect(ihr.legalBasis).toBe('IHR (2005) Annex 2');
  });

  it('runs the four questions for a disease that always leads to the algorithm: two yes notify', async () => {
    await setup();
    const r = await s.ihr.assess(ACTORS.assessor, 'signal', 'chol', {
      answers: answers(true, false, true, false),
    });
    expect(r.assessment).toMatchObject({
      category: 'always-algorithm',
      outcome: 'notifiable',
      basis: 'two-or-more-yes',
    });
    expect(r.deadlinesStarted).toHaveLength(1);
    expect(r.assessment.answers.internationalSpread).toEqual({
      answer: true,
      rationale: 'border district, river trade',
    });
  });

  it('does not notify with fewer than two yes, and starts no deadline', async () => {
    await setup();
    const r = await s.ihr.assess(ACTORS.assessor, 'signal', 'campy', {
      answers: answers(true, false, false, false),
    });
    expect(r.assessment).toMatchObject({ category: 'potential-concern', outcome: 'not-notifiable' });
    expect(r.deadlinesStarted).toEqual([]);
    expect((await s.deadlines.list(ACTORS.coordinator, {})).total).toBe(0);
  });

  it('takes an explicit category over the catalogue', async () => {
    await setup();
    const r = await s.ihr.assess(ACTORS.assessor, 'signal', 'campy', {
      category: 'always-notifiable',
      answers: {},
    });
    expect(r.assessment.outcome).toBe('notifiable');
  });

  it('stores re-assessments as versions but starts the Art. 6 deadline once', async () => {
    await setup();
    await s.ihr.assess(ACTORS.assessor, 'signal', 'chol', { answers: answers(true, true, false, false) });
    s.clock.advance(3600_000);
    const again = await s.ihr.assess(ACTORS.assessor, 'signal', 'chol', {
      answers: answers(true, true, true, false),
    });
    expect(again.assessment.version).toBe(2);
    expect(again.deadlinesStarted).toEqual([]);
    const history = await s.ihr.history(ACTORS.viewer, 'signal', 'chol');
    expect(history.map((a) => a.version)).toEqual([2, 1]);
    expect(history[1].answers.internationalSpread?.answer).toBe(false);
  });

  it('needs every question answered with a rationale for the algorithm', async () => {
    await setup();
    await expect(
      s.ihr.assess(ACTORS.assessor, 'signal', 'chol', {
        answers: { seriousImpact: { answer: true, rationale: 'x' } },
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await s.ihr.history(ACTORS.assessor, 'signal', 'chol')).toEqual([]);
  });

  it('shows a notifiable event its 24-hour deadline', async () => {
    await setup();
    const event = await s.escalation.escalate(ACTORS.coordinator, {
      signalIds: ['chol'],
      title: 'Cholera',
      leadDepartmentId: 'health',
      coordinatorId: 'u-coord',
    });
    await s.ihr.assess(ACTORS.assessor, 'event', event.id, { answers: answers(true, true, false, false) });
    const details = await s.events.get(ACTORS.viewer, event.id);
    const art6 = details.deadlines.find((d) => d.ruleCode === 'IHR-ART6');
    expect(art6).toMatchObject({
      status: 'due',
      dueAt: '2026-11-29T08:00:00.000Z',
      timeLeftMs: 24 * 3600_000,
    });
    expect(details.latestIhrAssessment?.outcome).toBe('notifiable');
  });

  it('is refused without assessment:write or outside the jurisdiction, and names an unknown hazard', async () => {
    await setup();
    await expect(s.ihr.assess(ACTORS.viewer, 'signal', 'pox', { answers: {} })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(s.ihr.assess(ACTORS.coordinatorFR, 'signal', 'pox', { answers: {} })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      s.ihr.assess(ACTORS.assessor, 'signal', 'pox', { hazardId: 'plague-x', answers: {} }),
    ).rejects.toMatchObject({ code: 'VALIDATION', details: { problems: [{ field: 'hazardId' }] } });
  });
});
