import { afterEach, describe, expect, it } from 'vitest';
import { dialectsUnderTest } from '../../test/support/databases.ts';
import {
  actor,
  PLACES,
  seedDetectionReference,
  signalFixture,
} from '../../test/support/detection-fixtures.ts';
import { openTestStore, type TestStore } from '../../test/support/test-store.ts';
import type { Database } from '../storage/database.ts';
import type { Store } from '../storage/store.ts';
import { createSignalInbox } from './signal-inbox.ts';
import { createTriageSignal } from './triage-signal.ts';

const stores: TestStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

const analyst = actor('analyst', 'DE', 'analyst-DE');

async function setup(onVerified?: (store: Store, signalId: string) => Promise<void>, database?: Database) {
  const t = await openTestStore(database);
  stores.push(t);
  await seedDetectionReference(t.database);
  for (const s of [
    signalFixture({ id: 's1' }),
    signalFixture({ id: 's2', source: 'indicator' }),
    signalFixture({ id: 'fr', placeId: 'FR', placePath: PLACES.FR }),
  ])
    await t.store.signals.insert(s);
  const triage = createTriageSignal({
    tx: t.tx,
    clock: t.clock,
    ids: t.ids,
    onVerified: onVerified === undefined ? undefined : (store, signal) => onVerified(store, signal.id),
  });
  const inbox = createSignalInbox({ tx: t.tx });
  const auditActions = async () =>
    (await t.store.audit.page(0, 100)).map((e) => [e.action, e.objectId, e.reason]);
  return { t, triage, inbox, auditActions };
}

describe('triaging a signal', () => {
  it('moves through the lifecycle, recording actor, time and reason for every transition', async () => {
    const { t, triage, inbox, auditActions } = await setup();
    const a = await triage.transition(analyst, 's1', {
      version: 1,
      to: 'under-review',
      reason: 'cluster in Munich',
    });
    t.clock.advance(60_000);
    const b = await triage.transition(analyst, 's1', {
      version: a.version,
      to: 'verified',
      reason: 'lab confirmed',
    });
    expect(b).toMatchObject({ state: 'verified', version: 3, updatedAt: '2026-11-28T08:01:00.000Z' });
    const details = await inbox.get(analyst, 's1');
    expect(details.transitions.map((x) => [x.fromState, x.toState, x.actorId, x.at, x.reason])).toEqual([
      ['new', 'under-review', 'analyst-DE', '2026-11-28T08:00:00.000Z', 'cluster in Munich'],
      ['under-review', 'verified', 'analyst-DE', '2026-11-28T08:01:00.000Z', 'lab confirmed'],
    ]);
    expect(await auditActions()).toEqual([
      ['signal.under-review', 's1', 'cluster in Munich'],
      ['signal.verified', 's1', 'lab confirmed'],
    ]);
  });

  it('refuses a transition the lifecycle does not allow', async () => {
    const { triage } = await setup();
    await expect(
      triage.transition(analyst, 's1', { version: 1, to: 'verified', reason: 'sure' }),
    ).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
      details: { from: 'new', to: 'verified' },
    });
    await expect(
      triage.transition(analyst, 's1', { version: 1, to: 'merged', reason: 'dup' }),
    ).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
    });
  });

  it('wants a reason and a known state', async () => {
    const { triage } = await setup();
    await expect(
      triage.transition(analyst, 's1', { version: 1, to: 'under-review', reason: '  ' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { problems: [{ field: 'reason', message: 'must not be empty' }] },
    });
    await expect(
      triage.transition(analyst, 's1', { version: 1, to: 'closed', reason: 'x' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { problems: [{ field: 'to', message: expect.any(String) }] },
    });
  });

  it('fails with CONFLICT when the signal changed since the client read it, changing nothing', async () => {
    const { t, triage } = await setup();
    await triage.comment(analyst, 's1', { version: 1, body: 'first look' });
    await expect(
      triage.transition(analyst, 's1', { version: 1, to: 'under-review', reason: 'late' }),
    ).rejects.toMatchObject({ code: 'CONFLICT', details: { expectedVersion: 1, actualVersion: 2 } });
    expect((await t.store.signals.get('s1'))?.state).toBe('new');
  });

  it('checks permission and jurisdiction on every write', async () => {
    const { triage } = await setup();
    await expect(
      triage.transition(actor('viewer', 'DE'), 's1', { version: 1, to: 'under-review', reason: 'x' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      triage.transition(actor('analyst', 'DE-BY'), 'fr', { version: 1, to: 'under-review', reason: 'x' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(triage.comment(analyst, 'nope', { version: 1, body: 'x' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('assigns to a user who may triage it and sees it, and unassigns', async () => {
    const { triage, auditActions } = await setup();
    const a = await triage.assign(analyst, 's1', { version: 1, assigneeId: 'analyst-DE-BY' });
    expect(a).toMatchObject({ assigneeId: 'analyst-DE-BY', version: 2 });
    const problem = (assigneeId: string) =>
      triage.assign(analyst, 's1', { version: 2, assigneeId }).catch((e) => e.details.problems[0].message);
    expect(await problem('viewer-DE')).toBe('a viewer may not triage signals');
    expect(await problem('retired-DE')).toBe('the user is deactivated');
    expect(await problem('analyst-FR')).toBe("the signal lies outside the user's jurisdiction");
    expect(await problem('ghost')).toBe('no user ghost');
    const b = await triage.assign(analyst, 's1', { version: 2, assigneeId: null });
    expect(b).toMatchObject({ assigneeId: null, version: 3 });
    expect((await auditActions()).map((x) => x[0])).toEqual(['signal.assign', 'signal.unassign']);
  });

  it('comments, links and unlinks, each at the version read', async () => {
    const { triage, inbox } = await setup();
    const c = await triage.comment(analyst, 's1', { version: 1, body: 'matches a news report' });
    const l = await triage.link(analyst, 's1', {
      version: c.version,
      otherSignalId: 's2',
      kind: 'same-event',
    });
    expect(l.version).toBe(3);
    // Linking the same pair again, either way round, changes nothing.
    const again = await triage.link(analyst, 's2', { version: 1, otherSignalId: 's1' });
    expect(again.version).toBe(1);
    const s2 = await inbox.get(analyst, 's2');
    expect(s2.links.map((x) => [x.signalId, x.otherSignalId, x.kind])).toEqual([['s1', 's2', 'same-event']]);
    expect((await inbox.get(analyst, 's1')).comments.map((x) => [x.authorId, x.body])).toEqual([
      ['analyst-DE', 'matches a news report'],
    ]);
    // Both signals must lie in the actor's jurisdiction.
    await expect(triage.link(analyst, 's1', { version: 3, otherSignalId: 'fr' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      triage.link(actor('admin', 'world'), 's1', { version: 3, otherSignalId: 'fr' }),
    ).resolves.toMatchObject({ version: 4 });
    const u = await triage.unlink(analyst, 's1', { version: 4, otherSignalId: 's2' });
    expect(u.version).toBe(5);
    expect((await inbox.get(analyst, 's2')).links).toEqual([]);
    await expect(triage.link(analyst, 's1', { version: 5, otherSignalId: 's1' })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });

  it('tells the whole history of a signal: assignment, comment, link and unlink in order, to its readers only', async () => {
    const { triage, inbox } = await setup();
    await triage.assign(analyst, 's1', { version: 1, assigneeId: 'analyst-DE-BY', reason: 'her district' });
    await triage.comment(analyst, 's1', { version: 2, body: 'called the lab' });
    await triage.link(analyst, 's1', { version: 3, otherSignalId: 's2' });
    await triage.unlink(analyst, 's1', { version: 4, otherSignalId: 's2' });
    const history = await inbox.history(analyst, 's1');
    expect(history.map((e) => e.action)).toEqual([
      'signal.assign',
      'signal.comment',
      'signal.link',
      'signal.unlink',
    ]);
    expect(history[0].reason).toBe('her district');
    expect(JSON.parse(history[0].after ?? '{}')).toMatchObject({ assigneeId: 'analyst-DE-BY' });
    await expect(inbox.history(actor('analyst', 'FR', 'analyst-FR'), 's1')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('merges a duplicate into its target, whose detail view then shows the duplicate’s alarms and comments', async () => {
    const { t, triage, inbox, auditActions } = await setup();
    await t.store.signals.addAlarms([
      {
        signalId: 's2',
        epoch: '2026-11-02',
        runId: 'r',
        observed: 9,
        expected: 2,
        upperBound: 5,
        score: null,
      },
    ]);
    await triage.comment(analyst, 's2', { version: 1, body: 'probably the same' });
    const { duplicate, target } = await triage.merge(analyst, 's2', {
      version: 2,
      targetId: 's1',
      targetVersion: 1,
      reason: 'same cluster',
    });
    expect(duplicate).toMatchObject({ state: 'merged', mergedIntoId: 's1', version: 3 });
    expect(target).toMatchObject({ id: 's1', state: 'new', version: 2 });
    const d = await inbox.get(analyst, 's1');
    expect(d.mergedIds).toEqual(['s2']);
    expect(d.alarms.map((a) => [a.signalId, a.epoch])).toEqual([['s2', '2026-11-02']]);
    expect(d.comments.map((c) => [c.signalId, c.body])).toEqual([['s2', 'probably the same']]);
    expect(d.links.map((l) => [l.signalId, l.otherSignalId, l.kind])).toEqual([['s1', 's2', 'duplicate']]);
    expect((await inbox.list(analyst, {})).items.map((s) => s.id)).toEqual(['s1']);
    expect((await auditActions()).map((x) => x[0])).toEqual([
      'signal.comment',
      'signal.merge-target',
      'signal.merge',
    ]);
  });

  it('refuses to merge into a merged signal, a closed duplicate, a stale target or itself', async () => {
    const { t, triage } = await setup();
    await triage.merge(analyst, 's2', { version: 1, targetId: 's1', targetVersion: 1, reason: 'dup' });
    await t.store.signals.insert(signalFixture({ id: 's3' }));
    await expect(
      triage.merge(analyst, 's3', { version: 1, targetId: 's2', targetVersion: 2, reason: 'dup' }),
    ).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    await expect(
      triage.merge(analyst, 's3', { version: 1, targetId: 's1', targetVersion: 1, reason: 'dup' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      triage.merge(analyst, 's3', { version: 1, targetId: 's3', targetVersion: 1, reason: 'dup' }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(
      triage.merge(analyst, 's2', { version: 2, targetId: 's3', targetVersion: 1, reason: 'dup' }),
    ).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    expect((await t.store.signals.get('s3'))?.version).toBe(1);
  });

  it('sets the priority', async () => {
    const { triage } = await setup();
    expect(await triage.prioritise(analyst, 's1', { version: 1, priority: 'critical' })).toMatchObject({
      priority: 'critical',
      version: 2,
    });
    await expect(triage.prioritise(analyst, 's1', { version: 2, priority: 'urgent' })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });

  it('runs the verification hook in the transaction, so its failure rolls the verification back', async () => {
    const seen: string[] = [];
    const { t, triage } = await setup(async (store, id) => {
      seen.push(`${id}:${(await store.signals.get(id))?.state}`);
      if (id === 's2') throw new Error('deadline store down');
    });
    await triage.transition(analyst, 's1', { version: 1, to: 'under-review', reason: 'x' });
    await triage.transition(analyst, 's1', { version: 2, to: 'verified', reason: 'confirmed' });
    await triage.transition(analyst, 's2', { version: 1, to: 'under-review', reason: 'x' });
    await expect(
      triage.transition(analyst, 's2', { version: 2, to: 'verified', reason: 'confirmed' }),
    ).rejects.toThrow('deadline store down');
    expect(seen).toEqual(['s1:verified', 's2:verified']);
    expect((await t.store.signals.get('s2'))?.state).toBe('under-review');
    const transitions = await t.database.db
      .selectFrom('signalTransitions')
      .select('toState')
      .where('signalId', '=', 's2')
      .execute();
    expect(transitions.map((x) => x.toState)).toEqual(['under-review']);
  });
});

describe.each(dialectsUnderTest())('two analysts triaging the same signal at once on $name', (dialect) => {
  it('lets exactly one win; the other gets CONFLICT and nothing is overwritten', async () => {
    const { t, triage } = await setup(undefined, await dialect.open());
    await triage.transition(analyst, 's1', { version: 1, to: 'under-review', reason: 'looking' });
    const other = actor('analyst', 'DE-BY', 'analyst-DE-BY');
    const results = await Promise.allSettled([
      triage.transition(analyst, 's1', { version: 2, to: 'verified', reason: 'confirmed by lab' }),
      triage.transition(other, 's1', { version: 2, to: 'discarded', reason: 'known reporting artefact' }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0] as PromiseRejectedResult).reason).toMatchObject({
      code: 'CONFLICT',
      details: { expectedVersion: 2 },
    });
    const winner = (won[0] as PromiseFulfilledResult<{ state: string }>).value.state;
    const stored = await t.store.signals.get('s1');
    expect(stored).toMatchObject({ state: winner, version: 3 });
    const transitions = await t.database.db
      .selectFrom('signalTransitions')
      .select('toState')
      .where('signalId', '=', 's1')
      .orderBy('at')
      .execute();
    expect(transitions.map((x) => x.toState)).toEqual(['under-review', winner]);
    const audit = (await t.store.audit.page(0, 100)).map((e) => e.action);
    expect(audit).toEqual(['signal.under-review', `signal.${winner}`]);
  });

  it('lets exactly one of two concurrent assignments win', async () => {
    const { t, triage } = await setup(undefined, await dialect.open());
    const results = await Promise.allSettled([
      triage.assign(analyst, 's1', { version: 1, assigneeId: 'analyst-DE' }),
      triage.assign(analyst, 's1', { version: 1, assigneeId: 'analyst-DE-BY' }),
      triage.comment(analyst, 's1', { version: 1, body: 'me too' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(
      results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code),
    ).toEqual(['CONFLICT', 'CONFLICT']);
    expect((await t.store.signals.get('s1'))?.version).toBe(2);
  });
});
