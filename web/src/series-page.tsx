import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { api, query } from './api.ts';
import type { ActorView, Named, Page, Place, SeriesValues } from './api-types.ts';
import {
  controlFromDraft,
  DetectionOptionsForm,
  draftFromControl,
  type OptionDraft,
} from './detection-options-form.tsx';
import type { Exploration } from './detection-types.ts';
import { ErrorNotice } from './error-notice.tsx';
import { useI18n } from './i18n/i18n.tsx';
import { SeriesChart } from './series-chart.tsx';
import { exploreSeries, RunFacts, useAlgorithms } from './signal-detection-panel.tsx';

interface SeriesSummary {
  readonly id: string;
  readonly hazardId: string;
  readonly placeId: string;
  readonly stratum: string;
  readonly frequency: string;
  readonly source: string;
}

/** Any stratum (the stratum '' is "all cases, no breakdown"). */
const ANY = '*';
const DEFAULT_ALGORITHM = 'earsC';

/**
 * The series explorer: choose hazard, place and stratum, chart the series' whole history, and run any
 * detection method with options from a generated form to see its band and alarms (nothing is stored).
 */
export function SeriesPage(props: { readonly actor: ActorView }) {
  const { t, language, number } = useI18n();
  const [hazards, setHazards] = useState<ReadonlyArray<Named>>([]);
  const [places, setPlaces] = useState<ReadonlyArray<Place>>([]);
  // A link (e.g. from the map) may choose the place and hazard: /series?place=DE-09162&hazard=…
  const [hazard, setHazard] = useState(() => new URLSearchParams(location.search).get('hazard') ?? '');
  const [place, setPlace] = useState(() => new URLSearchParams(location.search).get('place') ?? '');
  const [stratum, setStratum] = useState(ANY);
  const [series, setSeries] = useState<Page<SeriesSummary> | null>(null);
  const [chosen, setChosen] = useState('');
  const [values, setValues] = useState<SeriesValues | null>(null);
  const [error, setError] = useState<unknown>(null);
  const { algorithms, error: algorithmsError } = useAlgorithms();
  const [algorithm, setAlgorithm] = useState(DEFAULT_ALGORITHM);
  const [draft, setDraft] = useState<OptionDraft>({});
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [run, setRun] = useState<Exploration | null>(null);
  const [runError, setRunError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    // The hazards on offer are those with a series in the jurisdiction (not the whole catalogue).
    api<Page<SeriesSummary>>('GET', `/api/series${query({ limit: 500 })}`)
      .then((r) => {
        const ids = [...new Set(r.items.map((s) => s.hazardId))];
        return Promise.all(ids.map((id) => api<Named>('GET', `/api/hazards/${encodeURIComponent(id)}`)));
      })
      .then((list) => setHazards([...list].sort((a, b) => a.name.localeCompare(b.name))))
      .catch(() => {});
    api<Page<Place>>('GET', `/api/places${query({ within: props.actor.jurisdictionPlaceId, limit: 500 })}`)
      .then((r) => setPlaces(r.items))
      .catch(() => {});
  }, [props.actor.jurisdictionPlaceId]);

  useEffect(() => {
    let live = true;
    setError(null);
    api<Page<SeriesSummary>>('GET', `/api/series${query({ hazard, place, limit: 500 })}`)
      .then((r) => live && setSeries(r))
      .catch((err: unknown) => live && setError(err));
    return () => {
      live = false;
    };
  }, [hazard, place]);

  // The series list answers up to 500 series: the strata on offer are those among them.
  const strata = useMemo(() => [...new Set((series?.items ?? []).map((s) => s.stratum))].sort(), [series]);
  const shownSeries = useMemo(
    () => (series?.items ?? []).filter((s) => stratum === ANY || s.stratum === stratum),
    [series, stratum],
  );
  useEffect(() => {
    if (stratum !== ANY && !strata.includes(stratum)) setStratum(ANY);
  }, [strata, stratum]);
  useEffect(() => {
    setChosen((c) => (shownSeries.some((s) => s.id === c) ? c : (shownSeries[0]?.id ?? '')));
  }, [shownSeries]);

  useEffect(() => {
    setRun(null);
    setRunError(null);
    if (chosen === '') {
      setValues(null);
      return;
    }
    let live = true;
    api<SeriesValues>('GET', `/api/series/${encodeURIComponent(chosen)}/observations`)
      .then((v) => live && setValues(v))
      .catch((err: unknown) => live && setError(err));
    return () => {
      live = false;
    };
  }, [chosen]);

  const specs = algorithms.find((a) => a.name === algorithm)?.options ?? [];
  useEffect(() => {
    const s = algorithms.find((a) => a.name === algorithm)?.options ?? [];
    setDraft(draftFromControl(s, {}));
  }, [algorithms, algorithm]);

  const placeName = useMemo(() => {
    const names = new Map(places.map((p) => [p.id, (language === 'zh-CN' ? p.nameLocal : null) ?? p.name]));
    return (id: string) => names.get(id) ?? id;
  }, [places, language]);
  const hazardName = (id: string) => hazards.find((h) => h.id === id)?.name ?? id;
  const label = (s: SeriesSummary) =>
    `${hazardName(s.hazardId)} — ${placeName(s.placeId)}${s.stratum === '' ? '' : ` (${s.stratum})`}`;
  const current = shownSeries.find((s) => s.id === chosen);

  async function detect(event: FormEvent) {
    event.preventDefault();
    if (chosen === '') return;
    setBusy(true);
    setRunError(null);
    try {
      setRun(
        await exploreSeries(chosen, {
          algorithm,
          options: controlFromDraft(specs, draft),
          from: from === '' ? undefined : from,
          to: to === '' ? undefined : to,
        }),
      );
    } catch (err) {
      setRun(null);
      setRunError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="series-title" className="detection-panel">
      <h1 id="series-title">{t('seriesTitle')}</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('filterHazard')}
          <select name="seriesHazard" value={hazard} onChange={(e) => setHazard(e.target.value)}>
            <option value="">{t('filterAnyHazard')}</option>
            {hazards.map((h) => (
              <option key={h.id} value={h.id}>
                {h.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('filterPlace')}
          <select name="seriesPlace" value={place} onChange={(e) => setPlace(e.target.value)}>
            <option value="">{t('filterAnyPlace')}</option>
            {places.map((p) => (
              <option key={p.id} value={p.id}>
                {placeName(p.id)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('detStratum')}
          <select name="seriesStratum" value={stratum} onChange={(e) => setStratum(e.target.value)}>
            <option value={ANY}>{t('detAnyStratum')}</option>
            {strata.map((s) => (
              <option key={s} value={s}>
                {s === '' ? t('detNoStratum') : s}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('seriesChoice', { n: number(shownSeries.length, 0) })}
          <select name="series" value={chosen} onChange={(e) => setChosen(e.target.value)}>
            {shownSeries.map((s) => (
              <option key={s.id} value={s.id}>
                {label(s)}
              </option>
            ))}
          </select>
        </label>
      </form>
      <ErrorNotice error={error} />
      {series !== null && shownSeries.length === 0 && <p className="empty">{t('noSeriesMatch')}</p>}
      {chosen !== '' && values === null && error === null && <p className="loading">{t('loading')}</p>}
      {current !== undefined && values !== null && values.series.id === current.id && (
        <>
          <SeriesChart values={values.values} run={run} label={label(current)} />
          <form className="detection-run" aria-labelledby="run-title" onSubmit={detect}>
            <h2 id="run-title">{t('detRunTitle')}</h2>
            <p className="muted">{t('detExplorerHint')}</p>
            <ErrorNotice error={algorithmsError} />
            <div className="filters">
              <label>
                {t('detMethod')}
                <select name="algorithm" value={algorithm} onChange={(e) => setAlgorithm(e.target.value)}>
                  {algorithms.map((a) => (
                    <option key={a.name} value={a.name}>
                      {a.name}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('detFrom')}
                <input type="date" name="detectFrom" value={from} onChange={(e) => setFrom(e.target.value)} />
              </label>
              <label>
                {t('detTo')}
                <input type="date" name="detectTo" value={to} onChange={(e) => setTo(e.target.value)} />
              </label>
            </div>
            <p className="muted">{algorithms.find((a) => a.name === algorithm)?.summary}</p>
            <DetectionOptionsForm specs={specs} draft={draft} onChange={setDraft} idPrefix="explore" />
            <div className="actions">
              <button type="submit" className="primary" disabled={busy || algorithms.length === 0}>
                {busy ? t('detRunning') : t('detRun')}
              </button>
            </div>
          </form>
          <ErrorNotice error={runError} />
          {run !== null && <RunFacts run={run} testId="explore-run" />}
        </>
      )}
    </section>
  );
}
