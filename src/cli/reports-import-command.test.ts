import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore } from '../../test/support/test-store.ts';
import { SYSTEM_ACTOR } from '../domain/actor.ts';
import { ingestReports } from '../services/ingest-reports.ts';
import { manageSources } from '../services/manage-sources.ts';
import type { ReportTagger } from '../text/report-tagger.ts';
import {
  DEFAULT_FILE_SOURCE,
  registerReportsImportCommand,
  reportItemsFromJsonl,
  runReportsImport,
} from './reports-import-command.ts';
import { loadReportTagger, registerReportsTagCommand } from './reports-tag-command.ts';

const datasetsDir = fileURLToPath(new URL('../../datasets', import.meta.url));
const fixtures = fileURLToPath(new URL('../../test/fixtures/ebs', import.meta.url));
let tagger: ReportTagger;
let dir: string;
beforeAll(() => {
  tagger = loadReportTagger(datasetsDir).tagger;
  dir = mkdtempSync(join(tmpdir(), 'tocsin-reports-import-'));
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const stores: TestStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

async function setup() {
  const t = await openTestStore();
  stores.push(t);
  const out: string[] = [];
  const err: string[] = [];
  let exitCode: number | undefined;
  const deps = {
    io: {
      stdout: (s: string) => out.push(s),
      stderr: (s: string) => err.push(s),
      setExitCode: (c: number) => {
        exitCode = c;
      },
    },
    open: async () => ({
      ingest: ingestReports({ ...t, tagger: () => tagger }),
      sources: manageSources(t),
      actor: SYSTEM_ACTOR,
    }),
  };
  return { t, deps, out, err, exitCode: () => exitCode };
}

async function count(t: TestStore, table: string): Promise<number> {
  const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(t.database.db);
  return Number(r.rows[0].n);
}

describe('tocsin reports import', () => {
  it('stores the fixture reports once, linking the copy, and stores nothing on a second import', async () => {
    const { t, deps, out } = await setup();
    const file = join(fixtures, 'reports.jsonl');
    const first = await runReportsImport(file, {}, deps);
    expect(first.stored + first.duplicates).toBe(10);
    expect(first.duplicates).toBeGreaterThanOrEqual(1);
    expect(first.storiesOpened).toBeGreaterThanOrEqual(1);
    const second = await runReportsImport(file, {}, deps);
    expect([second.stored, second.duplicates, second.alreadyStored]).toEqual([0, 0, 10]);
    expect(await count(t, 'reports')).toBe(10);
    expect(out[1]).toBe(
      '0 report(s) stored, 0 duplicate(s) linked, 10 already stored, 0 rejected; 0 signal(s) opened, 0 updated\n',
    );
    const sources = await t.store.sources.listSources();
    expect(sources.map((s) => [s.name, s.kind, s.itemsSeen])).toEqual([[DEFAULT_FILE_SOURCE, 'file', 20]]);
  });

  it('names each bad line and stores the good ones', async () => {
    const { t, deps, err } = await setup();
    const file = join(dir, 'mixed.jsonl');
    writeFileSync(
      file,
      [
        '{"id":"ok-1","title":"Ebola virus disease - Uganda","text":"Uganda declared an outbreak of Ebola virus disease."}',
        '{"id":"broken", "title": ',
        '["not an object"]',
        '{"id":"no-text"}',
        '{"id":"bad-date","title":"x","published":"yesterday-ish"}',
        '',
      ].join('\n'),
    );
    const outcome = await runReportsImport(file, { source: 'Mixed' }, deps);
    expect(outcome.stored).toBe(1);
    const lines = err.join('').trim().split('\n');
    expect(lines.map((l) => l.split(':')[1])).toEqual(['2', '3', '4', '5']);
    expect(lines[3]).toContain('published');
    expect(await count(t, 'reports')).toBe(1);
  });

  it('exits 2 when no line of the file can be used', async () => {
    const { deps, exitCode } = await setup();
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, 'nonsense\n{"title": 5}\n');
    await runReportsImport(file, {}, deps);
    expect(exitCode()).toBe(2);
  });

  it('reads ids, links, dates and bodies under their usual names', () => {
    const bytes = new TextEncoder().encode(
      '{"id":7,"link":"https://x.example/1","headline":"H","content_html":"<p>B</p>","date_published":"2026-01-02"}\n',
    );
    const { items, problems } = reportItemsFromJsonl(bytes);
    expect(problems).toEqual([]);
    expect(items).toEqual([
      {
        externalId: '7',
        url: 'https://x.example/1',
        title: 'H',
        text: '<p>B</p>',
        publishedAt: '2026-01-02T00:00:00.000Z',
      },
    ]);
  });

  it('sits beside reports tag under one reports command', () => {
    const program = new Command('tocsin');
    const io = {
      stdout: () => {},
      stderr: () => {},
      stderrIsTty: false,
      datasetsDir,
      setExitCode: () => {},
    };
    registerReportsTagCommand(program, io);
    registerReportsImportCommand(program, {
      io,
      open: () => Promise.reject(new Error('not opened')),
    });
    const reports = program.commands.filter((c) => c.name() === 'reports');
    expect(reports).toHaveLength(1);
    expect(reports[0].commands.map((c) => c.name()).sort()).toEqual(['import', 'tag']);
  });

  it('imports CSV with a header of the same field names, naming bad rows by line', async () => {
    const { t, deps, err } = await setup();
    const file = join(dir, 'reports.csv');
    writeFileSync(
      file,
      'id,title,text,published\n' +
        'c1,Cholera outbreak in Germany,"Germany reported 12 cases of cholera, 2 deaths.",2026-11-20\n' +
        'c2,Bad date,some text,not a date\n' +
        'c3,"Measles in ""Spain""",Spain reported measles cases.,\n',
    );
    const outcome = await runReportsImport(file, {}, deps);
    expect(outcome.stored).toBe(2);
    expect(err.join('')).toContain(`${file}:3: published: not a date or time`);
    const titles = (await t.store.reports.listReports({ placePathPrefix: '/', limit: 10, offset: 0 })).map(
      (r) => r.title,
    );
    expect(titles.sort()).toEqual(['Cholera outbreak in Germany', 'Measles in "Spain"']);
    expect(await count(t, 'reports')).toBe(2);
  });
});
