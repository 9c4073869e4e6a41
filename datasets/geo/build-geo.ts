/**
 * Builds the bundled map layers (TopoJSON beside this file) from the project's shared data folder and the
 * demo districts. Run by hand when the sources change; nothing reads the shared folder at run or test time.
 *
 *   npx tsx datasets/geo/build-geo.ts [path/to/shared/data]
 *
 * Every feature gets `properties.placeId`, the id of the place it draws in `datasets/reference/places.json`
 * (absent where no place matches: see README.md). See README.md for sources, licences and every step.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { topology } from 'topojson-server';

const here = dirname(fileURLToPath(import.meta.url));
const shared = resolve(process.argv[2] ?? join(here, '../../../shared/data'));
const readShared = <T>(path: string): T => JSON.parse(readFileSync(join(shared, path), 'utf8')) as T;
const readHere = <T>(path: string): T => JSON.parse(readFileSync(join(here, path), 'utf8')) as T;

interface Geometry {
  type: string;
  id?: string | number;
  arcs?: unknown;
  properties?: Record<string, unknown>;
}
interface Topo {
  type: 'Topology';
  bbox?: number[];
  transform?: { scale: number[]; translate: number[] };
  objects: Record<string, { type: 'GeometryCollection'; geometries: Geometry[] }>;
  arcs: number[][][];
}
interface Place {
  code: string;
  name: string;
  nameLocal: string | null;
  level: string;
  parent: string | null;
  aliases: string[];
}
interface GazetteerCountry {
  code: string;
  numeric: string | null;
}

const places = readHere<Place[]>('../reference/places.json');
const placeByCode = new Map(places.map((p) => [p.code, p]));
const write = (file: string, value: unknown): void => writeFileSync(join(here, file), JSON.stringify(value));

// ---------------------------------------------------------------------------------------- countries
// world-atlas keys countries by ISO 3166-1 numeric; a few features have no id and are matched by name.
const numericToAlpha2 = new Map(
  readShared<GazetteerCountry[]>('geo/gazetteer_countries.json')
    .filter((c) => c.numeric !== null)
    .map((c) => [c.numeric, c.code]),
);
const countryByName = new Map(places.filter((p) => p.level === 'country').map((p) => [p.name, p.code]));
const countries = readShared<Topo>('geo/ne-countries-50m.topo.json');
delete countries.objects.land;
const unmatchedCountries: string[] = [];
for (const g of countries.objects.countries.geometries) {
  const name = String(g.properties?.name ?? '');
  const code = g.id === undefined ? countryByName.get(name) : numericToAlpha2.get(String(g.id));
  const place = code === undefined ? undefined : placeByCode.get(code);
  if (code !== undefined && place !== undefined)
    g.properties = {
      ...g.properties,
      ...(place.nameLocal === null ? {} : { name_zh: place.nameLocal }),
      placeId: code,
    };
  else unmatchedCountries.push(name);
}
write('ne-countries-50m.topo.json', dropUnusedArcs(countries));

// ------------------------------------------------------------------------------------------- admin-1
// places.json names admin-1 units by ISO 3166-2 (or the NE adm1_code for a duplicate ISO code) and keeps
// the NE adm1_code as an alias: the alias is the join key.
const admin1ByNeCode = new Map<string, string>();
for (const p of places)
  if (p.level === 'admin1')
    for (const a of p.aliases) if (/^[A-Z]{3}-\d+$/.test(a)) admin1ByNeCode.set(a, p.code);
const admin1Id = (g: Geometry): string | undefined => {
  const ne = String(g.properties?.adm1_code ?? '');
  const iso = String(g.properties?.iso_3166_2 ?? '');
  return admin1ByNeCode.get(ne) ?? (placeByCode.get(iso)?.level === 'admin1' ? iso : undefined);
};
const keep = ['name', 'name_zh', 'iso_3166_2', 'adm1_code', 'iso_a2'];
const slim = (g: Geometry): Geometry => {
  const properties: Record<string, unknown> = {};
  for (const k of keep) if (g.properties?.[k] !== undefined) properties[k] = g.properties[k];
  const placeId = admin1Id(g);
  if (placeId !== undefined) properties.placeId = placeId;
  return { ...g, properties };
};

const admin1 = readShared<Topo>('geo/ne-admin1-10m-simplified.topo.json');
const byCountry = new Map<string, Geometry[]>();
const unmatchedAdmin1: string[] = [];
for (const g of admin1.objects.admin1.geometries) {
  const iso2 = String(g.properties?.iso_a2);
  const s = slim(g);
  if (s.properties?.placeId === undefined) unmatchedAdmin1.push(`${iso2} ${String(g.properties?.name)}`);
  byCountry.set(iso2, [...(byCountry.get(iso2) ?? []), s]);
}
rmSync(join(here, 'admin1'), { recursive: true, force: true });
mkdirSync(join(here, 'admin1'));
const index: { placeId: string; name: string; nameLocal: string | null; features: number }[] = [];
for (const [iso2, geometries] of [...byCountry].sort(([a], [b]) => a.localeCompare(b))) {
  const part: Topo = { ...admin1, objects: { admin1: { type: 'GeometryCollection', geometries } } };
  write(`admin1/${iso2}.topo.json`, dropUnusedArcs(part));
  const country = placeByCode.get(iso2);
  index.push({
    placeId: iso2,
    name: country?.name ?? iso2,
    nameLocal: country?.nameLocal ?? null,
    features: geometries.length,
  });
}
write('admin1/index.json', index);

// --------------------------------------------------------------------------------- China's provinces
const china = readShared<Topo>('geo/ne-china-admin1.topo.json');
china.objects.admin1.geometries = china.objects.admin1.geometries.map(slim);
write('ne-china-admin1.topo.json', china);

// --------------------------------------------------------------------------- demo districts (planar)
type DistrictProps = { region_id: string; name: string };
const flu = JSON.parse(readFileSync(join(here, '../fluBYBW_map.geojson'), 'utf8')) as FeatureCollection<
  Polygon | MultiPolygon,
  DistrictProps
>;
const districts: FeatureCollection<Polygon | MultiPolygon> = {
  type: 'FeatureCollection',
  features: flu.features.map((f) => ({
    type: 'Feature',
    geometry: f.geometry,
    properties: {
      name: f.properties.name,
      region_id: f.properties.region_id,
      placeId: `DE-${f.properties.region_id.padStart(5, '0')}`,
    },
  })),
};
// The source coordinates are integers on a ~1,600-unit grid: 1e4 steps keep every vertex.
write('fluBYBW-districts.topo.json', topology({ districts }, 1e4));

console.log(`countries without a place: ${unmatchedCountries.join(', ') || 'none'}`);
console.log(`admin-1 units without a place: ${unmatchedAdmin1.length}: ${unmatchedAdmin1.join('; ')}`);

/** A copy of `topo` that keeps only the arcs its objects use (renumbered; `~i` marks a reversed arc). */
function dropUnusedArcs(topo: Topo): Topo {
  const renumber = new Map<number, number>();
  const arcs: number[][][] = [];
  const map = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(map);
    const i = value as number;
    const j = i < 0 ? ~i : i;
    let k = renumber.get(j);
    if (k === undefined) {
      k = arcs.length;
      renumber.set(j, k);
      arcs.push(topo.arcs[j]);
    }
    return i < 0 ? ~k : k;
  };
  const objects: Topo['objects'] = {};
  for (const [name, o] of Object.entries(topo.objects))
    objects[name] = {
      ...o,
      geometries: o.geometries.map((g) => (g.arcs === undefined ? g : { ...g, arcs: map(g.arcs) })),
    };
  const { bbox: _bbox, ...rest } = topo;
  return { ...rest, objects, arcs };
}
