import { type FieldProblem, invalid } from './errors.ts';

/** One page of a list (offset paging) with the total number of matches. */
export interface Page<T> {
  readonly items: ReadonlyArray<T>;
  readonly total: number;
}

/** Paging limits every list endpoint shares. */
export const MAX_PAGE_SIZE = 500;

/** Resolves and checks a requested page; throws VALIDATION naming `limit` or `offset`. */
export function pageWindow(
  requested: { readonly limit?: number; readonly offset?: number },
  defaultLimit = 50,
): { readonly limit: number; readonly offset: number } {
  const limit = requested.limit ?? defaultLimit;
  const offset = requested.offset ?? 0;
  const problems: FieldProblem[] = [];
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE)
    problems.push({ field: 'limit', message: `from 1 to ${MAX_PAGE_SIZE}` });
  if (!Number.isInteger(offset) || offset < 0) problems.push({ field: 'offset', message: '0 or more' });
  if (problems.length > 0) throw invalid(problems);
  return { limit, offset };
}
