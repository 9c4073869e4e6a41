import { z } from 'zod';
import {
  IHR_ALWAYS_ALGORITHM,
  IHR_ALWAYS_NOTIFIABLE,
  IHR_CATEGORIES,
  IHR_QUESTION_TEXT,
  IHR_QUESTIONS,
} from '../../domain/ihr-annex2.ts';
import {
  type AssessmentSubjectType,
  CONFIDENCE_LEVELS,
  CONSEQUENCES,
  LIKELIHOODS,
  RISK_LEVEL_MEANING,
  RISK_LEVELS,
  WHO_RISK_MATRIX,
} from '../../domain/risk-assessment.ts';
import type { AssessIhrService } from '../../services/assess-ihr.ts';
import type { AssessRiskService } from '../../services/assess-risk.ts';
import { actorOf, type TocsinApp } from '../app.ts';
import {
  IdParams,
  IhrAssessmentView,
  IhrBody,
  RiskAssessmentBody,
  RiskAssessmentView,
  roArray,
  StartedDeadline,
} from '../response-contract.ts';

const SUBJECTS: ReadonlyArray<readonly [string, AssessmentSubjectType]> = [
  ['signals', 'signal'],
  ['events', 'event'],
];

/**
 * Rapid risk assessment (WHO 2012) and the IHR Annex 2 instrument on signals and events (permission
 * assessment:write to assess; signal:read / event:read to read; jurisdiction checked by the services).
 */
export function assessmentRoutes(deps: { readonly risk: AssessRiskService; readonly ihr: AssessIhrService }) {
  return (app: TocsinApp): void => {
    for (const [plural, subjectType] of SUBJECTS) {
      app.post(
        `/api/${plural}/:id/risk-assessments`,
        {
          schema: {
            tags: ['assessments'],
            summary: `Assess the risk of a ${subjectType} (a re-assessment is a new version)`,
            params: IdParams,
            body: RiskAssessmentBody,
            response: {
              201: z.object({ assessment: RiskAssessmentView, deadlinesMet: roArray(z.string()) }),
            },
          },
        },
        async (request, reply) => {
          const result = await deps.risk.assess(
            actorOf(request),
            subjectType,
            request.params.id,
            request.body,
          );
          return reply.status(201).send(result);
        },
      );
      app.get(
        `/api/${plural}/:id/risk-assessments`,
        {
          schema: {
            tags: ['assessments'],
            summary: `Every risk assessment version of a ${subjectType}, newest first`,
            params: IdParams,
            response: { 200: roArray(RiskAssessmentView) },
          },
        },
        async (request) => deps.risk.history(actorOf(request), subjectType, request.params.id),
      );
      app.post(
        `/api/${plural}/:id/ihr-assessments`,
        {
          schema: {
            tags: ['assessments'],
            summary: `Run the IHR Annex 2 decision instrument on a ${subjectType}`,
            description:
              'Always-notifiable diseases are notifiable; otherwise all four questions are answered with a rationale and two yes notify. A notifiable outcome starts the 24-hour IHR Art. 6 deadline.',
            params: IdParams,
            body: IhrBody,
            response: {
              201: z.object({ assessment: IhrAssessmentView, deadlinesStarted: roArray(StartedDeadline) }),
            },
          },
        },
        async (request, reply) => {
          const { assessment, deadlinesStarted } = await deps.ihr.assess(
            actorOf(request),
            subjectType,
            request.params.id,
            request.body,
          );
          return reply.status(201).send({
            assessment,
            deadlinesStarted: deadlinesStarted.map(({ deadline, rule }) => ({
              id: deadline.id,
              ruleCode: rule.code,
              dueAt: deadline.dueAt,
              legalBasis: rule.legalBasis,
            })),
          });
        },
      );
      app.get(
        `/api/${plural}/:id/ihr-assessments`,
        {
          schema: {
            tags: ['assessments'],
            summary: `Every IHR Annex 2 assessment version of a ${subjectType}, newest first`,
            params: IdParams,
            response: { 200: roArray(IhrAssessmentView) },
          },
        },
        async (request) => deps.ihr.history(actorOf(request), subjectType, request.params.id),
      );
    }
    app.get(
      '/api/risk-assessments/:id',
      {
        schema: {
          tags: ['assessments'],
          summary: 'One risk assessment version',
          params: IdParams,
          response: { 200: RiskAssessmentView },
        },
      },
      async (request) => deps.risk.get(actorOf(request), request.params.id),
    );
    app.get(
      '/api/risk-matrix',
      {
        schema: {
          tags: ['assessments'],
          summary: 'The WHO (2012) risk matrix and the scales of a rapid risk assessment',
          response: {
            200: z.object({
              likelihoods: roArray(z.enum(LIKELIHOODS)),
              consequences: roArray(z.enum(CONSEQUENCES)),
              riskLevels: roArray(z.enum(RISK_LEVELS)),
              confidenceLevels: roArray(z.enum(CONFIDENCE_LEVELS)),
              matrix: z.record(z.enum(LIKELIHOODS), z.record(z.enum(CONSEQUENCES), z.enum(RISK_LEVELS))),
              meaning: z.record(z.enum(RISK_LEVELS), z.string()),
            }),
          },
        },
      },
      async (request) => {
        actorOf(request);
        return {
          likelihoods: LIKELIHOODS,
          consequences: CONSEQUENCES,
          riskLevels: RISK_LEVELS,
          confidenceLevels: CONFIDENCE_LEVELS,
          matrix: WHO_RISK_MATRIX,
          meaning: RISK_LEVEL_MEANING,
        };
      },
    );
    app.get(
      '/api/ihr-instrument',
      {
        schema: {
          tags: ['assessments'],
          summary: 'The IHR (2005) Annex 2 instrument: disease lists, categories and the four questions',
          response: {
            200: z.object({
              categories: roArray(z.enum(IHR_CATEGORIES)),
              alwaysNotifiable: roArray(z.object({ name: z.string(), icd10: roArray(z.string()) })),
              alwaysAlgorithm: roArray(z.object({ name: z.string(), icd10: roArray(z.string()) })),
              questions: roArray(z.object({ id: z.enum(IHR_QUESTIONS), text: z.string() })),
              rule: z.string(),
            }),
          },
        },
      },
      async (request) => {
        actorOf(request);
        return {
          categories: IHR_CATEGORIES,
          alwaysNotifiable: IHR_ALWAYS_NOTIFIABLE,
          alwaysAlgorithm: IHR_ALWAYS_ALGORITHM,
          questions: IHR_QUESTIONS.map((id) => ({ id, text: IHR_QUESTION_TEXT[id] })),
          rule: 'notify WHO when the answer is yes to any two of the four questions',
        };
      },
    );
  };
}
