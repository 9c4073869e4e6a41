/**
 * The episode rule: one signal per series per episode of alarms. Consecutive alarm epochs belong to
 * one episode and extend its open signal; an alarm after at least one epoch without alarm, or after the
 * episode's signal was closed (discarded, verified, merged), starts a new episode and so a new signal.
 * An epoch whose alarm is undetermined (a missing count) neither extends nor ends an episode. Alarms
 * already recorded are never recorded again, so re-running on the same data changes nothing.
 */
import { isOpenSignalState, type SeriesSignalState, type Signal } from './signal.ts';

/** One monitored epoch of one series, as a detection run saw it. */
export interface MonitoredPoint {
  /** 0-based index of the epoch in the series. */
  readonly index: number;
  readonly epoch: string;
  /** null: undetermined (e.g. a missing count). */
  readonly alarm: boolean | null;
  readonly observed: number | null;
  readonly expected: number | null;
  readonly upperBound: number | null;
  readonly score: number | null;
}

export type EpisodeAction =
  | { readonly kind: 'open'; readonly alarms: ReadonlyArray<MonitoredPoint> }
  | { readonly kind: 'extend'; readonly signal: Signal; readonly alarms: ReadonlyArray<MonitoredPoint> };

export interface EpisodeInput {
  /** The monitored epochs, oldest first. */
  readonly points: ReadonlyArray<MonitoredPoint>;
  /** The series epoch just before the first monitored one (null when monitoring starts with the series). */
  readonly epochBefore: string | null;
  /** What is already recorded for this series and configuration. */
  readonly existing: SeriesSignalState;
}

/** Plans which signals to open and which to extend with which new alarms. */
export function planEpisodes(input: EpisodeInput): EpisodeAction[] {
  const recorded = new Map(input.existing.recorded.map((r) => [r.epoch, r]));
  const openById = new Map(input.existing.open.map((s) => [s.id, s]));
  const extensions = new Map<string, { signal: Signal; alarms: MonitoredPoint[] }>();
  const opened: Array<{ alarms: MonitoredPoint[] }> = [];
  const order: Array<
    { readonly kind: 'open'; readonly i: number } | { readonly kind: 'extend'; readonly id: string }
  > = [];

  type Current = { kind: 'existing'; signal: Signal } | { kind: 'new'; alarms: MonitoredPoint[] } | null;
  // An open signal whose last alarm is the epoch just before the monitored ones (or later) continues.
  const latest = input.existing.open.reduce<Signal | null>(
    (best, s) => (best === null || s.lastEpoch > best.lastEpoch ? s : best),
    null,
  );
  let current: Current =
    latest !== null && (input.epochBefore === null || latest.lastEpoch >= input.epochBefore)
      ? { kind: 'existing', signal: latest }
      : null;

  for (const p of input.points) {
    if (p.alarm === false) {
      current = null;
      continue;
    }
    if (p.alarm === null) continue;
    const rec = recorded.get(p.epoch);
    if (rec !== undefined) {
      const signal = openById.get(rec.signalId);
      current = isOpenSignalState(rec.state) && signal !== undefined ? { kind: 'existing', signal } : null;
      continue;
    }
    if (current === null) {
      current = { kind: 'new', alarms: [p] };
      opened.push(current);
      order.push({ kind: 'open', i: opened.length - 1 });
    } else if (current.kind === 'new') {
      current.alarms.push(p);
    } else {
      const id = current.signal.id;
      let ext = extensions.get(id);
      if (ext === undefined) {
        ext = { signal: current.signal, alarms: [] };
        extensions.set(id, ext);
        order.push({ kind: 'extend', id });
      }
      ext.alarms.push(p);
    }
  }
  return order.map((o) => {
    if (o.kind === 'open') return { kind: 'open', alarms: opened[o.i].alarms };
    const ext = extensions.get(o.id)!;
    return { kind: 'extend', signal: ext.signal, alarms: ext.alarms };
  });
}
