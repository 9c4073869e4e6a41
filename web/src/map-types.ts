/** The value of one place on a map (GET /api/signals/map). */
export interface PlaceValue {
  readonly placeId: string;
  readonly value: number;
}

export type MapMetric = 'signals' | 'alarms' | 'observations';
export type MapLevel = 'country' | 'admin1' | 'admin2' | 'admin3';

/** A country that has a first-level-regions layer (datasets/geo/admin1/index.json). */
export interface Admin1Country {
  readonly placeId: string;
  readonly name: string;
  readonly nameLocal: string | null;
  readonly features: number;
}
