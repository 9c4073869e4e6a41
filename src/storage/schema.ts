/**
 * The database schema as Kysely sees it (camelCase here; snake_case in SQL through CamelCasePlugin).
 * Portable types only, so SQLite and PostgreSQL return identical rows: ids are UUID text, times are
 * ISO 8601 UTC text (sortable), dates `YYYY-MM-DD` text, booleans 0/1 integers, JSON as text.
 */
import type { Generated } from 'kysely';

export interface DepartmentTable {
  id: string;
  code: string;
  name: string;
  nameZh: string | null;
  domain: string;
  createdAt: string;
  /** 1 when inserted without one (the column's default). */
  version: Generated<number>;
}

export interface PlaceTable {
  id: string;
  code: string;
  name: string;
  nameLocal: string | null;
  level: string;
  parentId: string | null;
  /** Materialised path of ids from the root, `/id1/id2/…/`, for subtree (jurisdiction) queries. */
  path: string;
  iso2: string | null;
  lat: number | null;
  lon: number | null;
}

/** Other names of a place; `aliasKey` is the normalised form lookups compare (see domain/place.ts). */
export interface PlaceAliasTable {
  aliasKey: string;
  placeId: string;
  alias: string;
}

export interface HazardTable {
  id: string;
  code: string;
  name: string;
  domain: string;
  icd10: string | null;
  icd11: string | null;
  pathogen: string | null;
  /** JSON array of synonyms (several languages). */
  synonyms: string;
  /** IHR Annex 2 category: `always-notifiable`, `always-algorithm` or null. */
  ihrCategory: string | null;
  /** National notification class, e.g. `A`, `B`, `C`, or null. */
  nationalClass: string | null;
  active: number;
  version: number;
  updatedAt: string;
}

export interface UserTable {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  role: string;
  departmentId: string | null;
  jurisdictionPlaceId: string;
  active: number;
  createdAt: string;
  version: number;
}

export interface SessionTable {
  tokenHash: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
}

export interface ApiTokenTable {
  id: string;
  userId: string;
  name: string;
  tokenHash: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface SeriesTable {
  id: string;
  hazardId: string;
  placeId: string;
  /** Copy of the place's path, for jurisdiction filters without a join. */
  placePath: string;
  /** Stratum key, e.g. `age=00-04;sex=f`, or '' for all. */
  stratum: string;
  source: string;
  frequency: string;
  unit: string;
  createdAt: string;
}

export interface ObservationTable {
  seriesId: string;
  /** Start date of the epoch, `YYYY-MM-DD`. */
  epoch: string;
  /** 1 for the first value; each correction adds a revision, earlier ones stay. */
  revision: number;
  /** null = reported as missing. */
  count: number | null;
  population: number | null;
  importId: string;
  recordedAt: string;
}

export interface ImportTable {
  id: string;
  kind: string;
  fileName: string;
  sha256: string;
  rows: number;
  inserted: number;
  revised: number;
  unchanged: number;
  actorId: string;
  createdAt: string;
}

export interface DetectionConfigTable {
  id: string;
  name: string;
  algorithm: string;
  /** JSON: R-style control. */
  control: string;
  /** JSON: which series (hazard ids, place ids, sources, frequency). */
  selector: string;
  /** Cron expression, or null for on demand only. */
  schedule: string | null;
  /** How many latest epochs each run monitors. */
  monitoredEpochs: number;
  enabled: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface DetectionRunTable {
  id: string;
  configId: string;
  trigger: string;
  startedAt: string;
  finishedAt: string | null;
  status: string;
  seriesCount: number;
  alarmCount: number;
  signalsOpened: number;
  signalsUpdated: number;
  /** JSON array of per-series problems. */
  problems: string;
}

export interface SignalTable {
  id: string;
  source: string;
  state: string;
  title: string;
  hazardId: string | null;
  placeId: string | null;
  /** Copy of the place's path ('/' when the signal has no place), for jurisdiction filters. */
  placePath: string;
  seriesId: string | null;
  configId: string | null;
  firstEpoch: string | null;
  lastEpoch: string | null;
  /** JSON: what explains the signal (observed, expected, upper bound, baseline, algorithm, options, version). */
  explanation: string;
  priority: string;
  assigneeId: string | null;
  mergedIntoId: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface SignalAlarmTable {
  signalId: string;
  epoch: string;
  runId: string;
  observed: number | null;
  expected: number | null;
  upperBound: number | null;
  score: number | null;
}

export interface SignalTransitionTable {
  id: string;
  signalId: string;
  fromState: string | null;
  toState: string;
  actorId: string;
  at: string;
  reason: string | null;
}

export interface SignalCommentTable {
  id: string;
  signalId: string;
  authorId: string;
  body: string;
  at: string;
}

export interface SignalLinkTable {
  signalId: string;
  otherSignalId: string;
  kind: string;
  createdBy: string;
  at: string;
}

export interface RiskAssessmentTable {
  id: string;
  subjectType: string;
  subjectId: string;
  version: number;
  hazardAssessment: string;
  exposureAssessment: string;
  contextAssessment: string;
  /** JSON of structured fields. */
  structured: string;
  likelihood: string;
  consequences: string;
  overallRisk: string;
  confidence: string;
  recommendedActions: string;
  assessedBy: string;
  assessedAt: string;
}

export interface IhrAssessmentTable {
  id: string;
  subjectType: string;
  subjectId: string;
  version: number;
  hazardId: string | null;
  diseaseCategory: string;
  seriousImpact: number | null;
  unusual: number | null;
  internationalSpread: number | null;
  travelTradeRestrictions: number | null;
  /** JSON: rationale per question. */
  rationale: string;
  outcome: string;
  assessedBy: string;
  assessedAt: string;
}

export interface LegalRuleTable {
  id: string;
  code: string;
  name: string;
  description: string;
  trigger: string;
  /** JSON: conditions, e.g. {"nationalClass":"A"}. */
  conditions: string;
  durationMinutes: number;
  legalBasis: string;
  active: number;
  /** How its deadlines are met: `manual` or `risk-assessment` (migration 0002). */
  metBy: string;
}

export interface DeadlineTable {
  id: string;
  ruleId: string;
  subjectType: string;
  subjectId: string;
  eventId: string | null;
  startedAt: string;
  dueAt: string;
  metAt: string | null;
  breachedAt: string | null;
  status: string;
  /** The subject's place path, for jurisdiction filters (migration 0002). */
  placePath: string;
  /** Who met it and with what reference, e.g. "WHO notified, message 123" (migration 0002). */
  metBy: string | null;
  metReference: string | null;
}

export interface EventTable {
  id: string;
  title: string;
  hazardId: string | null;
  placeId: string;
  placePath: string;
  leadDepartmentId: string;
  coordinatorId: string;
  status: string;
  riskLevel: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface EventSignalTable {
  eventId: string;
  signalId: string;
}

export interface EventTimelineTable {
  id: string;
  eventId: string;
  at: string;
  kind: string;
  text: string;
  actorId: string;
  /** Order of the entry within its event (entries of one transaction share `at`) (migration 0005). */
  seq: number;
}

export interface SituationReportTable {
  id: string;
  eventId: string;
  version: number;
  body: string;
  authorId: string;
  createdAt: string;
  publishedAt: string | null;
}

export interface TaskTable {
  id: string;
  eventId: string;
  title: string;
  description: string;
  departmentId: string;
  assigneeId: string | null;
  dueAt: string;
  priority: string;
  state: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  overdueNotifiedAt: string | null;
  version: number;
}

export interface TaskEvidenceTable {
  id: string;
  taskId: string;
  kind: string;
  body: string;
  authorId: string;
  at: string;
}

export interface NotificationTable {
  id: string;
  userId: string;
  kind: string;
  subjectType: string;
  subjectId: string;
  text: string;
  createdAt: string;
  readAt: string | null;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actorId: string;
  action: string;
  objectType: string;
  objectId: string;
  /** JSON snapshots; null when the object did not exist before / after. */
  before: string | null;
  after: string | null;
  reason: string | null;
  legalBasis: string | null;
  prevHash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

/** A source of reports (a feed or a file import) with its pull health. */
export interface ReportSourceTable {
  id: string;
  name: string;
  kind: string;
  url: string | null;
  active: number;
  pullMinutes: number;
  etag: string | null;
  lastModified: string | null;
  lastPullAt: string | null;
  lastSuccessAt: string | null;
  lastErrorAt: string | null;
  lastError: string | null;
  itemsSeen: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** One report: cleaned text, fingerprints, duplicate link and tags (JSON). */
export interface ReportTable {
  id: string;
  sourceId: string;
  externalId: string;
  url: string | null;
  title: string;
  text: string;
  language: string;
  publishedAt: string;
  fetchedAt: string;
  contentKey: string;
  /** MinHash signature as hex (8 digits per position). */
  signature: string;
  duplicateOf: string | null;
  duplicateKind: string | null;
  similarity: number | null;
  relevance: number;
  tags: string;
  placeId: string | null;
  placePath: string;
}

/** LSH band keys of report signatures (near-duplicate candidates). */
export interface ReportBandTable {
  bandKey: string;
  reportId: string;
}

/** Reports about one hazard in one affected country within a window: one event-based signal. */
export interface StoryTable {
  id: string;
  hazardCode: string;
  country: string;
  signalId: string;
  firstDate: string;
  lastDate: string;
  reportCount: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** One relevance judgement of a report by a user (history kept: see migration 0007). */
export interface ReportFeedbackTable {
  id: string;
  reportId: string;
  userId: string;
  relevant: number;
  reason: string | null;
  createdAt: string;
  version: number;
  supersededAt: string | null;
}

export interface StoryReportTable {
  storyId: string;
  reportId: string;
}

export interface Schema {
  departments: DepartmentTable;
  places: PlaceTable;
  placeAliases: PlaceAliasTable;
  hazards: HazardTable;
  users: UserTable;
  sessions: SessionTable;
  apiTokens: ApiTokenTable;
  series: SeriesTable;
  observations: ObservationTable;
  imports: ImportTable;
  detectionConfigs: DetectionConfigTable;
  detectionRuns: DetectionRunTable;
  signals: SignalTable;
  reportSources: ReportSourceTable;
  reports: ReportTable;
  reportBands: ReportBandTable;
  stories: StoryTable;
  storyReports: StoryReportTable;
  reportFeedback: ReportFeedbackTable;
  signalAlarms: SignalAlarmTable;
  signalTransitions: SignalTransitionTable;
  signalComments: SignalCommentTable;
  signalLinks: SignalLinkTable;
  riskAssessments: RiskAssessmentTable;
  ihrAssessments: IhrAssessmentTable;
  legalRules: LegalRuleTable;
  deadlines: DeadlineTable;
  events: EventTable;
  eventSignals: EventSignalTable;
  eventTimeline: EventTimelineTable;
  situationReports: SituationReportTable;
  tasks: TaskTable;
  taskEvidence: TaskEvidenceTable;
  notifications: NotificationTable;
  auditLog: AuditLogTable;
  auditHead: AuditHeadTable;
}
