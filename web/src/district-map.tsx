import { geoIdentity, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { useEffect, useMemo, useState } from 'react';
import mapUrl from '../../datasets/fluBYBW_map.geojson?url';
import { useI18n } from './i18n/i18n.tsx';
import { navigate } from './router.ts';

type District = Feature<Polygon | MultiPolygon, { readonly region_id: string; readonly name: string }>;

const WIDTH = 460;
const HEIGHT = 400;
const COLOURS = ['#f2f4f7', '#fde0c5', '#facb98', '#f59e60', '#d9541e', '#8f2d0f'];

/** The place id of a district of the demo data (`8336` → `DE-08336`, as the demo import names them). */
export const districtPlaceId = (regionId: string): string => `DE-${regionId.padStart(5, '0')}`;

/** Upper bounds of the colour classes for counts 1..max (class 0 is "none"). */
function classBounds(max: number): number[] {
  if (max <= 5) return Array.from({ length: max }, (_, i) => i + 1);
  return [1, 2, 3, 4, 5].map((i) => Math.ceil((max * i) / 5));
}

/**
 * Choropleth of a count per district of Bavaria and Baden-Württemberg (the demo data's districts, bundled
 * from the R package surveillance; planar coordinates, so an identity projection). Hover or focus shows
 * the value; a click opens the inbox for that district. Works offline: the boundaries ship with the UI.
 */
export function DistrictMap(props: { readonly counts: ReadonlyMap<string, number>; readonly label: string }) {
  const { t, number } = useI18n();
  const [districts, setDistricts] = useState<ReadonlyArray<District> | null>(null);
  const [focus, setFocus] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    fetch(mapUrl)
      .then((r) => r.json() as Promise<FeatureCollection<Polygon | MultiPolygon, District['properties']>>)
      .then((fc) => live && setDistricts(fc.features))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, []);
  const path = useMemo(() => {
    if (districts === null) return null;
    const fc = { type: 'FeatureCollection' as const, features: [...districts] };
    return geoPath(geoIdentity().reflectY(true).fitSize([WIDTH, HEIGHT], fc));
  }, [districts]);

  // The scale covers the districts drawn (the counts also hold states and the whole country).
  const max = Math.max(
    0,
    ...(districts ?? []).map((d) => props.counts.get(districtPlaceId(d.properties.region_id)) ?? 0),
  );
  const bounds = classBounds(max);
  const colour = (n: number): string => {
    if (n <= 0) return COLOURS[0];
    const i = bounds.findIndex((b) => n <= b);
    return COLOURS[Math.min(COLOURS.length - 1, (i < 0 ? bounds.length - 1 : i) + 1)];
  };

  if (districts === null || path === null) return <p className="loading">{t('loading')}</p>;
  const focused = districts.find((d) => d.properties.region_id === focus);
  const focusedCount =
    focused === undefined ? 0 : (props.counts.get(districtPlaceId(focused.properties.region_id)) ?? 0);
  return (
    <figure className="map">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={props.label} data-testid="district-map">
        {districts.map((d) => {
          const id = districtPlaceId(d.properties.region_id);
          const n = props.counts.get(id) ?? 0;
          const href = `/signals?place=${encodeURIComponent(id)}`;
          return (
            <a
              key={d.properties.region_id}
              href={href}
              aria-label={`${d.properties.name}: ${t('mapValue', { n: number(n, 0) })}`}
              onClick={(e) => {
                e.preventDefault();
                navigate(href);
              }}
              onMouseEnter={() => setFocus(d.properties.region_id)}
              onFocus={() => setFocus(d.properties.region_id)}
            >
              <path d={path(d) ?? ''} fill={colour(n)} stroke="#6e7781" strokeWidth={0.5} data-count={n}>
                <title>{`${d.properties.name}: ${number(n, 0)}`}</title>
              </path>
            </a>
          );
        })}
      </svg>
      <figcaption>
        <p aria-live="polite" data-testid="map-focus">
          {focused === undefined
            ? t('mapHint')
            : `${focused.properties.name}: ${t('mapValue', { n: number(focusedCount, 0) })}`}
        </p>
        <ul className="legend" aria-label={t('mapLegend')}>
          <li>
            <span className="swatch" style={{ background: COLOURS[0] }} /> 0
          </li>
          {bounds.map((b, i) => (
            <li key={b}>
              <span className="swatch" style={{ background: COLOURS[i + 1] }} />{' '}
              {i === 0 ? number(1, 0) : number(bounds[i - 1] + 1, 0)}
              {b > (i === 0 ? 1 : bounds[i - 1] + 1) ? `–${number(b, 0)}` : ''}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
