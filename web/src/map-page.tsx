import { useEffect, useMemo, useState } from 'react';
import { api } from './api.ts';
import { ChoroplethMap } from './choropleth-map.tsx';
import { DISTRICTS_LAYER } from './district-map.tsx';
import { ErrorNotice } from './error-notice.tsx';
import { useI18n } from './i18n/i18n.tsx';
import type { MessageKey } from './i18n/messages.ts';
import { ADMIN1_COUNTRIES, admin1Layer, CHINA_LAYER, WORLD_LAYER } from './map-catalogue.ts';
import { featurePlaceId } from './map-keys.ts';
import type { MapFeature, MapLayer } from './map-layers.ts';
import type { MapMetric, PlaceValue } from './map-types.ts';
import { useMapLayer } from './use-map-layer.ts';

type LayerChoice = 'districts' | 'world' | 'admin1' | 'china';
const LAYER_CHOICES: ReadonlyArray<readonly [LayerChoice, MessageKey]> = [
  ['districts', 'mapLayerDistricts'],
  ['world', 'mapLayerWorld'],
  ['admin1', 'mapLayerAdmin1'],
  ['china', 'mapLayerChina'],
];
const METRICS: ReadonlyArray<readonly [MapMetric, MessageKey, MessageKey]> = [
  ['signals', 'mapMetricSignals', 'mapValueSignals'],
  ['alarms', 'mapMetricAlarms', 'mapValueAlarms'],
  ['observations', 'mapMetricObservations', 'mapValueObservations'],
];

/** Whether some feature of the layer has a value above zero. */
const hasValues = (features: ReadonlyArray<MapFeature>, values: ReadonlyMap<string, number>): boolean =>
  features.some((f) => (values.get(featurePlaceId(f.properties) ?? '') ?? 0) > 0);

type Values =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ok'; readonly values: ReadonlyMap<string, number> }
  | { readonly kind: 'error'; readonly error: unknown };

/** The values of a metric per place of a layer's level, in the caller's jurisdiction. */
function useValues(layer: MapLayer, metric: MapMetric, from: string, to: string): Values {
  const [state, setState] = useState<Values>({ kind: 'loading' });
  const query = new URLSearchParams({ level: layer.level, metric });
  if (layer.placeId !== undefined) query.set('place', layer.placeId);
  if (from !== '') query.set('from', from);
  if (to !== '') query.set('to', to);
  const path = `/api/signals/map?${query}`;
  useEffect(() => {
    let live = true;
    setState({ kind: 'loading' });
    api<ReadonlyArray<PlaceValue>>('GET', path)
      .then(
        (rows) => live && setState({ kind: 'ok', values: new Map(rows.map((r) => [r.placeId, r.value])) }),
      )
      .catch((error: unknown) => live && setState({ kind: 'error', error }));
    return () => {
      live = false;
    };
  }, [path]);
  return state;
}

/**
 * The map page: a choropleth of open signals, alarms or observed cases per area, on a bundled layer
 * (the demo districts, the world's countries, one country's first-level regions, China's provinces).
 * Selecting an area opens its signals in the inbox, or its series for observed cases.
 */
export function MapPage() {
  const { t, number, language } = useI18n();
  const [choice, setChoice] = useState<LayerChoice>('districts');
  const [country, setCountry] = useState('DE');
  const [metric, setMetric] = useState<MapMetric>('signals');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const layer = useMemo((): MapLayer => {
    switch (choice) {
      case 'districts':
        return DISTRICTS_LAYER;
      case 'world':
        return WORLD_LAYER;
      case 'china':
        return CHINA_LAYER;
      case 'admin1':
        return admin1Layer(country) ?? WORLD_LAYER;
    }
  }, [choice, country]);
  const features = useMapLayer(layer);
  const values = useValues(layer, metric, from, to);
  const countries = useMemo(() => {
    const name = (c: (typeof ADMIN1_COUNTRIES)[number]) =>
      (language === 'zh-CN' ? c.nameLocal : null) ?? c.name;
    return ADMIN1_COUNTRIES.map((c) => ({ id: c.placeId, name: name(c) })).sort((a, b) =>
      a.name.localeCompare(b.name, language),
    );
  }, [language]);
  const [, metricKey, valueKey] = METRICS.find(([m]) => m === metric) ?? METRICS[0];
  const layerKey = LAYER_CHOICES.find(([c]) => c === choice)?.[1] ?? 'mapLayerDistricts';
  const layerName =
    choice === 'admin1'
      ? `${t(layerKey)}: ${countries.find((c) => c.id === country)?.name ?? country}`
      : t(layerKey);

  return (
    <section className="map-page">
      <h1>{t('mapPageTitle')}</h1>
      <form className="filters map-controls" aria-label={t('filters')} onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('mapLayer')}
          <select name="layer" value={choice} onChange={(e) => setChoice(e.target.value as LayerChoice)}>
            {LAYER_CHOICES.map(([c, key]) => (
              <option key={c} value={c}>
                {t(key)}
              </option>
            ))}
          </select>
        </label>
        {choice === 'admin1' && (
          <label>
            {t('mapCountry')}
            <select name="country" value={country} onChange={(e) => setCountry(e.target.value)}>
              {countries.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t('mapMetric')}
          <select name="metric" value={metric} onChange={(e) => setMetric(e.target.value as MapMetric)}>
            {METRICS.map(([m, key]) => (
              <option key={m} value={m}>
                {t(key)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('mapFrom')}
          <input type="date" name="from" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t('mapTo')}
          <input type="date" name="to" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
      </form>
      {features.kind === 'error' && <ErrorNotice error={features.error} />}
      {values.kind === 'error' && <ErrorNotice error={values.error} />}
      {(features.kind === 'loading' || values.kind === 'loading') && (
        <p className="loading">{t('mapLoadingLayer')}</p>
      )}
      {features.kind === 'ok' && values.kind === 'ok' && !hasValues(features.features, values.values) && (
        <p className="empty">{t('mapEmpty')}</p>
      )}
      {features.kind === 'ok' && values.kind === 'ok' && (
        <ChoroplethMap
          features={features.features}
          projection={layer.projection}
          values={values.values}
          label={t('mapAreaLabel', { metric: t(metricKey), layer: layerName })}
          legendLabel={t('mapLegendOf', { metric: t(metricKey) })}
          hint={t('mapHintArea')}
          valueText={(n) => t(valueKey, { n: number(n, 0) })}
          hrefFor={(id) =>
            metric === 'observations'
              ? `/series?place=${encodeURIComponent(id)}`
              : `/signals?place=${encodeURIComponent(id)}`
          }
          testId="area-map"
          width={960}
          height={layer.projection === 'world' ? 470 : 560}
        />
      )}
      <p className="muted">{t(metric === 'observations' ? 'mapOpensSeries' : 'mapOpensSignals')}</p>
      <p className="muted small">{t('mapAttribution')}</p>
    </section>
  );
}
