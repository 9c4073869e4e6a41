/**
 * Report-volume signals: once reports are in, the daily count of reports per hazard × country goes
 * through the detection core (EARS C2, see domain/story-volume.ts); a surge on a day marks the open
 * story's signal (the same event, not a new signal) with the numbers and raises it to at least high
 * priority. Checking a day again changes nothing; every mark is audited.
 */
import { type Actor, requireJurisdiction, requirePermission } from '../domain/actor.ts';
import type { AuditWriter } from '../domain/audit-entry.ts';
import type { Clock, Transactor } from '../domain/ports.ts';
import { isOpenSignalState, type SignalRepository } from '../domain/signal.ts';
import { higherPriority } from '../domain/signal-priority.ts';
import { type StoryRepository, windowStart } from '../domain/story.ts';
import { checkVolume, DEFAULT_VOLUME_OPTIONS, volumeHistoryDays } from '../domain/story-volume.ts';

export interface VolumeSurge {
  readonly hazardCode: string;
  readonly country: string;
  readonly day: string;
  readonly observed: number;
  readonly upperBound: number;
  /** The signal marked, or null when the story's signal is closed. */
  readonly signalId: string | null;
  /** False when the signal already carried this day's surge. */
  readonly marked: boolean;
}

const addDays = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export function reportVolume(deps: {
  readonly tx: Transactor<{
    readonly stories: StoryRepository;
    readonly signals: SignalRepository;
    readonly audit: AuditWriter;
  }>;
  readonly clock: Clock;
}) {
  const { tx, clock } = deps;
  return async function checkDay(actor: Actor, day?: string): Promise<ReadonlyArray<VolumeSurge>> {
    requirePermission(actor, 'detection:run');
    requireJurisdiction(actor, '/world/', 'report volumes of every country');
    const at = clock.now().toISOString();
    const d = day ?? at.slice(0, 10);
    return tx.transaction(async ({ stories, signals, audit }) => {
      const rows = await stories.dailyReportCounts(addDays(d, 1 - volumeHistoryDays()), d);
      const groups = new Map<string, { hazardCode: string; country: string; counts: Map<string, number> }>();
      for (const r of rows) {
        const key = `${r.hazardCode}\u0000${r.country}`;
        let g = groups.get(key);
        if (g === undefined) {
          g = { hazardCode: r.hazardCode, country: r.country, counts: new Map() };
          groups.set(key, g);
        }
        g.counts.set(r.day, r.reports);
      }
      const out: VolumeSurge[] = [];
      for (const g of groups.values()) {
        if (!g.counts.has(d)) continue;
        const c = checkVolume(g.counts, d, DEFAULT_VOLUME_OPTIONS);
        if (!c.surge) continue;
        const base = {
          hazardCode: g.hazardCode,
          country: g.country,
          day: d,
          observed: c.observed,
          upperBound: c.upperBound,
        };
        let signalId: string | null = null;
        let marked = false;
        for (const story of await stories.recentStories(g.hazardCode, g.country, windowStart(d))) {
          const before = await signals.get(story.signalId);
          if (before === undefined || !isOpenSignalState(before.state)) continue;
          signalId = before.id;
          if (before.explanation.kind !== 'event-based') break;
          const previous = before.explanation.details?.volumeSurge as { day?: string } | undefined;
          if (previous?.day === d) break;
          const surge = {
            day: d,
            observed: c.observed,
            expected: c.expected,
            upperBound: c.upperBound,
            method: `EARS C2 (baseline ${DEFAULT_VOLUME_OPTIONS.baseline} days, α ${DEFAULT_VOLUME_OPTIONS.alpha}, σ ≥ ${DEFAULT_VOLUME_OPTIONS.minSigma})`,
          };
          const summary = before.explanation.summary.replace(/^Report volume surge[^:]*: /, '');
          const after = await signals.update(
            before.id,
            before.version,
            {
              explanation: {
                kind: 'event-based',
                summary: `Report volume surge on ${d} (${c.observed} reports, bound ${c.upperBound.toFixed(1)}): ${summary}`,
                details: { ...before.explanation.details, volumeSurge: surge },
              },
              priority: higherPriority(before.priority, 'high'),
            },
            at,
          );
          await audit.append(
            {
              actorId: actor.userId,
              action: 'signal.volume-surge',
              objectType: 'signal',
              objectId: before.id,
              before,
              after,
              reason: `${c.observed} reports on ${d} exceed the EARS C2 bound ${c.upperBound.toFixed(2)}`,
            },
            at,
          );
          marked = true;
          break;
        }
        out.push({ ...base, signalId, marked });
      }
      return out;
    });
  };
}

export type ReportVolume = ReturnType<typeof reportVolume>;
