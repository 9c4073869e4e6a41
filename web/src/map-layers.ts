import {
  type GeoPermissibleObjects,
  type GeoStreamWrapper,
  geoCentroid,
  geoConicEqualArea,
  geoEqualEarth,
  geoIdentity,
  geoMercator,
} from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { FeatureProperties } from './map-keys.ts';
import type { MapLevel } from './map-types.ts';

export type MapFeature = Feature<Geometry | null, FeatureProperties>;

/**
 * How a layer is drawn: `world` an Equal Earth projection of the whole sphere; `country` Mercator
 * centred on the layer (so a country across the antimeridian stays whole); `china` the usual Albers
 * conic for China (standard parallels 25° and 47°, central meridian 105° E); `planar` the layer's own
 * plane coordinates (the demo districts), flipped so north is up.
 */
export type ProjectionKind = 'world' | 'country' | 'china' | 'planar';

/** A bundled TopoJSON layer and the place level its features are. */
export interface MapLayer {
  readonly id: string;
  /** The built asset's URL (fetched when the layer is first shown). */
  readonly url: string;
  /** The TopoJSON object that holds the features. */
  readonly object: string;
  readonly projection: ProjectionKind;
  readonly level: MapLevel;
  /** Counts only under this place (e.g. one country's regions). */
  readonly placeId?: string;
}

const loaded = new Map<string, Promise<ReadonlyArray<MapFeature>>>();

/** The features of a layer, decoded once per page life (a failed load is retried next time). */
export function loadLayer(layer: MapLayer): Promise<ReadonlyArray<MapFeature>> {
  const key = `${layer.url}#${layer.object}`;
  let p = loaded.get(key);
  if (p === undefined) {
    p = fetch(layer.url)
      .then((r) => {
        if (!r.ok) throw new Error(`map layer ${layer.id}: HTTP ${r.status}`);
        return r.json() as Promise<Topology>;
      })
      .then((topology) => {
        const object = topology.objects[layer.object] as GeometryCollection<FeatureProperties>;
        const fc = feature(topology, object) as FeatureCollection<Geometry | null, FeatureProperties>;
        return fc.features;
      });
    p.catch(() => loaded.delete(key));
    loaded.set(key, p);
  }
  return p;
}

/** A projection of `kind` fitted to a width × height box around the features. */
export function projectionFor(
  kind: ProjectionKind,
  features: ReadonlyArray<MapFeature>,
  width: number,
  height: number,
): GeoStreamWrapper {
  const fc = {
    type: 'FeatureCollection',
    features: features.filter((f) => f.geometry !== null),
  } as FeatureCollection;
  const size: [number, number] = [width, height];
  switch (kind) {
    case 'world':
      return geoEqualEarth().fitSize(size, { type: 'Sphere' } as GeoPermissibleObjects);
    case 'country': {
      const [lon] = geoCentroid(fc);
      return geoMercator().rotate([-lon, 0]).fitSize(size, fc);
    }
    case 'china':
      return geoConicEqualArea().parallels([25, 47]).rotate([-105, 0]).fitSize(size, fc);
    case 'planar':
      return geoIdentity().reflectY(true).fitSize(size, fc);
  }
}
