import admin1IndexText from '../../datasets/geo/admin1/index.json?raw';
import chinaUrl from '../../datasets/geo/ne-china-admin1.topo.json?url';
import countriesUrl from '../../datasets/geo/ne-countries-50m.topo.json?url';
import type { MapLayer } from './map-layers.ts';
import type { Admin1Country } from './map-types.ts';

/** The URL of each country's first-level-regions file (only URLs here; a file is fetched when chosen). */
const admin1Urls = import.meta.glob<string>('../../datasets/geo/admin1/*.topo.json', {
  query: '?url&no-inline',
  import: 'default',
  eager: true,
});

/** The countries that have a first-level-regions layer, by place id (ISO 3166-1 alpha-2). */
export const ADMIN1_COUNTRIES: ReadonlyArray<Admin1Country> = JSON.parse(admin1IndexText) as Admin1Country[];

export const WORLD_LAYER: MapLayer = {
  id: 'world',
  url: countriesUrl,
  object: 'countries',
  projection: 'world',
  level: 'country',
};

/** China's provinces (with the districts of Taiwan, Hong Kong and Macao, each a first-level place). */
export const CHINA_LAYER: MapLayer = {
  id: 'china',
  url: chinaUrl,
  object: 'admin1',
  projection: 'china',
  level: 'admin1',
};

/** The first-level regions of one country, or undefined when none are bundled. */
export function admin1Layer(countryId: string): MapLayer | undefined {
  const url = admin1Urls[`../../datasets/geo/admin1/${countryId}.topo.json`];
  if (url === undefined) return undefined;
  return {
    id: `admin1-${countryId}`,
    url,
    object: 'admin1',
    projection: 'country',
    level: 'admin1',
    placeId: countryId,
  };
}
