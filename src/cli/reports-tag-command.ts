import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { type BinaryModel, isBoostedTrees } from '../text/binary-model.ts';
import { contentKey } from '../text/content-key.ts';
import { htmlToText, looksLikeHtml } from '../text/html-to-text.ts';
import type { LogisticModel } from '../text/logistic-model.ts';
import { hashTokens, minHashSignature } from '../text/minhash.ts';
import { type DuplicateLink, NearDuplicateIndex } from '../text/near-duplicate-index.ts';
import { normaliseText } from '../text/normalise-text.ts';
import {
  createReportTagger,
  type ReportTagger,
  type ReportTaggerModels,
  type ReportTags,
  RULE_MODELS,
} from '../text/report-tagger.ts';
import {
  buildTaggingLexicon,
  type HazardTermCuration,
  type HazardVocabularyEntry,
  type PlaceTermCuration,
  type PlaceVocabularyEntry,
  type TaggingLexicon,
} from '../text/tagging-lexicon.ts';
import type { CliIo } from './detect-command.ts';
import { InputFileError, UsageError } from './input-error.ts';
import { readInputJson, writeFileAtomically } from './input-files.ts';

/** The bundled vocabularies and models, relative to the datasets folder. */
export const TAGGER_FILES = Object.freeze({
  hazards: 'reference/hazards.json',
  places: 'reference/places.json',
  hazardTerms: 'text/hazard-terms.json',
  placeTerms: 'text/place-terms.json',
  models: 'text/tagging-models.json',
});

interface ModelsFile {
  readonly affectedCountry: BinaryModel;
  readonly salientHazard: BinaryModel;
  readonly relevance: LogisticModel;
}

/** A model read from the file, checked against the features the code computes. */
function checkModel<M extends BinaryModel>(
  file: string,
  name: string,
  model: M | undefined,
  like: BinaryModel,
): M {
  const shaped =
    model !== undefined &&
    Array.isArray(model.features) &&
    model.features.join() === like.features.join() &&
    (isBoostedTrees(model)
      ? Array.isArray(model.trees) && typeof model.base === 'number'
      : Array.isArray(model.weights) && model.weights.length === like.features.length);
  if (!shaped)
    throw new InputFileError(
      file,
      undefined,
      name,
      `expected a model over features ${like.features.join(', ')}`,
    );
  return model;
}

export interface LoadedTagger {
  readonly tagger: ReportTagger;
  readonly lexicon: TaggingLexicon;
  readonly models: ReportTaggerModels;
  /** Curation entries that name nothing in the vocabularies. */
  readonly problems: ReadonlyArray<string>;
}

/** Builds the report tagger from the bundled files; `models: 'rules'` uses the hand-set baseline weights. */
export function loadReportTagger(datasetsDir: string, models: 'trained' | 'rules' = 'trained'): LoadedTagger {
  const path = (p: string): string => join(datasetsDir, p);
  const lexicon = buildTaggingLexicon({
    hazards: readInputJson<HazardVocabularyEntry[]>(path(TAGGER_FILES.hazards)),
    places: readInputJson<PlaceVocabularyEntry[]>(path(TAGGER_FILES.places)),
    hazardTerms: readInputJson<HazardTermCuration>(path(TAGGER_FILES.hazardTerms)),
    placeTerms: readInputJson<PlaceTermCuration>(path(TAGGER_FILES.placeTerms)),
  });
  let chosen: ReportTaggerModels = RULE_MODELS;
  if (models === 'trained') {
    const file = path(TAGGER_FILES.models);
    const m = readInputJson<Partial<ModelsFile>>(file);
    chosen = {
      affectedCountry: checkModel(file, 'affectedCountry', m.affectedCountry, RULE_MODELS.affectedCountry),
      salientHazard: checkModel(file, 'salientHazard', m.salientHazard, RULE_MODELS.salientHazard),
      relevance: checkModel(file, 'relevance', m.relevance, RULE_MODELS.relevance),
    };
  }
  return { tagger: createReportTagger(lexicon, chosen), lexicon, models: chosen, problems: lexicon.problems };
}

/** One input report as the command reads it. */
export interface ReportInput {
  readonly id: string;
  readonly title: string;
  readonly text: string;
}

const BODY_FIELDS = ['text', 'content', 'html', 'description', 'summary', 'body'] as const;

/** Validates one parsed JSONL value; the problem is returned as text for a per-line error. */
export function reportFromJson(value: unknown, line: number): ReportInput | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'expected a JSON object';
  const o = value as Record<string, unknown>;
  const id = o.id ?? o.source_id ?? `line-${line}`;
  if (typeof id !== 'string' && typeof id !== 'number') return 'field "id" must be a string or a number';
  const title = o.title ?? o.headline ?? '';
  if (title !== null && typeof title !== 'string') return 'field "title" must be a string';
  let text = '';
  for (const f of BODY_FIELDS) {
    const v = o[f];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') return `field "${f}" must be a string`;
    text = v;
    break;
  }
  return { id: String(id), title: title ?? '', text };
}

export interface TaggedReportLine extends ReportTags {
  readonly id: string;
  /** The earlier report of the same input this one repeats, exactly or nearly; null if none. */
  readonly duplicateOf: {
    readonly id: string;
    readonly kind: 'exact' | 'near';
    readonly similarity: number;
  } | null;
}

/** Normalises, links to an earlier duplicate and tags one report. */
export function tagReportInput(
  tagger: ReportTagger,
  index: NearDuplicateIndex,
  report: ReportInput,
  warn: (problem: string) => void,
): TaggedReportLine {
  const clean = (s: string): string => {
    const n = normaliseText(looksLikeHtml(s) ? htmlToText(s) : s);
    if (n.truncated) warn('text cut to the first 200000 characters');
    if (n.garbled > 0.01)
      warn('text looks wrongly decoded (replacement characters or UTF-8 read as Latin-1)');
    return n.text;
  };
  const title = clean(report.title).replace(/\s+/g, ' ');
  const text = clean(report.text);
  const analysis = tagger.analyse(title, text);
  const hashes = hashTokens(analysis.forms);
  const key = contentKey(hashes);
  const signature = minHashSignature(hashes);
  let link: DuplicateLink;
  try {
    link = index.link(report.id, key, signature);
  } catch {
    warn(`id "${report.id}" appears twice; the later one is not used for duplicate links`);
    link = index.find(key, signature);
  }
  return {
    id: report.id,
    ...analysis.tags,
    duplicateOf:
      link.kind === 'new'
        ? null
        : { id: link.of, kind: link.kind, similarity: link.kind === 'exact' ? 1 : link.similarity },
  };
}

/** Splits a file into lines of text; a line that is not valid UTF-8 is returned as an error. */
export function decodeLines(bytes: Uint8Array): Array<string | Error> {
  // UTF-16 with a byte-order mark: decode as a whole
  if (
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  ) {
    const text = new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes);
    return text.split(/\r?\n/);
  }
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  const out: Array<string | Error> = [];
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 0x0a) continue;
    let end = i;
    if (end > start && bytes[end - 1] === 0x0d) end--;
    try {
      out.push(decoder.decode(bytes.subarray(start, end)));
    } catch {
      out.push(new Error('not valid UTF-8 (convert the file to UTF-8)'));
    }
    start = i + 1;
  }
  if (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

/** Longest accepted line; a larger one is reported and skipped. */
export const MAX_LINE_CHARS = 20_000_000;

interface TagFlags {
  readonly input?: string;
  readonly output?: string;
}

export function runReportsTag(flags: TagFlags, io: CliIo, loaded?: LoadedTagger): void {
  if (flags.input === undefined) throw new UsageError('reports tag needs --input FILE.jsonl');
  const file = flags.input;
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new InputFileError(file, undefined, undefined, code === 'ENOENT' ? 'no such file' : String(err));
  }
  const { tagger, problems } = loaded ?? loadReportTagger(io.datasetsDir);
  for (const p of problems) io.stderr(`tocsin: vocabulary: ${p}\n`);
  const index = new NearDuplicateIndex();
  const lines = decodeLines(bytes);
  const out: string[] = [];
  let failed = 0;
  let tagged = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const n = i + 1;
    const fail = (problem: string): void => {
      failed++;
      io.stderr(`${new InputFileError(file, n, undefined, problem).message}\n`);
    };
    if (line instanceof Error) {
      fail(line.message);
      continue;
    }
    const trimmed = line.trim();
    if (trimmed === '') continue;
    if (trimmed.length > MAX_LINE_CHARS) {
      fail(`line longer than ${MAX_LINE_CHARS} characters`);
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (err) {
      fail(`not valid JSON: ${(err as Error).message}`);
      continue;
    }
    const report = reportFromJson(value, n);
    if (typeof report === 'string') {
      fail(report);
      continue;
    }
    const result = tagReportInput(tagger, index, report, (w) => io.stderr(`${file}:${n}: warning: ${w}\n`));
    tagged++;
    const json = `${JSON.stringify(result)}\n`;
    if (flags.output === undefined) io.stdout(json);
    else out.push(json);
  }
  if (flags.output !== undefined) writeFileAtomically(flags.output, out.join(''));
  io.stderr(`tocsin: ${tagged} report(s) tagged, ${failed} line(s) with errors\n`);
  if (failed > 0 && tagged === 0) io.setExitCode(2);
}

export function registerReportsTagCommand(program: Command, io: CliIo): void {
  let reports = program.commands.find((c) => c.name() === 'reports');
  reports ??= program.command('reports').description('event-based surveillance reports');
  reports
    .command('tag')
    .description(
      'tag reports (JSONL) with language, relevance, affected countries, places, hazards, cases, deaths',
    )
    .option('--input <file>', 'reports as JSON lines: {"id","title","text"} (or "content"/"html"/"summary")')
    .option('--output <file>', 'write the tagged JSON lines to this file instead of stdout')
    .action((flags: TagFlags) => runReportsTag(flags, io));
}
