/**
 * A place in the hierarchy world → country → first-level region → (prefecture, district) → county.
 * Its id is its code (`world`, `DE`, `DE-BW`, `CN-130800`), and its materialised `path` of ids from the
 * root (`/world/DE/DE-BW/`) is what jurisdictions and place filters compare by prefix.
 */
import type { Page } from './page.ts';

export const PLACE_LEVELS = ['world', 'country', 'admin1', 'admin2', 'admin3'] as const;
export type PlaceLevel = (typeof PLACE_LEVELS)[number];

export interface Place {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  /** Chinese name (the official name for units of China), when known. */
  readonly nameLocal: string | null;
  readonly level: PlaceLevel;
  readonly parentId: string | null;
  readonly path: string;
  /** ISO 3166-1 alpha-2 of the country the place lies in. */
  readonly iso2: string | null;
  readonly lat: number | null;
  readonly lon: number | null;
}

/** A place as the bundled reference data lists it: parents before children. */
export interface PlaceSeed {
  readonly code: string;
  readonly name: string;
  readonly nameLocal: string | null;
  readonly level: PlaceLevel;
  /** The parent's code; null only for the root. */
  readonly parent: string | null;
  readonly iso2: string | null;
  readonly lat: number | null;
  readonly lon: number | null;
  readonly aliases: ReadonlyArray<string>;
}

export interface PlaceAlias {
  readonly placeId: string;
  readonly alias: string;
  readonly aliasKey: string;
}

export interface PlaceFilter {
  readonly parentId?: string;
  readonly level?: PlaceLevel;
  /** Everything at or below this path. */
  readonly withinPath?: string;
  /** Matches code, name, local name and aliases. */
  readonly query?: string;
  readonly limit: number;
  readonly offset: number;
}

export interface PlaceRepository {
  byId(id: string): Promise<Place | undefined>;
  byCodes(codes: ReadonlyArray<string>): Promise<ReadonlyArray<Place>>;
  /** Places whose code or one of whose aliases normalises to `key` (see `aliasKey`). */
  byAliasKey(key: string): Promise<ReadonlyArray<Place>>;
  list(filter: PlaceFilter): Promise<Page<Place>>;
  aliasesOf(placeId: string): Promise<ReadonlyArray<string>>;
  insertMany(places: ReadonlyArray<Place>, aliases: ReadonlyArray<PlaceAlias>): Promise<void>;
}

/** The root of every hierarchy; the system actor's jurisdiction. */
export const WORLD_PLACE_ID = 'world';

/** A child's materialised path. */
export function childPath(parentPath: string | null, id: string): string {
  return `${parentPath ?? '/'}${id}/`;
}

const GERMAN: Readonly<Record<string, string>> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

/**
 * The normalised form names are compared in: lower case, German umlauts spelt out (ü → ue), other
 * accents dropped, and everything but letters and digits removed — so "Baden.Wuerttemberg",
 * "Baden-Württemberg" and "baden wuerttemberg" meet. Chinese characters are kept as they are.
 */
export function aliasKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[äöüß]/g, (c) => GERMAN[c] ?? c)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]/gu, '');
}
