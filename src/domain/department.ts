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
}

export type DepartmentSeed = Omit<Department, 'id' | 'createdAt'>;

export interface DepartmentRepository {
  list(): Promise<ReadonlyArray<Department>>;
  byCodes(codes: ReadonlyArray<string>): Promise<ReadonlyArray<Department>>;
  insertMany(departments: ReadonlyArray<Department>): Promise<void>;
}
