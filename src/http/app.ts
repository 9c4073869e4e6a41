import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyRequest,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Actor } from '../domain/actor.ts';
import { DomainError } from '../domain/errors.ts';
import { errorHandler, toProblem } from './error-handler.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated actor, or null (resolved once per request by the `authenticate` dependency). */
    actor: Actor | null;
  }
}

export type TocsinApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** How the app learns who is calling: session cookie or bearer token → actor (or null). */
export type Authenticate = (request: FastifyRequest) => Promise<Actor | null>;

export interface AppOptions {
  readonly authenticate: Authenticate;
  /** Route modules, each registering the routes of one noun. */
  readonly routes: ReadonlyArray<(app: TocsinApp) => void | Promise<void>>;
  readonly logger?: boolean;
  /** Extra JSON body limit (imports). */
  readonly bodyLimitBytes?: number;
}

/** The authenticated actor of a request; throws UNAUTHENTICATED when there is none. */
export function actorOf(request: FastifyRequest): Actor {
  if (request.actor === null)
    throw new DomainError(
      'UNAUTHENTICATED',
      'sign in first (session cookie or Authorization: Bearer <API token>)',
    );
  return request.actor;
}

/** Builds the HTTP API: JSON validated by zod, problem+json errors, OpenAPI 3.1 and browsable docs. */
export async function buildApp(options: AppOptions): Promise<TocsinApp> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimitBytes ?? 50 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) => {
    void reply
      .status(404)
      .type('application/problem+json')
      .send(
        toProblem(new DomainError('NOT_FOUND', `no route ${request.method} ${request.url}`), request.url),
      );
  });
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tocsin API',
        version: '0.1.0',
        description: 'Biosecurity early warning and response: signals, assessments, events, tasks, audit.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'tocsin_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    request.actor = await options.authenticate(request);
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  for (const register of options.routes) await register(app);
  return app;
}
