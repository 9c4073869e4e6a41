/**
 * Rapid risk assessment of an acute public health event, after WHO (2012) "Rapid risk assessment of
 * acute public health events" (WHO/HSE/GAR/ARO/2012.1): hazard, exposure and context assessment,
 * then likelihood × consequences → overall risk through the manual's risk matrix, with a confidence
 * level and recommended actions. A re-assessment is a new version; earlier versions stay readable.
 */
import { type FieldProblem, invalid } from './errors.ts';

export const LIKELIHOODS = [
  'almost-certain',
  'highly-likely',
  'likely',
  'unlikely',
  'very-unlikely',
] as const;
export type Likelihood = (typeof LIKELIHOODS)[number];

export const CONSEQUENCES = ['minimal', 'minor', 'moderate', 'major', 'severe'] as const;
export type Consequences = (typeof CONSEQUENCES)[number];

/** Ordered from lowest to highest. */
export const RISK_LEVELS = ['low', 'moderate', 'high', 'very-high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const CONFIDENCE_LEVELS = ['low', 'moderate', 'high'] as const;
export type Confidence = (typeof CONFIDENCE_LEVELS)[number];

/** What may be assessed. */
export const ASSESSMENT_SUBJECT_TYPES = ['signal', 'event'] as const;
export type AssessmentSubjectType = (typeof ASSESSMENT_SUBJECT_TYPES)[number];

/**
 * The risk matrix of the WHO manual (Figure 4, "Risk matrix"), row by likelihood, column by
 * consequences. Data, not arithmetic: the published matrix is not a score band, so every cell is
 * written out and tested cell by cell.
 */
export const WHO_RISK_MATRIX: Readonly<Record<Likelihood, Readonly<Record<Consequences, RiskLevel>>>> =
  Object.freeze({
    'almost-certain': {
      minimal: 'moderate',
      minor: 'high',
      moderate: 'high',
      major: 'very-high',
      severe: 'very-high',
    },
    'highly-likely': {
      minimal: 'moderate',
      minor: 'high',
      moderate: 'high',
      major: 'very-high',
      severe: 'very-high',
    },
    likely: { minimal: 'low', minor: 'moderate', moderate: 'high', major: 'high', severe: 'very-high' },
    unlikely: { minimal: 'low', minor: 'low', moderate: 'moderate', major: 'high', severe: 'high' },
    'very-unlikely': {
      minimal: 'low',
      minor: 'low',
      moderate: 'moderate',
      major: 'moderate',
      severe: 'high',
    },
  });

/** The overall risk of a likelihood × consequences pair, read from the WHO matrix. */
export function overallRisk(likelihood: Likelihood, consequences: Consequences): RiskLevel {
  return WHO_RISK_MATRIX[likelihood][consequences];
}

/** What each risk level asks of the response (the manual's Table "Risk level and actions"). */
export const RISK_LEVEL_MEANING: Readonly<Record<RiskLevel, string>> = Object.freeze({
  low: 'Managed according to standard response protocols, routine control programmes and regulation.',
  moderate:
    'Roles and responsibility for the response must be specified; specific monitoring or control measures required.',
  high: 'Senior management attention needed; command and control structures may be needed; a range of additional control measures will be required.',
  'very-high':
    'Immediate response required even out of working hours; immediate senior management attention; control measures with serious consequences highly likely.',
});

/** Structured fields of one part of the assessment (e.g. `casesConfirmed: 12`, `humanToHuman: true`). */
export type StructuredFields = Readonly<Record<string, string | number | boolean | null>>;

export interface StructuredAssessment {
  readonly hazard: StructuredFields;
  readonly exposure: StructuredFields;
  readonly context: StructuredFields;
}

export interface RiskAssessmentInput {
  readonly hazardAssessment: string;
  readonly exposureAssessment: string;
  readonly contextAssessment: string;
  readonly structured?: Partial<StructuredAssessment>;
  readonly likelihood: Likelihood;
  readonly consequences: Consequences;
  readonly confidence: Confidence;
  readonly recommendedActions: ReadonlyArray<string>;
}

export interface RiskAssessment {
  readonly id: string;
  readonly subjectType: AssessmentSubjectType;
  readonly subjectId: string;
  /** 1 for the first assessment of the subject; each re-assessment adds one. */
  readonly version: number;
  readonly hazardAssessment: string;
  readonly exposureAssessment: string;
  readonly contextAssessment: string;
  readonly structured: StructuredAssessment;
  readonly likelihood: Likelihood;
  readonly consequences: Consequences;
  readonly overallRisk: RiskLevel;
  readonly confidence: Confidence;
  readonly recommendedActions: ReadonlyArray<string>;
  readonly assessedBy: string;
  readonly assessedAt: string;
}

const TEXT_MAX = 20_000;

function isOneOf<T extends string>(values: ReadonlyArray<T>, v: unknown): v is T {
  return typeof v === 'string' && (values as ReadonlyArray<string>).includes(v);
}

/** Checks an input (every problem at once) and normalises it; throws VALIDATION naming each field. */
export function validateRiskAssessmentInput(input: RiskAssessmentInput): RiskAssessmentInput {
  const problems: FieldProblem[] = [];
  for (const f of ['hazardAssessment', 'exposureAssessment', 'contextAssessment'] as const) {
    const v = input[f];
    if (typeof v !== 'string' || v.trim() === '') problems.push({ field: f, message: 'must not be empty' });
    else if (v.length > TEXT_MAX) problems.push({ field: f, message: `at most ${TEXT_MAX} characters` });
  }
  if (!isOneOf(LIKELIHOODS, input.likelihood))
    problems.push({ field: 'likelihood', message: `one of ${LIKELIHOODS.join(', ')}` });
  if (!isOneOf(CONSEQUENCES, input.consequences))
    problems.push({ field: 'consequences', message: `one of ${CONSEQUENCES.join(', ')}` });
  if (!isOneOf(CONFIDENCE_LEVELS, input.confidence))
    problems.push({ field: 'confidence', message: `one of ${CONFIDENCE_LEVELS.join(', ')}` });
  if (!Array.isArray(input.recommendedActions))
    problems.push({ field: 'recommendedActions', message: 'must be a list' });
  else
    input.recommendedActions.forEach((a, i) => {
      if (typeof a !== 'string' || a.trim() === '')
        problems.push({ field: `recommendedActions[${i}]`, message: 'must not be empty' });
    });
  for (const part of ['hazard', 'exposure', 'context'] as const) {
    const fields = input.structured?.[part];
    if (fields === undefined) continue;
    if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) {
      problems.push({ field: `structured.${part}`, message: 'must be an object of named values' });
      continue;
    }
    for (const [k, v] of Object.entries(fields)) {
      if (v !== null && !['string', 'number', 'boolean'].includes(typeof v))
        problems.push({
          field: `structured.${part}.${k}`,
          message: 'must be text, a number, true/false or null',
        });
      else if (typeof v === 'number' && !Number.isFinite(v))
        problems.push({ field: `structured.${part}.${k}`, message: 'must be a finite number' });
    }
  }
  if (problems.length > 0) throw invalid(problems);
  return {
    ...input,
    hazardAssessment: input.hazardAssessment.trim(),
    exposureAssessment: input.exposureAssessment.trim(),
    contextAssessment: input.contextAssessment.trim(),
    recommendedActions: input.recommendedActions.map((a) => a.trim()),
  };
}

/** Builds the next version of a subject's assessment (the matrix decides the overall risk). */
export function newRiskAssessment(args: {
  readonly id: string;
  readonly subjectType: AssessmentSubjectType;
  readonly subjectId: string;
  readonly previousVersion: number;
  readonly input: RiskAssessmentInput;
  readonly assessedBy: string;
  readonly assessedAt: string;
}): RiskAssessment {
  const input = validateRiskAssessmentInput(args.input);
  return {
    id: args.id,
    subjectType: args.subjectType,
    subjectId: args.subjectId,
    version: args.previousVersion + 1,
    hazardAssessment: input.hazardAssessment,
    exposureAssessment: input.exposureAssessment,
    contextAssessment: input.contextAssessment,
    structured: {
      hazard: input.structured?.hazard ?? {},
      exposure: input.structured?.exposure ?? {},
      context: input.structured?.context ?? {},
    },
    likelihood: input.likelihood,
    consequences: input.consequences,
    overallRisk: overallRisk(input.likelihood, input.consequences),
    confidence: input.confidence,
    recommendedActions: input.recommendedActions,
    assessedBy: args.assessedBy,
    assessedAt: args.assessedAt,
  };
}

/** Storage of risk assessments (append-only: versions are never updated). */
export interface RiskAssessmentRepository {
  /** Inserts a version; throws CONFLICT when that version of the subject already exists. */
  insertRisk(a: RiskAssessment): Promise<void>;
  latestRisk(subjectType: AssessmentSubjectType, subjectId: string): Promise<RiskAssessment | undefined>;
  /** Every version, newest first. */
  listRisk(subjectType: AssessmentSubjectType, subjectId: string): Promise<ReadonlyArray<RiskAssessment>>;
  getRisk(id: string): Promise<RiskAssessment | undefined>;
}
