import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from './detect-command.ts';
import { InputFileError, UsageError } from './input-error.ts';
import {
  decodeLines,
  type LoadedTagger,
  loadReportTagger,
  registerReportsTagCommand,
  reportFromJson,
  runReportsTag,
} from './reports-tag-command.ts';

const datasetsDir = fileURLToPath(new URL('../../datasets', import.meta.url));
const fixtures = fileURLToPath(new URL('../../test/fixtures/ebs', import.meta.url));

interface Captured {
  io: CliIo;
  out: string[];
  err: string[];
  exitCode: () => number | undefined;
}

function capture(): Captured {
  const out: string[] = [];
  const err: string[] = [];
  let code: number | undefined;
  return {
    io: {
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
      stderrIsTty: false,
      datasetsDir,
      setExitCode: (c) => {
        code = c;
      },
    },
    out,
    err,
    exitCode: () => code,
  };
}

const lines = (chunks: string[]): Record<string, unknown>[] =>
  chunks
    .join('')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

let loaded: LoadedTagger;
let tmp: string;

beforeAll(() => {
  loaded = loadReportTagger(datasetsDir);
  tmp = mkdtempSync(join(tmpdir(), 'tocsin-reports-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('tocsin reports tag', () => {
  it('writes one JSON line per report with the documented fields', () => {
    const c = capture();
    runReportsTag({ input: join(fixtures, 'reports.jsonl') }, c.io, loaded);
    const out = lines(c.out);
    expect(out).toHaveLength(10);
    for (const r of out)
      expect(Object.keys(r)).toEqual(
        expect.arrayContaining([
          'id',
          'language',
          'relevance',
          'countries',
          'places',
          'hazards',
          'cases',
          'deaths',
        ]),
      );
    const first = out[0];
    expect(first).toMatchObject({
      id: 'en-1',
      language: 'en',
      countries: ['HT'],
      hazards: [{ id: 'cholera', name: 'Cholera', icd10: 'A00.0' }],
      cases: 1234,
      deaths: 56,
      duplicateOf: null,
    });
    expect(c.exitCode()).toBeUndefined();
    expect(c.err.join('')).toContain('10 report(s) tagged, 0 line(s) with errors');
  });

  it('tags the reports of every language of the fixture with their country', () => {
    const c = capture();
    runReportsTag({ input: join(fixtures, 'reports.jsonl') }, c.io, loaded);
    const byId = new Map(lines(c.out).map((r) => [r.id, r]));
    const expected: Record<string, [string, string]> = {
      'fr-1': ['fr', 'NG'],
      'es-1': ['es', 'PE'],
      'ar-1': ['ar', 'YE'],
      'ru-1': ['ru', 'RU'],
      'zh-1': ['zh', 'CN'],
      'pt-1': ['pt', 'BR'],
      'de-1': ['de', 'DE'],
    };
    for (const [id, [language, country]] of Object.entries(expected)) {
      expect(byId.get(id)).toMatchObject({ language, countries: [country] });
    }
    expect(byId.get('budget')).toMatchObject({ countries: [], hazards: [] });
  });

  it('links a copy that differs only in markup and punctuation to the first report, and keeps it', () => {
    const c = capture();
    runReportsTag({ input: join(fixtures, 'reports.jsonl') }, c.io, loaded);
    const copy = lines(c.out).find((r) => r.id === 'en-1-copy');
    expect(copy?.duplicateOf).toEqual({ id: 'en-1', kind: 'exact', similarity: 1 });
    expect(copy?.countries).toEqual(['HT']);
  });

  it('reports each bad line by number and goes on with the rest', () => {
    const c = capture();
    const file = join(fixtures, 'bad-lines.jsonl');
    runReportsTag({ input: file }, c.io, loaded);
    expect(lines(c.out).map((r) => r.id)).toEqual(['ok-1', 'xss', 'ok-2']);
    const err = c.err.join('');
    expect(err).toContain(`${file}:2: not valid JSON`);
    expect(err).toContain(`${file}:3: expected a JSON object`);
    expect(err).toContain(`${file}:4: not valid UTF-8`);
    expect(err).toContain(`${file}:6: field "text" must be a string`);
    expect(err).toContain('3 report(s) tagged, 4 line(s) with errors');
    expect(c.exitCode()).toBeUndefined();
  });

  it('strips markup and scripts from a title before tagging it', () => {
    const c = capture();
    runReportsTag({ input: join(fixtures, 'bad-lines.jsonl') }, c.io, loaded);
    const xss = lines(c.out).find((r) => r.id === 'xss');
    expect(xss).toMatchObject({ countries: ['RO'], hazards: [{ id: 'measles' }] });
    expect(JSON.stringify(xss)).not.toMatch(/script|onerror|<b>/);
  });

  it('cuts a huge document, warns, and still tags it', () => {
    const file = join(tmp, 'huge.jsonl');
    const text = `Cholera outbreak in Haiti with 12 cases. ${'More words about the response. '.repeat(10_000)}`;
    writeFileSync(file, `${JSON.stringify({ id: 'huge', title: 'Cholera – Haiti', text })}\n`);
    const c = capture();
    runReportsTag({ input: file }, c.io, loaded);
    expect(lines(c.out)[0]).toMatchObject({ id: 'huge', countries: ['HT'] });
    expect(c.err.join('')).toContain(`${file}:1: warning: text cut to the first 200000 characters`);
  });

  it('reads a UTF-16 file with a byte-order mark', () => {
    const file = join(tmp, 'utf16.jsonl');
    const body = `${JSON.stringify({ id: 'u16', title: 'Choléra – Haïti', text: 'Le ministère de la Santé d’Haïti a notifié 12 cas de choléra.' })}\n`;
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body, 'utf16le')]));
    const c = capture();
    runReportsTag({ input: file }, c.io, loaded);
    expect(lines(c.out)[0]).toMatchObject({ id: 'u16', language: 'fr', countries: ['HT'] });
  });

  it('writes --output only once every line is done', () => {
    const output = join(tmp, 'tags.jsonl');
    const c = capture();
    runReportsTag({ input: join(fixtures, 'reports.jsonl'), output }, c.io, loaded);
    expect(c.out).toEqual([]);
    expect(readFileSync(output, 'utf8').trim().split('\n')).toHaveLength(10);
  });

  it('fails with exit code 2 when no line could be read', () => {
    const file = join(tmp, 'all-bad.jsonl');
    writeFileSync(file, 'not json\n[1]\n');
    const c = capture();
    runReportsTag({ input: file }, c.io, loaded);
    expect(c.out).toEqual([]);
    expect(c.exitCode()).toBe(2);
  });

  it('names a missing input file and asks for --input', () => {
    const c = capture();
    expect(() => runReportsTag({ input: join(tmp, 'missing.jsonl') }, c.io, loaded)).toThrow(InputFileError);
    expect(() => runReportsTag({}, c.io, loaded)).toThrow(UsageError);
  });

  it('registers `reports tag` on a program', async () => {
    const c = capture();
    const program = new Command('tocsin').exitOverride();
    registerReportsTagCommand(program, c.io);
    await program.parseAsync(['reports', 'tag', '--input', join(fixtures, 'reports.jsonl')], {
      from: 'user',
    });
    expect(lines(c.out)).toHaveLength(10);
  });
});

describe('reportFromJson', () => {
  it('takes the body from text, content, html, description, summary or body, and numbers as ids', () => {
    expect(reportFromJson({ id: 7, headline: 'H', content: 'C' }, 1)).toEqual({
      id: '7',
      title: 'H',
      text: 'C',
    });
    expect(reportFromJson({ title: null, summary: 'S' }, 5)).toEqual({ id: 'line-5', title: '', text: 'S' });
    expect(reportFromJson({ id: true }, 1)).toBe('field "id" must be a string or a number');
    expect(reportFromJson({ title: 3 }, 1)).toBe('field "title" must be a string');
  });
});

describe('decodeLines', () => {
  it('splits on LF and CRLF, strips a UTF-8 byte-order mark and flags a line that is not UTF-8', () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('a\r\nb\n'),
      Buffer.from([0x66, 0xe8, 0x0a]),
      Buffer.from('c\n'),
    ]);
    const out = decodeLines(bytes);
    expect(out.slice(0, 2)).toEqual(['a', 'b']);
    expect(out[2]).toBeInstanceOf(Error);
    expect(out[3]).toBe('c');
  });
});
