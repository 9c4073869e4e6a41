import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedMinimal } from '../../test/support/seed-minimal.ts';
import { openTestStore, type TestStore } from '../../test/support/test-store.ts';
import { type Actor, SYSTEM_ACTOR } from '../domain/actor.ts';
import { createManageUsers } from './manage-users.ts';

let t: TestStore;
let users: ReturnType<typeof createManageUsers>;
const base = {
  displayName: 'Rui',
  password: 'long enough pw',
  departmentId: 'health',
  jurisdictionPlaceId: 'FR',
};

beforeEach(async () => {
  t = await openTestStore();
  await seedMinimal(t.database);
  users = createManageUsers(t);
});
afterEach(() => t.close());

describe('user administration', () => {
  it('creates a user with role, department and jurisdiction', async () => {
    const u = await users.add(SYSTEM_ACTOR, { ...base, username: 'rui', role: 'responder' });
    expect(u).toMatchObject({
      username: 'rui',
      role: 'responder',
      departmentId: 'health',
      jurisdictionPath: '/world/FR/',
      version: 1,
      active: true,
    });
  });

  it('reports every invalid field at once', async () => {
    await expect(
      users.add(SYSTEM_ACTOR, { ...base, username: 'X', role: 'king', password: 'short' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { problems: [{ field: 'username' }, { field: 'password' }, { field: 'role' }] },
    });
  });

  it('refuses unknown departments and places', async () => {
    await expect(
      users.add(SYSTEM_ACTOR, {
        ...base,
        username: 'rui',
        role: 'viewer',
        departmentId: 'navy',
        jurisdictionPlaceId: 'XX',
      }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { problems: [{ field: 'departmentId' }, { field: 'jurisdictionPlaceId' }] },
    });
  });

  it('lets only admins manage users', async () => {
    const analyst: Actor = {
      userId: 'a',
      username: 'a',
      role: 'analyst',
      departmentId: null,
      jurisdictionPlaceId: 'world',
      jurisdictionPath: '/world/',
    };
    await expect(users.add(analyst, { ...base, username: 'rui', role: 'viewer' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('rejects a change made on a stale version instead of overwriting', async () => {
    const u = await users.add(SYSTEM_ACTOR, { ...base, username: 'rui', role: 'viewer' });
    await users.update(SYSTEM_ACTOR, u.id, 1, { role: 'analyst' }, 'promotion');
    await expect(users.update(SYSTEM_ACTOR, u.id, 1, { role: 'coordinator' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect((await users.get(SYSTEM_ACTOR, u.id)).role).toBe('analyst');
  });

  it('lists the active colleagues inside the caller’s jurisdiction for anyone who assigns work', async () => {
    const inFrance = await users.add(SYSTEM_ACTOR, { ...base, username: 'rui', role: 'analyst' });
    const gone = await users.add(SYSTEM_ACTOR, { ...base, username: 'ida', role: 'analyst' });
    await users.update(SYSTEM_ACTOR, gone.id, 1, { active: false }, 'left');
    await users.add(SYSTEM_ACTOR, { ...base, username: 'hans', role: 'analyst', jurisdictionPlaceId: 'DE' });
    const analystInFrance: Actor = {
      userId: inFrance.id,
      username: 'rui',
      role: 'analyst',
      departmentId: 'health',
      jurisdictionPlaceId: 'FR',
      jurisdictionPath: '/world/FR/',
    };
    const names = (await users.directory(analystInFrance)).map((u) => u.username);
    expect(names).toEqual(['rui']);
    const responder: Actor = { ...analystInFrance, role: 'responder' };
    expect((await users.directory(responder)).map((u) => u.username)).toEqual(['rui']);
    const viewer: Actor = { ...analystInFrance, role: 'viewer' };
    await expect(users.directory(viewer)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
