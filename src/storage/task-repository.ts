import type { Kysely, Selectable } from 'kysely';
import type {
  EvidenceKind,
  ResponseTask,
  TaskEvidence,
  TaskPriority,
  TaskRepository,
  TaskState,
} from '../domain/response-task.ts';
import { pathPrefixRange } from './path-prefix.ts';
import type { Schema, TaskTable } from './schema.ts';
import { throwVersionConflict } from './version-conflict.ts';

function taskFromRow(r: Selectable<TaskTable>): ResponseTask {
  return { ...r, priority: r.priority as TaskPriority, state: r.state as TaskState };
}

const OPEN_STATES: TaskState[] = ['open', 'in-progress'];

/** Response tasks and their evidence. */
export function taskRepository(db: Kysely<Schema>): TaskRepository {
  return {
    async insertTask(t) {
      await db
        .insertInto('tasks')
        .values({ ...t })
        .execute();
    },
    async getTask(id) {
      const r = await db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();
      return r === undefined ? undefined : taskFromRow(r);
    },
    async listTasks(f) {
      const [lo, hi] = pathPrefixRange(f.placePathPrefix);
      let q = db
        .selectFrom('tasks')
        .innerJoin('events', 'events.id', 'tasks.eventId')
        .where('events.placePath', '>=', lo)
        .where('events.placePath', '<', hi);
      if (f.eventId !== undefined) q = q.where('tasks.eventId', '=', f.eventId);
      if (f.departmentId !== undefined) q = q.where('tasks.departmentId', '=', f.departmentId);
      if (f.assigneeId !== undefined) q = q.where('tasks.assigneeId', '=', f.assigneeId);
      if (f.state !== undefined) q = q.where('tasks.state', '=', f.state);
      if (f.overdueAt !== undefined)
        q = q.where('tasks.state', 'in', OPEN_STATES).where('tasks.dueAt', '<', f.overdueAt);
      const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const rows = await q
        .selectAll('tasks')
        .orderBy('tasks.dueAt')
        .orderBy('tasks.id')
        .limit(f.limit)
        .offset(f.offset)
        .execute();
      return { items: rows.map(taskFromRow), total: Number(total.n) };
    },
    async updateTask(next, expectedVersion) {
      const r = await db
        .updateTable('tasks')
        .set({
          title: next.title,
          description: next.description,
          departmentId: next.departmentId,
          assigneeId: next.assigneeId,
          dueAt: next.dueAt,
          priority: next.priority,
          state: next.state,
          updatedAt: next.updatedAt,
          overdueNotifiedAt: next.overdueNotifiedAt,
          version: next.version,
        })
        .where('id', '=', next.id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) {
        await throwVersionConflict(db, 'tasks', 'task', next.id, expectedVersion);
      }
    },
    async overdueUnmarked(at, limit) {
      const rows = await db
        .selectFrom('tasks')
        .selectAll()
        .where('state', 'in', OPEN_STATES)
        .where('dueAt', '<', at)
        .where('overdueNotifiedAt', 'is', null)
        .orderBy('dueAt')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(taskFromRow);
    },
    async markOverdue(id, at) {
      const r = await db
        .updateTable('tasks')
        .set({ overdueNotifiedAt: at })
        .where('id', '=', id)
        .where('overdueNotifiedAt', 'is', null)
        .where('state', 'in', OPEN_STATES)
        .where('dueAt', '<', at)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async addEvidence(e) {
      await db
        .insertInto('taskEvidence')
        .values({ ...e })
        .execute();
    },
    async evidence(taskId) {
      const rows = await db
        .selectFrom('taskEvidence')
        .selectAll()
        .where('taskId', '=', taskId)
        .orderBy('at')
        .orderBy('id')
        .execute();
      return rows.map((r): TaskEvidence => ({ ...r, kind: r.kind as EvidenceKind }));
    },
  };
}
