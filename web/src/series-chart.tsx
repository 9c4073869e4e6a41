import { useEffect, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import type { BoundScale, ExploredEpoch } from './detection-types.ts';
import { useI18n } from './i18n/i18n.tsx';
import './detection-chart.css';

/** One detection run drawn on the chart: every monitored epoch's numbers. */
export interface ChartRun {
  readonly epochs: ReadonlyArray<ExploredEpoch>;
  readonly boundScale: BoundScale;
}

export interface SeriesChartProps {
  /** Observed counts to draw (the monitored epochs' counts are added from the runs). */
  readonly values: ReadonlyArray<{ readonly epoch: string; readonly count: number | null }>;
  /** The run whose expected line, upper-bound band and alarms are drawn. */
  readonly run?: ChartRun | null;
  /** A second run overlaid in another colour (its bound and alarms). */
  readonly compare?: ChartRun | null;
  readonly label: string;
}

const COLOURS = {
  observed: '#1f4e8c',
  expected: '#2a7d4f',
  upper: '#9a6b00',
  band: 'rgba(184, 134, 11, 0.18)',
  alarm: '#c0392b',
  compare: '#6a3d9a',
  baseline: 'rgba(110, 110, 110, 0.16)',
};

const seconds = (epoch: string): number =>
  Date.UTC(+epoch.slice(0, 4), +epoch.slice(5, 7) - 1, +epoch.slice(8, 10)) / 1000;

/** The epoch whose baseline is shaded by default: the latest alarm, else the latest monitored epoch. */
function defaultFocus(run: ChartRun | null | undefined): string | null {
  if (run === null || run === undefined || run.epochs.length === 0) return null;
  for (let i = run.epochs.length - 1; i >= 0; i--)
    if (run.epochs[i].alarm === true) return run.epochs[i].epoch;
  return run.epochs[run.epochs.length - 1].epoch;
}

/**
 * Observed counts with, for every monitored epoch of a detection run, the expected line, the band up to
 * the upper bound, the alarms marked, and the baseline of one chosen epoch shaded grey (click a period or
 * pick it from the list); optionally a second run's bound and alarms in purple. A visually hidden table
 * gives the same numbers to screen readers.
 */
export function SeriesChart(props: SeriesChartProps) {
  const { t, language, number, date } = useI18n();
  const host = useRef<HTMLDivElement>(null);
  const { run, compare } = props;
  const [chosen, setChosen] = useState<string | null>(null);
  const focusRun = run ?? compare ?? null;
  const focus =
    chosen !== null && focusRun?.epochs.some((e) => e.epoch === chosen) ? chosen : defaultFocus(focusRun);
  const focusEpoch = focusRun?.epochs.find((e) => e.epoch === focus) ?? null;
  const hasExpected = run?.epochs.some((e) => e.expected !== null) ?? false;
  const statistic = run?.boundScale === 'statistic' || compare?.boundScale === 'statistic';

  const data = useMemo(() => {
    const counts = new Map<string, number | null>();
    for (const v of props.values) counts.set(v.epoch, v.count);
    for (const r of [compare, run]) for (const e of r?.epochs ?? []) counts.set(e.epoch, e.observed);
    const epochs = [...counts.keys()].sort();
    const byEpoch = (r: ChartRun | null | undefined) => new Map((r?.epochs ?? []).map((e) => [e.epoch, e]));
    const a = byEpoch(run);
    const b = byEpoch(compare);
    const observed = epochs.map((e) => counts.get(e) ?? null);
    return {
      epochs,
      x: epochs.map(seconds),
      observed,
      expected: epochs.map((e) => a.get(e)?.expected ?? null),
      upper: epochs.map((e) => a.get(e)?.upperBound ?? null),
      alarm: epochs.map((e, i) => (a.get(e)?.alarm === true ? observed[i] : null)),
      upperB: epochs.map((e) => b.get(e)?.upperBound ?? null),
      alarmB: epochs.map((e, i) => (b.get(e)?.alarm === true ? observed[i] : null)),
    };
  }, [props.values, run, compare]);

  useEffect(() => {
    const el = host.current;
    if (el === null) return;
    const dateFormat = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' });
    const monthFormat = new Intl.DateTimeFormat(language, {
      year: 'numeric',
      month: 'short',
      timeZone: 'UTC',
    });
    const fmt = (v: number | null | undefined): string => (v === null || v === undefined ? '–' : number(v));
    // Baseline stretches of the focused epoch, each to the end of its last period.
    const step = data.x.length > 1 ? data.x[1] - data.x[0] : 7 * 86_400;
    const shades = (focusEpoch?.baseline ?? []).map((b) => [seconds(b.from), seconds(b.to) + step] as const);
    const boundScaleKey = (r: ChartRun | null | undefined) => (r?.boundScale === 'statistic' ? 'stat' : 'y');

    const series: uPlot.Series[] = [
      { label: t('epoch'), value: (_u, v) => (v === null ? '–' : dateFormat.format(new Date(v * 1000))) },
      { label: t('observed'), stroke: COLOURS.observed, width: 1.5, value: (_u, v) => fmt(v) },
    ];
    const plotted: Array<ReadonlyArray<number | null>> = [data.x, data.observed];
    const bands: uPlot.Band[] = [];
    if (run !== null && run !== undefined) {
      series.push(
        {
          label: t('expected'),
          stroke: COLOURS.expected,
          width: 1.5,
          dash: [6, 4],
          value: (_u, v) => fmt(v),
        },
        {
          label: run.boundScale === 'statistic' ? t('detUpperStatistic') : t('upperBound'),
          stroke: COLOURS.upper,
          width: 1.5,
          scale: boundScaleKey(run),
          ...(run.boundScale === 'count' && !hasExpected ? { fill: COLOURS.band, fillTo: 0 } : {}),
          value: (_u, v) => fmt(v),
        },
        {
          label: t('alarm'),
          stroke: COLOURS.alarm,
          fill: COLOURS.alarm,
          width: 0,
          paths: () => null,
          points: { show: true, size: 10, fill: COLOURS.alarm, stroke: '#7b241c' },
          value: (_u, v) => fmt(v),
        },
      );
      plotted.push(data.expected, data.upper, data.alarm);
      if (run.boundScale === 'count' && hasExpected) bands.push({ series: [3, 2], fill: COLOURS.band });
    }
    if (compare !== null && compare !== undefined) {
      series.push(
        {
          label: t('detUpperCompare'),
          stroke: COLOURS.compare,
          width: 2,
          dash: [3, 3],
          scale: boundScaleKey(compare),
          value: (_u, v) => fmt(v),
        },
        {
          label: t('detAlarmCompare'),
          stroke: COLOURS.compare,
          width: 0,
          paths: () => null,
          points: { show: true, size: 16, width: 2, fill: 'rgba(0,0,0,0)', stroke: COLOURS.compare },
          value: (_u, v) => fmt(v),
        },
      );
      plotted.push(data.upperB, data.alarmB);
    }
    const axes: uPlot.Axis[] = [
      { space: 90, values: (_u, splits) => splits.map((s) => monthFormat.format(new Date(s * 1000))) },
      { values: (_u, splits) => splits.map((s) => number(s)), size: 56 },
    ];
    if (statistic)
      axes.push({
        scale: 'stat',
        side: 1,
        grid: { show: false },
        values: (_u, splits) => splits.map((s) => number(s)),
        size: 56,
      });

    const opts: uPlot.Options = {
      width: Math.max(320, el.clientWidth),
      height: 340,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      cursor: { drag: { x: true, y: false } },
      legend: { live: true },
      scales: {
        x: { time: true },
        y: { range: (_u, min, max) => [Math.min(0, min), max > 0 ? max * 1.05 : 1] },
      },
      axes,
      series,
      bands,
      hooks: {
        drawClear: [
          (u) => {
            const { ctx } = u;
            ctx.save();
            ctx.fillStyle = COLOURS.baseline;
            for (const [from, to] of shades) {
              const x0 = u.valToPos(from, 'x', true);
              const x1 = u.valToPos(to, 'x', true);
              ctx.fillRect(x0, u.bbox.top, Math.max(1, x1 - x0), u.bbox.height);
            }
            ctx.restore();
          },
        ],
      },
    };
    const plot = new uPlot(opts, plotted as uPlot.AlignedData, el);
    // What is drawn, for tests and tools that cannot read the canvas.
    el.dataset.series = String(series.length - 1);
    el.dataset.bands = String(bands.length + (series.some((x) => x.fillTo !== undefined) ? 1 : 0));
    // A click on a monitored period shades that period's baseline.
    const onClick = () => {
      const idx = plot.cursor.idx;
      if (idx !== null && idx !== undefined) setChosen(data.epochs[idx]);
    };
    plot.over.addEventListener('click', onClick);
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(320, el.clientWidth), height: 340 }),
    );
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.over.removeEventListener('click', onClick);
      plot.destroy();
    };
  }, [data, run, compare, focusEpoch, hasExpected, statistic, t, language, number]);

  const yesNo = (a: boolean | null | undefined) =>
    a === true ? t('detAlarmYes') : a === false ? t('detAlarmNo') : t('detAlarmUnknown');
  const cell = (v: number | null | undefined) => (
    <td data-value={v ?? ''}>{v === null || v === undefined ? '–' : number(v, 2)}</td>
  );
  const compareBy = new Map((compare?.epochs ?? []).map((e) => [e.epoch, e]));
  const monitored = focusRun?.epochs ?? [];

  return (
    <figure className="chart detection-chart">
      <figcaption>{t('chartTitle')}</figcaption>
      <div ref={host} role="img" aria-label={props.label} data-testid="series-chart" />
      {focusRun !== null && (
        <div className="detection-chart-key">
          {run !== null && run !== undefined && run.boundScale === 'count' && (
            <span>
              <span className="swatch swatch-band" aria-hidden="true" />
              {hasExpected ? t('detBandExpected') : t('detBandZero')}
            </span>
          )}
          <span>
            <span className="swatch swatch-baseline" aria-hidden="true" />
            {focus === null ? t('detNoBaseline') : t('detBaselineOf', { date: date(focus) })}
            {focusEpoch !== null && focusEpoch.baseline.length === 0 && ` ${t('detBaselineNone')}`}
          </span>
          <label>
            {t('detBaselineChoose')}
            <select name="baselineEpoch" value={focus ?? ''} onChange={(e) => setChosen(e.target.value)}>
              {monitored.map((e) => (
                <option key={e.epoch} value={e.epoch}>
                  {date(e.epoch)}
                  {e.alarm === true ? ` · ${t('alarm')}` : ''}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      {focusRun !== null && (
        <table className="detection-sr-only" data-testid="chart-summary">
          <caption>{t('detSummaryCaption', { label: props.label })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('epoch')}</th>
              <th scope="col">{t('observed')}</th>
              {run !== null && run !== undefined && (
                <>
                  <th scope="col">{t('expected')}</th>
                  <th scope="col">{t('upperBound')}</th>
                  <th scope="col">{t('alarm')}</th>
                </>
              )}
              {compare !== null && compare !== undefined && (
                <>
                  <th scope="col">{t('detUpperCompare')}</th>
                  <th scope="col">{t('detAlarmCompare')}</th>
                </>
              )}
            </tr>
          </thead>
          <tbody>
            {monitored.map((e) => {
              const b = compareBy.get(e.epoch);
              return (
                <tr key={e.epoch} data-epoch={e.epoch}>
                  <th scope="row">{date(e.epoch)}</th>
                  {cell(e.observed)}
                  {run !== null && run !== undefined && (
                    <>
                      {cell(e.expected)}
                      {cell(e.upperBound)}
                      <td data-value={String(e.alarm)}>{yesNo(e.alarm)}</td>
                    </>
                  )}
                  {compare !== null && compare !== undefined && (
                    <>
                      {cell(b?.upperBound)}
                      <td data-value={String(b?.alarm ?? null)}>{yesNo(b?.alarm)}</td>
                    </>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </figure>
  );
}
