import { afterEach, describe, expect, it } from 'vitest';
import { ACTORS } from '../../test/support/response-fixtures.ts';
import { openResponseServices, type ResponseServices } from '../../test/support/response-services.ts';
import type { RiskAssessmentInput } from '../domain/risk-assessment.ts';

let s: ResponseServices;
afterEach(async () => s.close());

const INPUT: RiskAssessmentInput = {
  hazardAssessment: 'Cholera confirmed in 3 stool samples',
  exposureAssessment: 'About 2000 people share the wells',
  contextAssessment: 'Flooding; sanitation damaged',
  structured: { exposure: { populationAtRisk: 2000 } },
  likelihood: 'highly-likely',
  consequences: 'major',
  confidence: 'moderate',
  recommendedActions: ['Chlorinate wells', 'Open a treatment centre'],
};

async function withSignals() {
  s = await openResponseServices([
    {
      id: 's1',
      state: 'verified',
      place: 'DE-BY',
      hazardId: 'cholera',
      verifiedAt: '2026-11-28T07:00:00.000Z',
    },
    { id: 's2', state: 'discarded', place: 'DE-BY', hazardId: 'cholera' },
    { id: 's3', state: 'merged', place: 'DE-BY', hazardId: 'cholera' },
  ]);
  return s;
}

async function escalated() {
  await withSignals();
  return s.escalation.escalate(ACTORS.coordinator, {
    signalIds: ['s1'],
    title: 'Cholera in Bavaria',
    leadDepartmentId: 'health',
    coordinatorId: 'u-coord',
  });
}

describe('rapid risk assessment', () => {
  it('records an assessment with its overall risk from the WHO matrix, and audits it', async () => {
    await withSignals();
    const { assessment } = await s.risk.assess(ACTORS.assessor, 'signal', 's1', INPUT);
    expect(assessment).toMatchObject({ version: 1, overallRisk: 'very-high', assessedBy: 'u-assessor' });
    const [entry] = await s.audit('risk-assessment.create');
    expect(entry).toMatchObject({ actorId: 'u-assessor', objectId: assessment.id, before: null });
    expect(JSON.parse(entry.after ?? '{}').overallRisk).toBe('very-high');
  });

  it('makes a re-assessment a new version and keeps the earlier ones readable', async () => {
    await withSignals();
    const v1 = (await s.risk.assess(ACTORS.assessor, 'signal', 's1', INPUT)).assessment;
    s.clock.advance(3600_000);
    const v2 = (
      await s.risk.assess(ACTORS.assessor, 'signal', 's1', {
        ...INPUT,
        likelihood: 'unlikely',
        consequences: 'minor',
      })
    ).assessment;
    expect(v2).toMatchObject({ version: 2, overallRisk: 'low' });
    const history = await s.risk.history(ACTORS.viewer, 'signal', 's1');
    expect(history.map((a) => [a.version, a.overallRisk])).toEqual([
      [2, 'low'],
      [1, 'very-high'],
    ]);
    expect(await s.risk.get(ACTORS.viewer, v1.id)).toEqual(v1);
  });

  it("sets the event's risk level from its latest assessment", async () => {
    const event = await escalated();
    expect(event.riskLevel).toBeNull();
    await s.risk.assess(ACTORS.assessor, 'event', event.id, INPUT);
    expect((await s.events.get(ACTORS.viewer, event.id)).event).toMatchObject({
      riskLevel: 'very-high',
      version: 2,
    });
    await s.risk.assess(ACTORS.coordinator, 'event', event.id, {
      ...INPUT,
      likelihood: 'likely',
      consequences: 'minor',
    });
    const details = await s.events.get(ACTORS.viewer, event.id);
    expect(details.event).toMatchObject({ riskLevel: 'moderate', version: 3 });
    expect(details.latestRiskAssessment?.version).toBe(2);
    const timeline = await s.events.timeline(ACTORS.viewer, event.id);
    expect(timeline.filter((e) => e.kind === 'risk-assessed').map((e) => e.text)).toEqual([
      expect.stringContaining('→ very-high risk'),
      expect.stringContaining('→ moderate risk'),
    ]);
  });

  it('meets the "assess a verified signal within 48 hours" deadline', async () => {
    await withSignals();
    const started = await s.deadlines.signalVerified(ACTORS.analyst, 's1');
    expect(started.map((d) => d.rule.code).sort()).toEqual(['INTERNAL-ASSESS-48H', 'NATIONAL-CLASS-A-2H']);
    const { deadlinesMet } = await s.risk.assess(ACTORS.assessor, 'signal', 's1', INPUT);
    const assess = started.find((d) => d.rule.code === 'INTERNAL-ASSESS-48H');
    expect(deadlinesMet).toEqual([assess?.deadline.id]);
    const view = await s.deadlines.list(ACTORS.coordinator, { subjectId: 's1' });
    expect(view.items.map((d) => [d.ruleCode, d.status]).sort()).toEqual([
      ['INTERNAL-ASSESS-48H', 'met'],
      ['NATIONAL-CLASS-A-2H', 'due'],
    ]);
    const [met] = await s.audit('deadline.met');
    expect(met.legalBasis).toMatch(/within 48 hours/);
  });

  it("meets the signals' 48-hour deadlines when their event is assessed", async () => {
    const event = await escalated();
    const { deadlinesMet } = await s.risk.assess(ACTORS.assessor, 'event', event.id, INPUT);
    expect(deadlinesMet).toHaveLength(1);
  });

  it('is refused without assessment:write, outside the jurisdiction, and on discarded or merged signals', async () => {
    await withSignals();
    await expect(s.risk.assess(ACTORS.analyst, 'signal', 's1', INPUT)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(s.risk.assess(ACTORS.coordinatorFR, 'signal', 's1', INPUT)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(s.risk.assess(ACTORS.assessor, 'signal', 's2', INPUT)).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
    });
    await expect(s.risk.assess(ACTORS.assessor, 'signal', 's3', INPUT)).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
    });
    await expect(s.risk.assess(ACTORS.assessor, 'signal', 'nope', INPUT)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(s.risk.history(ACTORS.coordinatorFR, 'signal', 's1')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await s.audit('risk-assessment.create')).toEqual([]);
  });

  it('rejects bad input naming the field, writing nothing', async () => {
    await withSignals();
    await expect(
      s.risk.assess(ACTORS.assessor, 'signal', 's1', { ...INPUT, consequences: 'catastrophic' as 'severe' }),
    ).rejects.toMatchObject({ code: 'VALIDATION', details: { problems: [{ field: 'consequences' }] } });
    expect(await s.risk.history(ACTORS.assessor, 'signal', 's1')).toEqual([]);
  });
});
