/**
 * Runs a detection configuration (on a schedule or on demand): loads the selected series, runs the
 * detector on the latest epochs of each, records the run with a per-series result, and turns alarms
 * into signals by the episode rule (one open signal per series per episode; re-running on the same data
 * changes nothing). A series that cannot be analysed is reported and the batch goes on.
 *
 * Detection runs in this process, series by series: the worker-thread pool of `cli/detection-pool.ts`
 * lives in cli/, which services may not import; a national run (~100k series) would move it to a
 * shared place first.
 */
import type { AnyDetector } from '../detection/detector.ts';
import { findDetector } from '../detection/detectors/registry.ts';
import { DetectionInputError, DetectionOptionsError } from '../detection/errors.ts';
import { type DetectionRange, resolveRange } from '../detection/range.ts';
import { formatIsoDate } from '../detection/series/calendar.ts';
import type { CountSeries } from '../detection/series/count-series.ts';
import { type Actor, requirePermission } from '../domain/actor.ts';
import type { AuditWriter } from '../domain/audit-entry.ts';
import { baselineWindow } from '../domain/baseline-window.ts';
import type { DetectionConfig, DetectionConfigRepository } from '../domain/detection-config.ts';
import {
  type DetectionRun,
  type DetectionRunRepository,
  type DetectionTrigger,
  finishedStatus,
  type SeriesProblem,
} from '../domain/detection-run.ts';
import { DomainError, invalid, notFound } from '../domain/errors.ts';
import type { Clock, IdGenerator, Transactor } from '../domain/ports.ts';
import type { SelectedSeries, SeriesReader } from '../domain/series-reader.ts';
import type { Signal, SignalRepository } from '../domain/signal.ts';
import { type EpisodeAction, type MonitoredPoint, planEpisodes } from '../domain/signal-episode.ts';
import type { IndicatorExplanation } from '../domain/signal-explanation.ts';
import { alarmPriority, higherPriority, type SignalPriority } from '../domain/signal-priority.ts';
import { configOverlapsJurisdiction, requireConfigVisible, selectorPaths } from './detection-scope.ts';

export interface RunDetectionStore {
  readonly detection: DetectionConfigRepository & DetectionRunRepository;
  readonly signals: SignalRepository;
  readonly seriesReader: SeriesReader;
  readonly audit: AuditWriter;
}

/** What happened to one series in a run. */
export type SeriesResult =
  | {
      readonly seriesId: string;
      readonly status: 'ok';
      readonly monitored: number;
      readonly alarms: number;
      readonly opened: number;
      readonly updated: number;
    }
  | {
      readonly seriesId: string;
      readonly status: 'problem';
      readonly code: string;
      readonly message: string;
    };

export interface RunReport {
  readonly run: DetectionRun;
  readonly configName: string;
  readonly series: ReadonlyArray<SeriesResult>;
}

export interface RunDetectionDeps {
  readonly tx: Transactor<RunDetectionStore>;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** Recorded in every explanation, e.g. `tocsin 0.1.0` (the detection core's release). */
  readonly detectorVersion: string;
  /** Series read per batch (default 200). */
  readonly batchSize?: number;
}

const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

function titleOf(s: SelectedSeries): string {
  const stratum = s.stratum === '' ? '' : ` (${s.stratum})`;
  return `${s.hazardName}${stratum} — ${s.placeName} · ${s.source}`;
}

/** Runs the detector on one series; a problem is a value (batch work reports per item). */
function detect(
  detector: AnyDetector,
  options: unknown,
  series: CountSeries,
  monitoredEpochs: number,
):
  | { ok: true; range: DetectionRange; points: MonitoredPoint[] }
  | { ok: false; code: string; message: string } {
  try {
    const def = detector.defaultRange(series, options);
    const range = resolveRange({ kind: 'last', n: monitoredEpochs }, series.dates, def);
    if (range === undefined) {
      return {
        ok: false,
        code: 'INSUFFICIENT_HISTORY',
        message: `${detector.name} needs at least ${def.from + 1} epochs before the first monitored one; the series has ${series.observed.length}`,
      };
    }
    const result = detector.run(series, options, range);
    const extras = detector.extras(result);
    const score = extras.score;
    const points: MonitoredPoint[] = [];
    for (let i = 0; i < result.alarm.length; i++) {
      const index = range.from + i;
      const s = score === undefined ? null : score[i];
      points.push({
        index,
        epoch: formatIsoDate(series.dates[index]),
        alarm: result.alarm[i],
        observed: finiteOrNull(result.observed[i]),
        expected: finiteOrNull(result.expected[i]),
        upperBound: finiteOrNull(result.upperBound[i]),
        score: typeof s === 'number' ? finiteOrNull(s) : null,
      });
    }
    return { ok: true, range, points };
  } catch (err) {
    if (err instanceof DetectionInputError) {
      return { ok: false, code: err.code, message: `${err.field}: ${err.message}` };
    }
    if (err instanceof DetectionOptionsError) return { ok: false, code: err.code, message: err.message };
    return { ok: false, code: 'DETECTION_FAILED', message: err instanceof Error ? err.message : String(err) };
  }
}

/** Runs detection configurations and turns their alarms into signals. */
export function createRunDetection(deps: RunDetectionDeps) {
  const { tx, clock, ids, detectorVersion } = deps;
  const batchSize = deps.batchSize ?? 200;
  const now = () => clock.now().toISOString();

  async function applySeries(
    actor: Actor,
    config: DetectionConfig,
    run: DetectionRun,
    detector: AnyDetector,
    options: unknown,
    s: SelectedSeries,
    series: CountSeries,
    range: DetectionRange,
    points: ReadonlyArray<MonitoredPoint>,
  ): Promise<{ opened: number; updated: number }> {
    const epochBefore = range.from > 0 ? formatIsoDate(series.dates[range.from - 1]) : null;
    const explain = (p: MonitoredPoint, alarmCount: number): IndicatorExplanation => ({
      kind: 'indicator',
      epoch: p.epoch,
      observed: p.observed,
      expected: p.expected,
      upperBound: p.upperBound,
      score: p.score,
      baseline: baselineWindow(detector.name, options, series, range, p.index),
      algorithm: detector.name,
      rFunction: detector.rFunction,
      control: config.control,
      detectorVersion,
      configId: config.id,
      configName: config.name,
      configVersion: config.version,
      runId: run.id,
      alarmCount,
    });
    const priorityOf = (alarms: ReadonlyArray<MonitoredPoint>, start: SignalPriority): SignalPriority =>
      alarms.reduce((p, a) => higherPriority(p, alarmPriority(s, a.observed, a.upperBound)), start);
    const toAlarms = (signalId: string, alarms: ReadonlyArray<MonitoredPoint>) =>
      alarms.map((a) => ({
        signalId,
        epoch: a.epoch,
        runId: run.id,
        observed: a.observed,
        expected: a.expected,
        upperBound: a.upperBound,
        score: a.score,
      }));

    return tx.transaction(async ({ signals, audit }) => {
      const existing = await signals.seriesSignalState(s.id, config.id, epochBefore ?? points[0].epoch);
      const actions: EpisodeAction[] = planEpisodes({ points, epochBefore, existing });
      let opened = 0;
      let updated = 0;
      const at = now();
      for (const action of actions) {
        const latest = action.alarms[action.alarms.length - 1];
        if (action.kind === 'open') {
          const signal: Signal = {
            id: ids.next(),
            source: 'indicator',
            state: 'new',
            title: titleOf(s),
            hazardId: s.hazardId,
            placeId: s.placeId,
            placePath: s.placePath,
            seriesId: s.id,
            configId: config.id,
            firstEpoch: action.alarms[0].epoch,
            lastEpoch: latest.epoch,
            explanation: explain(latest, action.alarms.length),
            priority: priorityOf(action.alarms, 'low'),
            assigneeId: null,
            mergedIntoId: null,
            createdAt: at,
            updatedAt: at,
            version: 1,
          };
          await signals.insert(signal);
          await signals.addAlarms(toAlarms(signal.id, action.alarms));
          await signals.addTransition({
            id: ids.next(),
            signalId: signal.id,
            fromState: null,
            toState: 'new',
            actorId: actor.userId,
            at,
            reason: `opened by detection run ${run.id} of "${config.name}"`,
          });
          await audit.append(
            {
              actorId: actor.userId,
              action: 'signal.open',
              objectType: 'signal',
              objectId: signal.id,
              before: null,
              after: signal,
              reason: `alarm${action.alarms.length > 1 ? 's' : ''} ${action.alarms.map((a) => a.epoch).join(', ')} of ${config.name}`,
            },
            at,
          );
          opened++;
        } else {
          const before = action.signal;
          const previousCount = before.explanation.kind === 'indicator' ? before.explanation.alarmCount : 0;
          const refresh = before.explanation.kind !== 'indicator' || latest.epoch >= before.explanation.epoch;
          const epochs = [before.firstEpoch, before.lastEpoch, ...action.alarms.map((a) => a.epoch)].sort();
          const firstEpoch = epochs[0];
          const lastEpoch = epochs[epochs.length - 1];
          const after = await signals.update(
            before.id,
            before.version,
            {
              firstEpoch,
              lastEpoch,
              explanation: refresh
                ? explain(latest, previousCount + action.alarms.length)
                : { ...before.explanation, alarmCount: previousCount + action.alarms.length },
              priority: priorityOf(action.alarms, before.priority),
            },
            at,
          );
          await signals.addAlarms(toAlarms(before.id, action.alarms));
          await audit.append(
            {
              actorId: actor.userId,
              action: 'signal.extend',
              objectType: 'signal',
              objectId: before.id,
              before,
              after,
              reason: `alarm${action.alarms.length > 1 ? 's' : ''} ${action.alarms.map((a) => a.epoch).join(', ')} of ${config.name} continue the episode`,
            },
            at,
          );
          updated++;
        }
      }
      return { opened, updated };
    });
  }

  async function run(actor: Actor, configId: string, trigger: DetectionTrigger): Promise<RunReport> {
    requirePermission(actor, 'detection:run');
    const startedAt = now();
    const { config, run } = await tx.transaction(async ({ detection, audit }) => {
      const config = await detection.getConfig(configId);
      if (config === undefined) throw notFound('detection configuration', configId);
      requireConfigVisible(actor, config, await selectorPaths(detection, config.selector));
      if (trigger === 'schedule' && !config.enabled)
        throw invalid([{ field: 'enabled', message: `configuration "${config.name}" is disabled` }]);
      const run: DetectionRun = {
        id: ids.next(),
        configId: config.id,
        trigger,
        startedAt,
        finishedAt: null,
        status: 'running',
        seriesCount: 0,
        alarmCount: 0,
        signalsOpened: 0,
        signalsUpdated: 0,
        problems: [],
      };
      await detection.insertRun(run);
      await audit.append(
        {
          actorId: actor.userId,
          action: 'detection-run.start',
          objectType: 'detection-run',
          objectId: run.id,
          before: null,
          after: { ...run, configName: config.name, configVersion: config.version },
          reason: trigger === 'schedule' ? `scheduled (${config.schedule})` : 'on demand',
        },
        startedAt,
      );
      return { config, run };
    });

    const problems: SeriesProblem[] = [];
    const results: SeriesResult[] = [];
    let alarmCount = 0;
    let opened = 0;
    let updated = 0;
    let seriesCount = 0;
    try {
      const detector = findDetector(config.algorithm);
      if (detector === undefined)
        throw new DetectionInputError(`unknown algorithm "${config.algorithm}"`, 'algorithm');
      const options = detector.parseControl(config.control);
      const selected = await tx.transaction(async ({ detection, seriesReader }) =>
        seriesReader.selectSeries({
          ...config.selector,
          placePaths: [...(await selectorPaths(detection, config.selector)).values()],
          withinPath: actor.jurisdictionPath,
        }),
      );
      seriesCount = selected.length;
      for (let i = 0; i < selected.length; i += batchSize) {
        const batch = selected.slice(i, i + batchSize);
        const counts = await tx.transaction(({ seriesReader }) => seriesReader.readCounts(batch));
        for (const s of batch) {
          const c = counts.get(s.id);
          const problem = (code: string, message: string): void => {
            problems.push({ seriesId: s.id, code, message });
            results.push({ seriesId: s.id, status: 'problem', code, message });
          };
          if (c === undefined || !c.ok) {
            problem(c?.ok === false ? c.code : 'NO_DATA', c?.ok === false ? c.message : 'no counts');
            continue;
          }
          const d = detect(detector, options, c.series, config.monitoredEpochs);
          if (!d.ok) {
            problem(d.code, d.message);
            continue;
          }
          const alarms = d.points.filter((p) => p.alarm === true).length;
          alarmCount += alarms;
          let changes = { opened: 0, updated: 0 };
          if (alarms > 0) {
            try {
              changes = await applySeries(
                actor,
                config,
                run,
                detector,
                options,
                s,
                c.series,
                d.range,
                d.points,
              );
            } catch (err) {
              // Someone changed a signal of this series meanwhile (or another run raced us): one retry
              // on fresh state, then report it; the next run picks it up.
              try {
                changes = await applySeries(
                  actor,
                  config,
                  run,
                  detector,
                  options,
                  s,
                  c.series,
                  d.range,
                  d.points,
                );
              } catch (again) {
                const e = again instanceof Error ? again : err;
                problem(
                  e instanceof DomainError ? e.code : 'WRITE_FAILED',
                  e instanceof Error ? e.message : String(e),
                );
                continue;
              }
            }
          }
          opened += changes.opened;
          updated += changes.updated;
          results.push({
            seriesId: s.id,
            status: 'ok',
            monitored: d.points.length,
            alarms,
            opened: changes.opened,
            updated: changes.updated,
          });
        }
      }
    } catch (err) {
      const message =
        err instanceof DetectionOptionsError || err instanceof DetectionInputError || err instanceof Error
          ? err.message
          : String(err);
      problems.push({ seriesId: '*', code: 'RUN_FAILED', message });
    }

    const finishedAt = now();
    const result = {
      finishedAt,
      status: finishedStatus(seriesCount, problems),
      seriesCount,
      alarmCount,
      signalsOpened: opened,
      signalsUpdated: updated,
      problems,
    };
    await tx.transaction(async ({ detection, audit }) => {
      await detection.finishRun(run.id, result);
      await audit.append(
        {
          actorId: actor.userId,
          action: 'detection-run.finish',
          objectType: 'detection-run',
          objectId: run.id,
          before: { status: 'running' },
          after: { ...result, problems: problems.length },
          reason: `${config.name}: ${seriesCount} series, ${alarmCount} alarms, ${opened} signals opened, ${updated} extended`,
        },
        finishedAt,
      );
    });
    return { run: { ...run, ...result }, configName: config.name, series: results };
  }

  return {
    run,
    async runByName(actor: Actor, name: string, trigger: DetectionTrigger): Promise<RunReport> {
      const config = await tx.transaction(({ detection }) => detection.getConfigByName(name));
      if (config === undefined) throw notFound('detection configuration', name);
      return run(actor, config.id, trigger);
    },
    /** Runs every enabled configuration the actor may run, one after the other. */
    async runAll(actor: Actor, trigger: DetectionTrigger): Promise<ReadonlyArray<RunReport>> {
      requirePermission(actor, 'detection:run');
      const visible = await tx.transaction(async ({ detection }) => {
        const out: DetectionConfig[] = [];
        for (const c of await detection.listConfigs()) {
          if (c.enabled && configOverlapsJurisdiction(actor, await selectorPaths(detection, c.selector)))
            out.push(c);
        }
        return out;
      });
      const reports: RunReport[] = [];
      for (const c of visible) reports.push(await run(actor, c.id, trigger));
      return reports;
    },
    /** The enabled configurations with a schedule (for the scheduler). */
    async scheduled(): Promise<ReadonlyArray<Pick<DetectionConfig, 'id' | 'name' | 'schedule' | 'version'>>> {
      const configs = await tx.transaction(({ detection }) => detection.listConfigs());
      return configs
        .filter((c) => c.enabled && c.schedule !== null)
        .map((c) => ({ id: c.id, name: c.name, schedule: c.schedule, version: c.version }));
    },
  };
}

export type RunDetection = ReturnType<typeof createRunDetection>;
