/**
 * Working on response tasks: reading them (responders see their department's), changing state along
 * the allowed transitions and attaching evidence (task:update; only one's own department's tasks unless
 * coordinator/admin), and editing what was assigned (title, due time, priority, department — task:assign).
 * Changes need the version the caller read; every change is audited and on the event's timeline.
 */
import { type Actor, can, requireJurisdiction, requirePermission } from '../domain/actor.ts';
import type { AuditWriter } from '../domain/audit-entry.ts';
import { conflict, type FieldProblem, forbidden, invalid, notFound } from '../domain/errors.ts';
import { type EventRepository, requireTitle } from '../domain/event.ts';
import { pageWindow } from '../domain/page.ts';
import { type Clock, type IdGenerator, isoNow, type Transactor } from '../domain/ports.ts';
import type { ResponseFacts } from '../domain/response-facts.ts';
import {
  actsOnAllTasks,
  EVIDENCE_KINDS,
  type EvidenceKind,
  isOverdue,
  type ResponseTask,
  requireEvidence,
  requireTaskTransition,
  requireTaskUpdater,
  seesTask,
  TASK_PRIORITIES,
  type TaskEvidence,
  type TaskFilter,
  type TaskPriority,
  type TaskRepository,
  type TaskState,
} from '../domain/response-task.ts';
import { checkAssignee, parseDueAt } from './assign-task.ts';

export interface UpdateTaskStore {
  readonly events: Pick<EventRepository, 'getEvent' | 'appendTimeline'>;
  readonly tasks: TaskRepository;
  readonly responseFacts: Pick<ResponseFacts, 'departmentExists' | 'user'>;
  readonly audit: AuditWriter;
}

export interface UpdateTaskDeps {
  readonly tx: Transactor<UpdateTaskStore>;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/** A task as shown: with whether it is overdue now. */
export interface TaskView extends ResponseTask {
  readonly overdue: boolean;
}

export interface TaskDetails {
  readonly task: TaskView;
  readonly evidence: ReadonlyArray<TaskEvidence>;
}

export interface TaskPatch {
  readonly title?: string;
  readonly description?: string;
  readonly dueAt?: string;
  readonly priority?: TaskPriority;
  readonly departmentId?: string;
  readonly assigneeId?: string | null;
}

export interface TaskListQuery {
  readonly eventId?: string;
  readonly departmentId?: string;
  readonly assigneeId?: string;
  readonly state?: TaskState;
  readonly overdue?: boolean;
  readonly limit?: number;
  readonly offset?: number;
}

export function updateTask({ tx, clock, ids }: UpdateTaskDeps) {
  const view = (t: ResponseTask): TaskView => ({ ...t, overdue: isOverdue(t, clock.now()) });

  /** The task, if the actor may see it (event:read, the event's jurisdiction, and seesTask). */
  async function visible(store: UpdateTaskStore, actor: Actor, id: string): Promise<ResponseTask> {
    requirePermission(actor, 'event:read');
    const task = await store.tasks.getTask(id);
    if (task === undefined) throw notFound('task', id);
    const event = await store.events.getEvent(task.eventId);
    if (event === undefined) throw notFound('event', task.eventId);
    requireJurisdiction(actor, event.placePath, `task ${id}`);
    if (!seesTask(actor, task)) throw forbidden(`task ${id} belongs to another department`);
    return task;
  }

  async function writable(
    store: UpdateTaskStore,
    actor: Actor,
    id: string,
    expectedVersion: number,
  ): Promise<ResponseTask> {
    const task = await visible(store, actor, id);
    requireTaskUpdater(actor, task);
    if (task.version !== expectedVersion) throw conflict('task', id, expectedVersion, task.version);
    return task;
  }

  async function record(
    store: UpdateTaskStore,
    actor: Actor,
    action: string,
    before: ResponseTask,
    after: ResponseTask,
    timelineText: string,
    reason: string | null,
    now: string,
  ): Promise<void> {
    const keys = (Object.keys(after) as Array<keyof ResponseTask>).filter((k) => after[k] !== before[k]);
    await store.audit.append(
      {
        actorId: actor.userId,
        action,
        objectType: 'task',
        objectId: after.id,
        before: Object.fromEntries(keys.map((k) => [k, before[k]])),
        after: Object.fromEntries(keys.map((k) => [k, after[k]])),
        reason,
      },
      now,
    );
    await store.events.appendTimeline({
      id: ids.next(),
      eventId: after.eventId,
      at: now,
      kind: 'task-updated',
      text: timelineText,
      actorId: actor.userId,
    });
  }

  return {
    async get(actor: Actor, id: string): Promise<TaskDetails> {
      return tx.transaction(async (store) => {
        const task = await visible(store, actor, id);
        return { task: view(task), evidence: await store.tasks.evidence(id) };
      });
    },

    /**
     * Tasks in the actor's jurisdiction; responders only ever see their own department's (a request for
     * another department is refused, not silently emptied).
     */
    async list(
      actor: Actor,
      query: TaskListQuery,
    ): Promise<{ readonly items: ReadonlyArray<TaskView>; readonly total: number }> {
      requirePermission(actor, 'event:read');
      const { limit, offset } = pageWindow(query);
      let departmentId = query.departmentId;
      if (!actsOnAllTasks(actor) && can(actor, 'task:update')) {
        if (actor.departmentId === null) return { items: [], total: 0 };
        if (departmentId !== undefined && departmentId !== actor.departmentId)
          throw forbidden('responders see only their own department’s tasks');
        departmentId = actor.departmentId;
      }
      const filter: TaskFilter = {
        eventId: query.eventId,
        departmentId,
        assigneeId: query.assigneeId,
        state: query.state,
        overdueAt: query.overdue === true ? isoNow(clock) : undefined,
        placePathPrefix: actor.jurisdictionPath,
        limit,
        offset,
      };
      return tx.transaction(async (store) => {
        if (query.eventId !== undefined) {
          // A named event must be one the actor may read, not an empty answer for someone else's.
          const event = await store.events.getEvent(query.eventId);
          if (event === undefined) throw notFound('event', query.eventId);
          requireJurisdiction(actor, event.placePath, `event ${query.eventId}`);
        }
        const page = await store.tasks.listTasks(filter);
        return { items: page.items.map(view), total: page.total };
      });
    },

    /** Moves the task to another state (open, in-progress, done, cancelled) along the allowed transitions. */
    async changeState(
      actor: Actor,
      id: string,
      expectedVersion: number,
      state: TaskState,
      reason?: string,
    ): Promise<TaskView> {
      return tx.transaction(async (store) => {
        const task = await writable(store, actor, id, expectedVersion);
        requireTaskTransition(task.state, state);
        const now = isoNow(clock);
        const next: ResponseTask = { ...task, state, updatedAt: now, version: task.version + 1 };
        await store.tasks.updateTask(next, expectedVersion);
        await record(
          store,
          actor,
          'task.state',
          task,
          next,
          `Task "${task.title}": ${task.state} → ${state}${reason?.trim() ? ` (${reason.trim()})` : ''}`,
          reason?.trim() || null,
          now,
        );
        return view(next);
      });
    },

    /**
     * Edits the task. Responders may only (re)assign it to a person of their department; the rest
     * (title, description, due time, priority, department) needs task:assign. A new due time clears the
     * overdue mark, so a missed new due time is escalated again.
     */
    async update(
      actor: Actor,
      id: string,
      expectedVersion: number,
      patch: TaskPatch,
      reason?: string,
    ): Promise<TaskView> {
      return tx.transaction(async (store) => {
        const task = await writable(store, actor, id, expectedVersion);
        const assigning = (['title', 'description', 'dueAt', 'priority', 'departmentId'] as const).filter(
          (k) => patch[k] !== undefined,
        );
        if (assigning.length > 0 && !can(actor, 'task:assign'))
          throw forbidden(`role ${actor.role} may change only the assignee, not ${assigning.join(', ')}`);
        const problems: FieldProblem[] = [];
        const title = patch.title === undefined ? task.title : requireTitle(patch.title);
        const dueAt = patch.dueAt === undefined ? task.dueAt : parseDueAt(patch.dueAt);
        if (patch.priority !== undefined && !TASK_PRIORITIES.includes(patch.priority))
          problems.push({ field: 'priority', message: `one of ${TASK_PRIORITIES.join(', ')}` });
        const departmentId = patch.departmentId ?? task.departmentId;
        if (patch.departmentId !== undefined && !(await store.responseFacts.departmentExists(departmentId)))
          problems.push({ field: 'departmentId', message: `no department ${departmentId}` });
        // Moving a task to another department drops its assignee unless a new one is named.
        const assigneeId =
          patch.assigneeId !== undefined
            ? patch.assigneeId
            : patch.departmentId !== undefined && patch.departmentId !== task.departmentId
              ? null
              : task.assigneeId;
        if (patch.assigneeId !== undefined) {
          const p = await checkAssignee(store.responseFacts, assigneeId, departmentId);
          if (p !== null) problems.push(p);
        }
        if (problems.length > 0) throw invalid(problems);
        const now = isoNow(clock);
        const next: ResponseTask = {
          ...task,
          title,
          description: patch.description === undefined ? task.description : patch.description.trim(),
          dueAt,
          priority: patch.priority ?? task.priority,
          departmentId,
          assigneeId,
          overdueNotifiedAt: dueAt !== task.dueAt ? null : task.overdueNotifiedAt,
          updatedAt: now,
          version: task.version + 1,
        };
        const changed = (
          ['title', 'description', 'dueAt', 'priority', 'departmentId', 'assigneeId'] as const
        ).filter((k) => next[k] !== task[k]);
        if (changed.length === 0) return view(task);
        await store.tasks.updateTask(next, expectedVersion);
        await record(
          store,
          actor,
          'task.update',
          task,
          next,
          `Task "${title}" changed: ${changed.map((k) => `${k} ${task[k] ?? '—'} → ${next[k] ?? '—'}`).join('; ')}`,
          reason?.trim() || null,
          now,
        );
        return view(next);
      });
    },

    /** Attaches a note or a link as evidence (task:update on the task's department). */
    async addEvidence(actor: Actor, id: string, kind: EvidenceKind, body: string): Promise<TaskEvidence> {
      if (!EVIDENCE_KINDS.includes(kind)) throw invalid([{ field: 'kind', message: 'note or link' }]);
      const text = requireEvidence(kind, body);
      return tx.transaction(async (store) => {
        const task = await visible(store, actor, id);
        requireTaskUpdater(actor, task);
        const now = isoNow(clock);
        const evidence: TaskEvidence = {
          id: ids.next(),
          taskId: id,
          kind,
          body: text,
          authorId: actor.userId,
          at: now,
        };
        await store.tasks.addEvidence(evidence);
        await store.audit.append(
          {
            actorId: actor.userId,
            action: 'task.evidence',
            objectType: 'task',
            objectId: id,
            before: null,
            after: evidence,
          },
          now,
        );
        await store.events.appendTimeline({
          id: ids.next(),
          eventId: task.eventId,
          at: now,
          kind: 'task-updated',
          text: `Evidence on task "${task.title}": ${kind === 'link' ? text : `note (${text.length} characters)`}`,
          actorId: actor.userId,
        });
        return evidence;
      });
    },
  };
}

export type UpdateTaskService = ReturnType<typeof updateTask>;
