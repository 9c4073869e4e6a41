import { basename } from 'node:path';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { DETECTORS, findDetector } from '../detection/detectors/registry.ts';
import { DetectionInputError, DetectionOptionsError } from '../detection/errors.ts';
import { parseRCase } from '../detection/r-compat/r-case.ts';
import { runRCase } from '../detection/r-compat/run-r-case.ts';
import type { RangeSpec } from '../detection/range.ts';
import { isoWeekStart, parseIsoDate, parseIsoWeek } from '../detection/series/calendar.ts';
import type { Frequency } from '../detection/series/count-series.ts';
import { seriesFromCsv } from './csv-series.ts';
import { runDetections } from './detection-pool.ts';
import { outputRows, toCsv, toJsonLines, toTable } from './detection-table.ts';
import { InputFileError, UsageError } from './input-error.ts';
import { readInputText, writeFileAtomically } from './input-files.ts';

/** Where a command writes; injected so tests can capture output. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly stderrIsTty: boolean;
  /** The folder holding the bundled demo datasets. */
  readonly datasetsDir: string;
  setExitCode(code: number): void;
}

interface DetectFlags {
  readonly case?: string[];
  readonly input?: string;
  readonly algorithm?: string;
  readonly control?: string;
  readonly last?: string;
  readonly from?: string;
  readonly to?: string;
  readonly format: string;
  readonly output?: string;
  readonly frequency?: string;
  readonly threads?: string;
  readonly demo?: boolean;
  readonly list?: boolean;
  readonly alarmsOnly?: boolean;
  readonly progress?: boolean;
}

function positiveInt(flag: string, text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1)
    throw new UsageError(`${flag} expects a positive integer, got "${text}"`);
  return Number(text);
}

function dateFlag(flag: string, text: string): number {
  const d = parseIsoDate(text);
  if (d !== undefined) return d;
  const w = parseIsoWeek(text);
  if (w !== undefined) return isoWeekStart(w.year, w.week);
  throw new UsageError(`${flag} expects a date YYYY-MM-DD or an ISO week YYYY-Www, got "${text}"`);
}

function rangeSpec(flags: DetectFlags): RangeSpec {
  if (flags.last !== undefined && (flags.from !== undefined || flags.to !== undefined)) {
    throw new UsageError('use either --last N or --from/--to, not both');
  }
  if (flags.last !== undefined) return { kind: 'last', n: positiveInt('--last', flags.last) };
  if (flags.from !== undefined || flags.to !== undefined) {
    const from = flags.from === undefined ? Number.NEGATIVE_INFINITY : dateFlag('--from', flags.from);
    const to = flags.to === undefined ? Number.POSITIVE_INFINITY : dateFlag('--to', flags.to);
    if (from > to) throw new UsageError('--from is after --to');
    return { kind: 'dates', from, to };
  }
  return { kind: 'default' };
}

function parseControlFlag(text: string | undefined): unknown {
  if (text === undefined) return {};
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--control is not valid JSON: ${(err as Error).message}`);
  }
}

function runCases(files: ReadonlyArray<string>, io: CliIo): void {
  let failures = 0;
  for (const file of files) {
    let json: unknown;
    const text = readInputText(file);
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new InputFileError(file, undefined, undefined, `not valid JSON: ${(err as Error).message}`);
    }
    const cases = Array.isArray(json) ? json : [json];
    for (const raw of cases) {
      const id =
        typeof raw === 'object' && raw !== null && 'id' in raw ? (raw as { id: unknown }).id : basename(file);
      try {
        const c = parseRCase(raw);
        io.stdout(`${JSON.stringify({ id: c.id, result: runRCase(c) })}\n`);
      } catch (err) {
        if (!(err instanceof DetectionInputError || err instanceof DetectionOptionsError)) throw err;
        failures++;
        io.stdout(`${JSON.stringify({ id, error: { code: err.code, message: err.message } })}\n`);
      }
    }
  }
  if (failures > 0) io.setExitCode(1);
}

function listAlgorithms(io: CliIo): void {
  const w = Math.max(...DETECTORS.map((d) => d.name.length));
  for (const d of DETECTORS) io.stdout(`${d.name.padEnd(w)}  ${d.rFunction.padEnd(18)}  ${d.summary}\n`);
}

async function runInput(
  flags: DetectFlags,
  io: CliIo,
  file: string,
  algorithmName: string,
  control: unknown,
  titleLines: string[] = [],
): Promise<void> {
  const detector = findDetector(algorithmName);
  if (detector === undefined) {
    throw new UsageError(
      `unknown algorithm "${algorithmName}"; known: ${DETECTORS.map((d) => d.name).join(', ')}`,
    );
  }
  const format = flags.format;
  if (format !== 'table' && format !== 'csv' && format !== 'json') {
    throw new UsageError(`--format expects table, csv or json, got "${format}"`);
  }
  const frequency = flags.frequency as Frequency | undefined;
  if (frequency !== undefined && !['daily', 'weekly', 'monthly'].includes(frequency)) {
    throw new UsageError(`--frequency expects daily, weekly or monthly, got "${flags.frequency}"`);
  }
  const spec = rangeSpec(flags);
  detector.parseControl(control); // validates once, before any file is read
  const items = seriesFromCsv(file, readInputText(file), { frequency });
  const threads = flags.threads === undefined ? undefined : positiveInt('--threads', flags.threads);
  const showProgress = flags.progress ?? (io.stderrIsTty && items.length > 1);
  const bar = showProgress
    ? new SingleBar({
        stream: process.stderr,
        format: ' detecting |{bar}| {value}/{total} series  {eta_formatted} left',
        hideCursor: true,
        noTTYOutput: true,
        notTTYSchedule: 1000,
      })
    : undefined;
  bar?.start(items.length, 0);
  let outcomes: Awaited<ReturnType<typeof runDetections>>;
  try {
    outcomes = await runDetections(
      items,
      { algorithm: detector.name, control, range: spec },
      {
        threads,
        onProgress: (done) => bar?.update(done),
      },
    );
  } finally {
    bar?.stop();
  }
  for (const o of outcomes) if (!o.ok) io.stderr(`series "${o.id}": no result: ${o.error.message}\n`);
  let rows = outputRows(items, outcomes);
  if (flags.alarmsOnly) rows = rows.filter((r) => r.alarm === true);
  const body =
    format === 'csv'
      ? toCsv(rows)
      : format === 'json'
        ? toJsonLines(rows)
        : `${titleLines.join('\n')}${titleLines.length > 0 ? '\n' : ''}${toTable(rows)}`;
  if (flags.output !== undefined) writeFileAtomically(flags.output, body);
  else io.stdout(body);
  if (outcomes.every((o) => !o.ok)) io.setExitCode(1);
}

/** The bundled demo: Salmonella Newport in Germany's 16 states, improved Farrington (Noufaily) settings. */
export const DEMO_DATASET = 'salmNewport.csv';
export const DEMO_FROM = '2011-09-01';
export const DEMO_CONTROL = Object.freeze({
  b: 5,
  w: 3,
  noPeriods: 10,
  pastWeeksNotIncluded: 26,
  weightsThreshold: 2.58,
  pThresholdTrend: 1,
  thresholdMethod: 'nbPlugin',
});

export function registerDetectCommand(program: Command, io: CliIo): void {
  program
    .command('detect')
    .description('run outbreak detection on count series (R surveillance methods)')
    .option(
      '--case <files...>',
      'golden-schema JSON case files: print one {"id","result"} JSON line per case',
    )
    .option('--input <file>', 'CSV of counts: long series,date,count[,population] or wide date,<series>…')
    .option('--algorithm <name>', 'detection method (see --list)')
    .option('--control <json>', 'R-style control list as JSON, e.g. \'{"b":5,"w":3}\'')
    .option('--last <n>', 'monitor the last N epochs of each series')
    .option('--from <date>', 'first monitored epoch (YYYY-MM-DD or YYYY-Www)')
    .option('--to <date>', 'last monitored epoch (YYYY-MM-DD or YYYY-Www)')
    .option('--format <format>', 'table, csv or json (one JSON object per line)', 'table')
    .option('--output <file>', 'write to this file instead of stdout (only once everything succeeded)')
    .option('--frequency <f>', 'daily, weekly or monthly (default: inferred from the dates)')
    .option('--threads <n>', 'worker threads (default: all cores)')
    .option('--alarms-only', 'print only the monitored points that raised an alarm')
    .option('--progress', 'show a progress bar on stderr even when it is not a terminal')
    .option('--demo', 'run on the bundled salmNewport data (RKI, 16 German states)')
    .option('--list', 'list the available algorithms')
    .action(async (flags: DetectFlags) => {
      if (flags.list) return listAlgorithms(io);
      if (flags.case !== undefined) return runCases(flags.case, io);
      if (flags.demo) {
        const file = `${io.datasetsDir}/${DEMO_DATASET}`;
        const custom = flags.last !== undefined || flags.from !== undefined || flags.to !== undefined;
        const demoFlags: DetectFlags = {
          ...flags,
          from: custom ? flags.from : DEMO_FROM,
          alarmsOnly: custom ? flags.alarmsOnly : true,
        };
        const algorithm = flags.algorithm ?? 'farringtonFlexible';
        return runInput(
          demoFlags,
          io,
          file,
          algorithm,
          flags.control === undefined ? DEMO_CONTROL : parseControlFlag(flags.control),
          [
            'Tocsin demo — Salmonella Newport, weekly cases in the 16 German federal states, 2004–2014',
            '(RKI SurvStat via the R package surveillance; includes the autumn 2011 outbreak traced to mung bean sprouts).',
            `Method: ${algorithm} ${flags.control ?? JSON.stringify(DEMO_CONTROL)}`,
            custom
              ? ''
              : `Alarms raised from ${DEMO_FROM} to the end of the data (add --format csv, or --from/--to/--last for other weeks):`,
            '',
          ],
        );
      }
      if (flags.input === undefined)
        throw new UsageError('give --case FILE…, --input FILE.csv --algorithm NAME, --demo or --list');
      if (flags.algorithm === undefined) throw new UsageError('--input needs --algorithm NAME (see --list)');
      return runInput(flags, io, flags.input, flags.algorithm, parseControlFlag(flags.control));
    });
}
