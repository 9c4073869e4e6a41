/**
 * The scheduled feed pull: every minute, pulls the feed sources that are due (each has its own
 * interval), never overlapping itself; when new reports came in, checks today's report volumes. A failing source is logged and recorded in its health; the
 * others go on.
 */
import { Cron } from 'croner';
import { type Actor, SYSTEM_ACTOR } from '../domain/actor.ts';
import type { VolumeSurge } from '../services/ingest-reports-volume.ts';
import type { PullOutcome } from '../services/pull-sources.ts';

export interface FeedPullLog {
  info(message: string): void;
  error(message: string): void;
}

export interface FeedPullJob {
  /** Pulls the due sources once now. */
  runNow(): Promise<ReadonlyArray<PullOutcome>>;
  stop(): void;
}

export const FEED_PULL_SCHEDULE = '* * * * *';

export function startFeedPullJob(deps: {
  readonly pull: { pullDue(actor: Actor): Promise<ReadonlyArray<PullOutcome>> };
  readonly log: FeedPullLog;
  readonly schedule?: string;
  /** Checks today's report volumes after the pulls (report-volume signals). */
  readonly volume?: (actor: Actor) => Promise<ReadonlyArray<VolumeSurge>>;
}): FeedPullJob {
  const run = async (): Promise<ReadonlyArray<PullOutcome>> => {
    try {
      const out = await deps.pull.pullDue(SYSTEM_ACTOR);
      for (const o of out) {
        if (o.status === 'error') deps.log.error(`feed pull: ${o.name}: ${o.message}`);
        else if (o.status === 'ok')
          deps.log.info(
            `feed pull: ${o.name}: ${o.items} item(s), ${o.ingest.stored} new, ${o.ingest.duplicates} duplicate(s); ${o.ingest.storiesOpened} signal(s) opened, ${o.ingest.storiesUpdated} updated`,
          );
      }
      if (deps.volume !== undefined && out.some((o) => o.status === 'ok' && o.ingest.stored > 0))
        for (const v of await deps.volume(SYSTEM_ACTOR))
          if (v.marked)
            deps.log.info(
              `report volume: ${v.hazardCode} in ${v.country}: ${v.observed} reports on ${v.day} (bound ${v.upperBound.toFixed(1)})`,
            );
      return out;
    } catch (err) {
      deps.log.error(`feed pull failed: ${err instanceof Error ? err.message : String(err)}`);
      return [];
    }
  };
  const timer = new Cron(
    deps.schedule ?? FEED_PULL_SCHEDULE,
    { name: 'feed-pull', protect: true, unref: true },
    async () => {
      await run();
    },
  );
  return {
    runNow: run,
    stop: () => timer.stop(),
  };
}
