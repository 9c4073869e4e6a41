import type { DepartmentSeed } from './department.ts';
import type { HazardDraft } from './hazard.ts';
import type { PlaceSeed } from './place.ts';

/** The reference data a store is seeded with (the bundled set, or a small one in tests). */
export interface ReferenceDataSet {
  readonly hazards: ReadonlyArray<HazardDraft>;
  /** Parents before children. */
  readonly places: ReadonlyArray<PlaceSeed>;
  readonly departments: ReadonlyArray<DepartmentSeed>;
}
