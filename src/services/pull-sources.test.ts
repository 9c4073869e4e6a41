import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SMALL_REFERENCE } from '../../test/support/reference-fixtures.ts';
import { openTestStore, type TestStore } from '../../test/support/test-store.ts';
import { loadReportTagger } from '../cli/reports-tag-command.ts';
import { SYSTEM_ACTOR } from '../domain/actor.ts';
import { createFeedFetcher } from '../jobs/feed-pull-fetcher.ts';
import type { ReportTagger } from '../text/report-tagger.ts';
import { ingestReports } from './ingest-reports.ts';
import { manageSources } from './manage-sources.ts';
import { pullSources } from './pull-sources.ts';
import { seedReferenceData } from './seed-reference-data.ts';

const datasetsDir = fileURLToPath(new URL('../../datasets', import.meta.url));

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Outbreak news</title>
<item><guid>rss-1</guid><title>Cholera outbreak in Germany</title><link>https://news.example/1</link>
<description>&lt;p&gt;Health authorities in Germany reported 12 cases of cholera in Berlin.&lt;/p&gt;</description>
<pubDate>Fri, 20 Nov 2026 09:00:00 GMT</pubDate></item>
<item><guid>rss-2</guid><title>&lt;script&gt;alert(1)&lt;/script&gt;Football</title><link>https://news.example/2</link>
<description>The national team won 3-0.</description><pubDate>Fri, 20 Nov 2026 10:00:00 GMT</pubDate></item>
</channel></rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom news</title><id>urn:x</id><updated>2026-11-21T00:00:00Z</updated>
<entry><id>urn:atom-1</id><title>Cholera – Germany: more cases</title><link href="https://atom.example/1"/>
<updated>2026-11-22T09:00:00Z</updated><content type="html">The number of cholera cases in Germany rose to 30, including 3 deaths.</content></entry>
</feed>`;

const LATIN1_RSS = Buffer.concat([
  Buffer.from(
    '<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>x</title><item><guid>l1</guid><title>Fi',
  ),
  Buffer.from([0xe8]),
  Buffer.from('vre jaune au Br'),
  Buffer.from([0xe9]),
  Buffer.from('sil</title><description>Cas de fi'),
  Buffer.from([0xe8]),
  Buffer.from('vre jaune.</description></item></channel></rss>'),
]);

const JSON_FEED = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'JSON news',
  items: [
    {
      id: 'j1',
      url: 'https://json.example/1',
      title: '中国报告霍乱疫情',
      content_text: '中国卫生部门报告了15例霍乱病例，其中1人死亡。',
      date_published: '2026-11-20T00:00:00Z',
    },
  ],
});

let server: Server;
let base: string;
let hits: Record<string, number> = {};
const handlers: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
  '/rss': (req, res) => {
    if (req.headers['if-none-match'] === '"v1"') {
      res.writeHead(304).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' }).end(RSS);
  },
  '/atom': (_req, res) => res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(ATOM),
  '/json': (_req, res) => res.writeHead(200, { 'content-type': 'application/feed+json' }).end(JSON_FEED),
  '/latin1': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(LATIN1_RSS),
  '/broken': (_req, res) =>
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<rss><channel><item><title>x'),
  '/garbage': (_req, res) =>
    res.writeHead(200, { 'content-type': 'text/xml' }).end('<rss><<< not xml </rss>'),
  '/html': (_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>hello</body></html>'),
  '/loop-a': (_req, res) => res.writeHead(302, { location: '/loop-b' }).end(),
  '/loop-b': (_req, res) => res.writeHead(302, { location: '/loop-a' }).end(),
  '/moved': (_req, res) => res.writeHead(301, { location: '/atom' }).end(),
  '/slow': () => {
    // never answers
  },
  '/huge': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.write('<rss version="2.0"><channel>');
    for (let i = 0; i < 200; i++) res.write(`<item><title>${'x'.repeat(1000)}</title></item>`);
    res.end('</channel></rss>');
  },
  '/flaky': (_req, res) => {
    if ((hits['/flaky'] ?? 0) <= 2) res.writeHead(503).end();
    else res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(ATOM);
  },
  '/gone': (_req, res) => res.writeHead(404).end(),
};

let tagger: ReportTagger;
beforeAll(async () => {
  tagger = loadReportTagger(datasetsDir).tagger;
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits[path] = (hits[path] ?? 0) + 1;
    const h = handlers[path];
    if (h === undefined) res.writeHead(404).end();
    else h(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const stores: TestStore[] = [];
afterEach(async () => {
  hits = {};
  for (const s of stores.splice(0)) await s.close();
});

async function setup(paths: string[]) {
  const t = await openTestStore();
  stores.push(t);
  await seedReferenceData(t)(SYSTEM_ACTOR, SMALL_REFERENCE);
  const sources = manageSources(t);
  const ids: Record<string, string> = {};
  for (const p of paths) ids[p] = (await sources.add(SYSTEM_ACTOR, { name: p, url: `${base}${p}` })).id;
  const fetcher = createFeedFetcher({
    timeoutMs: 300,
    maxBytes: 50_000,
    hostIntervalMs: 0,
    retries: 2,
    backoffMs: 10,
  });
  const ingest = ingestReports({ ...t, tagger: () => tagger });
  return { t, ids, pull: pullSources({ ...t, fetcher, ingest }) };
}

async function count(t: TestStore, table: string): Promise<number> {
  const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(t.database.db);
  return Number(r.rows[0].n);
}

describe('pulling feed sources', () => {
  it('reads RSS 2.0, Atom and JSON Feed, clustering the two German cholera reports into one signal', async () => {
    const { t, pull } = await setup(['/rss', '/atom', '/json']);
    const out = await pull.pullDue(SYSTEM_ACTOR);
    expect(out.map((o) => [o.name, o.status, o.status === 'ok' ? o.items : null])).toEqual([
      ['/atom', 'ok', 1],
      ['/json', 'ok', 1],
      ['/rss', 'ok', 2],
    ]);
    expect(await count(t, 'reports')).toBe(4);
    const signals = await t.store.signals.list({
      placePathPrefix: '/',
      sources: ['event-based'],
      sort: 'created',
      direction: 'asc',
      limit: 10,
      paging: { kind: 'offset', offset: 0 },
    });
    expect(signals.items.map((s) => s.placeId).sort()).toEqual(['CN', 'DE']);
    const titles = (await t.store.reports.listReports({ placePathPrefix: '/', limit: 10, offset: 0 })).map(
      (r) => r.title,
    );
    expect(titles).toContain('Football');
    expect(titles.join()).not.toMatch(/[<>]/);
  });

  it('sends the stored ETag, stores nothing on 304, and records the success', async () => {
    const { t, ids, pull } = await setup(['/rss']);
    await pull.pull(SYSTEM_ACTOR, ids['/rss']);
    const first = await t.store.sources.getSource(ids['/rss']);
    expect(first?.etag).toBe('"v1"');
    t.clock.advance(3_600_000);
    const again = await pull.pull(SYSTEM_ACTOR, ids['/rss']);
    expect(again.status).toBe('not-modified');
    const after = await t.store.sources.getSource(ids['/rss']);
    expect(after?.lastSuccessAt).toBe(t.clock.now().toISOString());
    expect(after?.itemsSeen).toBe(2);
    expect(await count(t, 'reports')).toBe(2);
  });

  it('gives each bad source its own error and goes on with the rest', async () => {
    const { t, pull } = await setup([
      '/broken',
      '/garbage',
      '/html',
      '/loop-a',
      '/slow',
      '/huge',
      '/gone',
      '/atom',
    ]);
    const out = await pull.pullDue(SYSTEM_ACTOR);
    const byName = Object.fromEntries(out.map((o) => [o.name, o]));
    expect(byName['/atom'].status).toBe('ok');
    const message = (name: string): string => {
      const o = byName[name];
      return o.status === 'error' ? o.message : `not an error: ${o.status}`;
    };
    expect(message('/broken')).toMatch(/root element <rss> is never closed/);
    expect(message('/garbage')).toMatch(/not an RSS or Atom feed/);
    expect(message('/html')).toMatch(/not an RSS or Atom feed/);
    expect(message('/loop-a')).toMatch(/redirect loop/);
    expect(message('/slow')).toMatch(/no answer within 300 ms \(after 3 attempts\)/);
    expect(message('/huge')).toMatch(/too large/);
    expect(message('/gone')).toBe('HTTP 404');
    expect(await count(t, 'reports')).toBe(1);
    const health = await t.store.sources.listSources();
    const broken = health.find((s) => s.name === '/broken');
    expect([broken?.lastError !== null, broken?.lastSuccessAt, broken?.lastPullAt]).toEqual([
      true,
      null,
      t.clock.now().toISOString(),
    ]);
  }, 20_000);

  it('follows a redirect, retries a failing server with back-off and decodes a declared Latin-1 feed', async () => {
    const { t, pull } = await setup(['/moved', '/flaky', '/latin1']);
    const out = await pull.pullDue(SYSTEM_ACTOR);
    expect(out.map((o) => o.status)).toEqual(['ok', 'ok', 'ok']);
    expect(hits['/flaky']).toBe(3);
    const titles = (await t.store.reports.listReports({ placePathPrefix: '/', limit: 10, offset: 0 })).map(
      (r) => r.title,
    );
    expect(titles).toContain('Fièvre jaune au Brésil');
  });

  it('pulls only sources that are due', async () => {
    const { t, pull } = await setup(['/atom']);
    expect(await pull.pullDue(SYSTEM_ACTOR)).toHaveLength(1);
    t.clock.advance(10 * 60_000);
    expect(await pull.pullDue(SYSTEM_ACTOR)).toHaveLength(0);
    t.clock.advance(60 * 60_000);
    const again = await pull.pullDue(SYSTEM_ACTOR);
    expect(again.map((o) => (o.status === 'ok' ? o.ingest.alreadyStored : -1))).toEqual([1]);
  });
});
