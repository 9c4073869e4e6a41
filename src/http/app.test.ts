import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DomainError } from '../domain/errors.ts';
import { actorOf, buildApp } from './app.ts';
import { healthRoutes } from './routes/health-routes.ts';

async function testApp() {
  return buildApp({
    authenticate: async () => null,
    routes: [
      healthRoutes(async () => ({ dialect: 'sqlite' })),
      (app) => {
        app.post(
          '/api/echo',
          { schema: { body: z.object({ n: z.number().int().min(1) }) } },
          async (req) => ({ n: req.body.n }),
        );
        app.get('/api/private', async (req) => ({ user: actorOf(req).username }));
        app.get('/api/conflict', async () => {
          throw new DomainError('CONFLICT', 'changed meanwhile');
        });
      },
    ],
  });
}

describe('the HTTP app', () => {
  it('answers the health check', async () => {
    const app = await testApp();
    const r = await app.inject({ method: 'GET', url: '/api/health' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'ok', store: 'sqlite' });
  });

  it('serves an OpenAPI 3.1 document and the browsable docs', async () => {
    const app = await testApp();
    const spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toContain('/api/health');
    const docs = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('reports invalid bodies as problem+json naming the field', async () => {
    const app = await testApp();
    const r = await app.inject({ method: 'POST', url: '/api/echo', payload: { n: 0 } });
    expect(r.statusCode).toBe(422);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(r.json()).toMatchObject({ status: 422, code: 'VALIDATION', instance: '/api/echo' });
    expect(r.json().problems[0].field).toBe('body.n');
  });

  it('maps domain errors to their status codes in one place', async () => {
    const app = await testApp();
    expect((await app.inject({ method: 'GET', url: '/api/private' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/conflict' })).json()).toMatchObject({
      status: 409,
      code: 'CONFLICT',
      detail: 'changed meanwhile',
    });
    const missing = await app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/problem\+json/);
  });
});
