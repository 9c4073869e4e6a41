/**
 * A response task of an event, assigned to a department (and optionally a person in it), with a due
 * time, a priority and a state (open → in progress → done, or cancelled), and evidence (notes, links).
 * Responders update their own department's tasks; coordinators and admins any task.
 */
import { type Actor, can } from './actor.ts';
import { DomainError, forbidden, invalid } from './errors.ts';

export const TASK_STATES = ['open', 'in-progress', 'done', 'cancelled'] as const;
export type TaskState = (typeof TASK_STATES)[number];

export const TASK_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

/** Allowed transitions; done may be reopened (work found incomplete), cancelled is final. */
export function allowedTaskTransitions(from: TaskState): ReadonlyArray<TaskState> {
  switch (from) {
    case 'open':
      return ['in-progress', 'done', 'cancelled'];
    case 'in-progress':
      return ['open', 'done', 'cancelled'];
    case 'done':
      return ['in-progress'];
    case 'cancelled':
      return [];
  }
}

export function requireTaskTransition(from: TaskState, to: TaskState): void {
  if (!allowedTaskTransitions(from).includes(to))
    throw new DomainError('INVALID_TRANSITION', `a task that is ${from} cannot become ${to}`, { from, to });
}

/** Still to be done (and so can become overdue). */
export function isOpenState(state: TaskState): boolean {
  return state === 'open' || state === 'in-progress';
}

export interface ResponseTask {
  readonly id: string;
  readonly eventId: string;
  readonly title: string;
  readonly description: string;
  readonly departmentId: string;
  readonly assigneeId: string | null;
  readonly dueAt: string;
  readonly priority: TaskPriority;
  readonly state: TaskState;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** When the overdue job marked it overdue and told the coordinator (once per task and due time). */
  readonly overdueNotifiedAt: string | null;
  readonly version: number;
}

/** Whether the task is past due and not finished. */
export function isOverdue(t: Pick<ResponseTask, 'state' | 'dueAt'>, now: Date): boolean {
  return isOpenState(t.state) && Date.parse(t.dueAt) < now.getTime();
}

export const EVIDENCE_KINDS = ['note', 'link'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export interface TaskEvidence {
  readonly id: string;
  readonly taskId: string;
  readonly kind: EvidenceKind;
  /** The note's text, or the link's URL. */
  readonly body: string;
  readonly authorId: string;
  readonly at: string;
}

export function requireEvidence(kind: EvidenceKind, body: string): string {
  const b = typeof body === 'string' ? body.trim() : '';
  if (b === '') throw invalid([{ field: 'body', message: 'must not be empty' }]);
  if (b.length > 20_000) throw invalid([{ field: 'body', message: 'at most 20000 characters' }]);
  if (kind === 'link') {
    let ok = false;
    try {
      const u = new URL(b);
      ok = u.protocol === 'https:' || u.protocol === 'http:';
    } catch {
      ok = false;
    }
    if (!ok) throw invalid([{ field: 'body', message: 'a link must be an http(s) URL' }]);
  }
  return b;
}

/** Coordinators and admins (who assign tasks) act on every task; others only on their department's. */
export function actsOnAllTasks(actor: Actor): boolean {
  return can(actor, 'task:assign');
}

/** Whether the actor sees this task (on top of event:read and the event's jurisdiction). */
export function seesTask(actor: Actor, task: Pick<ResponseTask, 'departmentId'>): boolean {
  if (actsOnAllTasks(actor)) return true;
  // Responders see their own department's tasks; read-only roles see every task they can read the event of.
  if (can(actor, 'task:update'))
    return actor.departmentId !== null && actor.departmentId === task.departmentId;
  return true;
}

export function requireTaskUpdater(actor: Actor, task: Pick<ResponseTask, 'departmentId' | 'id'>): void {
  if (!can(actor, 'task:update')) throw forbidden(`role ${actor.role} may not update tasks`);
  if (actsOnAllTasks(actor)) return;
  if (actor.departmentId === null || actor.departmentId !== task.departmentId)
    throw forbidden(`task ${task.id} belongs to another department`);
}

export interface TaskFilter {
  readonly eventId?: string;
  readonly departmentId?: string;
  readonly assigneeId?: string;
  readonly state?: TaskState;
  readonly overdueAt?: string;
  /** Only tasks of events whose place path starts with this (the actor's jurisdiction). */
  readonly placePathPrefix: string;
  readonly limit: number;
  readonly offset: number;
}

/** Storage of tasks and their evidence. */
export interface TaskRepository {
  insertTask(t: ResponseTask): Promise<void>;
  getTask(id: string): Promise<ResponseTask | undefined>;
  listTasks(
    filter: TaskFilter,
  ): Promise<{ readonly items: ReadonlyArray<ResponseTask>; readonly total: number }>;
  /** Writes `next` when the stored version is still `expectedVersion`; throws CONFLICT otherwise. */
  updateTask(next: ResponseTask, expectedVersion: number): Promise<void>;
  /** Open tasks due before `at` that were not yet marked overdue, oldest due first. */
  overdueUnmarked(at: string, limit: number): Promise<ReadonlyArray<ResponseTask>>;
  /** Sets `overdueNotifiedAt` if still unset (and the task still open and past due); false otherwise. */
  markOverdue(id: string, at: string): Promise<boolean>;
  addEvidence(e: TaskEvidence): Promise<void>;
  evidence(taskId: string): Promise<ReadonlyArray<TaskEvidence>>;
}
