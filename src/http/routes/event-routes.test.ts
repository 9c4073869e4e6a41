import { afterEach, describe, expect, it } from 'vitest';
import { as, responseApp } from '../../../test/support/response-app.ts';
import { openResponseServices, type ResponseServices } from '../../../test/support/response-services.ts';

let s: ResponseServices;
afterEach(async () => s.close());

const ESCALATE = {
  signalIds: ['by', 'be'],
  title: 'Cholera in southern Germany',
  leadDepartmentId: 'health',
  coordinatorId: 'u-coord',
};

async function setup() {
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
    { id: 'new', state: 'new', place: 'DE-BE', hazardId: 'cholera' },
  ]);
  return responseApp(s);
}

describe('event routes', () => {
  it('escalate verified signals and show the event with its deadlines', async () => {
    const app = await setup();
    const created = await as(app, 'coordinator').post('/api/events', ESCALATE);
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect(created.json()).toMatchObject({ placeId: 'DE', status: 'active', version: 1 });
    const got = (await as(app, 'viewer').get(`/api/events/${id}`)).json();
    expect(got.signalIds).toEqual(['be', 'by']);
    expect(
      got.deadlines.map((d: { ruleCode: string; status: string }) => `${d.ruleCode}:${d.status}`).sort(),
    ).toEqual([
      'INTERNAL-ASSESS-48H:due',
      'INTERNAL-ASSESS-48H:due',
      'NATIONAL-CLASS-A-2H:due',
      'NATIONAL-CLASS-A-2H:due',
    ]);
    const list = (await as(app, 'viewer').get('/api/events?status=active')).json();
    expect(list.total).toBe(1);
    expect((await as(app, 'coordinatorFR').get('/api/events')).json().total).toBe(0);
    expect((await as(app, 'coordinatorFR').get(`/api/events/${id}`)).statusCode).toBe(403);
  });

  it('refuse escalating an unverified signal, naming it', async () => {
    const app = await setup();
    const r = await as(app, 'coordinator').post('/api/events', { ...ESCALATE, signalIds: ['new'] });
    expect(r.statusCode).toBe(422);
    expect(r.json().problems).toEqual([{ field: 'signalIds[0]', message: expect.stringContaining('new') }]);
    expect((await as(app, 'analyst').post('/api/events', ESCALATE)).statusCode).toBe(403);
  });

  it('change status with the version read, answering 409 to a stale version and a disallowed move', async () => {
    const app = await setup();
    const id = (await as(app, 'coordinator').post('/api/events', ESCALATE)).json().id;
    const ok = await as(app, 'coordinator').post(`/api/events/${id}/status`, {
      version: 1,
      status: 'contained',
    });
    expect(ok.json()).toMatchObject({ status: 'contained', version: 2 });
    const stale = await as(app, 'admin').post(`/api/events/${id}/status`, { version: 1, status: 'closed' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CONFLICT');
    await as(app, 'coordinator').post(`/api/events/${id}/status`, { version: 2, status: 'closed' });
    const reopen = await as(app, 'coordinator').post(`/api/events/${id}/status`, {
      version: 3,
      status: 'active',
    });
    expect(reopen.statusCode).toBe(409);
    expect(reopen.json().code).toBe('INVALID_TRANSITION');
    const timeline = (await as(app, 'viewer').get(`/api/events/${id}/timeline`)).json();
    expect(timeline.map((t: { kind: string }) => t.kind).filter((k: string) => k === 'status')).toHaveLength(
      2,
    );
  });

  it('edit an event and add signals', async () => {
    const app = await setup();
    const id = (await as(app, 'coordinator').post('/api/events', { ...ESCALATE, signalIds: ['by'] })).json()
      .id;
    const edited = await as(app, 'coordinator').patch(`/api/events/${id}`, {
      version: 1,
      leadDepartmentId: 'customs',
      reason: 'port of entry',
    });
    expect(edited.json()).toMatchObject({ leadDepartmentId: 'customs', version: 2 });
    const linked = await as(app, 'coordinator').post(`/api/events/${id}/signals`, {
      version: 2,
      signalIds: ['be'],
    });
    expect(linked.json().version).toBe(3);
    expect((await as(app, 'viewer').patch(`/api/events/${id}`, { version: 3, title: 'x' })).statusCode).toBe(
      403,
    );
  });

  it('draft and publish situation report versions', async () => {
    const app = await setup();
    const id = (await as(app, 'coordinator').post('/api/events', ESCALATE)).json().id;
    const v1 = await as(app, 'coordinator').post(`/api/events/${id}/situation-reports`, {
      body: 'Day 1: 12 cases',
      basedOnVersion: 0,
    });
    expect(v1.statusCode).toBe(201);
    const pub = await as(app, 'coordinator').post(`/api/events/${id}/situation-reports/1/publish`);
    expect(pub.json().publishedAt).not.toBeNull();
    expect(
      (await as(app, 'coordinator').post(`/api/events/${id}/situation-reports/1/publish`)).statusCode,
    ).toBe(409);
    const stale = await as(app, 'coordinator').post(`/api/events/${id}/situation-reports`, {
      body: 'Day 2',
      basedOnVersion: 0,
    });
    expect(stale.statusCode).toBe(409);
    expect((await as(app, 'viewer').get(`/api/events/${id}/situation-reports/1`)).json().body).toBe(
      'Day 1: 12 cases',
    );
    expect((await as(app, 'viewer').get(`/api/events/${id}/situation-reports`)).json()).toHaveLength(1);
  });
});
