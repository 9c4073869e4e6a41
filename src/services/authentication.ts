import { createHash } from 'node:crypto';
import type { Actor } from '../domain/actor.ts';
import type { AuditWriter } from '../domain/audit-entry.ts';
import { DomainError, notFound } from '../domain/errors.ts';
import type { LoginThrottle } from '../domain/login-throttle.ts';
import type { Clock, IdGenerator, Transactor } from '../domain/ports.ts';
import { actorFromUser, type StoredApiToken, type UserRepository } from '../domain/user.ts';
import { newSecret, verifyPassword } from './password-hashing.ts';

export interface AuthenticationStore {
  readonly users: UserRepository;
  readonly audit: AuditWriter;
}

export interface AuthenticationDeps {
  readonly tx: Transactor<AuthenticationStore>;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly throttle: LoginThrottle;
  readonly sessionHours: number;
}

export const API_TOKEN_PREFIX = 'tcn_';

const digest = (secret: string): string => createHash('sha256').update(secret).digest('hex');

const invalidLogin = (): DomainError => new DomainError('UNAUTHENTICATED', 'unknown user or wrong password');

/**
 * Sign-in with sessions (the secret travels in an HttpOnly cookie; only its SHA-256 is stored) and API
 * tokens for machine clients (shown once at creation; only the hash is stored). Logins are rate-limited.
 */
export function createAuthentication(deps: AuthenticationDeps) {
  const { tx, clock, ids, throttle } = deps;
  return {
    async login(
      username: string,
      password: string,
      address: string,
    ): Promise<{ readonly sessionToken: string; readonly expiresAt: string; readonly actor: Actor }> {
      const now = clock.now();
      throttle.check(username, address, now.getTime());
      throttle.recordAttempt(address, now.getTime());
      return tx.transaction(async ({ users, audit }) => {
        const user = await users.byUsername(username);
        const ok = user?.active && (await verifyPassword(password, user.passwordHash));
        if (!ok || user === undefined) {
          throttle.recordFailure(username, now.getTime());
          throw invalidLogin();
        }
        throttle.recordSuccess(username);
        const sessionToken = newSecret();
        const expiresAt = new Date(now.getTime() + deps.sessionHours * 3_600_000).toISOString();
        await users.insertSession({
          tokenHash: digest(sessionToken),
          userId: user.id,
          createdAt: now.toISOString(),
          expiresAt,
        });
        await audit.append(
          {
            actorId: user.id,
            action: 'user.login',
            objectType: 'user',
            objectId: user.id,
            before: null,
            after: { sessionExpiresAt: expiresAt },
          },
          now.toISOString(),
        );
        return { sessionToken, expiresAt, actor: actorFromUser(user) };
      });
    },

    async logout(sessionToken: string): Promise<void> {
      await tx.transaction(({ users }) => users.deleteSession(digest(sessionToken)));
    },

    /** The actor of a session cookie, or null when it is unknown or expired. */
    async actorForSession(sessionToken: string): Promise<Actor | null> {
      return tx.transaction(async ({ users }) => {
        const s = await users.sessionByHash(digest(sessionToken));
        if (s === undefined || s.expiresAt <= clock.now().toISOString()) return null;
        const user = await users.byId(s.userId);
        return user === undefined || !user.active ? null : actorFromUser(user);
      });
    },

    /** The actor of a bearer API token, or null. */
    async actorForApiToken(token: string): Promise<Actor | null> {
      if (!token.startsWith(API_TOKEN_PREFIX)) return null;
      return tx.transaction(async ({ users }) => {
        const t = await users.apiTokenByHash(digest(token));
        if (t === undefined || t.revokedAt !== null) return null;
        const user = await users.byId(t.userId);
        if (user === undefined || !user.active) return null;
        await users.touchApiToken(t.id, clock.now().toISOString());
        return actorFromUser(user);
      });
    },

    /** Creates an API token for the actor; the secret is returned once and never stored. */
    async createApiToken(
      actor: Actor,
      name: string,
    ): Promise<{ readonly id: string; readonly token: string }> {
      const token = `${API_TOKEN_PREFIX}${newSecret()}`;
      const id = ids.next();
      const at = clock.now().toISOString();
      await tx.transaction(async ({ users, audit }) => {
        await users.insertApiToken({
          id,
          userId: actor.userId,
          name,
          tokenHash: digest(token),
          createdAt: at,
          lastUsedAt: null,
          revokedAt: null,
        });
        await audit.append(
          {
            actorId: actor.userId,
            action: 'api-token.create',
            objectType: 'api-token',
            objectId: id,
            before: null,
            after: { name },
          },
          at,
        );
      });
      return { id, token };
    },

    async revokeApiToken(actor: Actor, id: string): Promise<void> {
      const at = clock.now().toISOString();
      await tx.transaction(async ({ users, audit }) => {
        if (!(await users.revokeApiToken(id, actor.userId, at))) throw notFound('API token', id);
        await audit.append(
          {
            actorId: actor.userId,
            action: 'api-token.revoke',
            objectType: 'api-token',
            objectId: id,
            before: null,
            after: { revokedAt: at },
          },
          at,
        );
      });
    },

    async apiTokens(actor: Actor): Promise<ReadonlyArray<Omit<StoredApiToken, 'tokenHash'>>> {
      const list = await tx.transaction(({ users }) => users.apiTokensOf(actor.userId));
      return list.map(({ tokenHash: _omit, ...rest }) => rest);
    },
  };
}

export type Authentication = ReturnType<typeof createAuthentication>;
