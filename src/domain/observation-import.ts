/**
 * An import of observations: all rows of one file or request, written together or not at all. The
 * record says how many rows were new (inserted), corrected (revised: a new revision) and unchanged, and
 * keeps the content's SHA-256, so re-importing the same file is visibly a no-op.
 */
import { DomainError } from './errors.ts';
import type { Page } from './page.ts';

/** How many problems a rejected file reports at most. */
export const MAX_IMPORT_PROBLEMS = 50;

/** One thing wrong with an import: where (CSV line and column, or JSON record), which field, what was expected. */
export interface ImportProblem {
  readonly line?: number;
  readonly record?: number;
  /** 1-based column in the CSV, or null when the problem is not about one column. */
  readonly column: number | null;
  readonly field: string;
  readonly message: string;
}

export interface ImportRecord {
  readonly id: string;
  readonly kind: 'observations';
  readonly fileName: string;
  readonly sha256: string;
  readonly rows: number;
  readonly inserted: number;
  readonly revised: number;
  readonly unchanged: number;
  readonly actorId: string;
  readonly createdAt: string;
}

/** The outcome of an accepted import. */
export interface ImportOutcome {
  readonly record: ImportRecord;
  readonly seriesCreated: number;
}

/** Progress of a long import, for a progress bar. */
export interface ImportProgress {
  readonly phase: 'reading' | 'checking' | 'writing' | 'done';
  readonly done: number;
  readonly total: number;
}

export interface ImportRepository {
  insert(record: ImportRecord): Promise<void>;
  byId(id: string): Promise<ImportRecord | undefined>;
  /** Newest first. */
  list(limit: number, offset: number): Promise<Page<ImportRecord>>;
}

export function describeProblem(p: ImportProblem): string {
  const where =
    p.line !== undefined ? `line ${p.line}` : p.record !== undefined ? `record ${p.record}` : 'file';
  const column = p.column === null ? '' : `, column ${p.column}`;
  return `${where}${column} (${p.field}): ${p.message}`;
}

/** The whole file is rejected: VALIDATION with every problem (up to the cap) in `details.problems`. */
export function importRejected(
  fileName: string,
  problems: ReadonlyArray<ImportProblem>,
  truncated: boolean,
): DomainError {
  const shown = problems.slice(0, 5).map(describeProblem).join('; ');
  const more =
    problems.length > 5 || truncated ? `; … (${problems.length}${truncated ? '+' : ''} problems in all)` : '';
  return new DomainError('VALIDATION', `${fileName}: rejected, nothing was imported — ${shown}${more}`, {
    fileName,
    truncated,
    problems: problems.map((p) => ({ ...p, field: p.field, message: p.message })),
  });
}
