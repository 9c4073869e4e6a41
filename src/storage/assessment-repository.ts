import type { Kysely, Selectable } from 'kysely';
import { conflict } from '../domain/errors.ts';
import {
  IHR_QUESTIONS,
  type IhrAnswers,
  type IhrAssessment,
  type IhrAssessmentRepository,
  type IhrCategory,
  type IhrOutcome,
  type IhrQuestion,
} from '../domain/ihr-annex2.ts';
import type {
  AssessmentSubjectType,
  Confidence,
  Consequences,
  Likelihood,
  RiskAssessment,
  RiskAssessmentRepository,
  RiskLevel,
  StructuredAssessment,
} from '../domain/risk-assessment.ts';
import type { IhrAssessmentTable, RiskAssessmentTable, Schema } from './schema.ts';
import { isUniqueViolation } from './unique-violation.ts';

interface StoredRationale {
  readonly rationale: Readonly<Partial<Record<IhrQuestion, string>>>;
}

const bool = (v: number | null): boolean | null => (v === null ? null : v === 1);
const int = (v: boolean | undefined): number | null => (v === undefined ? null : v ? 1 : 0);

function riskFromRow(r: Selectable<RiskAssessmentTable>): RiskAssessment {
  const structured = JSON.parse(r.structured) as StructuredAssessment;
  return {
    id: r.id,
    subjectType: r.subjectType as AssessmentSubjectType,
    subjectId: r.subjectId,
    version: r.version,
    hazardAssessment: r.hazardAssessment,
    exposureAssessment: r.exposureAssessment,
    contextAssessment: r.contextAssessment,
    structured,
    likelihood: r.likelihood as Likelihood,
    consequences: r.consequences as Consequences,
    overallRisk: r.overallRisk as RiskLevel,
    confidence: r.confidence as Confidence,
    recommendedActions: JSON.parse(r.recommendedActions) as string[],
    assessedBy: r.assessedBy,
    assessedAt: r.assessedAt,
  };
}

function ihrFromRow(r: Selectable<IhrAssessmentTable>): IhrAssessment {
  const stored = JSON.parse(r.rationale) as StoredRationale;
  const column: Record<IhrQuestion, number | null> = {
    seriousImpact: r.seriousImpact,
    unusual: r.unusual,
    internationalSpread: r.internationalSpread,
    travelTradeRestrictions: r.travelTradeRestrictions,
  };
  const answers: Partial<Record<IhrQuestion, { answer: boolean; rationale: string }>> = {};
  for (const q of IHR_QUESTIONS) {
    const a = bool(column[q]);
    if (a !== null) answers[q] = { answer: a, rationale: stored.rationale[q] ?? '' };
  }
  const category = r.diseaseCategory as IhrCategory;
  const outcome = r.outcome as IhrOutcome;
  return {
    id: r.id,
    subjectType: r.subjectType as AssessmentSubjectType,
    subjectId: r.subjectId,
    version: r.version,
    hazardId: r.hazardId,
    category,
    answers: answers as IhrAnswers,
    outcome,
    basis:
      category === 'always-notifiable'
        ? 'always-notifiable-disease'
        : outcome === 'notifiable'
          ? 'two-or-more-yes'
          : 'fewer-than-two-yes',
    assessedBy: r.assessedBy,
    assessedAt: r.assessedAt,
  };
}

/** Risk assessments and IHR Annex 2 assessments: append-only versions per subject. */
export function assessmentRepository(db: Kysely<Schema>): RiskAssessmentRepository & IhrAssessmentRepository {
  return {
    async insertRisk(a) {
      try {
        await db
          .insertInto('riskAssessments')
          .values({
            id: a.id,
            subjectType: a.subjectType,
            subjectId: a.subjectId,
            version: a.version,
            hazardAssessment: a.hazardAssessment,
            exposureAssessment: a.exposureAssessment,
            contextAssessment: a.contextAssessment,
            structured: JSON.stringify(a.structured),
            likelihood: a.likelihood,
            consequences: a.consequences,
            overallRisk: a.overallRisk,
            confidence: a.confidence,
            recommendedActions: JSON.stringify(a.recommendedActions),
            assessedBy: a.assessedBy,
            assessedAt: a.assessedAt,
          })
          .execute();
      } catch (err) {
        if (isUniqueViolation(err))
          throw conflict(`risk assessment of ${a.subjectType}`, a.subjectId, a.version - 1, a.version);
        throw err;
      }
    },
    async latestRisk(subjectType, subjectId) {
      const r = await db
        .selectFrom('riskAssessments')
        .selectAll()
        .where('subjectType', '=', subjectType)
        .where('subjectId', '=', subjectId)
        .orderBy('version', 'desc')
        .limit(1)
        .executeTakeFirst();
      return r === undefined ? undefined : riskFromRow(r);
    },
    async listRisk(subjectType, subjectId) {
      const rows = await db
        .selectFrom('riskAssessments')
        .selectAll()
        .where('subjectType', '=', subjectType)
        .where('subjectId', '=', subjectId)
        .orderBy('version', 'desc')
        .execute();
      return rows.map(riskFromRow);
    },
    async getRisk(id) {
      const r = await db.selectFrom('riskAssessments').selectAll().where('id', '=', id).executeTakeFirst();
      return r === undefined ? undefined : riskFromRow(r);
    },
    async insertIhr(a) {
      const rationale: Partial<Record<IhrQuestion, string>> = {};
      for (const q of IHR_QUESTIONS) {
        const ans = a.answers[q];
        if (ans !== undefined) rationale[q] = ans.rationale;
      }
      try {
        await db
          .insertInto('ihrAssessments')
          .values({
            id: a.id,
            subjectType: a.subjectType,
            subjectId: a.subjectId,
            version: a.version,
            hazardId: a.hazardId,
            diseaseCategory: a.category,
            seriousImpact: int(a.answers.seriousImpact?.answer),
            unusual: int(a.answers.unusual?.answer),
            internationalSpread: int(a.answers.internationalSpread?.answer),
            travelTradeRestrictions: int(a.answers.travelTradeRestrictions?.answer),
            rationale: JSON.stringify({ rationale } satisfies StoredRationale),
            outcome: a.outcome,
            assessedBy: a.assessedBy,
            assessedAt: a.assessedAt,
          })
          .execute();
      } catch (err) {
        if (isUniqueViolation(err))
          throw conflict(`IHR assessment of ${a.subjectType}`, a.subjectId, a.version - 1, a.version);
        throw err;
      }
    },
    async latestIhr(subjectType, subjectId) {
      const r = await db
        .selectFrom('ihrAssessments')
        .selectAll()
        .where('subjectType', '=', subjectType)
        .where('subjectId', '=', subjectId)
        .orderBy('version', 'desc')
        .limit(1)
        .executeTakeFirst();
      return r === undefined ? undefined : ihrFromRow(r);
    },
    async listIhr(subjectType, subjectId) {
      const rows = await db
        .selectFrom('ihrAssessments')
        .selectAll()
        .where('subjectType', '=', subjectType)
        .where('subjectId', '=', subjectId)
        .orderBy('version', 'desc')
        .execute();
      return rows.map(ihrFromRow);
    },
  };
}
