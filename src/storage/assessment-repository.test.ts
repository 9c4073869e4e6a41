import { afterEach, describe, expect, it } from 'vitest';
import { dialectsUnderTest } from '../../test/support/databases.ts';
import type { IhrAssessment } from '../domain/ihr-annex2.ts';
import type { RiskAssessment } from '../domain/risk-assessment.ts';
import { assessmentRepository } from './assessment-repository.ts';
import type { Database } from './database.ts';

const open: Database[] = [];
afterEach(async () => {
  for (const d of open.splice(0)) await d.close();
});

const risk = (version: number, overrides: Partial<RiskAssessment> = {}): RiskAssessment => ({
  id: `ra${version}`,
  subjectType: 'signal',
  subjectId: 's1',
  version,
  hazardAssessment: 'hazard',
  exposureAssessment: 'exposure',
  contextAssessment: 'context',
  structured: { hazard: { confirmed: true }, exposure: { exposed: 12 }, context: { note: null } },
  likelihood: 'likely',
  consequences: 'major',
  overallRisk: 'high',
  confidence: 'moderate',
  recommendedActions: ['a', 'b'],
  assessedBy: 'u1',
  assessedAt: `2026-11-28T0${version}:00:00.000Z`,
  ...overrides,
});

const ihr = (version: number, overrides: Partial<IhrAssessment> = {}): IhrAssessment => ({
  id: `ihr${version}`,
  subjectType: 'event',
  subjectId: 'e1',
  version,
  hazardId: null,
  category: 'always-algorithm',
  answers: {
    seriousImpact: { answer: true, rationale: 'many hospitalised' },
    unusual: { answer: false, rationale: 'seasonal' },
    internationalSpread: { answer: true, rationale: 'border town' },
    travelTradeRestrictions: { answer: false, rationale: 'none expected' },
  },
  outcome: 'notifiable',
  basis: 'two-or-more-yes',
  assessedBy: 'u1',
  assessedAt: '2026-11-28T08:00:00.000Z',
  ...overrides,
});

describe.each(dialectsUnderTest())('assessment repository on $name', (dialect) => {
  async function repo() {
    const database = await dialect.open();
    open.push(database);
    return assessmentRepository(database.db);
  }

  it('keeps every risk assessment version and returns the latest', async () => {
    const r = await repo();
    await r.insertRisk(risk(1));
    await r.insertRisk(risk(2, { likelihood: 'almost-certain', overallRisk: 'very-high' }));
    expect((await r.latestRisk('signal', 's1'))?.version).toBe(2);
    expect((await r.listRisk('signal', 's1')).map((a) => [a.version, a.overallRisk])).toEqual([
      [2, 'very-high'],
      [1, 'high'],
    ]);
    expect(await r.getRisk('ra1')).toEqual(risk(1));
    expect(await r.latestRisk('event', 's1')).toBeUndefined();
  });

  it('refuses a second copy of the same version as a conflict', async () => {
    const r = await repo();
    await r.insertRisk(risk(1));
    await expect(r.insertRisk(risk(1, { id: 'other' }))).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('round-trips IHR answers, rationale and outcome', async () => {
    const r = await repo();
    await r.insertIhr(ihr(1));
    expect(await r.latestIhr('event', 'e1')).toEqual(ihr(1));
  });

  it('stores an always-notifiable assessment without answers', async () => {
    const r = await repo();
    const a = ihr(1, { category: 'always-notifiable', answers: {}, basis: 'always-notifiable-disease' });
    await r.insertIhr(a);
    await r.insertIhr(ihr(2, { outcome: 'not-notifiable', basis: 'fewer-than-two-yes' }));
    const list = await r.listIhr('event', 'e1');
    expect(list.map((x) => x.version)).toEqual([2, 1]);
    expect(list[1]).toEqual(a);
    await expect(r.insertIhr(ihr(2, { id: 'dup' }))).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
