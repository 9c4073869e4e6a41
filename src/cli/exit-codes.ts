import { DetectionInputError, DetectionOptionsError } from '../detection/errors.ts';
import { DomainError } from '../domain/errors.ts';
import { InputFileError, UsageError } from './input-error.ts';

/**
 * The one place that maps errors to process exit codes: 2 for bad input or usage (the user can fix
 * it), 1 for anything else.
 */
export function exitCodeFor(err: unknown): number {
  if (err instanceof InputFileError || err instanceof UsageError) return 2;
  if (err instanceof DetectionInputError || err instanceof DetectionOptionsError) return 2;
  if (err instanceof DomainError) return err.code === 'VALIDATION' || err.code === 'NOT_FOUND' ? 2 : 1;
  if (err instanceof Error && err.name === 'ConfigError') return 2;
  return 1;
}

export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
