import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedMinimal } from '../../test/support/seed-minimal.ts';
import { openTestStore, type TestStore } from '../../test/support/test-store.ts';
import { SYSTEM_ACTOR } from '../domain/actor.ts';
import { LoginThrottle } from '../domain/login-throttle.ts';
import { createAuthentication } from './authentication.ts';
import { createManageUsers } from './manage-users.ts';

let t: TestStore;
let auth: ReturnType<typeof createAuthentication>;

beforeEach(async () => {
  t = await openTestStore();
  await seedMinimal(t.database);
  auth = createAuthentication({
    tx: t.tx,
    clock: t.clock,
    ids: t.ids,
    throttle: new LoginThrottle(),
    sessionHours: 12,
  });
  await createManageUsers(t).add(SYSTEM_ACTOR, {
    username: 'ana',
    displayName: 'Ana Analyst',
    password: 'correct horse battery',
    role: 'analyst',
    departmentId: 'health',
    jurisdictionPlaceId: 'DE',
  });
});
afterEach(() => t.close());

describe('authentication', () => {
  it('signs in with the right password and resolves the session to the actor with their jurisdiction', async () => {
    const r = await auth.login('ana', 'correct horse battery', '127.0.0.1');
    expect(r.actor).toMatchObject({
      username: 'ana',
      role: 'analyst',
      departmentId: 'health',
      jurisdictionPath: '/world/DE/',
    });
    const actor = await auth.actorForSession(r.sessionToken);
    expect(actor?.username).toBe('ana');
  });

  it('stores only a hash of the session secret', async () => {
    const r = await auth.login('ana', 'correct horse battery', '127.0.0.1');
    const rows = await t.database.db.selectFrom('sessions').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0].tokenHash).not.toContain(r.sessionToken);
    expect(rows[0].tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('stores passwords as scrypt hashes', async () => {
    const row = await t.database.db.selectFrom('users').select('passwordHash').executeTakeFirstOrThrow();
    expect(row.passwordHash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(row.passwordHash).not.toContain('correct horse');
  });

  it('rejects a wrong password without saying which part was wrong', async () => {
    await expect(auth.login('ana', 'wrong password!!', '127.0.0.1')).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'unknown user or wrong password',
    });
    await expect(auth.login('nobody', 'whatever123', '127.0.0.1')).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'unknown user or wrong password',
    });
  });

  it('rate-limits a user after five failed sign-ins, even with the right password', async () => {
    for (let i = 0; i < 5; i++)
      await expect(auth.login('ana', `wrong-${i}-password`, '10.0.0.1')).rejects.toMatchObject({
        code: 'UNAUTHENTICATED',
      });
    await expect(auth.login('ana', 'correct horse battery', '10.0.0.2')).rejects.toMatchObject({
      code: 'RATE_LIMITED',
    });
    t.clock.advance(16 * 60_000);
    await expect(auth.login('ana', 'correct horse battery', '10.0.0.2')).resolves.toMatchObject({
      actor: { username: 'ana' },
    });
  });

  it('ends sessions when they expire and on logout', async () => {
    const a = await auth.login('ana', 'correct horse battery', '127.0.0.1');
    t.clock.advance(12 * 3_600_000 + 1);
    expect(await auth.actorForSession(a.sessionToken)).toBeNull();
    const b = await auth.login('ana', 'correct horse battery', '127.0.0.1');
    await auth.logout(b.sessionToken);
    expect(await auth.actorForSession(b.sessionToken)).toBeNull();
  });

  it('issues API tokens that authenticate until revoked', async () => {
    const { actor } = await auth.login('ana', 'correct horse battery', '127.0.0.1');
    const { id, token } = await auth.createApiToken(actor, 'ETL job');
    expect(token.startsWith('tcn_')).toBe(true);
    expect((await auth.actorForApiToken(token))?.username).toBe('ana');
    await auth.revokeApiToken(actor, id);
    expect(await auth.actorForApiToken(token)).toBeNull();
  });

  it('writes sign-ins and token changes to the audit log', async () => {
    const { actor } = await auth.login('ana', 'correct horse battery', '127.0.0.1');
    await auth.createApiToken(actor, 'ETL job');
    const actions = (await t.store.audit.page(0, 100)).map((e) => e.action);
    expect(actions).toEqual(['user.create', 'user.login', 'api-token.create']);
  });
});
