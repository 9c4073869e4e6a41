import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FeedFetchError } from '../domain/source.ts';
import { createFeedFetcher, decodeBody } from './feed-pull-fetcher.ts';

let server: Server;
let base: string;
const seen: Array<{ path: string; at: number; headers: IncomingHttpHeaders }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    seen.push({ path, at: Date.now(), headers: req.headers });
    if (path === '/big') {
      res.writeHead(200, { 'content-length': '100000' }).end('x'.repeat(100_000));
      return;
    }
    if (path === '/gbk') {
      // "霍乱" in GBK
      res
        .writeHead(200, { 'content-type': 'text/xml; charset=gbk' })
        .end(Buffer.from([0xbb, 0xf4, 0xc2, 0xd2]));
      return;
    }
    res
      .writeHead(200, {
        'content-type': 'application/xml',
        etag: '"e1"',
        'last-modified': 'Fri, 20 Nov 2026 09:00:00 GMT',
      })
      .end('<rss/>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('the feed fetcher', () => {
  it('sends the stored validators and returns the new ones', async () => {
    const fetcher = createFeedFetcher({ hostIntervalMs: 0 });
    const r = await fetcher.fetch(`${base}/feed`, {
      etag: '"e0"',
      lastModified: 'Thu, 19 Nov 2026 09:00:00 GMT',
    });
    const req = seen.filter((s) => s.path === '/feed').at(-1);
    expect([req?.headers['if-none-match'], req?.headers['if-modified-since']]).toEqual([
      '"e0"',
      'Thu, 19 Nov 2026 09:00:00 GMT',
    ]);
    expect(r).toEqual({
      kind: 'ok',
      body: '<rss/>',
      contentType: 'application/xml',
      etag: '"e1"',
      lastModified: 'Fri, 20 Nov 2026 09:00:00 GMT',
    });
  });

  it('spaces requests to one host by the polite interval', async () => {
    // Measured where the fetcher sends, not where the server receives: under load the first request's
    // connection set-up can delay its arrival and shrink the gap seen by the server.
    const sent: number[] = [];
    const realFetch = globalThis.fetch;
    const spy = vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
      sent.push(performance.now());
      return realFetch(input, init);
    });
    try {
      const fetcher = createFeedFetcher({ hostIntervalMs: 250 });
      await Promise.all([
        fetcher.fetch(`${base}/a`, { etag: null, lastModified: null }),
        fetcher.fetch(`${base}/b`, { etag: null, lastModified: null }),
      ]);
    } finally {
      spy.mockRestore();
    }
    expect(sent).toHaveLength(2);
    expect(sent[1] - sent[0]).toBeGreaterThanOrEqual(245);
  });

  it('refuses a document whose declared length is over the limit without reading it', async () => {
    const fetcher = createFeedFetcher({ hostIntervalMs: 0, maxBytes: 1000 });
    const err = await fetcher
      .fetch(`${base}/big`, { etag: null, lastModified: null })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FeedFetchError);
    expect((err as Error).message).toBe('document too large (100000 bytes; the limit is 1000)');
  });

  it('decodes the charset the header or the XML declaration names', async () => {
    const fetcher = createFeedFetcher({ hostIntervalMs: 0 });
    const r = await fetcher.fetch(`${base}/gbk`, { etag: null, lastModified: null });
    expect(r.kind === 'ok' ? r.body : '').toBe('霍乱');
    const latin1 = new Uint8Array([
      ...Buffer.from('<?xml version="1.0" encoding="iso-8859-1"?><t>'),
      0xe9,
      ...Buffer.from('</t>'),
    ]);
    expect(decodeBody(latin1, null)).toBe('<?xml version="1.0" encoding="iso-8859-1"?><t>é</t>');
    expect(decodeBody(new Uint8Array([0xc3, 0xa9]), 'text/xml; charset=no-such-charset')).toBe('é');
  });
});
