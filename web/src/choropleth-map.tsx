import { geoPath } from 'd3-geo';
import { useMemo, useState } from 'react';
import { useI18n } from './i18n/i18n.tsx';
import { classBounds, classLower, classOf, MAP_COLOURS, NO_PLACE_COLOUR } from './map-classes.ts';
import { featureName, featurePlaceId } from './map-keys.ts';
import { type MapFeature, type ProjectionKind, projectionFor } from './map-layers.ts';
import { navigate } from './router.ts';
import './choropleth-map.css';

/**
 * A choropleth of one value per place over the features of a bundled layer (d3-geo, SVG). Every
 * feature with a place is a link (focusable, named "place: value"); hovering or focusing it shows the
 * name and value below the map; following it opens `hrefFor(placeId)`. The legend gives the class
 * bounds. Features without a place (no ISO code) are drawn grey and are not links.
 */
export function ChoroplethMap(props: {
  readonly features: ReadonlyArray<MapFeature>;
  readonly projection: ProjectionKind;
  readonly values: ReadonlyMap<string, number>;
  /** The map's accessible name. */
  readonly label: string;
  readonly legendLabel: string;
  /** A value in words, e.g. "3 open signals". */
  readonly valueText: (value: number) => string;
  readonly hrefFor: (placeId: string) => string;
  readonly testId?: string;
  /** What to do with the map, shown until an area is pointed at. */
  readonly hint?: string;
  readonly width?: number;
  readonly height?: number;
  /** Fractional digits shown for values (0 for counts). */
  readonly digits?: number;
}) {
  const { t, number, language } = useI18n();
  const width = props.width ?? 460;
  const height = props.height ?? 400;
  const digits = props.digits ?? 0;
  const [focus, setFocus] = useState<number | null>(null);
  const { features, projection } = props;
  const paths = useMemo(() => {
    const path = geoPath(projectionFor(projection, features, width, height));
    return features.map((f) => (f.geometry === null ? '' : (path(f) ?? '')));
  }, [features, projection, width, height]);

  let max = 0;
  for (const f of features) {
    const id = featurePlaceId(f.properties);
    const v = id === null ? undefined : props.values.get(id);
    if (v !== undefined && v > max) max = v;
  }
  const bounds = classBounds(max);
  const hasUnplaced = features.some((f) => featurePlaceId(f.properties) === null);
  const featureValue = (i: number): number => {
    const id = featurePlaceId(features[i].properties);
    return id === null ? 0 : (props.values.get(id) ?? 0);
  };
  const range = (k: number): string => {
    const lo = classLower(k, bounds);
    const hi = bounds[k - 1];
    return hi > lo ? `${number(lo, digits)}–${number(hi, digits)}` : number(hi, digits);
  };

  return (
    <figure className="map choropleth">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        aria-label={props.label}
        data-testid={props.testId}
        style={{ maxWidth: width }}
      >
        {features.map((f, i) => {
          const id = featurePlaceId(f.properties);
          const name = featureName(f.properties, language);
          if (id === null)
            return (
              <path key={`none-${name}`} d={paths[i]} fill={NO_PLACE_COLOUR} className="unplaced">
                <title>{`${name}: ${t('mapNoPlace')}`}</title>
              </path>
            );
          const n = featureValue(i);
          const href = props.hrefFor(id);
          return (
            <a
              key={id}
              href={href}
              aria-label={`${name}: ${props.valueText(n)}`}
              data-place={id}
              onClick={(e) => {
                if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
                e.preventDefault();
                navigate(href);
              }}
              onMouseEnter={() => setFocus(i)}
              onFocus={() => setFocus(i)}
            >
              <path d={paths[i]} fill={MAP_COLOURS[classOf(n, bounds)]} data-count={n}>
                <title>{`${name}: ${number(n, digits)}`}</title>
              </path>
            </a>
          );
        })}
      </svg>
      <figcaption>
        <p aria-live="polite" data-testid="map-focus">
          {focus === null || features[focus] === undefined
            ? (props.hint ?? t('mapHint'))
            : `${featureName(features[focus].properties, language)}: ${props.valueText(featureValue(focus))}`}
        </p>
        <ul className="legend" aria-label={props.legendLabel} data-testid="map-legend">
          <li>
            <span className="swatch" style={{ background: MAP_COLOURS[0] }} /> {number(0, 0)}
          </li>
          {bounds.map((b, i) => (
            <li key={b}>
              <span className="swatch" style={{ background: MAP_COLOURS[i + 1] }} /> {range(i + 1)}
            </li>
          ))}
          {hasUnplaced && (
            <li>
              <span className="swatch" style={{ background: NO_PLACE_COLOUR }} /> {t('mapNoPlace')}
            </li>
          )}
        </ul>
      </figcaption>
    </figure>
  );
}
