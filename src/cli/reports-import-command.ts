import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import type { Actor } from '../domain/actor.ts';
import { DomainError } from '../domain/errors.ts';
import { type ReportItem, reportItemFromJson } from '../domain/report.ts';
import type { IngestOutcome, IngestReports } from '../services/ingest-reports.ts';
import type { ManageSources } from '../services/manage-sources.ts';
import { InputFileError, UsageError } from './input-error.ts';
import { decodeLines, MAX_LINE_CHARS } from './reports-tag-command.ts';

/** What `tocsin reports import` needs; `main/` opens the store only when the command runs. */
export interface ReportsImportDeps {
  readonly io: {
    readonly stdout: (text: string) => void;
    readonly stderr: (text: string) => void;
    readonly setExitCode: (code: number) => void;
  };
  readonly open: () => Promise<{
    readonly ingest: IngestReports;
    readonly sources: ManageSources;
    readonly actor: Actor;
  }>;
}

/** The source files are imported under unless --source names another. */
export const DEFAULT_FILE_SOURCE = 'file import';

/** Reads report items from JSONL bytes: the items and a message per bad line (line numbers from 1). */
export function reportItemsFromJsonl(bytes: Uint8Array): {
  readonly items: ReportItem[];
  readonly lines: number[];
  readonly problems: Array<{ readonly line: number; readonly problem: string }>;
} {
  const items: ReportItem[] = [];
  const lines: number[] = [];
  const problems: Array<{ line: number; problem: string }> = [];
  decodeLines(bytes).forEach((line, i) => {
    const n = i + 1;
    if (line instanceof Error) {
      problems.push({ line: n, problem: line.message });
      return;
    }
    const trimmed = line.trim();
    if (trimmed === '') return;
    if (trimmed.length > MAX_LINE_CHARS) {
      problems.push({ line: n, problem: `line longer than ${MAX_LINE_CHARS} characters` });
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (err) {
      problems.push({ line: n, problem: `not valid JSON: ${(err as Error).message}` });
      return;
    }
    try {
      items.push(reportItemFromJson(value));
      lines.push(n);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      problems.push({ line: n, problem: err.message });
    }
  });
  return { items, lines, problems };
}

/**
 * Reads report items from CSV with a header row naming the same fields as the JSON lines (id, title,
 * text or content/html/summary, url or link, published). Line numbers count the header as line 1.
 */
export function reportItemsFromCsv(text: string): ReturnType<typeof reportItemsFromJsonl> {
  const items: ReportItem[] = [];
  const lines: number[] = [];
  const problems: Array<{ line: number; problem: string }> = [];
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }) as Array<{ record: Record<string, string>; info: { lines: number } }>;
  } catch (err) {
    const e = err as { lines?: number; message: string };
    problems.push({ line: e.lines ?? 1, problem: `not valid CSV: ${e.message}` });
    return { items, lines, problems };
  }
  for (const { record, info } of records) {
    const values = Object.fromEntries(Object.entries(record).filter(([, v]) => v !== ''));
    try {
      items.push(reportItemFromJson(values));
      lines.push(info.lines);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      problems.push({ line: info.lines, problem: err.message });
    }
  }
  return { items, lines, problems };
}

export function summariseIngest(o: IngestOutcome): string {
  return (
    `${o.stored} report(s) stored, ${o.duplicates} duplicate(s) linked, ${o.alreadyStored} already stored, ` +
    `${o.errors} rejected; ${o.storiesOpened} signal(s) opened, ${o.storiesUpdated} updated`
  );
}

/**
 * `tocsin reports import FILE.jsonl|FILE.csv [--source NAME]`: stores the reports of a file (the JSON
 * lines of `reports tag`, or CSV with those fields as columns) under a file source. Bad lines are reported with their number and skipped; the good
 * ones are stored in one transaction (all or none). Re-importing the file stores nothing twice.
 */
export async function runReportsImport(
  file: string,
  flags: { readonly source?: string },
  deps: ReportsImportDeps,
): Promise<IngestOutcome> {
  const { io } = deps;
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new InputFileError(file, undefined, undefined, code === 'ENOENT' ? 'no such file' : String(err));
  }
  const csv = extname(file).toLowerCase() === '.csv';
  let decoded: string | undefined;
  if (csv) {
    try {
      decoded = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new InputFileError(file, undefined, undefined, 'not valid UTF-8 (convert the file to UTF-8)');
    }
  }
  const { items, lines, problems } =
    decoded === undefined ? reportItemsFromJsonl(bytes) : reportItemsFromCsv(decoded);
  for (const p of problems) io.stderr(`${new InputFileError(file, p.line, undefined, p.problem).message}\n`);
  const { ingest, sources, actor } = await deps.open();
  const name = flags.source ?? DEFAULT_FILE_SOURCE;
  if (name.trim() === '') throw new UsageError('--source needs a name');
  const source = (await sources.byName(actor, name)) ?? (await sources.add(actor, { name, kind: 'file' }));
  const outcome = await ingest(actor, source.id, items);
  for (const o of outcome.items)
    if (o.status === 'error')
      io.stderr(`${new InputFileError(file, lines[o.index], undefined, o.message).message}\n`);
  for (const w of outcome.warnings) io.stderr(`${file}: warning: ${w}\n`);
  io.stdout(`${summariseIngest(outcome)}\n`);
  const rejected = problems.length + outcome.errors;
  if (rejected > 0 && outcome.stored + outcome.duplicates + outcome.alreadyStored === 0) io.setExitCode(2);
  return outcome;
}

export function registerReportsImportCommand(program: Command, deps: ReportsImportDeps): void {
  let reports = program.commands.find((c) => c.name() === 'reports');
  reports ??= program.command('reports').description('event-based surveillance reports');
  reports
    .command('import')
    .description(
      'store reports from JSON lines ({"id","title","text","url","published"}): tags them, links duplicates, opens or updates event-based signals',
    )
    .argument('<file>', 'the JSONL file (or .csv with a header row of the same field names)')
    .option('--source <name>', `the source to file them under (default "${DEFAULT_FILE_SOURCE}")`)
    .action(async (file: string, flags: { source?: string }) => {
      await runReportsImport(file, flags, deps);
    });
}
