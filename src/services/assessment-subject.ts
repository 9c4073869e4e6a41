/** The signal or event an assessment is about: loaded once, checked for access, jurisdiction and state. */
import { type Actor, requireJurisdiction, requirePermission } from '../domain/actor.ts';
import { DomainError, notFound } from '../domain/errors.ts';
import type { EventRepository } from '../domain/event.ts';
import type { ResponseFacts } from '../domain/response-facts.ts';
import type { AssessmentSubjectType } from '../domain/risk-assessment.ts';

export interface AssessmentSubject {
  readonly type: AssessmentSubjectType;
  readonly id: string;
  readonly placePath: string;
  readonly hazardId: string | null;
  /** Signal state or event status. */
  readonly state: string;
  readonly mergedIntoId: string | null;
}

export interface SubjectPorts {
  readonly responseFacts: Pick<ResponseFacts, 'signals'>;
  readonly events: Pick<EventRepository, 'getEvent'>;
}

export async function loadSubject(
  store: SubjectPorts,
  type: AssessmentSubjectType,
  id: string,
): Promise<AssessmentSubject> {
  switch (type) {
    case 'signal': {
      const [s] = await store.responseFacts.signals([id]);
      if (s === undefined) throw notFound('signal', id);
      return {
        type,
        id,
        placePath: s.placePath,
        hazardId: s.hazardId,
        state: s.state,
        mergedIntoId: s.mergedIntoId,
      };
    }
    case 'event': {
      const e = await store.events.getEvent(id);
      if (e === undefined) throw notFound('event', id);
      return { type, id, placePath: e.placePath, hazardId: e.hazardId, state: e.status, mergedIntoId: null };
    }
  }
}

/** Read access to the subject: signal:read or event:read, inside the actor's jurisdiction. */
export function requireSubjectReadable(actor: Actor, subject: AssessmentSubject): void {
  requirePermission(actor, subject.type === 'signal' ? 'signal:read' : 'event:read');
  requireJurisdiction(actor, subject.placePath, `${subject.type} ${subject.id}`);
}

/** A discarded or merged signal is not assessed (assess the signal it was merged into). */
export function requireAssessable(subject: AssessmentSubject): void {
  if (
    subject.type === 'signal' &&
    (subject.state === 'discarded' || subject.state === 'merged' || subject.mergedIntoId !== null)
  )
    throw new DomainError(
      'INVALID_TRANSITION',
      subject.state === 'merged' || subject.mergedIntoId !== null
        ? `signal ${subject.id} was merged into ${subject.mergedIntoId ?? 'another signal'}; assess that signal`
        : `signal ${subject.id} was discarded and cannot be assessed`,
      { state: subject.state },
    );
}
