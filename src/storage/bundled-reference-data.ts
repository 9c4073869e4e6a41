import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DepartmentSeed } from '../domain/department.ts';
import type { HazardDraft } from '../domain/hazard.ts';
import type { PlaceSeed } from '../domain/place.ts';
import type { ReferenceDataSet } from '../domain/reference-data-set.ts';

/**
 * Reads the bundled reference data (`datasets/reference/{hazards,places,departments}.json`, built by
 * `datasets/reference/build-reference-data.ts`). The seed service checks every hazard; places are
 * listed parents first.
 */
export function readBundledReferenceData(dir: string): ReferenceDataSet {
  const read = <T>(file: string): T[] => {
    const data: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    if (!Array.isArray(data)) throw new Error(`${join(dir, file)}: expected a JSON array`);
    return data as T[];
  };
  const hazards = read<HazardDraft & { sources?: string[] }>('hazards.json').map(({ sources: _, ...h }) => h);
  return {
    hazards,
    places: read<PlaceSeed>('places.json'),
    departments: read<DepartmentSeed>('departments.json'),
  };
}
