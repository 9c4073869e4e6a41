/**
 * The request/response shapes of the assessment, event, task, deadline and notification routes (zod 4;
 * OpenAPI 3.1 is generated from them).
 */
import { z } from 'zod';
import { DEADLINE_STATUSES } from '../domain/deadline.ts';
import { EVENT_STATUSES, TIMELINE_KINDS } from '../domain/event.ts';
import { IHR_CATEGORIES, IHR_QUESTIONS } from '../domain/ihr-annex2.ts';
import { LEGAL_TRIGGERS } from '../domain/legal-rule.ts';
import { NOTIFICATION_KINDS } from '../domain/notification.ts';
import { EVIDENCE_KINDS, TASK_PRIORITIES, TASK_STATES } from '../domain/response-task.ts';
import {
  ASSESSMENT_SUBJECT_TYPES,
  CONFIDENCE_LEVELS,
  CONSEQUENCES,
  LIKELIHOODS,
  RISK_LEVELS,
} from '../domain/risk-assessment.ts';

/** A response array: the services return read-only arrays. */
export const roArray = <T extends z.ZodType>(item: T) => z.array(item).readonly();

export const IdParams = z.object({ id: z.string().min(1) });

export const Version = z.number().int().min(1).describe('the version of the record as the client read it');

export const Paging = {
  limit: z.coerce.number().int().min(1).max(500).optional(),
  offset: z.coerce.number().int().min(0).optional(),
};

const Reason = z.string().max(2000).optional().describe('why (kept in the audit log and on the timeline)');

// ---- risk assessment -------------------------------------------------------------------------------

const FieldValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const Fields = z.record(z.string(), FieldValue);

export const RiskAssessmentBody = z.object({
  hazardAssessment: z.string().min(1).describe('the hazard: agent, its properties, what is known'),
  exposureAssessment: z.string().min(1).describe('who is exposed, how many, how'),
  contextAssessment: z.string().min(1).describe('the setting: environment, health system, society'),
  structured: z
    .object({ hazard: Fields.optional(), exposure: Fields.optional(), context: Fields.optional() })
    .optional()
    .describe('named values per part, e.g. {"exposure": {"populationAtRisk": 2000}}'),
  likelihood: z.enum(LIKELIHOODS),
  consequences: z.enum(CONSEQUENCES),
  confidence: z.enum(CONFIDENCE_LEVELS),
  recommendedActions: z.array(z.string().min(1)).default([]),
});

export const RiskAssessmentView = z.object({
  id: z.string(),
  subjectType: z.enum(ASSESSMENT_SUBJECT_TYPES),
  subjectId: z.string(),
  version: z.number().int(),
  hazardAssessment: z.string(),
  exposureAssessment: z.string(),
  contextAssessment: z.string(),
  structured: z.object({ hazard: Fields, exposure: Fields, context: Fields }),
  likelihood: z.enum(LIKELIHOODS),
  consequences: z.enum(CONSEQUENCES),
  overallRisk: z.enum(RISK_LEVELS),
  confidence: z.enum(CONFIDENCE_LEVELS),
  recommendedActions: roArray(z.string()),
  assessedBy: z.string(),
  assessedAt: z.string(),
});

// ---- IHR Annex 2 -----------------------------------------------------------------------------------

const Answer = z.object({ answer: z.boolean(), rationale: z.string() });
const Answers = z.object({
  seriousImpact: Answer.optional(),
  unusual: Answer.optional(),
  internationalSpread: Answer.optional(),
  travelTradeRestrictions: Answer.optional(),
});

export const IhrBody = z.object({
  category: z
    .enum(IHR_CATEGORIES)
    .optional()
    .describe("overrides the hazard catalogue's IHR category (e.g. an event of unknown cause)"),
  hazardId: z.string().optional().describe('the hazard, when the subject has none or it differs'),
  answers: Answers.default({}).describe(`the four questions: ${IHR_QUESTIONS.join(', ')}`),
});

export const IhrAssessmentView = z.object({
  id: z.string(),
  subjectType: z.enum(ASSESSMENT_SUBJECT_TYPES),
  subjectId: z.string(),
  version: z.number().int(),
  hazardId: z.string().nullable(),
  category: z.enum(IHR_CATEGORIES),
  answers: Answers,
  outcome: z.enum(['notifiable', 'not-notifiable']),
  basis: z.enum(['always-notifiable-disease', 'two-or-more-yes', 'fewer-than-two-yes']),
  assessedBy: z.string(),
  assessedAt: z.string(),
});

// ---- legal rules and deadlines -----------------------------------------------------------------------

export const LegalRuleView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  description: z.string(),
  triggers: roArray(z.enum(LEGAL_TRIGGERS)),
  conditions: z.object({ nationalClass: z.string().optional() }),
  durationMinutes: z.number().int(),
  legalBasis: z.string(),
  metBy: z.enum(['manual', 'risk-assessment']),
  active: z.boolean(),
});

export const DeadlineView = z.object({
  id: z.string(),
  ruleId: z.string(),
  ruleCode: z.string(),
  ruleName: z.string(),
  legalBasis: z.string(),
  subjectType: z.enum(['signal', 'event']),
  subjectId: z.string(),
  eventId: z.string().nullable(),
  placePath: z.string(),
  startedAt: z.string(),
  dueAt: z.string(),
  status: z.enum(DEADLINE_STATUSES),
  metAt: z.string().nullable(),
  metBy: z.string().nullable(),
  metReference: z.string().nullable(),
  breachedAt: z.string().nullable(),
  timeLeftMs: z.number().nullable().describe('until due (negative once past); null once met'),
  late: z.boolean().describe('met after it was breached'),
});

/** A deadline as a trigger reports it: the deadline and its rule's code. */
export const StartedDeadline = z.object({
  id: z.string(),
  ruleCode: z.string(),
  dueAt: z.string(),
  legalBasis: z.string(),
});

// ---- events ------------------------------------------------------------------------------------------

export const EventView = z.object({
  id: z.string(),
  title: z.string(),
  hazardId: z.string().nullable(),
  placeId: z.string(),
  placePath: z.string(),
  leadDepartmentId: z.string(),
  coordinatorId: z.string(),
  status: z.enum(EVENT_STATUSES),
  riskLevel: z.enum(RISK_LEVELS).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});

export const EventDetailsView = z.object({
  event: EventView,
  signalIds: roArray(z.string()),
  deadlines: roArray(DeadlineView),
  latestRiskAssessment: RiskAssessmentView.nullable(),
  latestIhrAssessment: IhrAssessmentView.nullable(),
});

export const EscalateBody = z.object({
  signalIds: z.array(z.string().min(1)).min(1).describe('verified signals to escalate'),
  title: z.string().min(1).max(300),
  leadDepartmentId: z.string().min(1),
  coordinatorId: z.string().min(1).describe('a coordinator or admin user'),
  placeId: z.string().optional().describe('default: the deepest place containing every signal'),
  hazardId: z.string().optional().describe("default: the signals' common hazard"),
  reason: Reason,
});

export const EventPatchBody = z.object({
  version: Version,
  title: z.string().min(1).max(300).optional(),
  leadDepartmentId: z.string().min(1).optional(),
  coordinatorId: z.string().min(1).optional(),
  reason: Reason,
});

export const EventStatusBody = z.object({ version: Version, status: z.enum(EVENT_STATUSES), reason: Reason });

export const LinkSignalsBody = z.object({ version: Version, signalIds: z.array(z.string().min(1)).min(1) });

export const TimelineEntryView = z.object({
  id: z.string(),
  eventId: z.string(),
  at: z.string(),
  kind: z.enum(TIMELINE_KINDS),
  text: z.string(),
  actorId: z.string(),
});

export const SituationReportView = z.object({
  id: z.string(),
  eventId: z.string(),
  version: z.number().int(),
  body: z.string(),
  authorId: z.string(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
});

export const DraftReportBody = z.object({
  body: z.string().min(1),
  basedOnVersion: z
    .number()
    .int()
    .min(0)
    .describe('the latest version the author saw (0 for none); a newer one means a conflict'),
});

// ---- tasks -------------------------------------------------------------------------------------------

export const TaskView = z.object({
  id: z.string(),
  eventId: z.string(),
  title: z.string(),
  description: z.string(),
  departmentId: z.string(),
  assigneeId: z.string().nullable(),
  dueAt: z.string(),
  priority: z.enum(TASK_PRIORITIES),
  state: z.enum(TASK_STATES),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  overdueNotifiedAt: z.string().nullable(),
  overdue: z.boolean(),
  version: z.number().int(),
});

export const EvidenceView = z.object({
  id: z.string(),
  taskId: z.string(),
  kind: z.enum(EVIDENCE_KINDS),
  body: z.string(),
  authorId: z.string(),
  at: z.string(),
});

export const TaskDetailsView = z.object({ task: TaskView, evidence: roArray(EvidenceView) });

export const CreateTaskBody = z.object({
  title: z.string().min(1).max(300),
  description: z.string().max(20_000).optional(),
  departmentId: z.string().min(1),
  assigneeId: z.string().min(1).nullable().optional(),
  dueAt: z.string().describe('ISO 8601 date-time with a time zone'),
  priority: z.enum(TASK_PRIORITIES).optional(),
});

export const TaskPatchBody = z.object({
  version: Version,
  title: z.string().min(1).max(300).optional(),
  description: z.string().max(20_000).optional(),
  dueAt: z.string().optional(),
  priority: z.enum(TASK_PRIORITIES).optional(),
  departmentId: z.string().min(1).optional(),
  assigneeId: z.string().min(1).nullable().optional(),
  reason: Reason,
});

export const TaskStateBody = z.object({ version: Version, state: z.enum(TASK_STATES), reason: Reason });

export const EvidenceBody = z.object({
  kind: z.enum(EVIDENCE_KINDS),
  body: z.string().min(1).describe('the note, or the http(s) link'),
});

// ---- notifications -----------------------------------------------------------------------------------

export const NotificationView = z.object({
  id: z.string(),
  userId: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  subjectType: z.string(),
  subjectId: z.string(),
  text: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
