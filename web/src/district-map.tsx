import districtsUrl from '../../datasets/geo/fluBYBW-districts.topo.json?url';
import { ChoroplethMap } from './choropleth-map.tsx';
import { ErrorNotice } from './error-notice.tsx';
import { useI18n } from './i18n/i18n.tsx';
import type { MapLayer } from './map-layers.ts';
import { useMapLayer } from './use-map-layer.ts';

/** The demo data's 140 districts of Bavaria and Baden-Württemberg (planar coordinates, bundled). */
export const DISTRICTS_LAYER: MapLayer = {
  id: 'districts',
  url: districtsUrl,
  object: 'districts',
  projection: 'planar',
  level: 'admin2',
};

/**
 * The situation board's map: open signals per district of the demo data, from the bundled TopoJSON
 * (works offline). Hover or focus shows the value; selecting a district opens its signals in the inbox.
 */
export function DistrictMap(props: { readonly counts: ReadonlyMap<string, number>; readonly label: string }) {
  const { t, number } = useI18n();
  const layer = useMapLayer(DISTRICTS_LAYER);
  if (layer.kind === 'loading') return <p className="loading">{t('loading')}</p>;
  if (layer.kind === 'error') return <ErrorNotice error={layer.error} />;
  return (
    <ChoroplethMap
      features={layer.features}
      projection="planar"
      values={props.counts}
      label={props.label}
      legendLabel={t('mapLegend')}
      valueText={(n) => t('mapValue', { n: number(n, 0) })}
      hrefFor={(id) => `/signals?place=${encodeURIComponent(id)}`}
      testId="district-map"
    />
  );
}
