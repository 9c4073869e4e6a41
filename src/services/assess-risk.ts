/**
 * Rapid risk assessment of a signal or an event (WHO 2012). Each assessment is a new version; an
 * event's risk level follows its latest assessment; assessing fulfils the "assess within 48 hours"
 * deadlines of the subject (and, for an event, of its signals).
 */
import { type Actor, requireJurisdiction, requirePermission } from '../domain/actor.ts';
import type { AuditWriter } from '../domain/audit-entry.ts';
import type { DeadlineRepository } from '../domain/deadline.ts';
import { notFound } from '../domain/errors.ts';
import type { EventRepository } from '../domain/event.ts';
import { type Clock, type IdGenerator, isoNow, type Transactor } from '../domain/ports.ts';
import type { ResponseFacts } from '../domain/response-facts.ts';
import {
  type AssessmentSubjectType,
  newRiskAssessment,
  type RiskAssessment,
  type RiskAssessmentInput,
  type RiskAssessmentRepository,
} from '../domain/risk-assessment.ts';
import { loadSubject, requireAssessable, requireSubjectReadable } from './assessment-subject.ts';
import { meetByRiskAssessment } from './deadline-triggers.ts';

export interface AssessRiskStore {
  readonly assessments: RiskAssessmentRepository;
  readonly events: EventRepository;
  readonly deadlines: DeadlineRepository;
  readonly responseFacts: Pick<ResponseFacts, 'signals'>;
  readonly audit: AuditWriter;
}

export interface AssessRiskDeps {
  readonly tx: Transactor<AssessRiskStore>;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

export interface RiskAssessmentResult {
  readonly assessment: RiskAssessment;
  /** Deadlines this assessment met (e.g. "assess a verified signal within 48 hours"). */
  readonly deadlinesMet: ReadonlyArray<string>;
}

export function assessRisk({ tx, clock, ids }: AssessRiskDeps) {
  return {
    /** Records a new version of the subject's risk assessment (permission assessment:write). */
    async assess(
      actor: Actor,
      subjectType: AssessmentSubjectType,
      subjectId: string,
      input: RiskAssessmentInput,
    ): Promise<RiskAssessmentResult> {
      requirePermission(actor, 'assessment:write');
      return tx.transaction(async (store) => {
        const subject = await loadSubject(store, subjectType, subjectId);
        requireSubjectReadable(actor, subject);
        requireAssessable(subject);
        const now = isoNow(clock);
        const previous = await store.assessments.latestRisk(subjectType, subjectId);
        const assessment = newRiskAssessment({
          id: ids.next(),
          subjectType,
          subjectId,
          previousVersion: previous?.version ?? 0,
          input,
          assessedBy: actor.userId,
          assessedAt: now,
        });
        await store.assessments.insertRisk(assessment);
        await store.audit.append(
          {
            actorId: actor.userId,
            action: 'risk-assessment.create',
            objectType: 'risk-assessment',
            objectId: assessment.id,
            before:
              previous === undefined
                ? null
                : { version: previous.version, overallRisk: previous.overallRisk, id: previous.id },
            after: assessment,
            reason: `${subjectType} ${subjectId}: ${assessment.likelihood} × ${assessment.consequences} → ${assessment.overallRisk} (confidence ${assessment.confidence})`,
          },
          now,
        );
        const covered: Array<{ subjectType: 'signal' | 'event'; subjectId: string }> = [
          { subjectType, subjectId },
        ];
        if (subjectType === 'event') {
          const event = await store.events.getEvent(subjectId);
          if (event === undefined) throw notFound('event', subjectId);
          if (event.riskLevel !== assessment.overallRisk) {
            const next = {
              ...event,
              riskLevel: assessment.overallRisk,
              updatedAt: now,
              version: event.version + 1,
            };
            await store.events.updateEvent(next, event.version);
            await store.audit.append(
              {
                actorId: actor.userId,
                action: 'event.risk-level',
                objectType: 'event',
                objectId: event.id,
                before: { riskLevel: event.riskLevel, version: event.version },
                after: { riskLevel: next.riskLevel, version: next.version },
                reason: `risk assessment version ${assessment.version}`,
              },
              now,
            );
          }
          await store.events.appendTimeline({
            id: ids.next(),
            eventId: subjectId,
            at: now,
            kind: 'risk-assessed',
            text: `Risk assessment v${assessment.version}: ${assessment.likelihood} × ${assessment.consequences} → ${assessment.overallRisk} risk (confidence ${assessment.confidence})`,
            actorId: actor.userId,
          });
          for (const signalId of await store.events.signalIdsOf(subjectId))
            covered.push({ subjectType: 'signal', subjectId: signalId });
        }
        const deadlinesMet = await meetByRiskAssessment(
          store,
          ids,
          actor.userId,
          covered,
          `risk assessment v${assessment.version} of ${subjectType} ${subjectId} (${assessment.id})`,
          now,
        );
        return { assessment, deadlinesMet };
      });
    },

    /** Every version of the subject's risk assessment, newest first. */
    async history(
      actor: Actor,
      subjectType: AssessmentSubjectType,
      subjectId: string,
    ): Promise<ReadonlyArray<RiskAssessment>> {
      return tx.transaction(async (store) => {
        requireSubjectReadable(actor, await loadSubject(store, subjectType, subjectId));
        return store.assessments.listRisk(subjectType, subjectId);
      });
    },

    /** One version by id. */
    async get(actor: Actor, id: string): Promise<RiskAssessment> {
      return tx.transaction(async (store) => {
        const a = await store.assessments.getRisk(id);
        if (a === undefined) throw notFound('risk assessment', id);
        const subject = await loadSubject(store, a.subjectType, a.subjectId);
        requireSubjectReadable(actor, subject);
        requireJurisdiction(actor, subject.placePath, `risk assessment ${id}`);
        return a;
      });
    },
  };
}

export type AssessRiskService = ReturnType<typeof assessRisk>;
