import type { Kysely } from 'kysely';
import { isRole } from '../domain/role.ts';
import type {
  StoredApiToken,
  StoredSession,
  User,
  UserRepository,
  UserWithJurisdiction,
} from '../domain/user.ts';
import { pathPrefixRange } from './path-prefix.ts';
import type { Schema, UserTable } from './schema.ts';

function toUser(row: UserTable & { jurisdictionPath: string }): UserWithJurisdiction {
  if (!isRole(row.role)) throw new Error(`user ${row.id} has unknown role ${row.role}`);
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    departmentId: row.departmentId,
    jurisdictionPlaceId: row.jurisdictionPlaceId,
    jurisdictionPath: row.jurisdictionPath,
    active: row.active === 1,
    createdAt: row.createdAt,
    version: row.version,
  };
}

export function userRepository(db: Kysely<Schema>): UserRepository {
  const withPath = () =>
    db
      .selectFrom('users')
      .innerJoin('places', 'places.id', 'users.jurisdictionPlaceId')
      .selectAll('users')
      .select('places.path as jurisdictionPath');
  return {
    async insert(user: User, passwordHash: string) {
      await db
        .insertInto('users')
        .values({
          id: user.id,
          username: user.username,
          displayName: user.displayName,
          passwordHash,
          role: user.role,
          departmentId: user.departmentId,
          jurisdictionPlaceId: user.jurisdictionPlaceId,
          active: user.active ? 1 : 0,
          createdAt: user.createdAt,
          version: user.version,
        })
        .execute();
    },
    async byId(id) {
      const row = await withPath().where('users.id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toUser(row);
    },
    async byUsername(username) {
      const row = await withPath().where('users.username', '=', username).executeTakeFirst();
      return row === undefined ? undefined : { ...toUser(row), passwordHash: row.passwordHash };
    },
    async list({ limit, offset, withinPath }) {
      const [lo, hi] = pathPrefixRange(withinPath ?? '');
      const rows = await withPath()
        .where('places.path', '>=', lo)
        .where('places.path', '<', hi)
        .orderBy('users.username')
        .limit(limit)
        .offset(offset)
        .execute();
      const { n } = await db
        .selectFrom('users')
        .innerJoin('places', 'places.id', 'users.jurisdictionPlaceId')
        .where('places.path', '>=', lo)
        .where('places.path', '<', hi)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return { items: rows.map(toUser), total: Number(n) };
    },
    async update(id, version, changes, passwordHash) {
      const r = await db
        .updateTable('users')
        .set({
          ...(changes.displayName === undefined ? {} : { displayName: changes.displayName }),
          ...(changes.role === undefined ? {} : { role: changes.role }),
          ...(changes.departmentId === undefined ? {} : { departmentId: changes.departmentId }),
          ...(changes.jurisdictionPlaceId === undefined
            ? {}
            : { jurisdictionPlaceId: changes.jurisdictionPlaceId }),
          ...(changes.active === undefined ? {} : { active: changes.active ? 1 : 0 }),
          ...(passwordHash === undefined ? {} : { passwordHash }),
          version: version + 1,
        })
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async placePath(placeId) {
      const row = await db.selectFrom('places').select('path').where('id', '=', placeId).executeTakeFirst();
      return row?.path;
    },
    async departmentExists(departmentId) {
      const row = await db
        .selectFrom('departments')
        .select('id')
        .where('id', '=', departmentId)
        .executeTakeFirst();
      return row !== undefined;
    },
    async insertSession(s: StoredSession) {
      await db.insertInto('sessions').values(s).execute();
    },
    async sessionByHash(tokenHash) {
      return db.selectFrom('sessions').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst();
    },
    async deleteSession(tokenHash) {
      await db.deleteFrom('sessions').where('tokenHash', '=', tokenHash).execute();
    },
    async deleteExpiredSessions(nowIso) {
      const r = await db.deleteFrom('sessions').where('expiresAt', '<=', nowIso).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
    async insertApiToken(t: StoredApiToken) {
      await db.insertInto('apiTokens').values(t).execute();
    },
    async apiTokenByHash(tokenHash) {
      return db.selectFrom('apiTokens').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst();
    },
    async touchApiToken(id, at) {
      await db.updateTable('apiTokens').set({ lastUsedAt: at }).where('id', '=', id).execute();
    },
    async revokeApiToken(id, userId, at) {
      const r = await db
        .updateTable('apiTokens')
        .set({ revokedAt: at })
        .where('id', '=', id)
        .where('userId', '=', userId)
        .where('revokedAt', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async apiTokensOf(userId) {
      return db
        .selectFrom('apiTokens')
        .selectAll()
        .where('userId', '=', userId)
        .orderBy('createdAt')
        .execute();
    },
  };
}
