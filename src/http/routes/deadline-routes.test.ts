import { afterEach, describe, expect, it } from 'vitest';
import { as, responseApp } from '../../../test/support/response-app.ts';
import { openResponseServices, type ResponseServices } from '../../../test/support/response-services.ts';

let s: ResponseServices;
afterEach(async () => s.close());

describe('deadline routes', () => {
  it('list deadlines with time left, mark one met with a reference, and show breaches', async () => {
    s = await openResponseServices([
      {
        id: 'chol',
        state: 'verified',
        place: 'DE-BY',
        hazardId: 'cholera',
        verifiedAt: '2026-11-28T07:00:00.000Z',
      },
    ]);
    const app = await responseApp(s);
    await s.deadlines.watch();
    const due = (await as(app, 'viewer').get('/api/deadlines?status=due&rule=NATIONAL-CLASS-A-2H')).json();
    expect(due.items).toHaveLength(1);
    expect(due.items[0]).toMatchObject({
      timeLeftMs: 3600_000,
      legalBasis: expect.stringContaining('class-A'),
    });
    const met = await as(app, 'coordinator').post(`/api/deadlines/${due.items[0].id}/met`, {
      reference: 'Reported to the national authority, ref 77',
    });
    expect(met.json()).toMatchObject({
      status: 'met',
      late: false,
      metReference: 'Reported to the national authority, ref 77',
    });
    expect(
      (await as(app, 'assessor').post(`/api/deadlines/${due.items[0].id}/met`, { reference: 'x' }))
        .statusCode,
    ).toBe(403);
    s.clock.set('2026-11-30T08:00:00.000Z');
    await s.deadlines.watch();
    const breached = (await as(app, 'viewer').get('/api/deadlines?status=breached')).json();
    expect(breached.items.map((d: { ruleCode: string }) => d.ruleCode)).toEqual(['INTERNAL-ASSESS-48H']);
    expect((await as(app, 'coordinatorFR').get('/api/deadlines')).json().total).toBe(0);
    const rules = (await as(app, 'viewer').get('/api/legal-rules')).json();
    expect(rules.map((r: { code: string }) => r.code)).toEqual([
      'IHR-ART6',
      'INTERNAL-ASSESS-48H',
      'NATIONAL-CLASS-A-2H',
    ]);
  });
});
