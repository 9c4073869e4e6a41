import type { AlarmTable } from './alarm-file.ts';
import type { Truth } from './truth.ts';

/*
 * The benchmark's detection-quality scores, as specified in ../shared/bench/README.md ("Scoring") and
 * implemented by the reference scorer r/score.R. E = the truth's evaluation weeks; per series
 * O = outbreak weeks, N = E \ O, P = weeks before the first outbreak week (all of E without one).
 */

/** Per-series quantities (README "Scoring", step 1). */
export interface SeriesScore {
  readonly scenario: number;
  readonly replicate: number;
  readonly nWeeks: number;
  /** |N|. */
  readonly nonoutbreakWeeks: number;
  /** Alarms in N. */
  readonly falseAlarms: number;
  /** |P|. */
  readonly preWeeks: number;
  /** Alarms in P. */
  readonly preAlarms: number;
  /** |O|. */
  readonly outbreakWeeks: number;
  /** Alarms in O. */
  readonly alarmedOutbreakWeeks: number;
  readonly hasOutbreak: boolean;
  /** At least one alarm in an outbreak week. */
  readonly detected: boolean;
  /** Weeks from the first outbreak week to the first alarmed outbreak week; NaN if not detected. */
  readonly delay: number;
  /** delay / (L − F + 1), 1 if not detected, NaN without an outbreak. */
  readonly timeliness: number;
  /** Cells whose alarm is missing (scored as no alarm). */
  readonly missingAlarms: number;
}

/** Pooled scores of a group of series (README "Scoring", step 2); NaN where R gives NA. */
export interface ScoreRow {
  /** Scenario number, or `all` for every series pooled. */
  readonly scenario: number | 'all';
  readonly nSeries: number;
  readonly nWeeks: number;
  readonly nonoutbreakWeeks: number;
  readonly falseAlarms: number;
  /** False-positive rate: Σ false alarms / Σ |N|. */
  readonly fpr: number;
  readonly preWeeks: number;
  readonly preAlarms: number;
  /** Σ alarms in P / Σ |P|. */
  readonly fprPreOutbreak: number;
  /** Series with an outbreak. */
  readonly outbreaks: number;
  readonly detected: number;
  /** Probability of detection: detected / outbreaks. */
  readonly pod: number;
  readonly outbreakWeeks: number;
  readonly alarmedOutbreakWeeks: number;
  /** Σ alarmed outbreak weeks / Σ |O|. */
  readonly sensitivity: number;
  /** Mean timeliness over series with an outbreak (0 best, 1 never detected). */
  readonly timeliness: number;
  /** Mean delay over detected series. */
  readonly meanDelayWeeks: number;
  readonly missingAlarms: number;
}

/** POD and timeliness of the evaluation-window outbreaks of one size k (baseline SDs). */
export interface ScoreByKRow {
  readonly k: number;
  readonly outbreaks: number;
  readonly detected: number;
  readonly pod: number;
  readonly timeliness: number;
}

/** Everything the scorer reports for one alarm table. */
export interface QualityScore {
  readonly series: ReadonlyArray<SeriesScore>;
  /** One row per scenario (increasing), then the pooled `all` row. */
  readonly rows: ReadonlyArray<ScoreRow>;
  readonly all: ScoreRow;
}

/** Per-series quantities of an alarm table. */
export function scoreSeries(truth: Truth, alarms: AlarmTable): SeriesScore[] {
  const nWeeks = truth.weeks.length;
  return truth.keys.map((key, s) => {
    const base = s * nWeeks;
    let first = -1;
    let last = -1;
    for (let j = 0; j < nWeeks; j++) {
      if (truth.outbreak[base + j] === 1) {
        if (first < 0) first = j;
        last = j;
      }
    }
    const hasOutbreak = first >= 0;
    let falseAlarms = 0;
    let nonoutbreakWeeks = 0;
    let preWeeks = 0;
    let preAlarms = 0;
    let outbreakWeeks = 0;
    let alarmedOutbreakWeeks = 0;
    let firstHit = -1;
    let missingAlarms = 0;
    for (let j = 0; j < nWeeks; j++) {
      const code = alarms.alarm[base + j];
      if (code === -1) missingAlarms++;
      const alarm = code === 1;
      if (truth.outbreak[base + j] === 1) {
        outbreakWeeks++;
        if (alarm) {
          alarmedOutbreakWeeks++;
          if (firstHit < 0) firstHit = j;
        }
      } else {
        nonoutbreakWeeks++;
        if (alarm) falseAlarms++;
      }
      if (!hasOutbreak || j < first) {
        preWeeks++;
        if (alarm) preAlarms++;
      }
    }
    const detected = firstHit >= 0;
    // week indices are consecutive, so differences of positions are differences of weeks
    const delay = detected ? truth.weeks[firstHit] - truth.weeks[first] : Number.NaN;
    const duration = hasOutbreak ? truth.weeks[last] - truth.weeks[first] + 1 : Number.NaN;
    return {
      scenario: key.scenario,
      replicate: key.replicate,
      nWeeks,
      nonoutbreakWeeks,
      falseAlarms,
      preWeeks,
      preAlarms,
      outbreakWeeks,
      alarmedOutbreakWeeks,
      hasOutbreak,
      detected,
      delay,
      timeliness: !hasOutbreak ? Number.NaN : detected ? delay / duration : 1,
      missingAlarms,
    };
  });
}

function sum(xs: ReadonlyArray<SeriesScore>, f: (x: SeriesScore) => number): number {
  let total = 0;
  for (const x of xs) total += f(x);
  return total;
}

/** Pools per-series quantities into one row (micro-averaged rates). */
export function aggregateScores(series: ReadonlyArray<SeriesScore>, scenario: number | 'all'): ScoreRow {
  const withOutbreak = series.filter((s) => s.hasOutbreak);
  const detectedSeries = series.filter((s) => s.detected);
  const nonoutbreakWeeks = sum(series, (s) => s.nonoutbreakWeeks);
  const falseAlarms = sum(series, (s) => s.falseAlarms);
  const preWeeks = sum(series, (s) => s.preWeeks);
  const preAlarms = sum(series, (s) => s.preAlarms);
  const outbreakWeeks = sum(series, (s) => s.outbreakWeeks);
  const alarmedOutbreakWeeks = sum(series, (s) => s.alarmedOutbreakWeeks);
  const ratio = (a: number, b: number): number => (b > 0 ? a / b : Number.NaN);
  return {
    scenario,
    nSeries: series.length,
    nWeeks: sum(series, (s) => s.nWeeks),
    nonoutbreakWeeks,
    falseAlarms,
    fpr: falseAlarms / nonoutbreakWeeks,
    preWeeks,
    preAlarms,
    fprPreOutbreak: preAlarms / preWeeks,
    outbreaks: withOutbreak.length,
    detected: detectedSeries.length,
    pod: ratio(detectedSeries.length, withOutbreak.length),
    outbreakWeeks,
    alarmedOutbreakWeeks,
    sensitivity: ratio(alarmedOutbreakWeeks, outbreakWeeks),
    timeliness: ratio(
      sum(withOutbreak, (s) => s.timeliness),
      withOutbreak.length,
    ),
    meanDelayWeeks: ratio(
      sum(detectedSeries, (s) => s.delay),
      detectedSeries.length,
    ),
    missingAlarms: sum(series, (s) => s.missingAlarms),
  };
}

/** Scores an alarm table: per scenario and pooled over all series. */
export function scoreAlarms(truth: Truth, alarms: AlarmTable): QualityScore {
  const series = scoreSeries(truth, alarms);
  const scenarios = [...new Set(series.map((s) => s.scenario))].sort((a, b) => a - b);
  const rows = scenarios.map((sc) =>
    aggregateScores(
      series.filter((s) => s.scenario === sc),
      sc,
    ),
  );
  const all = aggregateScores(series, 'all');
  return { series, rows: [...rows, all], all };
}

/**
 * POD and timeliness by the size k of the evaluation-window outbreak (`kOf` maps
 * `scenario,replicate` to k); series without an outbreak week are left out, as in r/score.R.
 */
export function scoreByK(
  series: ReadonlyArray<SeriesScore>,
  kOf: ReadonlyMap<string, number>,
): ScoreByKRow[] {
  const groups = new Map<number, SeriesScore[]>();
  for (const s of series) {
    const k = kOf.get(`${s.scenario},${s.replicate}`);
    if (!s.hasOutbreak || k === undefined) continue;
    const g = groups.get(k);
    if (g === undefined) groups.set(k, [s]);
    else g.push(s);
  }
  return [...groups.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([k, g]) => {
      const detected = g.filter((s) => s.detected).length;
      return {
        k,
        outbreaks: g.length,
        detected,
        pod: detected / g.length,
        timeliness: sum(g, (s) => s.timeliness) / g.length,
      };
    });
}
