import { afterEach, describe, expect, it } from 'vitest';
import { as, responseApp } from '../../../test/support/response-app.ts';
import { openResponseServices, type ResponseServices } from '../../../test/support/response-services.ts';

let s: ResponseServices;
afterEach(async () => s.close());

const RRA = {
  hazardAssessment: 'Cholera O1 confirmed',
  exposureAssessment: 'Two villages share wells',
  contextAssessment: 'Flooding',
  structured: { exposure: { populationAtRisk: 2000 } },
  likelihood: 'likely',
  consequences: 'moderate',
  confidence: 'high',
  recommendedActions: ['Chlorinate wells'],
};

async function setup() {
  s = await openResponseServices([
    {
      id: 'chol',
      state: 'verified',
      place: 'DE-BY',
      hazardId: 'cholera',
      verifiedAt: '2026-11-28T07:00:00.000Z',
    },
    {
      id: 'pox',
      state: 'verified',
      place: 'DE-BY',
      hazardId: 'smallpox',
      verifiedAt: '2026-11-28T07:00:00.000Z',
    },
  ]);
  return responseApp(s);
}

describe('assessment routes', () => {
  it('assess a signal and list its versions', async () => {
    const app = await setup();
    const created = await as(app, 'assessor').post('/api/signals/chol/risk-assessments', RRA);
    expect(created.statusCode).toBe(201);
    expect(created.json().assessment).toMatchObject({
      version: 1,
      overallRisk: 'high',
      subjectType: 'signal',
    });
    await as(app, 'assessor').post('/api/signals/chol/risk-assessments', { ...RRA, likelihood: 'unlikely' });
    const list = await as(app, 'viewer').get('/api/signals/chol/risk-assessments');
    expect(
      list.json().map((a: { version: number; overallRisk: string }) => [a.version, a.overallRisk]),
    ).toEqual([
      [2, 'moderate'],
      [1, 'high'],
    ]);
    const one = await as(app, 'viewer').get(`/api/risk-assessments/${created.json().assessment.id}`);
    expect(one.json().version).toBe(1);
  });

  it('reject an unknown likelihood as problem+json naming the field', async () => {
    const app = await setup();
    const r = await as(app, 'assessor').post('/api/signals/chol/risk-assessments', {
      ...RRA,
      likelihood: 'probable',
    });
    expect(r.statusCode).toBe(422);
    expect(r.headers['content-type']).toMatch(/problem\+json/);
    expect(r.json().problems[0].field).toBe('body.likelihood');
  });

  it('refuse roles without assessment:write, strangers and other jurisdictions', async () => {
    const app = await setup();
    expect((await as(app, 'analyst').post('/api/signals/chol/risk-assessments', RRA)).statusCode).toBe(403);
    expect((await as(app, 'coordinatorFR').post('/api/signals/chol/risk-assessments', RRA)).statusCode).toBe(
      403,
    );
    expect((await as(app, 'coordinatorFR').get('/api/signals/chol/risk-assessments')).statusCode).toBe(403);
    expect((await as(app, null).get('/api/signals/chol/risk-assessments')).statusCode).toBe(401);
    expect((await as(app, 'assessor').post('/api/signals/ghost/risk-assessments', RRA)).statusCode).toBe(404);
  });

  it('run IHR Annex 2 and report the 24-hour deadline it started', async () => {
    const app = await setup();
    const r = await as(app, 'assessor').post('/api/signals/pox/ihr-assessments', {});
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({
      assessment: { outcome: 'notifiable', category: 'always-notifiable', version: 1 },
      deadlinesStarted: [
        { ruleCode: 'IHR-ART6', dueAt: '2026-11-29T08:00:00.000Z', legalBasis: 'IHR (2005) Art. 6' },
      ],
    });
    const missing = await as(app, 'assessor').post('/api/signals/chol/ihr-assessments', {
      answers: { seriousImpact: { answer: true, rationale: 'deaths' } },
    });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().problems.map((p: { field: string }) => p.field)).toEqual([
      'answers.unusual',
      'answers.internationalSpread',
      'answers.travelTradeRestrictions',
    ]);
    expect((await as(app, 'viewer').get('/api/signals/pox/ihr-assessments')).json()).toHaveLength(1);
  });

  it('serve the WHO matrix and the IHR instrument to signed-in users', async () => {
    const app = await setup();
    const m = (await as(app, 'viewer').get('/api/risk-matrix')).json();
    expect(m.matrix['very-unlikely'].severe).toBe('high');
    expect(m.likelihoods).toHaveLength(5);
    const ihr = (await as(app, 'viewer').get('/api/ihr-instrument')).json();
    expect(ihr.questions).toHaveLength(4);
    expect(ihr.alwaysNotifiable).toHaveLength(4);
    expect((await as(app, null).get('/api/risk-matrix')).statusCode).toBe(401);
  });

  it('document every route with a tag and a summary in the OpenAPI document', async () => {
    const app = await setup();
    const spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const ops = Object.entries(
      spec.paths as Record<string, Record<string, { tags?: string[]; summary?: string }>>,
    )
      .filter(([path]) => path !== '/api/openapi.json')
      .flatMap(([path, methods]) =>
        Object.entries(methods).map(([m, op]) => ({ route: `${m} ${path}`, op })),
      );
    expect(ops.length).toBeGreaterThan(30);
    for (const { route, op } of ops) {
      expect(op.tags?.length, route).toBeGreaterThan(0);
      expect(op.summary, route).toBeTruthy();
    }
  });
});
