/**
 * A hazard: a disease, pathogen or other threat that series, signals and events are about. The catalogue
 * is seeded from the bundled reference data and edited by admins (versioned, audited); a hazard is
 * deactivated, never deleted, because series and signals refer to it.
 */
import { type FieldProblem, invalid } from './errors.ts';
import type { Page } from './page.ts';

export const HAZARD_DOMAINS = ['human', 'animal', 'plant', 'food', 'laboratory', 'environment'] as const;
export type HazardDomain = (typeof HAZARD_DOMAINS)[number];

/**
 * IHR (2005) Annex 2: diseases that are always notifiable (smallpox, wild-type polio, new-subtype human
 * influenza, SARS) and those that always lead to the decision algorithm (cholera, pneumonic plague, yellow
 * fever, viral haemorrhagic fevers, West Nile fever, and others of special national or regional concern).
 */
export const IHR_CATEGORIES = ['always-notifiable', 'always-algorithm'] as const;
export type IhrCategory = (typeof IHR_CATEGORIES)[number];

/** National notification class (the bundled data uses the PRC law's classes A, B and C). */
export const NATIONAL_CLASSES = ['A', 'B', 'C'] as const;
export type NationalClass = (typeof NATIONAL_CLASSES)[number];

export interface Hazard {
  readonly id: string;
  /** Stable short code used by imports and configurations (`cholera`, `influenza-new-subtype`). */
  readonly code: string;
  readonly name: string;
  readonly domain: HazardDomain;
  readonly icd10: string | null;
  readonly icd11: string | null;
  readonly pathogen: string | null;
  /** Other names, in several languages. */
  readonly synonyms: ReadonlyArray<string>;
  readonly ihrCategory: IhrCategory | null;
  readonly nationalClass: NationalClass | null;
  readonly active: boolean;
  readonly version: number;
  readonly updatedAt: string;
}

/** What an admin (or the seed) gives for a new hazard. */
export interface HazardDraft {
  readonly code: string;
  readonly name: string;
  readonly domain: HazardDomain;
  readonly icd10: string | null;
  readonly icd11: string | null;
  readonly pathogen: string | null;
  readonly synonyms: ReadonlyArray<string>;
  readonly ihrCategory: IhrCategory | null;
  readonly nationalClass: NationalClass | null;
}

/** The editable fields of an existing hazard (the code stays: imports refer to it). */
export type HazardChanges = Partial<Omit<HazardDraft, 'code'>> & { readonly active?: boolean };

export interface HazardFilter {
  readonly domain?: HazardDomain;
  /** Matches code, name and synonyms, case-insensitively. */
  readonly query?: string;
  readonly ihrCategory?: IhrCategory;
  /** Default: active only. */
  readonly includeInactive?: boolean;
  readonly limit: number;
  readonly offset: number;
}

/** Storage of the hazard catalogue. */
export interface HazardRepository {
  byId(id: string): Promise<Hazard | undefined>;
  byCodes(codes: ReadonlyArray<string>): Promise<ReadonlyArray<Hazard>>;
  list(filter: HazardFilter): Promise<Page<Hazard>>;
  insertMany(hazards: ReadonlyArray<Hazard>): Promise<void>;
  /** Writes `hazard` when the stored version is `expectedVersion`; false when it was not (conflict). */
  update(hazard: Hazard, expectedVersion: number): Promise<boolean>;
}

const CODE = /^[a-z0-9][a-z0-9-]{0,62}$/;
const oneOf = <T extends string>(list: ReadonlyArray<T>, v: unknown): v is T =>
  typeof v === 'string' && (list as ReadonlyArray<string>).includes(v);

function text(
  problems: FieldProblem[],
  field: string,
  v: unknown,
  max: number,
  optional: boolean,
): string | null {
  if (v === undefined || v === null || v === '') {
    if (!optional) problems.push({ field, message: 'is required' });
    return null;
  }
  if (typeof v !== 'string') {
    problems.push({ field, message: 'expected text' });
    return null;
  }
  const t = v.trim();
  if (t.length > max) problems.push({ field, message: `at most ${max} characters` });
  return t === '' ? null : t;
}

function synonymList(problems: FieldProblem[], v: unknown): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) {
    problems.push({ field: 'synonyms', message: 'expected a list of texts' });
    return [];
  }
  const list = [...new Set((v as string[]).map((s) => s.trim()).filter((s) => s !== ''))];
  if (list.length > 100) problems.push({ field: 'synonyms', message: 'at most 100 synonyms' });
  return list;
}

/** Checks a new hazard, reporting every problem at once (VALIDATION naming each field). */
export function validateHazardDraft(input: Readonly<Record<string, unknown>>): HazardDraft {
  const problems: FieldProblem[] = [];
  const code = text(problems, 'code', input.code, 63, false);
  if (code !== null && !CODE.test(code))
    problems.push({
      field: 'code',
      message: 'lowercase letters, digits and hyphens, starting with a letter or digit',
    });
  const name = text(problems, 'name', input.name, 300, false);
  if (!oneOf(HAZARD_DOMAINS, input.domain))
    problems.push({ field: 'domain', message: `one of ${HAZARD_DOMAINS.join(', ')}` });
  const draft = {
    code: code ?? '',
    name: name ?? '',
    domain: input.domain as HazardDomain,
    icd10: text(problems, 'icd10', input.icd10, 20, true),
    icd11: text(problems, 'icd11', input.icd11, 30, true),
    pathogen: text(problems, 'pathogen', input.pathogen, 300, true),
    synonyms: synonymList(problems, input.synonyms),
    ihrCategory: ihrCategoryOf(problems, input.ihrCategory),
    nationalClass: nationalClassOf(problems, input.nationalClass),
  };
  if (problems.length > 0) throw invalid(problems);
  return draft;
}

function ihrCategoryOf(problems: FieldProblem[], v: unknown): IhrCategory | null {
  if (v === undefined || v === null) return null;
  if (oneOf(IHR_CATEGORIES, v)) return v;
  problems.push({ field: 'ihrCategory', message: `one of ${IHR_CATEGORIES.join(', ')}, or null` });
  return null;
}

function nationalClassOf(problems: FieldProblem[], v: unknown): NationalClass | null {
  if (v === undefined || v === null) return null;
  if (oneOf(NATIONAL_CLASSES, v)) return v;
  problems.push({ field: 'nationalClass', message: `one of ${NATIONAL_CLASSES.join(', ')}, or null` });
  return null;
}

/** Applies checked changes to a hazard: the next version, or VALIDATION naming each bad field. */
export function applyHazardChanges(
  hazard: Hazard,
  changes: Readonly<Record<string, unknown>>,
  updatedAt: string,
): Hazard {
  if ('code' in changes && changes.code !== hazard.code) {
    throw invalid([{ field: 'code', message: 'cannot change (imports and configurations refer to it)' }]);
  }
  const merged = validateHazardDraft({ ...hazard, ...changes, code: hazard.code });
  const problems: FieldProblem[] = [];
  if ('active' in changes && typeof changes.active !== 'boolean')
    problems.push({ field: 'active', message: 'expected true or false' });
  if (problems.length > 0) throw invalid(problems);
  return {
    ...merged,
    id: hazard.id,
    active: typeof changes.active === 'boolean' ? changes.active : hazard.active,
    version: hazard.version + 1,
    updatedAt,
  };
}

/** The snapshot an audit entry records for a hazard. */
export function hazardSnapshot(h: Hazard): Record<string, unknown> {
  return { ...h, synonyms: [...h.synonyms] };
}
