import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { api } from './api.ts';
import type { IndicatorExplanation } from './api-types.ts';
import {
  controlFromDraft,
  DetectionOptionsForm,
  draftFromControl,
  type OptionDraft,
} from './detection-options-form.tsx';
import {
  type AlgorithmInfo,
  type Exploration,
  type ExploreRequest,
  MAX_EXPLORED_EPOCHS,
} from './detection-types.ts';
import { ErrorNotice } from './error-notice.tsx';
import { useI18n } from './i18n/i18n.tsx';
import { SeriesChart } from './series-chart.tsx';

/** Runs exploratory detection on a series (nothing is stored). */
export function exploreSeries(seriesId: string, request: ExploreRequest): Promise<Exploration> {
  return api<Exploration>('POST', `/api/series/${encodeURIComponent(seriesId)}/detection`, request);
}

/** Loads the detection methods with their option lists once per page. */
export function useAlgorithms(): { algorithms: ReadonlyArray<AlgorithmInfo>; error: unknown } {
  const [algorithms, setAlgorithms] = useState<ReadonlyArray<AlgorithmInfo>>([]);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    api<ReadonlyArray<AlgorithmInfo>>('GET', '/api/detection/algorithms')
      .then((a) => live && setAlgorithms(a))
      .catch((err: unknown) => live && setError(err));
    return () => {
      live = false;
    };
  }, []);
  return { algorithms, error };
}

const shown = (v: unknown): string =>
  v === null || v === undefined ? '–' : typeof v === 'object' ? JSON.stringify(v) : String(v);

/** The facts of one run: method, version, span, alarms, baseline rule and every option. */
export function RunFacts(props: { readonly run: Exploration; readonly testId: string }) {
  const { t, date, number } = useI18n();
  const r = props.run;
  return (
    <dl className="run-facts" data-testid={props.testId}>
      <dt>{t('algorithm')}</dt>
      <dd>
        {r.algorithm} (<code>{r.rFunction}</code>)
      </dd>
      <dt>{t('detVersion')}</dt>
      <dd>{r.detectorVersion}</dd>
      <dt>{t('detMonitored')}</dt>
      <dd>
        {date(r.from)} – {date(r.to)} ({number(r.epochs.length, 0)})
      </dd>
      <dt>{t('alarms')}</dt>
      <dd data-testid={`${props.testId}-alarms`}>{number(r.alarms, 0)}</dd>
      <dt>{t('baseline')}</dt>
      <dd>{r.baselineDescription}</dd>
      <dt>{t('detEffectiveOptions')}</dt>
      <dd>
        <code>
          {Object.entries(r.effectiveOptions)
            .map(([k, v]) => `${k} = ${shown(v)}`)
            .join(' · ')}
        </code>
      </dd>
    </dl>
  );
}

/** Epochs where two runs' alarms differ, with both bounds. */
export function DisagreementTable(props: { readonly a: Exploration; readonly b: Exploration }) {
  const { t, date, number } = useI18n();
  const rows = useMemo(() => {
    const b = new Map(props.b.epochs.map((e) => [e.epoch, e]));
    const out = [];
    for (const e of props.a.epochs) {
      const other = b.get(e.epoch);
      if (other === undefined || other.alarm === e.alarm) continue;
      out.push({ a: e, b: other });
    }
    return out;
  }, [props.a, props.b]);
  const yesNo = (a: boolean | null) =>
    a === true ? t('detAlarmYes') : a === false ? t('detAlarmNo') : t('detAlarmUnknown');
  const num = (v: number | null) => (v === null ? '–' : number(v, 2));
  if (rows.length === 0)
    return (
      <p className="muted" data-testid="disagreements">
        {t('detAgreeAll')}
      </p>
    );
  return (
    <table className="detection-disagree" data-testid="disagreements">
      <caption>{t('detDisagreeTitle', { n: number(rows.length, 0) })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('epoch')}</th>
          <th scope="col">{t('observed')}</th>
          <th scope="col">{t('detBoundA')}</th>
          <th scope="col">{t('detAlarmA')}</th>
          <th scope="col">{t('detUpperCompare')}</th>
          <th scope="col">{t('detAlarmCompare')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ a, b }) => (
          <tr key={a.epoch}>
            <th scope="row">{date(a.epoch)}</th>
            <td>{num(a.observed)}</td>
            <td>{num(a.upperBound)}</td>
            <td className={a.alarm === true ? 'alarm-yes' : ''}>{yesNo(a.alarm)}</td>
            <td>{num(b.upperBound)}</td>
            <td className={b.alarm === true ? 'alarm-yes' : ''}>{yesNo(b.alarm)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The signal's detection, recomputed over the weeks the page shows with the signal's own method and
 * options: the chart with the whole band, the method and its options, and a form to re-run with other
 * options or another method and compare (second bound in purple, and where the two runs disagree).
 */
export function SignalDetectionPanel(props: {
  readonly seriesId: string;
  readonly explanation: IndicatorExplanation;
  readonly values: ReadonlyArray<{ readonly epoch: string; readonly count: number | null }>;
  readonly label: string;
}) {
  const { t, number } = useI18n();
  const ex = props.explanation;
  const { algorithms, error: algorithmsError } = useAlgorithms();
  const [runA, setRunA] = useState<Exploration | null>(null);
  const [errorA, setErrorA] = useState<unknown>(null);
  const [algorithm, setAlgorithm] = useState(ex.algorithm);
  const [draft, setDraft] = useState<OptionDraft | null>(null);
  const [runB, setRunB] = useState<Exploration | null>(null);
  const [errorB, setErrorB] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  // The weeks shown (at most as many as one request may monitor); reloading the page keeps them.
  const v = props.values;
  const from = v.length === 0 ? null : v[Math.max(0, v.length - MAX_EXPLORED_EPOCHS)].epoch;
  const to = v.length === 0 ? null : v[v.length - 1].epoch;
  const span = useMemo(() => (from === null || to === null ? null : { from, to }), [from, to]);
  const controlKey = JSON.stringify(ex.control);

  useEffect(() => {
    if (span === null) return;
    let live = true;
    setErrorA(null);
    const options = JSON.parse(controlKey) as Record<string, unknown>;
    exploreSeries(props.seriesId, { algorithm: ex.algorithm, options, ...span })
      .then((r) => live && setRunA(r))
      .catch((err: unknown) => live && setErrorA(err));
    return () => {
      live = false;
    };
  }, [props.seriesId, ex.algorithm, controlKey, span]);

  const specs = algorithms.find((a) => a.name === algorithm)?.options ?? [];
  // The form starts from the signal's own options for its method, from the defaults for another.
  useEffect(() => {
    if (algorithms.length === 0) return;
    const s = algorithms.find((a) => a.name === algorithm)?.options ?? [];
    setDraft(draftFromControl(s, algorithm === ex.algorithm ? JSON.parse(controlKey) : {}));
  }, [algorithms, algorithm, ex.algorithm, controlKey]);

  async function compare(event: FormEvent) {
    event.preventDefault();
    if (span === null || draft === null) return;
    setBusy(true);
    setErrorB(null);
    try {
      const keep = algorithm === ex.algorithm ? ex.control : {};
      setRunB(
        await exploreSeries(props.seriesId, {
          algorithm,
          options: controlFromDraft(specs, draft, keep),
          ...span,
        }),
      );
    } catch (err) {
      setErrorB(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="detection-panel" aria-labelledby="detection-title">
      <h2 id="detection-title">{t('detPanelTitle')}</h2>
      <ErrorNotice error={errorA} />
      {span === null ? (
        <p className="empty">{t('detNoData')}</p>
      ) : runA === null ? (
        errorA === null && <p className="loading">{t('loading')}</p>
      ) : (
        <RunFacts run={runA} testId="run-a" />
      )}
      <SeriesChart
        values={props.values}
        run={runA === null ? null : runA}
        compare={runB}
        label={props.label}
      />
      <form className="detection-compare" aria-labelledby="compare-title" onSubmit={compare}>
        <h3 id="compare-title">{t('detCompareTitle')}</h3>
        <ErrorNotice error={algorithmsError} />
        <label>
          {t('detMethod')}
          <select name="compareAlgorithm" value={algorithm} onChange={(e) => setAlgorithm(e.target.value)}>
            {(algorithms.length === 0 ? [{ name: ex.algorithm, summary: '' }] : algorithms).map((a) => (
              <option key={a.name} value={a.name}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        {draft !== null && (
          <DetectionOptionsForm specs={specs} draft={draft} onChange={setDraft} idPrefix="compare" />
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || span === null || draft === null}>
            {busy ? t('detRunning') : t('detRunCompare')}
          </button>
          {runB !== null && (
            <button type="button" onClick={() => setRunB(null)}>
              {t('detClearCompare')}
            </button>
          )}
        </div>
      </form>
      <ErrorNotice error={errorB} />
      {runA !== null && runB !== null && (
        <div aria-live="polite">
          <p className="detection-compare-counts" data-testid="compare-counts">
            {t('detCompareCounts', { a: number(runA.alarms, 0), b: number(runB.alarms, 0) })}
          </p>
          <RunFacts run={runB} testId="run-b" />
          <DisagreementTable a={runA} b={runB} />
        </div>
      )}
    </section>
  );
}
