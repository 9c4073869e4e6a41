/**
 * Fetches feeds with Node's global fetch, politely and defensively: a conditional GET (If-None-Match /
 * If-Modified-Since from the stored validators), a time-out per attempt, a size limit read off the
 * stream (a huge document is cut off, not buffered), redirects followed by hand (at most a few, loops
 * named), requests to one host spaced out, and retries with exponential back-off on network errors,
 * time-outs, 429 and 5xx. Every failure is a FeedFetchError naming what went wrong.
 */
import { FeedFetchError, type FeedFetcher, type FeedResponse } from '../domain/source.ts';

export interface FeedFetcherOptions {
  readonly timeoutMs: number;
  readonly maxBytes: number;
  /** Least time between two requests to one host. */
  readonly hostIntervalMs: number;
  /** Further attempts after the first. */
  readonly retries: number;
  /** Wait before the first retry; doubled for each further one. */
  readonly backoffMs: number;
  readonly maxRedirects: number;
  readonly userAgent: string;
}

export const DEFAULT_FEED_FETCHER_OPTIONS: FeedFetcherOptions = Object.freeze({
  timeoutMs: 15_000,
  maxBytes: 5_000_000,
  hostIntervalMs: 2_000,
  retries: 2,
  backoffMs: 1_000,
  maxRedirects: 5,
  userAgent: 'Tocsin/0.1 (biosecurity early warning; feed reader)',
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A failure worth another attempt (the server or the network may recover). */
class Transient extends FeedFetchError {}

function charsetOf(contentType: string | null, head: Uint8Array): string {
  const fromHeader = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1];
  if (fromHeader !== undefined) return fromHeader;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const start = new TextDecoder('latin1').decode(head.subarray(0, 200));
  return /<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(start)?.[1] ?? 'utf-8';
}

/** Decodes with the declared charset; an unknown label falls back to UTF-8 (bad bytes become U+FFFD). */
export function decodeBody(bytes: Uint8Array, contentType: string | null): string {
  const label = charsetOf(contentType, bytes);
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(label);
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(bytes);
}

async function readLimited(response: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw new FeedFetchError(`document too large (${declared} bytes; the limit is ${maxBytes})`);
  }
  const reader = response.body?.getReader();
  if (reader === undefined) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new FeedFetchError(`document too large (more than ${maxBytes} bytes)`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

export function createFeedFetcher(options: Partial<FeedFetcherOptions> = {}): FeedFetcher {
  const o = { ...DEFAULT_FEED_FETCHER_OPTIONS, ...options };
  /** When each host may be asked next. */
  const nextSlot = new Map<string, number>();

  async function politely(host: string): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, nextSlot.get(host) ?? 0);
    nextSlot.set(host, at + o.hostIntervalMs);
    if (at > now) await sleep(at - now);
  }

  async function attempt(
    url: string,
    validators: { readonly etag: string | null; readonly lastModified: string | null },
  ): Promise<FeedResponse> {
    const visited = new Set<string>();
    let current = url;
    for (let hop = 0; ; hop++) {
      visited.add(current);
      const u = new URL(current);
      if (u.protocol !== 'http:' && u.protocol !== 'https:')
        throw new FeedFetchError(`unsupported protocol ${u.protocol}`);
      await politely(u.host);
      const headers: Record<string, string> = {
        'user-agent': o.userAgent,
        accept:
          'application/rss+xml, application/atom+xml, application/feed+json, application/json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
      };
      if (validators.etag !== null) headers['if-none-match'] = validators.etag;
      if (validators.lastModified !== null) headers['if-modified-since'] = validators.lastModified;
      let response: Response;
      const signal = AbortSignal.timeout(o.timeoutMs);
      try {
        response = await fetch(current, { headers, redirect: 'manual', signal });
      } catch (err) {
        const name = (err as Error).name;
        if (name === 'TimeoutError' || name === 'AbortError')
          throw new Transient(`no answer within ${o.timeoutMs} ms`);
        const cause = (err as { cause?: { code?: string; message?: string } }).cause;
        throw new Transient(`cannot connect: ${cause?.code ?? cause?.message ?? (err as Error).message}`);
      }
      if (response.status >= 300 && response.status < 400 && response.status !== 304) {
        await response.body?.cancel();
        const location = response.headers.get('location');
        if (location === null) throw new FeedFetchError(`redirect ${response.status} without a Location`);
        const next = new URL(location, current).toString();
        if (visited.has(next)) throw new FeedFetchError(`redirect loop (${next} again)`);
        if (hop + 1 > o.maxRedirects) throw new FeedFetchError(`more than ${o.maxRedirects} redirects`);
        current = next;
        continue;
      }
      if (response.status === 304) {
        await response.body?.cancel();
        return { kind: 'not-modified' };
      }
      if (response.status === 429 || response.status >= 500) {
        await response.body?.cancel();
        throw new Transient(`HTTP ${response.status}`);
      }
      if (response.status !== 200) {
        await response.body?.cancel();
        throw new FeedFetchError(`HTTP ${response.status}`);
      }
      let bytes: Uint8Array;
      try {
        bytes = await readLimited(response, o.maxBytes);
      } catch (err) {
        if (err instanceof FeedFetchError) throw err;
        const name = (err as Error).name;
        if (name === 'TimeoutError' || name === 'AbortError')
          throw new Transient(`document not received within ${o.timeoutMs} ms`);
        throw new Transient(`reading the document failed: ${(err as Error).message}`);
      }
      const contentType = response.headers.get('content-type');
      return {
        kind: 'ok',
        body: decodeBody(bytes, contentType),
        contentType,
        etag: response.headers.get('etag'),
        lastModified: response.headers.get('last-modified'),
      };
    }
  }

  return {
    async fetch(url, validators) {
      for (let n = 0; ; n++) {
        try {
          return await attempt(url, validators);
        } catch (err) {
          if (!(err instanceof Transient) || n >= o.retries) {
            if (err instanceof FeedFetchError)
              throw new FeedFetchError(n > 0 ? `${err.message} (after ${n + 1} attempts)` : err.message);
            throw err;
          }
          await sleep(o.backoffMs * 2 ** n);
        }
      }
    },
  };
}
