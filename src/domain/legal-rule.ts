/**
 * Legal (and internal) rules that start a deadline when something happens: "notify WHO within 24 hours
 * of assessing an event as notifiable" (IHR Art. 6), "report a class-A disease within 2 hours", …
 * A rule names its triggers, the conditions the hazard must meet, the time allowed and its legal basis.
 */

/** What can start a deadline. */
export const LEGAL_TRIGGERS = ['ihr-notifiable', 'signal-verified', 'event-opened'] as const;
export type LegalTrigger = (typeof LEGAL_TRIGGERS)[number];

export function isLegalTrigger(v: unknown): v is LegalTrigger {
  return typeof v === 'string' && (LEGAL_TRIGGERS as ReadonlyArray<string>).includes(v);
}

/** Conditions on the facts of the trigger; every condition given must hold. */
export interface LegalConditions {
  /** The hazard's national notification class must be this (e.g. `A`). */
  readonly nationalClass?: string;
}

/** What a rule is checked against when a trigger fires. */
export interface TriggerFacts {
  readonly nationalClass: string | null;
}

/** How a deadline of the rule is met (automatically by an action in Tocsin, or by a person saying so). */
export type MetBy = 'manual' | 'risk-assessment';

export interface LegalRule {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly description: string;
  readonly triggers: ReadonlyArray<LegalTrigger>;
  readonly conditions: LegalConditions;
  readonly durationMinutes: number;
  readonly legalBasis: string;
  readonly metBy: MetBy;
  readonly active: boolean;
}

export type LegalRuleDefinition = Omit<LegalRule, 'id'>;

export const IHR_ART6_CODE = 'IHR-ART6';
export const NATIONAL_CLASS_A_CODE = 'NATIONAL-CLASS-A-2H';
export const ASSESS_VERIFIED_SIGNAL_CODE = 'INTERNAL-ASSESS-48H';

/** The rules Tocsin ships with (seeded idempotently by `seedLegalRules`). */
export const STANDARD_LEGAL_RULES: ReadonlyArray<LegalRuleDefinition> = Object.freeze([
  {
    code: IHR_ART6_CODE,
    name: 'Notify WHO of a potential PHEIC',
    description:
      'Notify WHO, through the National IHR Focal Point, within 24 hours of assessing public health information, of every event that may constitute a public health emergency of international concern (an IHR Annex 2 outcome of "notifiable").',
    triggers: ['ihr-notifiable'],
    conditions: {},
    durationMinutes: 24 * 60,
    legalBasis: 'IHR (2005) Art. 6',
    metBy: 'manual',
    active: true,
  },
  {
    code: NATIONAL_CLASS_A_CODE,
    name: 'Report a class-A disease',
    description:
      'Report a verified signal or an opened event of a class-A notifiable disease to the national health authority within 2 hours.',
    triggers: ['signal-verified', 'event-opened'],
    conditions: { nationalClass: 'A' },
    durationMinutes: 120,
    legalBasis: 'National communicable disease law: class-A notification within 2 hours',
    metBy: 'manual',
    active: true,
  },
  {
    code: ASSESS_VERIFIED_SIGNAL_CODE,
    name: 'Assess a verified signal',
    description:
      'Complete a rapid risk assessment of a verified signal (or of the event it was escalated to) within 48 hours of verification.',
    triggers: ['signal-verified'],
    conditions: {},
    durationMinutes: 48 * 60,
    legalBasis: 'Internal procedure: rapid risk assessment within 48 hours of verification',
    metBy: 'risk-assessment',
    active: true,
  },
]);

/** Whether the rule applies to a trigger with these facts. */
export function ruleApplies(rule: LegalRule, trigger: LegalTrigger, facts: TriggerFacts): boolean {
  if (!rule.active || !rule.triggers.includes(trigger)) return false;
  if (rule.conditions.nationalClass !== undefined && rule.conditions.nationalClass !== facts.nationalClass)
    return false;
  return true;
}

/** When a deadline of the rule started at `startedAt` falls due (ISO 8601 UTC). */
export function dueAt(rule: Pick<LegalRule, 'durationMinutes'>, startedAt: string): string {
  return new Date(Date.parse(startedAt) + rule.durationMinutes * 60_000).toISOString();
}
