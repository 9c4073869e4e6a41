import { afterEach, describe, expect, it } from 'vitest';
import { dialectsUnderTest } from '../../test/support/databases.ts';
import { seedResponseFixtures, seedSignals } from '../../test/support/response-fixtures.ts';
import type { Database } from './database.ts';
import { deadlineRepository } from './deadline-repository.ts';
import { responseFactsRepository } from './response-facts-repository.ts';

const open: Database[] = [];
afterEach(async () => {
  for (const d of open.splice(0)) await d.close();
});

describe.each(dialectsUnderTest())('response facts on $name', (dialect) => {
  async function setup() {
    const database = await dialect.open();
    open.push(database);
    await seedResponseFixtures(database.db);
    await seedSignals(database.db, [
      {
        id: 's1',
        state: 'verified',
        place: 'DE-BY',
        hazardId: 'cholera',
        verifiedAt: '2026-11-28T07:00:00.000Z',
      },
      {
        id: 's2',
        state: 'verified',
        place: 'DE-BE',
        hazardId: 'campylobacter',
        verifiedAt: '2026-11-28T06:00:00.000Z',
      },
      { id: 's3', state: 'new', place: 'FR', hazardId: null },
    ]);
    return { database, facts: responseFactsRepository(database.db) };
  }

  it('reads signals with when they were verified', async () => {
    const { facts } = await setup();
    const got = await facts.signals(['s1', 's3', 'missing']);
    expect(got.map((s) => [s.id, s.state, s.placePath, s.verifiedAt]).sort()).toEqual([
      ['s1', 'verified', '/world/DE/DE-BY/', '2026-11-28T07:00:00.000Z'],
      ['s3', 'new', '/world/FR/', null],
    ]);
  });

  it('reads hazards, places, users and departments', async () => {
    const { facts } = await setup();
    expect(await facts.hazard('cholera')).toEqual({
      id: 'cholera',
      name: 'cholera',
      ihrCategory: 'always-algorithm',
      nationalClass: 'A',
    });
    expect(await facts.place('DE-BY')).toEqual({ id: 'DE-BY', path: '/world/DE/DE-BY/' });
    expect(await facts.user('u-gone')).toEqual({
      id: 'u-gone',
      role: 'coordinator',
      departmentId: 'health',
      active: false,
    });
    expect(await facts.departmentExists('customs')).toBe(true);
    expect(await facts.departmentExists('navy')).toBe(false);
  });

  it('finds verified signals still without a deadline of a rule, by national class', async () => {
    const { database, facts } = await setup();
    const deadlines = deadlineRepository(database.db);
    await deadlines.upsertRule({
      id: 'r1',
      code: 'R1',
      name: 'r',
      description: '',
      triggers: ['signal-verified'],
      conditions: {},
      durationMinutes: 60,
      legalBasis: 'b',
      metBy: 'manual',
      active: true,
    });
    const ids = async (nationalClass?: string) =>
      (await facts.verifiedSignalsWithoutDeadline({ ruleId: 'r1', nationalClass }, 10))
        .map((s) => s.id)
        .sort();
    expect(await ids()).toEqual(['s1', 's2']);
    expect(await ids('A')).toEqual(['s1']);
    await deadlines.insertDeadline({
      id: 'd1',
      ruleId: 'r1',
      subjectType: 'signal',
      subjectId: 's1',
      eventId: null,
      placePath: '/world/DE/DE-BY/',
      startedAt: '2026-11-28T07:00:00.000Z',
      dueAt: '2026-11-28T08:00:00.000Z',
      status: 'due',
      metAt: null,
      metBy: null,
      metReference: null,
      breachedAt: null,
    });
    expect(await ids()).toEqual(['s2']);
  });
});
