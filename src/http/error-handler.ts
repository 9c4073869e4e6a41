import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DetectionInputError, DetectionOptionsError } from '../detection/errors.ts';
import { DomainError, type DomainErrorCode } from '../domain/errors.ts';

/**
 * The one place that knows HTTP status codes. Every error leaves as `application/problem+json`
 * (RFC 9457): type, title, status, detail, instance, plus `code` and machine-readable extensions.
 */
const STATUS: Readonly<Record<DomainErrorCode, number>> = {
  NOT_FOUND: 404,
  CONFLICT: 409,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  VALIDATION: 422,
  INVALID_TRANSITION: 409,
  RATE_LIMITED: 429,
};

const TITLE: Readonly<Record<number, string>> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Invalid input',
  429: 'Too many requests',
  500: 'Internal error',
};

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance: string;
  readonly code: string;
  readonly [extension: string]: unknown;
}

export function statusFor(code: DomainErrorCode): number {
  return STATUS[code];
}

export function toProblem(err: unknown, instance: string): Problem {
  const make = (
    status: number,
    code: string,
    detail: string,
    ext: Record<string, unknown> = {},
  ): Problem => ({
    type: `https://tocsin.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`,
    title: TITLE[status] ?? 'Error',
    status,
    detail,
    instance,
    code,
    ...ext,
  });
  if (err instanceof DomainError) return make(STATUS[err.code], err.code, err.message, err.details ?? {});
  if (err instanceof DetectionOptionsError)
    return make(422, 'VALIDATION', err.message, { problems: err.problems });
  if (err instanceof DetectionInputError)
    return make(422, 'VALIDATION', err.message, { problems: [{ field: err.field, message: err.message }] });
  if (typeof err === 'object' && err !== null && hasZodFastifySchemaValidationErrors(err)) {
    const problems = err.validation.map((v) => ({
      field: `${err.validationContext ?? 'body'}${v.instancePath.replaceAll('/', '.')}`,
      message: v.message ?? 'invalid',
    }));
    return make(422, 'VALIDATION', problems.map((p) => `${p.field}: ${p.message}`).join('; '), { problems });
  }
  const fe = err as Partial<FastifyError>;
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return make(fe.statusCode, fe.code ?? 'BAD_REQUEST', fe.message ?? 'bad request');
  }
  return make(500, 'INTERNAL', 'an unexpected error occurred; it has been logged');
}

export function errorHandler(err: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const problem = toProblem(err, request.url);
  if (problem.status >= 500) request.log.error({ err }, 'unhandled error');
  void reply.status(problem.status).type('application/problem+json').send(problem);
}
