/**
 * The registry of report sources: admins add and edit sources; readers see them with their health.
 * Every change is audited in its transaction.
 */
import { type Actor, requirePermission } from '../domain/actor.ts';
import type { AuditWriter } from '../domain/audit-entry.ts';
import { conflict, invalid, notFound } from '../domain/errors.ts';
import type { Clock, IdGenerator, Transactor } from '../domain/ports.ts';
import {
  type Source,
  type SourceDraft,
  type SourceRepository,
  validateSourceDraft,
} from '../domain/source.ts';

export interface ManageSourcesStore {
  readonly sources: SourceRepository;
  readonly audit: AuditWriter;
}

export function manageSources(deps: {
  readonly tx: Transactor<ManageSourcesStore>;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}) {
  const { tx, clock, ids } = deps;
  return {
    async add(actor: Actor, input: Readonly<Record<string, unknown>>): Promise<Source> {
      requirePermission(actor, 'reference:admin');
      const draft = validateSourceDraft(input);
      const at = clock.now().toISOString();
      return tx.transaction(async ({ sources, audit }) => {
        if ((await sources.sourceByName(draft.name)) !== undefined)
          throw invalid([{ field: 'name', message: `a source named "${draft.name}" exists already` }]);
        const source: Source = {
          id: ids.next(),
          ...draft,
          etag: null,
          lastModified: null,
          lastPullAt: null,
          lastSuccessAt: null,
          lastErrorAt: null,
          lastError: null,
          itemsSeen: 0,
          createdAt: at,
          updatedAt: at,
          version: 1,
        };
        await sources.insertSource(source);
        await audit.append(
          {
            actorId: actor.userId,
            action: 'source.add',
            objectType: 'source',
            objectId: source.id,
            before: null,
            after: source,
          },
          at,
        );
        return source;
      });
    },

    /** Edits name, URL, activity or pull interval at the version the admin saw. */
    async update(
      actor: Actor,
      id: string,
      expectedVersion: number,
      changes: Readonly<Record<string, unknown>>,
    ): Promise<Source> {
      requirePermission(actor, 'reference:admin');
      const at = clock.now().toISOString();
      return tx.transaction(async ({ sources, audit }) => {
        const before = await sources.getSource(id);
        if (before === undefined) throw notFound('source', id);
        if (before.version !== expectedVersion) throw conflict('source', id, expectedVersion, before.version);
        const draft: SourceDraft = validateSourceDraft({
          name: before.name,
          kind: before.kind,
          url: before.url,
          active: before.active,
          pullMinutes: before.pullMinutes,
          ...changes,
        });
        if (draft.name !== before.name && (await sources.sourceByName(draft.name)) !== undefined)
          throw invalid([{ field: 'name', message: `a source named "${draft.name}" exists already` }]);
        // A new URL starts without validators.
        const reset = draft.url !== before.url ? { etag: null, lastModified: null } : {};
        const after = await sources.updateSource(id, expectedVersion, { ...draft, ...reset }, at);
        await audit.append(
          {
            actorId: actor.userId,
            action: 'source.update',
            objectType: 'source',
            objectId: id,
            before,
            after,
          },
          at,
        );
        return after;
      });
    },

    async list(actor: Actor): Promise<ReadonlyArray<Source>> {
      requirePermission(actor, 'reference:read');
      return tx.transaction(({ sources }) => sources.listSources());
    },

    async get(actor: Actor, id: string): Promise<Source> {
      requirePermission(actor, 'reference:read');
      const s = await tx.transaction(({ sources }) => sources.getSource(id));
      if (s === undefined) throw notFound('source', id);
      return s;
    },

    async byName(actor: Actor, name: string): Promise<Source | undefined> {
      requirePermission(actor, 'reference:read');
      return tx.transaction(({ sources }) => sources.sourceByName(name));
    },
  };
}

export type ManageSources = ReturnType<typeof manageSources>;
