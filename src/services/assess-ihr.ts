/**
 * The IHR (2005) Annex 2 decision instrument on a signal or an event. The disease category comes from
 * the hazard catalogue (or is given explicitly); answers and their rationale are stored as a new
 * version; a notifiable outcome starts the IHR Art. 6 deadline (notify WHO within 24 hours).
 */
import { type Actor, requirePermission } from '../domain/actor.ts';
import type { AuditWriter } from '../domain/audit-entry.ts';
import type { DeadlineRepository } from '../domain/deadline.ts';
import { invalid } from '../domain/errors.ts';
import type { EventRepository } from '../domain/event.ts';
import {
  decideIhr,
  type IhrAnswers,
  type IhrAssessment,
  type IhrAssessmentRepository,
  type IhrCategory,
  ihrCategoryFromCatalogue,
  isIhrCategory,
} from '../domain/ihr-annex2.ts';
import { type Clock, type IdGenerator, isoNow, type Transactor } from '../domain/ports.ts';
import type { ResponseFacts } from '../domain/response-facts.ts';
import type { AssessmentSubjectType } from '../domain/risk-assessment.ts';
import { loadSubject, requireAssessable, requireSubjectReadable } from './assessment-subject.ts';
import { type StartedDeadline, startDeadlines } from './deadline-triggers.ts';

export interface AssessIhrStore {
  readonly assessments: IhrAssessmentRepository;
  readonly events: EventRepository;
  readonly deadlines: DeadlineRepository;
  readonly responseFacts: Pick<ResponseFacts, 'signals' | 'hazard'>;
  readonly audit: AuditWriter;
}

export interface AssessIhrDeps {
  readonly tx: Transactor<AssessIhrStore>;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

export interface IhrInput {
  /** Overrides the hazard catalogue's category (e.g. an event of unknown cause). */
  readonly category?: IhrCategory;
  /** The hazard, when the subject has none (or to assess for another one). */
  readonly hazardId?: string;
  readonly answers: IhrAnswers;
}

export interface IhrResult {
  readonly assessment: IhrAssessment;
  /** Deadlines started by a notifiable outcome (IHR Art. 6). */
  readonly deadlinesStarted: ReadonlyArray<StartedDeadline>;
}

export function assessIhr({ tx, clock, ids }: AssessIhrDeps) {
  return {
    async assess(
      actor: Actor,
      subjectType: AssessmentSubjectType,
      subjectId: string,
      input: IhrInput,
    ): Promise<IhrResult> {
      requirePermission(actor, 'assessment:write');
      if (input.category !== undefined && !isIhrCategory(input.category))
        throw invalid([
          { field: 'category', message: 'always-notifiable, always-algorithm or potential-concern' },
        ]);
      return tx.transaction(async (store) => {
        const subject = await loadSubject(store, subjectType, subjectId);
        requireSubjectReadable(actor, subject);
        requireAssessable(subject);
        const hazardId = input.hazardId ?? subject.hazardId;
        const hazard = hazardId === null ? undefined : await store.responseFacts.hazard(hazardId);
        if (hazardId !== null && hazard === undefined)
          throw invalid([{ field: 'hazardId', message: `no hazard ${hazardId} in the catalogue` }]);
        const category = input.category ?? ihrCategoryFromCatalogue(hazard?.ihrCategory);
        const decision = decideIhr(category, input.answers);
        const now = isoNow(clock);
        const previous = await store.assessments.latestIhr(subjectType, subjectId);
        const answers: IhrAnswers = Object.fromEntries(
          Object.entries(input.answers).map(([q, a]) => [
            q,
            { answer: a.answer, rationale: a.rationale.trim() },
          ]),
        );
        const assessment: IhrAssessment = {
          id: ids.next(),
          subjectType,
          subjectId,
          version: (previous?.version ?? 0) + 1,
          hazardId,
          category,
          answers,
          outcome: decision.outcome,
          basis: decision.basis,
          assessedBy: actor.userId,
          assessedAt: now,
        };
        await store.assessments.insertIhr(assessment);
        await store.audit.append(
          {
            actorId: actor.userId,
            action: 'ihr-assessment.create',
            objectType: 'ihr-assessment',
            objectId: assessment.id,
            before:
              previous === undefined
                ? null
                : { version: previous.version, outcome: previous.outcome, id: previous.id },
            after: assessment,
            reason: `${subjectType} ${subjectId}: ${category}, ${decision.yesCount} of 4 yes → ${decision.outcome}`,
            legalBasis: 'IHR (2005) Annex 2',
          },
          now,
        );
        const eventIds =
          subjectType === 'event' ? [subjectId] : await store.events.eventIdsOfSignal(subjectId);
        for (const eventId of eventIds)
          await store.events.appendTimeline({
            id: ids.next(),
            eventId,
            at: now,
            kind: 'ihr-assessed',
            text: `IHR Annex 2 v${assessment.version}${subjectType === 'signal' ? ` (signal ${subjectId})` : ''}: ${category}, ${decision.yesCount} of 4 yes → ${decision.outcome}`,
            actorId: actor.userId,
          });
        const deadlinesStarted =
          decision.outcome === 'notifiable'
            ? await startDeadlines(
                store,
                ids,
                actor.userId,
                {
                  trigger: 'ihr-notifiable',
                  subjectType,
                  subjectId,
                  eventId: eventIds[0] ?? null,
                  placePath: subject.placePath,
                  nationalClass: hazard?.nationalClass ?? null,
                  at: now,
                },
                now,
              )
            : [];
        return { assessment, deadlinesStarted };
      });
    },

    /** Every version, newest first. */
    async history(
      actor: Actor,
      subjectType: AssessmentSubjectType,
      subjectId: string,
    ): Promise<ReadonlyArray<IhrAssessment>> {
      return tx.transaction(async (store) => {
        const subject = await loadSubject(store, subjectType, subjectId);
        requireSubjectReadable(actor, subject);
        return store.assessments.listIhr(subjectType, subjectId);
      });
    },
  };
}

export type AssessIhrService = ReturnType<typeof assessIhr>;
