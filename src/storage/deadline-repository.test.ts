import { afterEach, describe, expect, it } from 'vitest';
import { dialectsUnderTest } from '../../test/support/databases.ts';
import type { Deadline } from '../domain/deadline.ts';
import type { LegalRule } from '../domain/legal-rule.ts';
import type { Database } from './database.ts';
import { deadlineRepository } from './deadline-repository.ts';

const open: Database[] = [];
afterEach(async () => {
  for (const d of open.splice(0)) await d.close();
});

const RULE: LegalRule = {
  id: 'r1',
  code: 'IHR-ART6',
  name: 'Notify WHO',
  description: 'within 24 h',
  triggers: ['ihr-notifiable'],
  conditions: {},
  durationMinutes: 1440,
  legalBasis: 'IHR (2005) Art. 6',
  metBy: 'manual',
  active: true,
};
const CLASS_A: LegalRule = {
  ...RULE,
  id: 'r2',
  code: 'CLASS-A',
  triggers: ['signal-verified', 'event-opened'],
  conditions: { nationalClass: 'A' },
  durationMinutes: 120,
};

const deadline = (id: string, o: Partial<Deadline> = {}): Deadline => ({
  id,
  ruleId: 'r1',
  subjectType: 'event',
  subjectId: 'e1',
  eventId: 'e1',
  placePath: '/world/DE/',
  startedAt: '2026-11-28T08:00:00.000Z',
  dueAt: '2026-11-29T08:00:00.000Z',
  status: 'due',
  metAt: null,
  metBy: null,
  metReference: null,
  breachedAt: null,
  ...o,
});

describe.each(dialectsUnderTest())('deadline repository on $name', (dialect) => {
  async function repo() {
    const database = await dialect.open();
    open.push(database);
    const r = deadlineRepository(database.db);
    await r.upsertRule(RULE);
    await r.upsertRule(CLASS_A);
    return r;
  }

  it('upserts rules by code: inserted, then unchanged, then updated in place', async () => {
    const r = await repo();
    expect((await r.upsertRule({ ...RULE, id: 'new-id' })).change).toBe('unchanged');
    const up = await r.upsertRule({ ...RULE, id: 'new-id', durationMinutes: 60 });
    expect(up.change).toBe('updated');
    expect(up.rule.id).toBe('r1');
    expect((await r.rules()).map((x) => [x.code, x.durationMinutes])).toEqual([
      ['CLASS-A', 120],
      ['IHR-ART6', 60],
    ]);
    expect(await r.ruleById('r2')).toEqual(CLASS_A);
  });

  it('lists deadlines inside a jurisdiction, by status, soonest due first', async () => {
    const r = await repo();
    await r.insertDeadline(deadline('d1', { dueAt: '2026-11-29T09:00:00.000Z' }));
    await r.insertDeadline(
      deadline('d2', { dueAt: '2026-11-29T07:00:00.000Z', placePath: '/world/DE/DE-BY/' }),
    );
    await r.insertDeadline(deadline('d3', { placePath: '/world/DEX/' }));
    await r.insertDeadline(deadline('d4', { placePath: '/world/FR/', status: 'breached' }));
    const de = await r.list({ placePathPrefix: '/world/DE/', limit: 10, offset: 0 });
    expect(de.items.map((d) => d.id)).toEqual(['d2', 'd1']);
    expect(de.total).toBe(2);
    const breached = await r.list({ placePathPrefix: '/world/', status: 'breached', limit: 10, offset: 0 });
    expect(breached.items.map((d) => d.id)).toEqual(['d4']);
    const byRule = await r.list({ placePathPrefix: '/', ruleCode: 'CLASS-A', limit: 10, offset: 0 });
    expect(byRule.total).toBe(0);
    const paged = await r.list({ placePathPrefix: '/', limit: 2, offset: 2 });
    expect(paged.items).toHaveLength(2);
    expect(paged.total).toBe(4);
  });

  it('finds the past-due open deadlines and breaches each once', async () => {
    const r = await repo();
    await r.insertDeadline(deadline('d1', { dueAt: '2026-11-28T10:00:00.000Z' }));
    await r.insertDeadline(deadline('d2', { dueAt: '2026-11-28T12:00:00.000Z' }));
    await r.insertDeadline(deadline('d3', { dueAt: '2026-11-28T09:00:00.000Z', status: 'met' }));
    expect((await r.pastDue('2026-11-28T11:00:00.000Z', 10)).map((d) => d.id)).toEqual(['d1']);
    expect(await r.markBreached('d1', '2026-11-28T11:00:00.000Z')).toBe(true);
    expect(await r.markBreached('d1', '2026-11-28T11:00:01.000Z')).toBe(false);
    expect(await r.getDeadline('d1')).toMatchObject({
      status: 'breached',
      breachedAt: '2026-11-28T11:00:00.000Z',
    });
  });

  it('meets a due or breached deadline once, keeping who and the reference', async () => {
    const r = await repo();
    await r.insertDeadline(deadline('d1', { status: 'breached', breachedAt: '2026-11-29T08:00:00.000Z' }));
    expect(await r.markMet('d1', '2026-11-29T09:00:00.000Z', 'u1', 'WHO notified, msg 42')).toBe(true);
    expect(await r.markMet('d1', '2026-11-29T10:00:00.000Z', 'u2', 'again')).toBe(false);
    expect(await r.getDeadline('d1')).toMatchObject({
      status: 'met',
      metBy: 'u1',
      metReference: 'WHO notified, msg 42',
      breachedAt: '2026-11-29T08:00:00.000Z',
    });
  });

  it('finds deadlines by subject, by signals and by event, and moves them to an event', async () => {
    const r = await repo();
    await r.insertDeadline(
      deadline('d1', { subjectType: 'signal', subjectId: 's1', eventId: null, ruleId: 'r2' }),
    );
    await r.insertDeadline(deadline('d2', { subjectType: 'signal', subjectId: 's2', eventId: null }));
    expect((await r.forSubject('r2', 'signal', 's1')).map((d) => d.id)).toEqual(['d1']);
    expect(await r.forSubject('r1', 'signal', 's1')).toEqual([]);
    expect((await r.forSignals(['s1', 's2', 's3'])).map((d) => d.id).sort()).toEqual(['d1', 'd2']);
    await r.setEvent('d1', 'e9');
    expect((await r.forEvent('e9')).map((d) => d.id)).toEqual(['d1']);
  });
});
