/**
 * A department: one of the agencies that share the work (health, animal health, agriculture, customs,
 * environment, …). Events have a lead department; tasks are assigned to departments; users belong to one.
 */

/** Which field a department serves (`coordination` for those that serve all). */
export const DEPARTMENT_DOMAINS = [
  'human',
  'animal',
  'plant',
  'food',
  'laboratory',
  'environment',
  'coordination',
] as const;
export type DepartmentDomain = (typeof DEPARTMENT_DOMAINS)[number];

export interface Department {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly nameZh: string | null;
  readonly domain: DepartmentDomain;
  readonly createdAt: string;
  /** Optimistic version: an update names the version it read. */
  readonly version: number;
}

export type DepartmentSeed = Omit<Department, 'id' | 'createdAt' | 'version'>;

/** What an admin may change of a department (its code stays: other records and imports name it). */
export interface DepartmentChanges {
  readonly name: string;
  readonly nameZh: string | null;
  readonly domain: DepartmentDomain;
}

export interface DepartmentRepository {
  list(): Promise<ReadonlyArray<Department>>;
  byCodes(codes: ReadonlyArray<string>): Promise<ReadonlyArray<Department>>;
  insertMany(departments: ReadonlyArray<Department>): Promise<void>;
  byId(id: string): Promise<Department | undefined>;
  /** Applies the changes if the department is still at `version`; false when it is not (or is gone). */
  update(id: string, version: number, changes: DepartmentChanges): Promise<boolean>;
}
