import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config/config.ts';
import { SYSTEM_ACTOR } from '../../src/domain/actor.ts';
import type { TocsinApp } from '../../src/http/app.ts';
import { type AppContext, openContext } from '../../src/main/context.ts';
import { initialise } from '../../src/main/initialise.ts';
import { buildServer } from '../../src/main/server.ts';
import { TestClock } from '../support/test-store.ts';

/**
 * The whole loop through the real HTTP API on a file-backed store, as the people in product.md would run
 * it: import campyDE → detect → signal → triage → verify → assess (IHR notifiable) → event → tasks →
 * overdue escalation → `tocsin audit verify` OK → tamper a row → `tocsin audit verify` fails.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'tocsin-scenario-'));
const clock = new TestClock('2012-01-02T08:00:00.000Z');
let ctx: AppContext;
let app: TocsinApp;
const cookies = new Map<string, string>();
const ids: Record<string, string> = {};

async function call(
  user: string,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  url: string,
  payload?: unknown,
  contentType?: string,
) {
  const headers: Record<string, string> = { cookie: cookies.get(user) ?? '' };
  if (contentType !== undefined) headers['content-type'] = contentType;
  const r = await app.inject({
    method,
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as string }),
  });
  if (r.statusCode >= 400) throw new Error(`${method} ${url} as ${user}: ${r.statusCode} ${r.body}`);
  return r.json();
}

beforeAll(async () => {
  ctx = await openContext(readConfig({ TOCSIN_DATA_DIR: dataDir }, ROOT), { clock });
  await initialise(ctx, { adminUsername: 'admin', adminPassword: 'admin-password-1' });
  app = await buildServer(ctx);
  const health = (await ctx.services.reference.listDepartments(SYSTEM_ACTOR)).find(
    (d) => d.code === 'health',
  );
  ids.health = health?.id ?? '';
  const people = [
    ['ana', 'analyst', null],
    ['asa', 'assessor', null],
    ['cora', 'coordinator', ids.health],
    ['rudi', 'responder', ids.health],
  ] as const;
  for (const [username, role, dept] of people) {
    const u = await ctx.services.users.add(SYSTEM_ACTOR, {
      username,
      displayName: username,
      password: `${username}-password-1`,
      role,
      departmentId: dept,
      jurisdictionPlaceId: 'DE',
    });
    ids[username] = u.id;
    const r = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: `${username}-password-1` },
    });
    expect(r.statusCode).toBe(200);
    cookies.set(username, String(r.headers['set-cookie']).split(';')[0]);
  }
});

afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

describe('from alarm to response', () => {
  it('imports the campyDE series as the analyst, atomically and once', async () => {
    const lines = readFileSync(join(ROOT, 'datasets', 'campyDE.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1);
    const csv = `hazard,place,stratum,source,frequency,date,count\n${lines
      .map((l) => {
        const [, date, count] = l.split(',');
        return `campylobacteriosis,DE,,RKI,weekly,${date},${count}`;
      })
      .join('\n')}\n`;
    const first = await call(
      'ana',
      'POST',
      '/api/observations/imports?fileName=campyDE.csv',
      csv,
      'text/csv',
    );
    expect(first.record).toMatchObject({ rows: 522, inserted: 522, unchanged: 0 });
    const again = await call(
      'ana',
      'POST',
      '/api/observations/imports?fileName=campyDE.csv',
      csv,
      'text/csv',
    );
    expect(again.record).toMatchObject({ rows: 522, inserted: 0, revised: 0, unchanged: 522 });
  });

  it('detects aberrations with the improved Farrington method and opens signals', async () => {
    const hazards = await call('ana', 'GET', '/api/hazards?q=campylobacteriosis');
    const hazard = hazards.items.find((h: { code: string }) => h.code === 'campylobacteriosis');
    const config = await call('ana', 'POST', '/api/detection/configs', {
      name: 'campylobacteriosis, Germany',
      algorithm: 'farringtonFlexible',
      control: {
        b: 5,
        w: 3,
        noPeriods: 10,
        pastWeeksNotIncluded: 26,
        thresholdMethod: 'nbPlugin',
        pThresholdTrend: 1,
      },
      selector: { hazardIds: [hazard.id], placeIds: ['DE'], frequency: 'weekly' },
      monitoredEpochs: 104,
    });
    const run = await call('ana', 'POST', `/api/detection/configs/${config.id}/runs`);
    expect(run.run.alarmCount).toBeGreaterThan(0);
    expect(run.run.signalsOpened).toBeGreaterThan(0);
    const inbox = await call('ana', 'GET', '/api/signals?sort=created&limit=50');
    expect(inbox.total).toBe(run.run.signalsOpened);
    const signal = inbox.items[0];
    expect(signal.explanation).toMatchObject({ algorithm: 'farringtonFlexible' });
    expect(signal.explanation.observed).toBeGreaterThan(signal.explanation.upperBound);
    ids.signal = signal.id;
  });

  it('triages the signal to verified, recording each step, and refuses a stale version', async () => {
    const s = await call('ana', 'GET', `/api/signals/${ids.signal}`);
    const reviewing = await call('ana', 'POST', `/api/signals/${ids.signal}/transitions`, {
      version: s.signal.version,
      to: 'under-review',
      reason: 'count well above the bound',
    });
    const v = reviewing.version;
    const stale = await app.inject({
      method: 'POST',
      url: `/api/signals/${ids.signal}/transitions`,
      headers: { cookie: cookies.get('asa') ?? '' },
      payload: { version: v - 1, to: 'discarded', reason: 'old view' },
    });
    expect(stale.statusCode).toBe(409);
    const verified = await call('ana', 'POST', `/api/signals/${ids.signal}/transitions`, {
      version: v,
      to: 'verified',
      reason: 'confirmed with the regional office',
    });
    expect(verified.state).toBe('verified');
    const history = await call('ana', 'GET', `/api/signals/${ids.signal}`);
    expect(
      history.transitions.map((t: { toState: string; reason: string }) => [t.toState, t.reason]),
    ).toEqual(
      expect.arrayContaining([
        ['under-review', 'count well above the bound'],
        ['verified', 'confirmed with the regional office'],
      ]),
    );
  });

  it('assesses the risk as high and finds it notifiable under IHR Annex 2, starting a 24-hour deadline', async () => {
    const rra = await call('asa', 'POST', `/api/signals/${ids.signal}/risk-assessments`, {
      hazardAssessment: 'Campylobacter jejuni, foodborne',
      exposureAssessment: 'poultry products distributed nationally',
      contextAssessment: 'peak season, laboratories at capacity',
      likelihood: 'likely',
      consequences: 'moderate',
      confidence: 'moderate',
      recommendedActions: ['trace the poultry batches'],
    });
    expect(rra.assessment.overallRisk).toBe('high');
    const ihr = await call('asa', 'POST', `/api/signals/${ids.signal}/ihr-assessments`, {
      category: 'potential-concern',
      answers: {
        seriousImpact: { answer: true, rationale: 'hospitalisations rising' },
        unusual: { answer: true, rationale: 'out of season for this region' },
        internationalSpread: { answer: false, rationale: 'no exports of the batches' },
        travelTradeRestrictions: { answer: false, rationale: 'none expected' },
      },
    });
    expect(ihr.assessment.outcome).toBe('notifiable');
    const deadlines = await call('cora', 'GET', '/api/deadlines');
    const ihrDeadline = deadlines.items.find((d: { ruleCode: string }) => d.ruleCode === 'IHR-ART6');
    expect(ihrDeadline).toBeDefined();
    expect(Date.parse(ihrDeadline.dueAt) - Date.parse(ihrDeadline.startedAt)).toBe(24 * 3_600_000);
  });

  it('escalates to an event, assigns a task, and escalates the overdue task to the coordinator', async () => {
    const event = await call('cora', 'POST', '/api/events', {
      signalIds: [ids.signal],
      title: 'Campylobacteriosis cluster',
      leadDepartmentId: ids.health,
      coordinatorId: ids.cora,
      reason: 'IHR notifiable',
    });
    ids.event = event.id;
    const due = new Date(clock.now().getTime() + 2 * 3_600_000).toISOString();
    const task = await call('cora', 'POST', `/api/events/${ids.event}/tasks`, {
      title: 'Trace poultry batches',
      departmentId: ids.health,
      assigneeId: ids.rudi,
      dueAt: due,
      priority: 'high',
    });
    expect(task.state).toBe('open');
    const mine = await call('rudi', 'GET', '/api/tasks');
    expect(mine.items.map((t: { id: string }) => t.id)).toContain(task.id);
    clock.advance(3 * 3_600_000);
    const escalation = await ctx.services.overdue.run();
    expect(JSON.stringify(escalation)).toContain(task.id);
    const notes = await call('cora', 'GET', '/api/notifications');
    expect(notes.items.some((n: { kind: string }) => /overdue/.test(n.kind))).toBe(true);
  });

  it('verifies the audit chain with `tocsin audit verify`, and names the entry after a row is tampered with', async () => {
    const ok = await call('cora', 'GET', '/api/audit/verify');
    expect(ok.ok).toBe(true);
    const env = { ...process.env, TOCSIN_DATA_DIR: dataDir, NO_COLOR: '1' };
    const before = spawnSync(process.execPath, [join(ROOT, 'bin', 'tocsin.js'), 'audit', 'verify'], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
    });
    expect(before.status, before.stderr).toBe(0);
    expect(before.stdout).toMatch(/audit chain OK: \d+ entries/);
    const victim = await ctx.database.db
      .selectFrom('auditLog')
      .select('seq')
      .where('action', 'like', 'signal.%')
      .orderBy('seq')
      .executeTakeFirstOrThrow();
    await sql`update audit_log set reason = 'it was never verified' where seq = ${victim.seq}`.execute(
      ctx.database.db,
    );
    const after = spawnSync(process.execPath, [join(ROOT, 'bin', 'tocsin.js'), 'audit', 'verify'], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
    });
    expect(after.status).toBe(1);
    expect(after.stdout).toContain(`BROKEN at entry ${victim.seq}`);
  });
});
