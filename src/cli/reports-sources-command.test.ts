import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore } from '../../test/support/test-store.ts';
import { SYSTEM_ACTOR } from '../domain/actor.ts';
import { FeedFetchError, type FeedFetcher } from '../domain/source.ts';
import { ingestReports } from '../services/ingest-reports.ts';
import { manageSources } from '../services/manage-sources.ts';
import { pullSources } from '../services/pull-sources.ts';
import type { ReportTagger } from '../text/report-tagger.ts';
import { registerSourcesCommand } from './reports-sources-command.ts';
import { loadReportTagger } from './reports-tag-command.ts';

const datasetsDir = fileURLToPath(new URL('../../datasets', import.meta.url));
let tagger: ReportTagger;
beforeAll(() => {
  tagger = loadReportTagger(datasetsDir).tagger;
}, 60_000);

const stores: TestStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

const ATOM = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>urn:t</id>
<entry><id>urn:1</id><title>Cholera outbreak in Germany</title><updated>2026-11-22T09:00:00Z</updated>
<content>Germany reported 12 cholera cases.</content></entry></feed>`;

/** Serves the Atom document for good.example and fails every other host. */
const fetcher: FeedFetcher = {
  async fetch(url) {
    if (new URL(url).host !== 'good.example') throw new FeedFetchError('cannot connect: ENOTFOUND');
    return { kind: 'ok', body: ATOM, contentType: 'application/atom+xml', etag: null, lastModified: null };
  },
};

async function run(t: TestStore, argv: string[]) {
  const out: string[] = [];
  let exitCode: number | undefined;
  const program = new Command('tocsin').exitOverride();
  const ingest = ingestReports({ ...t, tagger: () => tagger });
  registerSourcesCommand(program, {
    io: {
      stdout: (s) => out.push(s),
      stderr: () => {},
      setExitCode: (c) => {
        exitCode = c;
      },
    },
    open: async () => ({
      sources: manageSources(t),
      pull: pullSources({ ...t, fetcher, ingest }),
      actor: SYSTEM_ACTOR,
    }),
  });
  await program.parseAsync(argv, { from: 'user' });
  return { out: out.join(''), exitCode };
}

describe('tocsin sources', () => {
  it('adds feeds, pulls them and lists their health', async () => {
    const t = await openTestStore();
    stores.push(t);
    expect(
      (await run(t, ['sources', 'add', 'Good', '--url', 'https://good.example/feed', '--every', '30'])).out,
    ).toMatch(/^added source Good \(/);
    await run(t, ['sources', 'add', 'Bad', '--url', 'https://bad.example/feed']);
    const pulled = await run(t, ['sources', 'pull']);
    expect(pulled.out).toBe(
      'Bad: error: cannot connect: ENOTFOUND\n' +
        'Good: 1 item(s); 1 report(s) stored, 0 duplicate(s) linked, 0 already stored, 0 rejected; 1 signal(s) opened, 0 updated\n',
    );
    const listed = (await run(t, ['sources', 'list'])).out.split('\n');
    expect(listed[0]).toBe(
      `Bad\tactive\thttps://bad.example/feed every 60 min\t0 item(s) seen\terror ${t.clock.now().toISOString()}: cannot connect: ENOTFOUND`,
    );
    expect(listed[1]).toBe(
      `Good\tactive\thttps://good.example/feed every 30 min\t1 item(s) seen\tok ${t.clock.now().toISOString()}`,
    );
  });

  it('pulls a named source and exits 1 when every pull failed', async () => {
    const t = await openTestStore();
    stores.push(t);
    await run(t, ['sources', 'add', 'Bad', '--url', 'https://bad.example/feed']);
    const r = await run(t, ['sources', 'pull', 'Bad']);
    expect(r.out).toBe('Bad: error: cannot connect: ENOTFOUND\n');
    expect(r.exitCode).toBe(1);
    await expect(run(t, ['sources', 'pull', 'Nope'])).rejects.toThrow('no source named "Nope"');
  });
});
