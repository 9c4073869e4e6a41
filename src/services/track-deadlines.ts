/**
 * Legal rules and their deadlines: seeding the standard rules (idempotent), the deadlines view (due,
 * met, breached, with time left), marking a deadline met (e.g. "WHO notified", with a reference), and
 * the watch the deadline job runs: start the deadlines of newly verified signals and mark breaches —
 * each breach audited with its legal basis, shown on the event and notified to its coordinator.
 */
import { type Actor, requireJurisdiction, requirePermission, SYSTEM_ACTOR } from '../domain/actor.ts';
import type { AuditWriter } from '../domain/audit-entry.ts';
import {
  type DeadlineFilter,
  type DeadlineRepository,
  type DeadlineView,
  requireDeadlineTransition,
  viewDeadline,
} from '../domain/deadline.ts';
import { DomainError, invalid, notFound } from '../domain/errors.ts';
import type { EventRepository } from '../domain/event.ts';
import { type LegalRule, STANDARD_LEGAL_RULES } from '../domain/legal-rule.ts';
import type { NotificationRepository } from '../domain/notification.ts';
import { pageWindow } from '../domain/page.ts';
import { type Clock, type IdGenerator, isoNow, type Transactor } from '../domain/ports.ts';
import type { ResponseFacts } from '../domain/response-facts.ts';
import { openVerifiedSignalDeadlines, recordDeadlineMet, type StartedDeadline } from './deadline-triggers.ts';
import { notifyUser } from './notify.ts';

export interface TrackDeadlinesStore {
  readonly deadlines: DeadlineRepository;
  readonly events: EventRepository;
  readonly notifications: NotificationRepository;
  readonly responseFacts: Pick<ResponseFacts, 'signals' | 'hazard' | 'verifiedSignalsWithoutDeadline'>;
  readonly audit: AuditWriter;
}

export interface TrackDeadlinesDeps {
  readonly tx: Transactor<TrackDeadlinesStore>;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

export interface RuleSeedResult {
  readonly code: string;
  readonly change: 'inserted' | 'updated' | 'unchanged';
}

/** One item of a deadline-watch run. */
export type DeadlineWatchItem =
  | { readonly kind: 'started'; readonly signalId: string; readonly deadlineIds: ReadonlyArray<string> }
  | {
      readonly kind: 'breached';
      readonly deadlineId: string;
      readonly ruleCode: string;
      readonly eventId: string | null;
    }
  | { readonly kind: 'skipped'; readonly deadlineId: string; readonly why: string }
  | { readonly kind: 'failed'; readonly id: string; readonly message: string };

export interface DeadlineWatchResult {
  readonly at: string;
  readonly items: ReadonlyArray<DeadlineWatchItem>;
  readonly started: number;
  readonly breached: number;
  readonly failed: number;
}

export interface DeadlineQuery {
  readonly status?: DeadlineFilter['status'];
  readonly eventId?: string;
  readonly subjectType?: DeadlineFilter['subjectType'];
  readonly subjectId?: string;
  readonly ruleCode?: string;
  readonly limit?: number;
  readonly offset?: number;
}

const BATCH = 500;

export function trackDeadlines({ tx, clock, ids }: TrackDeadlinesDeps) {
  const describe = (err: unknown): string => (err instanceof Error ? err.message : String(err));

  return {
    /** Inserts or refreshes the standard rules; running it again changes nothing. */
    async seedLegalRules(): Promise<ReadonlyArray<RuleSeedResult>> {
      return tx.transaction(async (store) => {
        const now = isoNow(clock);
        const results: RuleSeedResult[] = [];
        for (const def of STANDARD_LEGAL_RULES) {
          const { rule, change } = await store.deadlines.upsertRule({ ...def, id: ids.next() });
          if (change !== 'unchanged')
            await store.audit.append(
              {
                actorId: SYSTEM_ACTOR.userId,
                action: change === 'inserted' ? 'legal-rule.create' : 'legal-rule.update',
                objectType: 'legal-rule',
                objectId: rule.id,
                before: null,
                after: rule,
                reason: 'standard legal rules seeded',
                legalBasis: rule.legalBasis,
              },
              now,
            );
          results.push({ code: rule.code, change });
        }
        return results;
      });
    },

    async rules(actor: Actor): Promise<ReadonlyArray<LegalRule>> {
      requirePermission(actor, 'deadline:read');
      return tx.transaction((store) => store.deadlines.rules());
    },

    /** The deadlines view inside the actor's jurisdiction, soonest due first. */
    async list(
      actor: Actor,
      query: DeadlineQuery,
    ): Promise<{ readonly items: ReadonlyArray<DeadlineView>; readonly total: number }> {
      requirePermission(actor, 'deadline:read');
      const { limit, offset } = pageWindow(query, 100);
      return tx.transaction(async (store) => {
        const rules = new Map((await store.deadlines.rules()).map((r) => [r.id, r]));
        const page = await store.deadlines.list({
          ...query,
          placePathPrefix: actor.jurisdictionPath,
          limit,
          offset,
        });
        const now = clock.now();
        return {
          items: page.items.map((d) => {
            const rule = rules.get(d.ruleId);
            return viewDeadline(d, rule ?? { code: d.ruleId, name: d.ruleId, legalBasis: '' }, now);
          }),
          total: page.total,
        };
      });
    },

    /** The deadlines of one event (its own and its signals'), for the event view. */
    async forEvent(actor: Actor, eventId: string): Promise<ReadonlyArray<DeadlineView>> {
      requirePermission(actor, 'deadline:read');
      return tx.transaction(async (store) => {
        const event = await store.events.getEvent(eventId);
        if (event === undefined) throw notFound('event', eventId);
        requireJurisdiction(actor, event.placePath, `event ${eventId}`);
        const rules = new Map((await store.deadlines.rules()).map((r) => [r.id, r]));
        const now = clock.now();
        return (await store.deadlines.forEvent(eventId)).map((d) =>
          viewDeadline(d, rules.get(d.ruleId) ?? { code: d.ruleId, name: d.ruleId, legalBasis: '' }, now),
        );
      });
    },

    /**
     * Records that a deadline was met, with what proves it (e.g. "WHO notified via EIS, message 123").
     * Permission event:manage; a breached deadline may still be met (it stays marked late).
     */
    async markMet(actor: Actor, deadlineId: string, reference: string): Promise<DeadlineView> {
      requirePermission(actor, 'event:manage');
      const ref = typeof reference === 'string' ? reference.trim() : '';
      if (ref === '')
        throw invalid([
          { field: 'reference', message: 'say how it was met (e.g. "WHO notified, message 123")' },
        ]);
      if (ref.length > 2000) throw invalid([{ field: 'reference', message: 'at most 2000 characters' }]);
      return tx.transaction(async (store) => {
        const d = await store.deadlines.getDeadline(deadlineId);
        if (d === undefined) throw notFound('deadline', deadlineId);
        requireJurisdiction(actor, d.placePath, `deadline ${deadlineId}`);
        requireDeadlineTransition(d, 'met');
        const rule = await store.deadlines.ruleById(d.ruleId);
        if (rule === undefined) throw notFound('legal rule', d.ruleId);
        const now = isoNow(clock);
        if (!(await store.deadlines.markMet(d.id, now, actor.userId, ref)))
          throw new DomainError('CONFLICT', `deadline ${d.id} was met by someone else meanwhile`, {
            id: d.id,
          });
        await recordDeadlineMet(store, ids, actor.userId, d, rule, ref, now);
        const met = await store.deadlines.getDeadline(d.id);
        if (met === undefined) throw notFound('deadline', d.id);
        return viewDeadline(met, rule, clock.now());
      });
    },

    /**
     * Starts the deadlines of a signal that was just verified (the triage service, or whoever verifies,
     * calls this after the verification commits; the deadline watch catches up any it missed).
     */
    async signalVerified(actor: Actor, signalId: string): Promise<ReadonlyArray<StartedDeadline>> {
      requirePermission(actor, 'signal:triage');
      return tx.transaction(async (store) => {
        const [signal] = await store.responseFacts.signals([signalId]);
        if (signal === undefined) throw notFound('signal', signalId);
        requireJurisdiction(actor, signal.placePath, `signal ${signalId}`);
        return openVerifiedSignalDeadlines(store, ids, actor.userId, signal, isoNow(clock));
      });
    },

    /**
     * The deadline job's work: start missing deadlines of verified signals, then breach every open
     * deadline past due. Each item runs in its own transaction and is reported on its own.
     */
    async watch(): Promise<DeadlineWatchResult> {
      const at = isoNow(clock);
      const items: DeadlineWatchItem[] = [];
      const signalRules = await tx.transaction(async (store) =>
        (await store.deadlines.rules()).filter((r) => r.active && r.triggers.includes('signal-verified')),
      );
      const seen = new Set<string>();
      for (const rule of signalRules) {
        const pending = await tx.transaction((store) =>
          store.responseFacts.verifiedSignalsWithoutDeadline(
            { ruleId: rule.id, nationalClass: rule.conditions.nationalClass },
            BATCH,
          ),
        );
        for (const signal of pending) {
          if (seen.has(signal.id)) continue;
          seen.add(signal.id);
          try {
            const started = await tx.transaction((store) =>
              openVerifiedSignalDeadlines(store, ids, SYSTEM_ACTOR.userId, signal, at),
            );
            if (started.length > 0)
              items.push({
                kind: 'started',
                signalId: signal.id,
                deadlineIds: started.map((s) => s.deadline.id),
              });
          } catch (err) {
            items.push({ kind: 'failed', id: signal.id, message: describe(err) });
          }
        }
      }
      for (;;) {
        const due = await tx.transaction((store) => store.deadlines.pastDue(at, BATCH));
        if (due.length === 0) break;
        let progressed = false;
        for (const d of due) {
          try {
            const outcome = await tx.transaction(async (store) => {
              const rule = await store.deadlines.ruleById(d.ruleId);
              if (!(await store.deadlines.markBreached(d.id, at))) return 'gone' as const;
              const legalBasis = rule?.legalBasis ?? null;
              const name = rule?.name ?? d.ruleId;
              await store.audit.append(
                {
                  actorId: SYSTEM_ACTOR.userId,
                  action: 'deadline.breach',
                  objectType: 'deadline',
                  objectId: d.id,
                  before: { status: 'due', dueAt: d.dueAt },
                  after: { status: 'breached', breachedAt: at },
                  reason: `${name}: due ${d.dueAt} on ${d.subjectType} ${d.subjectId}, not met`,
                  legalBasis,
                },
                at,
              );
              if (d.eventId !== null) {
                await store.events.appendTimeline({
                  id: ids.next(),
                  eventId: d.eventId,
                  at,
                  kind: 'deadline-breached',
                  text: `Deadline breached: ${name} (${legalBasis ?? 'no legal basis'}), was due ${d.dueAt}`,
                  actorId: SYSTEM_ACTOR.userId,
                });
                const event = await store.events.getEvent(d.eventId);
                if (event !== undefined)
                  await notifyUser(store, ids, at, {
                    userId: event.coordinatorId,
                    kind: 'deadline-breached',
                    subjectType: 'deadline',
                    subjectId: d.id,
                    text: `Deadline breached on event "${event.title}": ${name}, was due ${d.dueAt}`,
                  });
              }
              return rule?.code ?? d.ruleId;
            });
            if (outcome === 'gone') items.push({ kind: 'skipped', deadlineId: d.id, why: 'met meanwhile' });
            else {
              items.push({ kind: 'breached', deadlineId: d.id, ruleCode: outcome, eventId: d.eventId });
              progressed = true;
            }
          } catch (err) {
            items.push({ kind: 'failed', id: d.id, message: describe(err) });
          }
        }
        if (!progressed || due.length < BATCH) break;
      }
      return {
        at,
        items,
        started: items.filter((i) => i.kind === 'started').length,
        breached: items.filter((i) => i.kind === 'breached').length,
        failed: items.filter((i) => i.kind === 'failed').length,
      };
    },
  };
}

export type TrackDeadlinesService = ReturnType<typeof trackDeadlines>;
