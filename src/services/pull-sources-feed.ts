/**
 * Reads the items of a feed document: RSS 2.0 and Atom (and RSS 0.9x/1.0) through
 * @rowanmanning/feed-parser, JSON Feed 1.x checked with zod. A document that is none of these, or not
 * well-formed, is a FeedFetchError for the source's health; an item without title and text is skipped.
 */
import { parseFeed } from '@rowanmanning/feed-parser';
import { z } from 'zod';
import { parsePublished, type ReportItem } from '../domain/report.ts';
import { FeedFetchError } from '../domain/source.ts';

const JsonFeed = z.object({
  version: z.string().startsWith('https://jsonfeed.org/version/'),
  items: z.array(
    z.object({
      id: z.union([z.string(), z.number()]).optional(),
      url: z.string().optional(),
      title: z.string().optional(),
      content_text: z.string().optional(),
      content_html: z.string().optional(),
      summary: z.string().optional(),
      date_published: z.string().optional(),
      date_modified: z.string().optional(),
    }),
  ),
});

function jsonFeedItems(body: string): ReportItem[] {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (err) {
    throw new FeedFetchError(`not valid JSON: ${(err as Error).message}`);
  }
  const parsed = JsonFeed.safeParse(value);
  if (!parsed.success)
    throw new FeedFetchError(
      `not a JSON Feed: ${parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.') || '(document)'} ${i.message}`)
        .join('; ')}`,
    );
  return parsed.data.items.map((i) => ({
    externalId: i.id === undefined ? null : String(i.id),
    url: i.url ?? null,
    title: i.title ?? '',
    text: i.content_text ?? i.content_html ?? i.summary ?? '',
    publishedAt: parsePublished(i.date_published ?? i.date_modified),
  }));
}

/**
 * The parser recovers from much (a good thing with real feeds) but reads a cut-off document as a
 * shorter feed: a document whose root element is never closed is refused as truncated.
 */
function checkRootClosed(body: string): void {
  const root = /<([A-Za-z_][\w:.-]*)[\s>/]/.exec(
    body.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<![^>]*>/g, ''),
  );
  if (root === null) throw new FeedFetchError('not an RSS or Atom feed: no XML element');
  const tail = body.slice(-4096);
  if (!new RegExp(`</${root[1].replace(/[.]/g, '\\.')}\\s*>\\s*(<!--[\\s\\S]*?-->\\s*)*$`).test(tail))
    throw new FeedFetchError(
      `not well-formed XML: the root element <${root[1]}> is never closed (truncated?)`,
    );
}

function xmlFeedItems(body: string): ReportItem[] {
  checkRootClosed(body);
  let feed: ReturnType<typeof parseFeed>;
  try {
    feed = parseFeed(body);
  } catch (err) {
    throw new FeedFetchError(`not an RSS or Atom feed: ${(err as Error).message}`);
  }
  return feed.items.map((i) => ({
    externalId: i.id,
    url: i.url,
    title: i.title ?? '',
    text: i.content ?? i.description ?? '',
    publishedAt: (i.published ?? i.updated)?.toISOString() ?? null,
  }));
}

/** The report items of a feed document, skipping items with neither title nor text. */
export function feedItems(body: string, contentType: string | null): ReportItem[] {
  const trimmed = body.replace(/^\uFEFF/, '').trimStart();
  const json = trimmed.startsWith('{') || /json/i.test(contentType ?? '');
  const items = json ? jsonFeedItems(trimmed) : xmlFeedItems(trimmed);
  return items.filter((i) => i.title.trim() !== '' || i.text.trim() !== '');
}
