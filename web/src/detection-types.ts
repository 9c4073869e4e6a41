/** The API's exploratory detection (POST /api/series/:id/detection) and method list, as the UI reads them. */

export interface BaselineStretch {
  readonly from: string;
  readonly to: string;
  readonly epochs: number;
}

export interface ExploredEpoch {
  readonly epoch: string;
  readonly observed: number | null;
  readonly expected: number | null;
  readonly upperBound: number | null;
  readonly alarm: boolean | null;
  readonly baseline: ReadonlyArray<BaselineStretch>;
}

export type BoundScale = 'count' | 'statistic';

export interface Exploration {
  readonly seriesId: string;
  readonly algorithm: string;
  readonly rFunction: string;
  readonly detectorVersion: string;
  readonly options: Readonly<Record<string, unknown>>;
  readonly effectiveOptions: Readonly<Record<string, unknown>>;
  readonly boundScale: BoundScale;
  readonly baselineDescription: string;
  readonly from: string;
  readonly to: string;
  readonly alarms: number;
  readonly epochs: ReadonlyArray<ExploredEpoch>;
}

export interface ExploreRequest {
  readonly algorithm: string;
  readonly options: Readonly<Record<string, unknown>>;
  readonly from?: string;
  readonly to?: string;
}

export type OptionType = 'number' | 'integer' | 'boolean' | 'choice' | 'numbers' | 'json';

export interface OptionSpec {
  readonly name: string;
  readonly type: OptionType;
  readonly default: unknown;
  readonly choices?: ReadonlyArray<string>;
  readonly description: string;
}

export interface AlgorithmInfo {
  readonly name: string;
  readonly rFunction: string;
  readonly summary: string;
  readonly options: ReadonlyArray<OptionSpec>;
}

/** Most monitored epochs one request may ask for (the server refuses more). */
export const MAX_EXPLORED_EPOCHS = 520;
