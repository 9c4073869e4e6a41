import { z } from 'zod';
import type { Config } from '../../config/config.ts';
import type { Authentication } from '../../services/authentication.ts';
import type { ManageUsers } from '../../services/manage-users.ts';
import { actorOf, type TocsinApp } from '../app.ts';

export const SESSION_COOKIE = 'tocsin_session';

const ActorView = z.object({
  userId: z.string(),
  username: z.string(),
  role: z.string(),
  departmentId: z.string().nullable(),
  jurisdictionPlaceId: z.string(),
  jurisdictionPath: z.string(),
});

/** Sign-in, sign-out, who am I, and the caller's API tokens. */
export function authRoutes(deps: {
  readonly auth: Authentication;
  readonly users: ManageUsers;
  readonly config: Pick<Config, 'secureCookies'>;
}) {
  return (app: TocsinApp): void => {
    app.post(
      '/api/auth/login',
      {
        schema: {
          tags: ['auth'],
          summary: 'Sign in; sets an HttpOnly session cookie',
          security: [],
          body: z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(1000) }),
          response: { 200: z.object({ actor: ActorView, expiresAt: z.string() }) },
        },
      },
      async (request, reply) => {
        const r = await deps.auth.login(request.body.username, request.body.password, request.ip);
        void reply.setCookie(SESSION_COOKIE, r.sessionToken, {
          httpOnly: true,
          sameSite: 'lax',
          secure: deps.config.secureCookies,
          path: '/',
          expires: new Date(r.expiresAt),
        });
        return { actor: r.actor, expiresAt: r.expiresAt };
      },
    );
    app.post(
      '/api/auth/logout',
      { schema: { tags: ['auth'], summary: 'Sign out (ends the session)', response: { 204: z.null() } } },
      async (request, reply) => {
        const token = request.cookies[SESSION_COOKIE];
        if (token !== undefined) await deps.auth.logout(token);
        void reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    );
    app.get(
      '/api/auth/me',
      { schema: { tags: ['auth'], summary: 'The signed-in actor', response: { 200: ActorView } } },
      async (request) => actorOf(request),
    );
    app.post(
      '/api/auth/tokens',
      {
        schema: {
          tags: ['auth'],
          summary: 'Create an API token for machine clients (the secret is shown once)',
          body: z.object({ name: z.string().min(1).max(100) }),
          response: { 201: z.object({ id: z.string(), token: z.string() }) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await deps.auth.createApiToken(actorOf(request), request.body.name)),
    );
    app.get(
      '/api/auth/tokens',
      {
        schema: {
          tags: ['auth'],
          summary: "The caller's API tokens (without secrets)",
          response: {
            200: z.array(
              z.object({
                id: z.string(),
                name: z.string(),
                createdAt: z.string(),
                lastUsedAt: z.string().nullable(),
                revokedAt: z.string().nullable(),
              }),
            ),
          },
        },
      },
      async (request) => (await deps.auth.apiTokens(actorOf(request))).map(({ userId: _u, ...t }) => t),
    );
    app.delete(
      '/api/auth/tokens/:id',
      {
        schema: {
          tags: ['auth'],
          summary: 'Revoke an API token',
          params: z.object({ id: z.string() }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await deps.auth.revokeApiToken(actorOf(request), request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}

const UserView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  departmentId: z.string().nullable(),
  jurisdictionPlaceId: z.string(),
  jurisdictionPath: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
  version: z.number(),
});

/** Administration of users (admins only). */
export function userRoutes(deps: { readonly users: ManageUsers }) {
  return (app: TocsinApp): void => {
    app.get(
      '/api/users',
      {
        schema: {
          tags: ['users'],
          summary: 'List users',
          querystring: z.object({
            limit: z.coerce.number().int().min(1).max(500).default(100),
            offset: z.coerce.number().int().min(0).default(0),
          }),
          response: { 200: z.object({ items: z.array(UserView), total: z.number() }) },
        },
      },
      async (request) => {
        const page = await deps.users.list(actorOf(request), request.query.limit, request.query.offset);
        return { items: [...page.items], total: page.total };
      },
    );
    app.post(
      '/api/users',
      {
        schema: {
          tags: ['users'],
          summary: 'Create a user',
          body: z.object({
            username: z.string(),
            displayName: z.string(),
            password: z.string(),
            role: z.string(),
            departmentId: z.string().nullable().default(null),
            jurisdictionPlaceId: z.string(),
          }),
          response: { 201: UserView },
        },
      },
      async (request, reply) => reply.status(201).send(await deps.users.add(actorOf(request), request.body)),
    );
    app.get(
      '/api/users/directory',
      {
        schema: {
          tags: ['users'],
          summary:
            'The active users in your jurisdiction, to choose an assignee (signal:triage, task:assign, task:update or event:manage)',
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.string(),
                  username: z.string(),
                  displayName: z.string(),
                  role: z.string(),
                  departmentId: z.string().nullable(),
                  jurisdictionPath: z.string(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => ({ items: [...(await deps.users.directory(actorOf(request)))] }),
    );
    app.get(
      '/api/users/:id',
      {
        schema: {
          tags: ['users'],
          summary: 'One user',
          params: z.object({ id: z.string() }),
          response: { 200: UserView },
        },
      },
      async (request) => deps.users.get(actorOf(request), request.params.id),
    );
    app.patch(
      '/api/users/:id',
      {
        schema: {
          tags: ['users'],
          summary:
            'Change a user (role, department, jurisdiction, active, password); needs the version you read',
          params: z.object({ id: z.string() }),
          body: z.object({
            version: z.number().int(),
            reason: z.string().optional(),
            displayName: z.string().optional(),
            role: z.string().optional(),
            departmentId: z.string().nullable().optional(),
            jurisdictionPlaceId: z.string().optional(),
            active: z.boolean().optional(),
            password: z.string().optional(),
          }),
          response: { 200: UserView },
        },
      },
      async (request) => {
        const { version, reason, ...changes } = request.body;
        return deps.users.update(actorOf(request), request.params.id, version, changes, reason);
      },
    );
  };
}
