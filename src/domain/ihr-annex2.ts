/**
 * The decision instrument of the International Health Regulations (2005), Annex 2, for assessing and
 * notifying events that may constitute a public health emergency of international concern.
 *
 * - A case of an always-notifiable disease is unusual or unexpected and may have serious public
 *   health impact, and thus shall be notified (Annex 2, left box).
 * - An event involving a disease that always leads to the algorithm, or any other event of potential
 *   international public health concern, goes through the four questions; the event shall be notified
 *   under Article 6 when the answer is yes to any two of them.
 */

import { type FieldProblem, invalid } from './errors.ts';
import type { AssessmentSubjectType } from './risk-assessment.ts';

/**
 * How the instrument treats a hazard: `always-notifiable` (notify), `always-algorithm` (always run the
 * four questions) or `potential-concern` (any other event of potential international concern: the four
 * questions too). The hazard catalogue's `ihrCategory` holds the first two; absent means the third.
 */
export const IHR_CATEGORIES = ['always-notifiable', 'always-algorithm', 'potential-concern'] as const;
export type IhrCategory = (typeof IHR_CATEGORIES)[number];

export function isIhrCategory(v: unknown): v is IhrCategory {
  return typeof v === 'string' && (IHR_CATEGORIES as ReadonlyArray<string>).includes(v);
}

/** The category from the hazard catalogue's `ihr_category` (null or unknown → potential concern). */
export function ihrCategoryFromCatalogue(catalogueValue: string | null | undefined): IhrCategory {
  return catalogueValue === 'always-notifiable' || catalogueValue === 'always-algorithm'
    ? catalogueValue
    : 'potential-concern';
}

export interface IhrListedDisease {
  readonly name: string;
  /** ICD-10 codes that identify it (for matching a catalogue). */
  readonly icd10: ReadonlyArray<string>;
}

/** Annex 2: "a case of the following diseases is unusual or unexpected … and thus shall be notified". */
export const IHR_ALWAYS_NOTIFIABLE: ReadonlyArray<IhrListedDisease> = Object.freeze([
  { name: 'Smallpox', icd10: ['B03'] },
  { name: 'Poliomyelitis due to wild-type poliovirus', icd10: ['A80.1', 'A80.2'] },
  { name: 'Human influenza caused by a new subtype', icd10: ['J09'] },
  { name: 'Severe acute respiratory syndrome (SARS)', icd10: ['U04'] },
]);

/**
 * Annex 2: "an event involving the following diseases shall always lead to utilization of the
 * algorithm", including "other diseases that are of special national or regional concern" (the last
 * three are the Annex's own examples).
 */
export const IHR_ALWAYS_ALGORITHM: ReadonlyArray<IhrListedDisease> = Object.freeze([
  { name: 'Cholera', icd10: ['A00'] },
  { name: 'Pneumonic plague', icd10: ['A20.2'] },
  { name: 'Yellow fever', icd10: ['A95'] },
  { name: 'Ebola virus disease', icd10: ['A98.4'] },
  { name: 'Lassa fever', icd10: ['A96.2'] },
  { name: 'Marburg virus disease', icd10: ['A98.3'] },
  { name: 'West Nile fever', icd10: ['A92.3'] },
  { name: 'Dengue fever', icd10: ['A90', 'A91', 'A97'] },
  { name: 'Rift Valley fever', icd10: ['A92.4'] },
  { name: 'Meningococcal disease', icd10: ['A39'] },
]);

/** The four questions, in the Annex's order. */
export const IHR_QUESTIONS = [
  'seriousImpact',
  'unusual',
  'internationalSpread',
  'travelTradeRestrictions',
] as const;
export type IhrQuestion = (typeof IHR_QUESTIONS)[number];

export const IHR_QUESTION_TEXT: Readonly<Record<IhrQuestion, string>> = Object.freeze({
  seriousImpact: 'Is the public health impact of the event serious?',
  unusual: 'Is the event unusual or unexpected?',
  internationalSpread: 'Is there a significant risk of international spread?',
  travelTradeRestrictions: 'Is there a significant risk of international travel or trade restrictions?',
});

export interface IhrAnswer {
  readonly answer: boolean;
  readonly rationale: string;
}

export type IhrAnswers = Readonly<Partial<Record<IhrQuestion, IhrAnswer>>>;

export type IhrOutcome = 'notifiable' | 'not-notifiable';

/** Why the instrument reached its outcome. */
export type IhrDecisionBasis = 'always-notifiable-disease' | 'two-or-more-yes' | 'fewer-than-two-yes';

export interface IhrDecision {
  readonly outcome: IhrOutcome;
  readonly basis: IhrDecisionBasis;
  readonly yesCount: number;
}

/**
 * Runs the instrument. Always-notifiable diseases are notifiable whatever the answers (answers given
 * are kept); otherwise all four questions must be answered, each with a rationale, and two yes notify.
 */
export function decideIhr(category: IhrCategory, answers: IhrAnswers): IhrDecision {
  const problems: FieldProblem[] = [];
  for (const q of IHR_QUESTIONS) {
    const a = answers[q];
    if (a === undefined) {
      if (category !== 'always-notifiable')
        problems.push({ field: `answers.${q}`, message: `required: ${IHR_QUESTION_TEXT[q]}` });
      continue;
    }
    if (typeof a.answer !== 'boolean') problems.push({ field: `answers.${q}.answer`, message: 'yes or no' });
    if (typeof a.rationale !== 'string' || a.rationale.trim() === '')
      problems.push({ field: `answers.${q}.rationale`, message: 'say why' });
  }
  if (problems.length > 0) throw invalid(problems);
  const yesCount = IHR_QUESTIONS.filter((q) => answers[q]?.answer === true).length;
  switch (category) {
    case 'always-notifiable':
      return { outcome: 'notifiable', basis: 'always-notifiable-disease', yesCount };
    case 'always-algorithm':
    case 'potential-concern':
      return yesCount >= 2
        ? { outcome: 'notifiable', basis: 'two-or-more-yes', yesCount }
        : { outcome: 'not-notifiable', basis: 'fewer-than-two-yes', yesCount };
  }
}

export interface IhrAssessment {
  readonly id: string;
  readonly subjectType: AssessmentSubjectType;
  readonly subjectId: string;
  readonly version: number;
  readonly hazardId: string | null;
  readonly category: IhrCategory;
  readonly answers: IhrAnswers;
  readonly outcome: IhrOutcome;
  readonly basis: IhrDecisionBasis;
  readonly assessedBy: string;
  readonly assessedAt: string;
}

/** Storage of IHR assessments (append-only versions). */
export interface IhrAssessmentRepository {
  /** Inserts a version; throws CONFLICT when that version of the subject already exists. */
  insertIhr(a: IhrAssessment): Promise<void>;
  latestIhr(subjectType: AssessmentSubjectType, subjectId: string): Promise<IhrAssessment | undefined>;
  /** Every version, newest first. */
  listIhr(subjectType: AssessmentSubjectType, subjectId: string): Promise<ReadonlyArray<IhrAssessment>>;
}
