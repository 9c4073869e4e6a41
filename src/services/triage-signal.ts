/**
 * Triage of signals (permission signal:triage, jurisdiction on every signal touched): transitions with
 * a reason, assignment, comments, links, merging duplicates and priority. Every write takes the
 * `version` the client read and fails with CONFLICT when the signal changed meanwhile (optimistic
 * versioning: never a silent overwrite). Every change is audited in its transaction.
 */
import { type Actor, requireJurisdiction, requirePermission } from '../domain/actor.ts';
import type { AuditWriter } from '../domain/audit-entry.ts';
import { conflict, DomainError, type FieldProblem, invalid, notFound } from '../domain/errors.ts';
import type { Clock, IdGenerator, Transactor } from '../domain/ports.ts';
import { isRole, ROLE_PERMISSIONS } from '../domain/role.ts';
import {
  isOpenSignalState,
  isSignalState,
  requireSignalTransition,
  SIGNAL_LINK_KINDS,
  type Signal,
  type SignalChanges,
  type SignalLinkKind,
  type SignalRepository,
} from '../domain/signal.ts';
import { isSignalPriority } from '../domain/signal-priority.ts';

export interface TriageStore {
  readonly signals: SignalRepository;
  readonly audit: AuditWriter;
}

export interface TriageDeps<S extends TriageStore> {
  readonly tx: Transactor<S>;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /**
   * Called in the transaction that verifies a signal (e.g. to start the deadlines of the rules a
   * verified signal triggers); a failure rolls the verification back.
   */
  readonly onVerified?: (store: S, signal: Signal, actor: Actor, at: string) => Promise<void>;
}

const MAX_REASON = 2000;
const MAX_COMMENT = 10_000;

function requireText(field: string, value: string | undefined | null, max: number): string {
  const text = (value ?? '').trim();
  if (text === '') throw invalid([{ field, message: 'must not be empty' }]);
  if (text.length > max) throw invalid([{ field, message: `must have at most ${max} characters` }]);
  return text;
}

export function createTriageSignal<S extends TriageStore>(deps: TriageDeps<S>) {
  const { tx, clock, ids, onVerified } = deps;

  /** Loads a signal for a write: it exists, lies in the actor's jurisdiction, and is still at `version`. */
  async function writable(
    signals: SignalRepository,
    actor: Actor,
    id: string,
    version: number,
  ): Promise<Signal> {
    const signal = await signals.get(id);
    if (signal === undefined) throw notFound('signal', id);
    requireJurisdiction(actor, signal.placePath, `signal ${id}`);
    if (signal.version !== version) throw conflict('signal', id, version, signal.version);
    return signal;
  }

  /** One write: permission, transaction, load, change, audit. */
  async function write(
    actor: Actor,
    id: string,
    version: number,
    work: (
      store: S,
      before: Signal,
      at: string,
    ) => Promise<{ after: Signal; action: string; reason: string | null }>,
  ): Promise<Signal> {
    requirePermission(actor, 'signal:triage');
    if (!Number.isInteger(version)) throw invalid([{ field: 'version', message: 'must be an integer' }]);
    const at = clock.now().toISOString();
    return tx.transaction(async (store) => {
      const before = await writable(store.signals, actor, id, version);
      const { after, action, reason } = await work(store, before, at);
      if (after !== before) {
        await store.audit.append(
          { actorId: actor.userId, action, objectType: 'signal', objectId: id, before, after, reason },
          at,
        );
      }
      return after;
    });
  }

  const update = (store: S, before: Signal, changes: SignalChanges, at: string): Promise<Signal> =>
    store.signals.update(before.id, before.version, changes, at);

  return {
    /** Moves a signal to another state; the reason is required and recorded with actor and time. */
    async transition(
      actor: Actor,
      id: string,
      input: { readonly version: number; readonly to: string; readonly reason: string },
    ): Promise<Signal> {
      if (!isSignalState(input.to))
        throw invalid([{ field: 'to', message: 'must be under-review, monitoring, discarded or verified' }]);
      const to = input.to;
      const reason = requireText('reason', input.reason, MAX_REASON);
      return write(actor, id, input.version, async (store, before, at) => {
        requireSignalTransition(id, before.state, to);
        const after = await update(store, before, { state: to }, at);
        await store.signals.addTransition({
          id: ids.next(),
          signalId: id,
          fromState: before.state,
          toState: to,
          actorId: actor.userId,
          at,
          reason,
        });
        if (to === 'verified' && onVerified !== undefined) await onVerified(store, after, actor, at);
        return { after, action: `signal.${to}`, reason };
      });
    },

    /** Assigns the signal to a user who may triage it and sees it (null unassigns). */
    async assign(
      actor: Actor,
      id: string,
      input: {
        readonly version: number;
        readonly assigneeId: string | null;
        readonly reason?: string | null;
      },
    ): Promise<Signal> {
      return write(actor, id, input.version, async (store, before, at) => {
        if (input.assigneeId === before.assigneeId) return { after: before, action: '', reason: null };
        if (input.assigneeId !== null) {
          const user = await store.signals.assignee(input.assigneeId);
          const problems: FieldProblem[] = [];
          if (user === undefined)
            problems.push({ field: 'assigneeId', message: `no user ${input.assigneeId}` });
          else if (!user.active) problems.push({ field: 'assigneeId', message: 'the user is deactivated' });
          else if (!isRole(user.role) || !ROLE_PERMISSIONS[user.role].has('signal:triage'))
            problems.push({ field: 'assigneeId', message: `a ${user.role} may not triage signals` });
          else if (!before.placePath.startsWith(user.jurisdictionPath))
            problems.push({
              field: 'assigneeId',
              message: "the signal lies outside the user's jurisdiction",
            });
          if (problems.length > 0) throw invalid(problems);
        }
        const after = await update(store, before, { assigneeId: input.assigneeId }, at);
        const reason = input.reason?.trim() || null;
        return { after, action: input.assigneeId === null ? 'signal.unassign' : 'signal.assign', reason };
      });
    },

    async comment(
      actor: Actor,
      id: string,
      input: { readonly version: number; readonly body: string },
    ): Promise<Signal> {
      const body = requireText('body', input.body, MAX_COMMENT);
      return write(actor, id, input.version, async (store, before, at) => {
        const commentId = ids.next();
        await store.signals.addComment({ id: commentId, signalId: id, authorId: actor.userId, body, at });
        const after = await update(store, before, {}, at);
        return { after, action: 'signal.comment', reason: `comment ${commentId}: ${body.slice(0, 200)}` };
      });
    },

    /** Links a related signal (shown on both); linking an already linked pair changes nothing. */
    async link(
      actor: Actor,
      id: string,
      input: { readonly version: number; readonly otherSignalId: string; readonly kind?: string },
    ): Promise<Signal> {
      const kind = (input.kind ?? 'related') as SignalLinkKind;
      if (!SIGNAL_LINK_KINDS.includes(kind))
        throw invalid([{ field: 'kind', message: `must be one of ${SIGNAL_LINK_KINDS.join(', ')}` }]);
      if (input.otherSignalId === id)
        throw invalid([{ field: 'otherSignalId', message: 'a signal cannot be linked to itself' }]);
      return write(actor, id, input.version, async (store, before, at) => {
        const other = await store.signals.get(input.otherSignalId);
        if (other === undefined) throw notFound('signal', input.otherSignalId);
        requireJurisdiction(actor, other.placePath, `signal ${other.id}`);
        const added = await store.signals.addLink({
          signalId: id,
          otherSignalId: other.id,
          kind,
          createdBy: actor.userId,
          at,
        });
        if (!added) return { after: before, action: '', reason: null };
        const after = await update(store, before, {}, at);
        return { after, action: 'signal.link', reason: `${kind} to signal ${other.id}` };
      });
    },

    async unlink(
      actor: Actor,
      id: string,
      input: { readonly version: number; readonly otherSignalId: string },
    ): Promise<Signal> {
      return write(actor, id, input.version, async (store, before, at) => {
        if (!(await store.signals.removeLink(id, input.otherSignalId)))
          throw notFound('link to signal', input.otherSignalId);
        const after = await update(store, before, {}, at);
        return { after, action: 'signal.unlink', reason: `from signal ${input.otherSignalId}` };
      });
    },

    /**
     * Merges a duplicate (`id`) into a target: the duplicate becomes `merged` and leaves the inbox; its
     * alarms and comments show on the target, which records a `duplicate` link. Both versions are checked.
     */
    async merge(
      actor: Actor,
      id: string,
      input: {
        readonly version: number;
        readonly targetId: string;
        readonly targetVersion: number;
        readonly reason: string;
      },
    ): Promise<{ readonly duplicate: Signal; readonly target: Signal }> {
      const reason = requireText('reason', input.reason, MAX_REASON);
      if (input.targetId === id)
        throw invalid([{ field: 'targetId', message: 'a signal cannot be merged into itself' }]);
      let target: Signal | undefined;
      const duplicate = await write(actor, id, input.version, async (store, before, at) => {
        if (!isOpenSignalState(before.state))
          throw new DomainError(
            'INVALID_TRANSITION',
            `signal ${id} is ${before.state}; only a new, under-review or monitored signal can be merged`,
            { from: before.state, to: 'merged' },
          );
        const t = await writable(store.signals, actor, input.targetId, input.targetVersion);
        if (t.state === 'merged')
          throw new DomainError(
            'INVALID_TRANSITION',
            `signal ${t.id} was itself merged into ${t.mergedIntoId}; merge into that one instead`,
            { from: t.state, to: 'merged' },
          );
        // Both rows are updated in id order, so two opposite merges cannot deadlock on PostgreSQL.
        let after: Signal;
        if (t.id < id) {
          target = await update(store, t, {}, at);
          after = await update(store, before, { state: 'merged', mergedIntoId: t.id }, at);
        } else {
          after = await update(store, before, { state: 'merged', mergedIntoId: t.id }, at);
          target = await update(store, t, {}, at);
        }
        await store.signals.addTransition({
          id: ids.next(),
          signalId: id,
          fromState: before.state,
          toState: 'merged',
          actorId: actor.userId,
          at,
          reason,
        });
        await store.signals.addLink({
          signalId: t.id,
          otherSignalId: id,
          kind: 'duplicate',
          createdBy: actor.userId,
          at,
        });
        await store.audit.append(
          {
            actorId: actor.userId,
            action: 'signal.merge-target',
            objectType: 'signal',
            objectId: t.id,
            before: t,
            after: target,
            reason: `signal ${id} merged into it: ${reason}`,
          },
          at,
        );
        return { after, action: 'signal.merge', reason };
      });
      return { duplicate, target: target! };
    },

    async prioritise(
      actor: Actor,
      id: string,
      input: { readonly version: number; readonly priority: string; readonly reason?: string | null },
    ): Promise<Signal> {
      const priority = input.priority;
      if (!isSignalPriority(priority))
        throw invalid([{ field: 'priority', message: 'must be low, medium, high or critical' }]);
      return write(actor, id, input.version, async (store, before, at) => {
        if (before.priority === priority) return { after: before, action: '', reason: null };
        const after = await update(store, before, { priority }, at);
        return { after, action: 'signal.priority', reason: input.reason?.trim() || null };
      });
    },
  };
}

export type TriageSignal = ReturnType<typeof createTriageSignal>;
