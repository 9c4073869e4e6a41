/**
 * Typed domain errors. Each carries a stable `code`; only `http/error-handler.ts` maps codes to HTTP
 * status codes and only `cli/exit-codes.ts` maps them to exit codes.
 */
export type DomainErrorCode =
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'VALIDATION'
  | 'INVALID_TRANSITION'
  | 'RATE_LIMITED';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** Machine-readable details (e.g. the field problems of a validation error). */
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string, id: string): DomainError =>
  new DomainError('NOT_FOUND', `${what} ${id} not found`, { what, id });

/** Optimistic versioning: somebody else changed the record since the caller read it. */
export const conflict = (
  what: string,
  id: string,
  expectedVersion: number,
  actualVersion: number | undefined,
): DomainError =>
  new DomainError(
    'CONFLICT',
    `${what} ${id} was changed by someone else (you had version ${expectedVersion}, it is now ${actualVersion ?? 'gone'}); reload and try again`,
    { what, id, expectedVersion, actualVersion },
  );

export const forbidden = (message: string): DomainError => new DomainError('FORBIDDEN', message);

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

export const invalid = (problems: ReadonlyArray<FieldProblem>): DomainError =>
  new DomainError('VALIDATION', problems.map((p) => `${p.field}: ${p.message}`).join('; '), { problems });
