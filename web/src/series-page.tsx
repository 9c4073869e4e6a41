import { useEffect, useMemo, useState } from 'react';
import { api, query } from './api.ts';
import type { ActorView, Named, Page, Place, SeriesValues } from './api-types.ts';
import { ErrorNotice } from './error-notice.tsx';
import { useI18n } from './i18n/i18n.tsx';
import { SeriesChart } from './series-chart.tsx';

interface SeriesSummary {
  readonly id: string;
  readonly hazardId: string;
  readonly placeId: string;
  readonly stratum: string;
  readonly frequency: string;
  readonly source: string;
}

/** The series explorer: choose hazard, place and stratum, and chart the series' whole history. */
export function SeriesPage(props: { readonly actor: ActorView }) {
  const { t, language, number } = useI18n();
  const [hazards, setHazards] = useState<ReadonlyArray<Named>>([]);
  const [places, setPlaces] = useState<ReadonlyArray<Place>>([]);
  const [hazard, setHazard] = useState('');
  const [place, setPlace] = useState('');
  const [series, setSeries] = useState<Page<SeriesSummary> | null>(null);
  const [chosen, setChosen] = useState('');
  const [values, setValues] = useState<SeriesValues | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    api<Page<Named>>('GET', '/api/hazards?limit=500')
      .then((r) => setHazards(r.items))
      .catch(() => {});
    api<Page<Place>>('GET', `/api/places${query({ within: props.actor.jurisdictionPlaceId, limit: 500 })}`)
      .then((r) => setPlaces(r.items))
      .catch(() => {});
  }, [props.actor.jurisdictionPlaceId]);

  useEffect(() => {
    let live = true;
    setError(null);
    api<Page<SeriesSummary>>('GET', `/api/series${query({ hazard, place, limit: 500 })}`)
      .then((r) => {
        if (!live) return;
        setSeries(r);
        setChosen((c) => (r.items.some((s) => s.id === c) ? c : (r.items[0]?.id ?? '')));
      })
      .catch((err: unknown) => live && setError(err));
    return () => {
      live = false;
    };
  }, [hazard, place]);

  useEffect(() => {
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

  const placeName = useMemo(() => {
    const names = new Map(places.map((p) => [p.id, (language === 'zh-CN' ? p.nameLocal : null) ?? p.name]));
    return (id: string) => names.get(id) ?? id;
  }, [places, language]);
  const hazardName = (id: string) => hazards.find((h) => h.id === id)?.name ?? id;
  const label = (s: SeriesSummary) =>
    `${hazardName(s.hazardId)} — ${placeName(s.placeId)}${s.stratum === '' ? '' : ` (${s.stratum})`}`;
  const current = series?.items.find((s) => s.id === chosen);

  return (
    <section aria-labelledby="series-title">
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
          {t('seriesChoice', { n: number(series?.total ?? 0, 0) })}
          <select name="series" value={chosen} onChange={(e) => setChosen(e.target.value)}>
            {(series?.items ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {label(s)}
              </option>
            ))}
          </select>
        </label>
      </form>
      <ErrorNotice error={error} />
      {series !== null && series.items.length === 0 && <p className="empty">{t('noSeriesMatch')}</p>}
      {current !== undefined && values !== null && values.series.id === current.id && (
        <SeriesChart values={values.values} alarms={[]} baseline={[]} label={label(current)} />
      )}
    </section>
  );
}
