import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type FeatureProperties, featureName, featurePlaceId } from '../../web/src/map-keys.ts';

/**
 * Every feature of the bundled map layers joins a place of the bundled reference data (the store's
 * places), checked against places.json itself: countries by ISO 3166-1, regions by ISO 3166-2 / Natural
 * Earth code, China's provinces carrying their GB/T 2260 code, the demo districts by district key.
 */
const ROOT = join(import.meta.dirname, '..', '..', 'datasets');
interface Place {
  readonly code: string;
  readonly name: string;
  readonly level: string;
  readonly parent: string | null;
  readonly aliases: ReadonlyArray<string>;
}
const places = new Map(
  (JSON.parse(readFileSync(join(ROOT, 'reference', 'places.json'), 'utf8')) as Place[]).map((p) => [
    p.code,
    p,
  ]),
);
function layer(file: string): FeatureProperties[] {
  const topology = JSON.parse(readFileSync(join(ROOT, 'geo', file), 'utf8')) as {
    objects: Record<string, { geometries: Array<{ properties?: FeatureProperties }> }>;
  };
  return Object.values(topology.objects)[0].geometries.map((g) => g.properties ?? {});
}
const placeOf = (p: FeatureProperties): Place | undefined => {
  const id = featurePlaceId(p);
  return id === null ? undefined : places.get(id);
};

describe('map features and places', () => {
  it('gives every world country a country place, except four territories without an ISO code', () => {
    const countries = layer('ne-countries-50m.topo.json');
    expect(countries).toHaveLength(241);
    const without = countries.filter((p) => placeOf(p)?.level !== 'country').map((p) => p.name);
    expect(without.sort()).toEqual(['Indian Ocean Ter.', 'N. Cyprus', 'Siachen Glacier', 'Somaliland']);
    const byName = new Map(countries.map((p) => [p.name, featurePlaceId(p)]));
    expect(byName.get('Germany')).toBe('DE');
    expect(byName.get('China')).toBe('CN');
    expect(byName.get('Kosovo')).toBe('XK');
    expect(byName.get('Taiwan')).toBe('TW');
    // Two features share a code: Ashmore and Cartier Is. are Australian (numeric 036 in the source).
    expect(byName.get('Ashmore and Cartier Is.')).toBe('AU');
    expect(new Set(countries.map(featurePlaceId).filter((id) => id !== null)).size).toBe(236);
  });

  it("gives each of China's 31 provinces its province place, with the GB/T 2260 code among its aliases", () => {
    const china = layer('ne-china-admin1.topo.json');
    // Natural Earth draws the Paracel Islands as a unit of their own (place CN-X01~, no GB/T code).
    const paracel = china.filter((p) => p.name === 'Paracel Islands');
    expect(paracel.map(featurePlaceId)).toEqual(['CN-X01~']);
    const provinces = china.filter((p) => p.iso_a2 === 'CN' && p.name !== 'Paracel Islands');
    expect(provinces).toHaveLength(31);
    for (const p of provinces) {
      const place = placeOf(p);
      expect(place?.level, String(p.name)).toBe('admin1');
      expect(place?.parent).toBe('CN');
      expect(place?.aliases.some((a) => /^\d{2}0000$/.test(a))).toBe(true);
    }
    expect(placeOf(provinces.find((p) => p.name === 'Beijing') ?? {})?.aliases).toContain('110000');
    expect(placeOf(provinces.find((p) => p.name === 'Hubei') ?? {})?.aliases).toContain('420000');
    // Taiwan, Hong Kong and Macao: their districts are first-level places under TW, HK and MO.
    const others = china.filter((p) => p.iso_a2 !== 'CN');
    expect(others.length).toBe(40);
    for (const p of others) expect(placeOf(p)?.parent, String(p.name)).toBe(p.iso_a2);
  });

  it("gives every first-level region a region place of the file's country", () => {
    const index = JSON.parse(readFileSync(join(ROOT, 'geo', 'admin1', 'index.json'), 'utf8')) as Array<{
      placeId: string;
      features: number;
    }>;
    expect(index).toHaveLength(240);
    let total = 0;
    for (const { placeId } of index) {
      const regions = layer(`admin1/${placeId}.topo.json`);
      total += regions.length;
      for (const p of regions) {
        const place = placeOf(p);
        expect(place?.level, `${placeId} ${String(p.name)}`).toBe('admin1');
        expect(place?.parent).toBe(placeId);
      }
    }
    expect(total).toBe(4596);
    expect(featurePlaceId(layer('admin1/DE.topo.json').find((p) => p.name === 'Bayern') ?? {})).toBe('DE-BY');
  });

  it('gives each of the 140 demo districts its district place', () => {
    const districts = layer('fluBYBW-districts.topo.json');
    expect(districts).toHaveLength(140);
    for (const p of districts) {
      expect(placeOf(p)?.level, String(p.name)).toBe('admin2');
      expect(featurePlaceId(p)).toBe(`DE-${String(p.region_id).padStart(5, '0')}`);
    }
    expect(featurePlaceId(districts.find((p) => p.region_id === '8336') ?? {})).toBe('DE-08336');
  });

  it('names a feature in Chinese where the layer has the name and the UI is in Chinese', () => {
    const hubei = { placeId: 'CN-HB', name: 'Hubei', name_zh: '湖北省' };
    expect(featureName(hubei, 'zh-CN')).toBe('湖北省');
    expect(featureName(hubei, 'en')).toBe('Hubei');
    expect(featureName({ placeId: 'DE-08336', name: 'LK Loerrach' }, 'zh-CN')).toBe('LK Loerrach');
    expect(featurePlaceId({ name: 'Somaliland' })).toBeNull();
    expect(featurePlaceId({ placeId: '' })).toBeNull();
  });
});
