import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import type { Alarm } from './api-types.ts';
import { useI18n } from './i18n/i18n.tsx';

export interface SeriesChartProps {
  readonly values: ReadonlyArray<{ readonly epoch: string; readonly count: number | null }>;
  readonly alarms: ReadonlyArray<Alarm>;
  /** Baseline stretches to shade ('YYYY-MM-DD' bounds). */
  readonly baseline: ReadonlyArray<{ readonly from: string; readonly to: string }>;
  readonly label: string;
}

const seconds = (epoch: string): number =>
  Date.UTC(+epoch.slice(0, 4), +epoch.slice(5, 7) - 1, +epoch.slice(8, 10)) / 1000;

/**
 * Observed counts (line), the expected value and upper bound of each alarm (points joined, with the band
 * between them shaded), the alarm points in red, and the baseline window shaded grey.
 */
export function SeriesChart(props: SeriesChartProps) {
  const { t, language, number } = useI18n();
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = host.current;
    if (el === null) return;
    const byEpoch = new Map(props.alarms.map((a) => [a.epoch, a]));
    const epochs = [
      ...new Set([...props.values.map((v) => v.epoch), ...props.alarms.map((a) => a.epoch)]),
    ].sort();
    const counts = new Map(props.values.map((v) => [v.epoch, v.count]));
    const x = epochs.map(seconds);
    const observed = epochs.map((e) => counts.get(e) ?? byEpoch.get(e)?.observed ?? null);
    const expected = epochs.map((e) => byEpoch.get(e)?.expected ?? null);
    const upper = epochs.map((e) => byEpoch.get(e)?.upperBound ?? null);
    const alarm = epochs.map((e) =>
      byEpoch.has(e) ? (byEpoch.get(e)?.observed ?? counts.get(e) ?? null) : null,
    );
    const shades = props.baseline.map((b) => [seconds(b.from), seconds(b.to)] as const);
    const dateFormat = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' });
    const yearFormat = new Intl.DateTimeFormat(language, {
      year: 'numeric',
      month: 'short',
      timeZone: 'UTC',
    });
    const fmt = (v: number | null | undefined): string => (v === null || v === undefined ? '–' : number(v));

    const opts: uPlot.Options = {
      width: Math.max(320, el.clientWidth),
      height: 320,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      cursor: { drag: { x: true, y: false } },
      legend: { live: true },
      scales: { x: { time: true } },
      axes: [
        { space: 90, values: (_u, splits) => splits.map((s) => yearFormat.format(new Date(s * 1000))) },
        { values: (_u, splits) => splits.map((s) => number(s)), size: 56 },
      ],
      series: [
        { label: t('epoch'), value: (_u, v) => (v === null ? '–' : dateFormat.format(new Date(v * 1000))) },
        { label: t('observed'), stroke: '#1f4e8c', width: 1.5, value: (_u, v) => fmt(v) },
        {
          label: t('expected'),
          stroke: '#2a7d4f',
          width: 1.5,
          dash: [6, 4],
          spanGaps: true,
          points: { show: true, size: 5 },
          value: (_u, v) => fmt(v),
        },
        {
          label: t('upperBound'),
          stroke: '#b8860b',
          width: 1.5,
          spanGaps: true,
          points: { show: true, size: 5 },
          value: (_u, v) => fmt(v),
        },
        {
          label: t('alarm'),
          stroke: '#c0392b',
          fill: '#c0392b',
          width: 0,
          paths: () => null,
          points: { show: true, size: 10, fill: '#c0392b', stroke: '#7b241c' },
          value: (_u, v) => fmt(v),
        },
      ],
      bands: [{ series: [3, 2], fill: 'rgba(184, 134, 11, 0.15)' }],
      hooks: {
        drawClear: [
          (u) => {
            const { ctx } = u;
            ctx.save();
            ctx.fillStyle = 'rgba(120, 120, 120, 0.12)';
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
    const plot = new uPlot(opts, [x, observed, expected, upper, alarm], el);
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(320, el.clientWidth), height: 320 }),
    );
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [props.values, props.alarms, props.baseline, t, language, number]);

  return (
    <figure className="chart">
      <figcaption>{t('chartTitle')}</figcaption>
      <div ref={host} role="img" aria-label={props.label} data-testid="series-chart" />
    </figure>
  );
}
