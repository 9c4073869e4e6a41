/**
 * How map features join places: every bundled layer (datasets/geo, built by build-geo.ts) carries the
 * place id on each feature — ISO 3166-1 alpha-2 for countries, ISO 3166-2 (or the Natural Earth
 * adm1_code where ISO repeats a code) for first-level regions and China's provinces, `DE-<district
 * key>` for the demo districts. A feature without a place id (a territory without an ISO code) never
 * gets a value.
 */
export interface FeatureProperties {
  readonly placeId?: string;
  readonly name?: string;
  readonly name_zh?: string;
  readonly [key: string]: unknown;
}

export function featurePlaceId(properties: FeatureProperties | null | undefined): string | null {
  const id = properties?.placeId;
  return typeof id === 'string' && id !== '' ? id : null;
}

/** The name to show: the Chinese name where the layer has one and the UI is in Chinese. */
export function featureName(properties: FeatureProperties | null | undefined, language: string): string {
  const zh = properties?.name_zh;
  if (language.startsWith('zh') && typeof zh === 'string' && zh !== '') return zh;
  const name = properties?.name;
  return typeof name === 'string' && name !== '' ? name : (featurePlaceId(properties) ?? '?');
}
