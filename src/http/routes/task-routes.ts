import { z } from 'zod';
import { TASK_STATES } from '../../domain/response-task.ts';
import type { AssignTaskService } from '../../services/assign-task.ts';
import type { UpdateTaskService } from '../../services/update-task.ts';
import { actorOf, type TocsinApp } from '../app.ts';
import {
  CreateTaskBody,
  EvidenceBody,
  EvidenceView,
  IdParams,
  Paging,
  roArray,
  TaskDetailsView,
  TaskPatchBody,
  TaskStateBody,
  TaskView,
} from '../response-contract.ts';

const TaskPage = z.object({ items: roArray(TaskView), total: z.number().int() });

const TaskQuery = z.object({
  department: z.string().optional().describe('a department id'),
  assignee: z.string().optional().describe('a user id'),
  state: z.enum(TASK_STATES).optional(),
  overdue: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true'))
    .describe('only tasks past due and not finished'),
  ...Paging,
});

/**
 * Response tasks: assigned by coordinators (task:assign), worked on by responders of the task's
 * department (task:update), read with event:read — responders see their own department's tasks.
 */
export function taskRoutes(deps: { readonly assign: AssignTaskService; readonly tasks: UpdateTaskService }) {
  return (app: TocsinApp): void => {
    app.post(
      '/api/events/:id/tasks',
      {
        schema: {
          tags: ['tasks'],
          summary: 'Assign a response task of an event to a department (and optionally a person)',
          params: IdParams,
          body: CreateTaskBody,
          response: { 201: TaskView },
        },
      },
      async (request, reply) => {
        const task = await deps.assign.create(actorOf(request), request.params.id, request.body);
        return reply.status(201).send({ ...task, overdue: false });
      },
    );
    app.get(
      '/api/events/:id/tasks',
      {
        schema: {
          tags: ['tasks'],
          summary: 'The tasks of an event you may see, soonest due first',
          params: IdParams,
          querystring: TaskQuery,
          response: { 200: TaskPage },
        },
      },
      async (request) => {
        const q = request.query;
        return deps.tasks.list(actorOf(request), {
          eventId: request.params.id,
          departmentId: q.department,
          assigneeId: q.assignee,
          state: q.state,
          overdue: q.overdue,
          limit: q.limit,
          offset: q.offset,
        });
      },
    );
    app.get(
      '/api/tasks',
      {
        schema: {
          tags: ['tasks'],
          summary: "Tasks in your jurisdiction (a responder's: their department's), soonest due first",
          querystring: TaskQuery.extend({ event: z.string().optional().describe('an event id') }),
          response: { 200: TaskPage },
        },
      },
      async (request) => {
        const q = request.query;
        return deps.tasks.list(actorOf(request), {
          eventId: q.event,
          departmentId: q.department,
          assigneeId: q.assignee,
          state: q.state,
          overdue: q.overdue,
          limit: q.limit,
          offset: q.offset,
        });
      },
    );
    app.get(
      '/api/tasks/:id',
      {
        schema: {
          tags: ['tasks'],
          summary: 'A task with its evidence',
          params: IdParams,
          response: { 200: TaskDetailsView },
        },
      },
      async (request) => deps.tasks.get(actorOf(request), request.params.id),
    );
    app.patch(
      '/api/tasks/:id',
      {
        schema: {
          tags: ['tasks'],
          summary: 'Change a task (responders: only the assignee, within their department)',
          params: IdParams,
          body: TaskPatchBody,
          response: { 200: TaskView },
        },
      },
      async (request) => {
        const { version, reason, ...patch } = request.body;
        return deps.tasks.update(actorOf(request), request.params.id, version, patch, reason);
      },
    );
    app.post(
      '/api/tasks/:id/state',
      {
        schema: {
          tags: ['tasks'],
          summary: 'Move a task to open, in-progress, done or cancelled',
          params: IdParams,
          body: TaskStateBody,
          response: { 200: TaskView },
        },
      },
      async (request) =>
        deps.tasks.changeState(
          actorOf(request),
          request.params.id,
          request.body.version,
          request.body.state,
          request.body.reason,
        ),
    );
    app.post(
      '/api/tasks/:id/evidence',
      {
        schema: {
          tags: ['tasks'],
          summary: 'Attach a note or a link as evidence',
          params: IdParams,
          body: EvidenceBody,
          response: { 201: EvidenceView },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await deps.tasks.addEvidence(
              actorOf(request),
              request.params.id,
              request.body.kind,
              request.body.body,
            ),
          ),
    );
  };
}
