/**
 * A detection configuration: which method (a detector of the detection core, with its R-style
 * `control`), on which series (a selector), how many of the latest epochs each run monitors, and when
 * it runs (a cron schedule, or on demand only). Versioned: every change needs the version read.
 */
import { Cron } from 'croner';
import { findDetector } from '../detection/detectors/registry.ts';
import { DetectionInputError, DetectionOptionsError } from '../detection/errors.ts';
import type { Frequency } from '../detection/series/count-series.ts';
import { type FieldProblem, invalid } from './errors.ts';

export const FREQUENCIES: ReadonlyArray<Frequency> = ['daily', 'weekly', 'monthly'];

/** Which series a configuration runs on. Empty lists mean "any". */
export interface SeriesSelector {
  readonly hazardIds: ReadonlyArray<string>;
  /** Place subtrees: a series is selected when its place lies in one of them. Empty: everywhere. */
  readonly placeIds: ReadonlyArray<string>;
  readonly sources: ReadonlyArray<string>;
  /** Stratum keys (e.g. `''` for all ages and sexes together). Empty: every stratum. */
  readonly strata: ReadonlyArray<string>;
  readonly frequency: Frequency;
}

export interface DetectionConfig {
  readonly id: string;
  readonly name: string;
  /** The detector's Tocsin name (`farringtonFlexible`, `earsC`, …). */
  readonly algorithm: string;
  /** R-style control, as given (validated by the detector). */
  readonly control: Readonly<Record<string, unknown>>;
  readonly selector: SeriesSelector;
  /** Cron expression (5 or 6 fields, server time zone), or null for on demand only. */
  readonly schedule: string | null;
  /** How many of the latest epochs of each series every run monitors. */
  readonly monitoredEpochs: number;
  readonly enabled: boolean;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What a person sends to create or replace a configuration. */
export interface DetectionConfigInput {
  readonly name: string;
  readonly algorithm: string;
  readonly control: unknown;
  readonly selector: {
    readonly hazardIds?: ReadonlyArray<string>;
    readonly placeIds?: ReadonlyArray<string>;
    readonly sources?: ReadonlyArray<string>;
    readonly strata?: ReadonlyArray<string>;
    readonly frequency: string;
  };
  readonly schedule: string | null;
  readonly monitoredEpochs: number;
  readonly enabled: boolean;
}

export type DetectionConfigFields = Omit<DetectionConfig, 'id' | 'version' | 'createdAt' | 'updatedAt'>;

export const MAX_MONITORED_EPOCHS = 520;

/** Whether a cron expression is valid; the message says why not. */
export function cronProblem(expression: string): string | undefined {
  if (expression.trim().split(/\s+/).length > 6)
    return 'use 5 fields (minute hour day month weekday) or 6 (with seconds)';
  try {
    new Cron(expression, { paused: true });
    return undefined;
  } catch (err) {
    return (err instanceof Error ? err.message : String(err)).replace(/^CronPattern: /, '');
  }
}

const unique = (xs: ReadonlyArray<string> | undefined): string[] => Array.from(new Set(xs ?? []));

/**
 * Checks a configuration (every problem at once, each naming its field: `control.b`, `schedule`, …)
 * and returns it normalised: the detector's canonical name, de-duplicated selector lists.
 */
export function validateDetectionConfig(input: DetectionConfigInput): DetectionConfigFields {
  const problems: FieldProblem[] = [];
  const name = input.name.trim();
  if (name === '' || name.length > 100) problems.push({ field: 'name', message: 'use 1–100 characters' });
  const detector = findDetector(input.algorithm);
  if (detector === undefined) {
    problems.push({ field: 'algorithm', message: `unknown algorithm "${input.algorithm}"` });
  }
  const control = input.control ?? {};
  if (typeof control !== 'object' || control === null || Array.isArray(control)) {
    problems.push({ field: 'control', message: 'must be a JSON object (an R-style control list)' });
  } else if (detector !== undefined) {
    try {
      detector.parseControl(control);
    } catch (err) {
      if (err instanceof DetectionOptionsError) {
        for (const p of err.problems) problems.push({ field: `control.${p.option}`, message: p.message });
      } else if (err instanceof DetectionInputError) {
        problems.push({ field: `control.${err.field}`, message: err.message });
      } else throw err;
    }
  }
  const frequency = FREQUENCIES.find((f) => f === input.selector.frequency);
  if (frequency === undefined) {
    problems.push({ field: 'selector.frequency', message: 'must be daily, weekly or monthly' });
  }
  for (const key of ['hazardIds', 'placeIds', 'sources'] as const) {
    if ((input.selector[key] ?? []).some((v) => v.trim() === ''))
      problems.push({ field: `selector.${key}`, message: 'must not contain empty values' });
  }
  let schedule: string | null = null;
  if (input.schedule !== null && input.schedule.trim() !== '') {
    schedule = input.schedule.trim();
    const p = cronProblem(schedule);
    if (p !== undefined) problems.push({ field: 'schedule', message: p });
  }
  if (
    !Number.isInteger(input.monitoredEpochs) ||
    input.monitoredEpochs < 1 ||
    input.monitoredEpochs > MAX_MONITORED_EPOCHS
  ) {
    problems.push({
      field: 'monitoredEpochs',
      message: `must be an integer from 1 to ${MAX_MONITORED_EPOCHS}`,
    });
  }
  if (problems.length > 0) throw invalid(problems);
  return {
    name,
    algorithm: detector!.name,
    control: control as Readonly<Record<string, unknown>>,
    selector: {
      hazardIds: unique(input.selector.hazardIds),
      placeIds: unique(input.selector.placeIds),
      sources: unique(input.selector.sources),
      strata: unique(input.selector.strata),
      frequency: frequency!,
    },
    schedule,
    monitoredEpochs: input.monitoredEpochs,
    enabled: input.enabled,
  };
}

/** Storage of detection configurations (used inside a transaction). */
export interface DetectionConfigRepository {
  listConfigs(): Promise<ReadonlyArray<DetectionConfig>>;
  getConfig(id: string): Promise<DetectionConfig | undefined>;
  getConfigByName(name: string): Promise<DetectionConfig | undefined>;
  insertConfig(config: DetectionConfig): Promise<void>;
  /** Replaces the fields when the stored version is `expectedVersion` (bumping it); throws CONFLICT otherwise. */
  updateConfig(
    id: string,
    expectedVersion: number,
    fields: DetectionConfigFields,
    at: string,
  ): Promise<DetectionConfig>;
  /** Deletes when the stored version is `expectedVersion`; throws CONFLICT otherwise. */
  deleteConfig(id: string, expectedVersion: number): Promise<void>;
  hasRuns(configId: string): Promise<boolean>;
  /** Materialised paths of the places that exist among `ids`. */
  placePaths(ids: ReadonlyArray<string>): Promise<ReadonlyMap<string, string>>;
  /** The ids among `ids` that are hazards in the catalogue. */
  existingHazards(ids: ReadonlyArray<string>): Promise<ReadonlySet<string>>;
}
