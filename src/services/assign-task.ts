/**
 * Assigns a response task of an event to a department, optionally to a person in it (permission
 * task:assign): title, description, due time, priority. Audited, on the event's timeline, and the
 * assignee (if any) gets an in-app notification.
 */
import { type Actor, requireJurisdiction, requirePermission } from '../domain/actor.ts';
import type { AuditWriter } from '../domain/audit-entry.ts';
import { DomainError, type FieldProblem, invalid, notFound } from '../domain/errors.ts';
import { type EventRepository, requireTitle } from '../domain/event.ts';
import type { NotificationRepository } from '../domain/notification.ts';
import { type Clock, type IdGenerator, isoNow, type Transactor } from '../domain/ports.ts';
import type { ResponseFacts } from '../domain/response-facts.ts';
import {
  type ResponseTask,
  TASK_PRIORITIES,
  type TaskPriority,
  type TaskRepository,
} from '../domain/response-task.ts';
import { notifyUser } from './notify.ts';

export interface AssignTaskStore {
  readonly events: Pick<EventRepository, 'getEvent' | 'appendTimeline'>;
  readonly tasks: TaskRepository;
  readonly notifications: Pick<NotificationRepository, 'insertNotification'>;
  readonly responseFacts: Pick<ResponseFacts, 'departmentExists' | 'user'>;
  readonly audit: AuditWriter;
}

export interface AssignTaskDeps {
  readonly tx: Transactor<AssignTaskStore>;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

export interface TaskInput {
  readonly title: string;
  readonly description?: string;
  readonly departmentId: string;
  readonly assigneeId?: string | null;
  /** ISO 8601 date-time. */
  readonly dueAt: string;
  readonly priority?: TaskPriority;
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A due time as canonical ISO 8601 UTC; throws VALIDATION naming the field. */
export function parseDueAt(value: string, field = 'dueAt'): string {
  if (typeof value !== 'string' || !ISO_DATE_TIME.test(value) || Number.isNaN(Date.parse(value)))
    throw invalid([{ field, message: 'an ISO 8601 date-time with a time zone, e.g. 2026-12-01T12:00:00Z' }]);
  return new Date(value).toISOString();
}

/** The assignee must be an active user of the task's department. */
export async function checkAssignee(
  facts: Pick<ResponseFacts, 'user'>,
  assigneeId: string | null,
  departmentId: string,
): Promise<FieldProblem | null> {
  if (assigneeId === null) return null;
  const u = await facts.user(assigneeId);
  if (u === undefined || !u.active) return { field: 'assigneeId', message: `no active user ${assigneeId}` };
  if (u.departmentId !== departmentId)
    return { field: 'assigneeId', message: `user ${assigneeId} is not in department ${departmentId}` };
  return null;
}

export function assignTask({ tx, clock, ids }: AssignTaskDeps) {
  return {
    async create(actor: Actor, eventId: string, input: TaskInput): Promise<ResponseTask> {
      requirePermission(actor, 'task:assign');
      const title = requireTitle(input.title);
      const dueAt = parseDueAt(input.dueAt);
      const priority = input.priority ?? 'normal';
      if (!TASK_PRIORITIES.includes(priority))
        throw invalid([{ field: 'priority', message: `one of ${TASK_PRIORITIES.join(', ')}` }]);
      const description = (input.description ?? '').trim();
      if (description.length > 20_000)
        throw invalid([{ field: 'description', message: 'at most 20000 characters' }]);
      return tx.transaction(async (store) => {
        const event = await store.events.getEvent(eventId);
        if (event === undefined) throw notFound('event', eventId);
        requireJurisdiction(actor, event.placePath, `event ${eventId}`);
        if (event.status === 'closed')
          throw new DomainError(
            'INVALID_TRANSITION',
            `event ${eventId} is closed; reopen it before adding tasks`,
            {
              status: event.status,
            },
          );
        const problems: FieldProblem[] = [];
        if (!(await store.responseFacts.departmentExists(input.departmentId)))
          problems.push({ field: 'departmentId', message: `no department ${input.departmentId}` });
        const assigneeProblem = await checkAssignee(
          store.responseFacts,
          input.assigneeId ?? null,
          input.departmentId,
        );
        if (assigneeProblem !== null) problems.push(assigneeProblem);
        if (problems.length > 0) throw invalid(problems);
        const now = isoNow(clock);
        const task: ResponseTask = {
          id: ids.next(),
          eventId,
          title,
          description,
          departmentId: input.departmentId,
          assigneeId: input.assigneeId ?? null,
          dueAt,
          priority,
          state: 'open',
          createdBy: actor.userId,
          createdAt: now,
          updatedAt: now,
          overdueNotifiedAt: null,
          version: 1,
        };
        await store.tasks.insertTask(task);
        await store.audit.append(
          {
            actorId: actor.userId,
            action: 'task.create',
            objectType: 'task',
            objectId: task.id,
            before: null,
            after: task,
          },
          now,
        );
        await store.events.appendTimeline({
          id: ids.next(),
          eventId,
          at: now,
          kind: 'task-created',
          text: `Task "${title}" assigned to department ${task.departmentId}${task.assigneeId === null ? '' : ` (${task.assigneeId})`}, ${priority} priority, due ${dueAt}`,
          actorId: actor.userId,
        });
        if (task.assigneeId !== null)
          await notifyUser(
            store,
            ids,
            now,
            {
              userId: task.assigneeId,
              kind: 'task-assigned',
              subjectType: 'task',
              subjectId: task.id,
              text: `New task on event "${event.title}": ${title}, due ${dueAt}`,
            },
            actor.userId,
          );
        return task;
      });
    },
  };
}

export type AssignTaskService = ReturnType<typeof assignTask>;
