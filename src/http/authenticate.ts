import type { FastifyRequest } from 'fastify';
import type { Actor } from '../domain/actor.ts';
import type { Authentication } from '../services/authentication.ts';
import { SESSION_COOKIE } from './routes/auth-routes.ts';

/** Resolves the caller from `Authorization: Bearer <API token>` or the session cookie. */
export function authenticateWith(auth: Authentication) {
  return async (request: FastifyRequest): Promise<Actor | null> => {
    const header = request.headers.authorization;
    if (header !== undefined) {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      return m === null ? null : auth.actorForApiToken(m[1]);
    }
    const cookie = request.cookies[SESSION_COOKIE];
    return cookie === undefined ? null : auth.actorForSession(cookie);
  };
}
