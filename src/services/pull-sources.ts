/**
 * Pulls feed sources: fetches each (conditional GET), reads its items and ingests them; the source's
 * health (last pull, last success, last error, validators, items seen) is written in the same
 * transaction as its reports, so nothing is half-stored. A source that fails — unreachable, timing
 * out, redirecting in a loop, too large, not a feed — records its error and the others go on.
 */
import { type Actor, requireJurisdiction, requirePermission } from '../domain/actor.ts';
import type { AuditWriter } from '../domain/audit-entry.ts';
import { invalid, notFound } from '../domain/errors.ts';
import type { Clock, Transactor } from '../domain/ports.ts';
import type { ReportItem } from '../domain/report.ts';
import {
  FeedFetchError,
  type FeedFetcher,
  isSourceDue,
  type Source,
  type SourceRepository,
} from '../domain/source.ts';
import type { IngestOutcome, IngestReports } from './ingest-reports.ts';
import { feedItems } from './pull-sources-feed.ts';

export interface PullSourcesStore {
  readonly sources: SourceRepository;
  readonly audit: AuditWriter;
}

export type PullOutcome =
  | { readonly sourceId: string; readonly name: string; readonly status: 'not-modified' }
  | {
      readonly sourceId: string;
      readonly name: string;
      readonly status: 'ok';
      readonly items: number;
      readonly ingest: IngestOutcome;
    }
  | { readonly sourceId: string; readonly name: string; readonly status: 'error'; readonly message: string };

/** Longest error message kept in a source's health. */
const MAX_ERROR_CHARS = 500;

export function pullSources(deps: {
  readonly tx: Transactor<PullSourcesStore>;
  readonly clock: Clock;
  readonly fetcher: FeedFetcher;
  readonly ingest: IngestReports;
}) {
  const { tx, clock, fetcher, ingest } = deps;

  async function recordHealth(
    actor: Actor,
    source: Source,
    changes: { lastError: string | null },
    at: string,
  ): Promise<void> {
    await tx.transaction(async ({ sources, audit }) => {
      const before = await sources.getSource(source.id);
      if (before === undefined) throw notFound('source', source.id);
      const after = await sources.updateSource(
        source.id,
        before.version,
        changes.lastError === null
          ? { lastPullAt: at, lastSuccessAt: at, lastError: null }
          : { lastPullAt: at, lastErrorAt: at, lastError: changes.lastError },
        at,
      );
      await audit.append(
        {
          actorId: actor.userId,
          action: changes.lastError === null ? 'source.pull' : 'source.pull-failed',
          objectType: 'source',
          objectId: source.id,
          before,
          after,
          reason: changes.lastError ?? 'not modified since the last pull',
        },
        at,
      );
    });
  }

  async function pullOne(actor: Actor, source: Source): Promise<PullOutcome> {
    const base = { sourceId: source.id, name: source.name };
    const at = clock.now().toISOString();
    if (source.kind !== 'feed' || source.url === null)
      throw invalid([{ field: 'kind', message: `source "${source.name}" is not a feed` }]);
    let items: ReportItem[];
    let validators: { etag: string | null; lastModified: string | null };
    try {
      const response = await fetcher.fetch(source.url, {
        etag: source.etag,
        lastModified: source.lastModified,
      });
      if (response.kind === 'not-modified') {
        await recordHealth(actor, source, { lastError: null }, at);
        return { ...base, status: 'not-modified' };
      }
      items = feedItems(response.body, response.contentType);
      validators = { etag: response.etag, lastModified: response.lastModified };
    } catch (err) {
      if (!(err instanceof FeedFetchError)) throw err;
      const message = err.message.slice(0, MAX_ERROR_CHARS);
      await recordHealth(actor, source, { lastError: message }, at);
      return { ...base, status: 'error', message };
    }
    const outcome = await ingest(actor, source.id, items, {
      health: { ...validators, lastPullAt: at, lastSuccessAt: at, lastError: null },
    });
    return { ...base, status: 'ok', items: items.length, ingest: outcome };
  }

  return {
    /** Pulls one feed source now. */
    async pull(actor: Actor, sourceId: string): Promise<PullOutcome> {
      requirePermission(actor, 'observation:import');
      requireJurisdiction(actor, '/world/', 'pulling reports about any country');
      const source = await tx.transaction(({ sources }) => sources.getSource(sourceId));
      if (source === undefined) throw notFound('source', sourceId);
      return pullOne(actor, source);
    },

    /** Pulls every active feed source that is due (or every active feed with `all`), one after another. */
    async pullDue(
      actor: Actor,
      options: { readonly all?: boolean } = {},
    ): Promise<ReadonlyArray<PullOutcome>> {
      requirePermission(actor, 'observation:import');
      requireJurisdiction(actor, '/world/', 'pulling reports about any country');
      const now = clock.now();
      const list = await tx.transaction(({ sources }) => sources.listSources());
      const due = list.filter((s) =>
        options.all === true ? s.active && s.kind === 'feed' : isSourceDue(s, now),
      );
      const out: PullOutcome[] = [];
      for (const s of due) {
        try {
          out.push(await pullOne(actor, s));
        } catch (err) {
          // An unexpected failure (e.g. the store) stops this source only.
          out.push({
            sourceId: s.id,
            name: s.name,
            status: 'error',
            message: err instanceof Error ? err.message : String(err),
          });
        }
      }
      return out;
    },
  };
}

export type PullSources = ReturnType<typeof pullSources>;
