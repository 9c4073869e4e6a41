/**
 * Detection configurations: create, read, replace and delete (permission detection:configure; reading
 * also with detection:run), versioned and audited, and the record of their runs.
 */
import { type Actor, can, requirePermission } from '../domain/actor.ts';
import type { AuditWriter } from '../domain/audit-entry.ts';
import {
  type DetectionConfig,
  type DetectionConfigFields,
  type DetectionConfigInput,
  type DetectionConfigRepository,
  validateDetectionConfig,
} from '../domain/detection-config.ts';
import type { DetectionRun, DetectionRunRepository } from '../domain/detection-run.ts';
import { type FieldProblem, forbidden, invalid, notFound } from '../domain/errors.ts';
import type { Clock, IdGenerator, Transactor } from '../domain/ports.ts';
import {
  configOverlapsJurisdiction,
  requireConfigVisible,
  requireSelectorWithinJurisdiction,
  selectorPaths,
} from './detection-scope.ts';

export interface ConfigureDetectionStore {
  readonly detection: DetectionConfigRepository & DetectionRunRepository;
  readonly audit: AuditWriter;
}

function requireReader(actor: Actor): void {
  if (!can(actor, 'detection:configure') && !can(actor, 'detection:run'))
    throw forbidden(`role ${actor.role} may not read detection configurations`);
}

/** Checks that the selector's places and hazards exist and lie inside the actor's jurisdiction. */
async function checkReferences(
  actor: Actor,
  detection: DetectionConfigRepository,
  fields: DetectionConfigFields,
): Promise<void> {
  const problems: FieldProblem[] = [];
  const paths = await selectorPaths(detection, fields.selector);
  const missingPlaces = fields.selector.placeIds.filter((id) => !paths.has(id));
  if (missingPlaces.length > 0)
    problems.push({ field: 'selector.placeIds', message: `no such place: ${missingPlaces.join(', ')}` });
  const hazards = await detection.existingHazards(fields.selector.hazardIds);
  const missingHazards = fields.selector.hazardIds.filter((id) => !hazards.has(id));
  if (missingHazards.length > 0)
    problems.push({ field: 'selector.hazardIds', message: `no such hazard: ${missingHazards.join(', ')}` });
  if (problems.length > 0) throw invalid(problems);
  requireSelectorWithinJurisdiction(actor, paths);
}

export function createConfigureDetection(deps: {
  readonly tx: Transactor<ConfigureDetectionStore>;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}) {
  const { tx, clock, ids } = deps;

  async function visible(
    detection: DetectionConfigRepository,
    actor: Actor,
    id: string,
  ): Promise<DetectionConfig> {
    const config = await detection.getConfig(id);
    if (config === undefined) throw notFound('detection configuration', id);
    requireConfigVisible(actor, config, await selectorPaths(detection, config.selector));
    return config;
  }

  return {
    async list(actor: Actor): Promise<ReadonlyArray<DetectionConfig>> {
      requireReader(actor);
      return tx.transaction(async ({ detection }) => {
        const out: DetectionConfig[] = [];
        for (const c of await detection.listConfigs()) {
          if (configOverlapsJurisdiction(actor, await selectorPaths(detection, c.selector))) out.push(c);
        }
        return out;
      });
    },

    async get(actor: Actor, id: string): Promise<DetectionConfig> {
      requireReader(actor);
      return tx.transaction(({ detection }) => visible(detection, actor, id));
    },

    async create(actor: Actor, input: DetectionConfigInput): Promise<DetectionConfig> {
      requirePermission(actor, 'detection:configure');
      const fields = validateDetectionConfig(input);
      const at = clock.now().toISOString();
      return tx.transaction(async ({ detection, audit }) => {
        await checkReferences(actor, detection, fields);
        if ((await detection.getConfigByName(fields.name)) !== undefined)
          throw invalid([{ field: 'name', message: `a configuration named "${fields.name}" exists` }]);
        const config: DetectionConfig = {
          id: ids.next(),
          ...fields,
          version: 1,
          createdAt: at,
          updatedAt: at,
        };
        await detection.insertConfig(config);
        await audit.append(
          {
            actorId: actor.userId,
            action: 'detection-config.create',
            objectType: 'detection-config',
            objectId: config.id,
            before: null,
            after: config,
          },
          at,
        );
        return config;
      });
    },

    /** Replaces every field; `version` is the one the client read (CONFLICT when it changed). */
    async update(
      actor: Actor,
      id: string,
      version: number,
      input: DetectionConfigInput,
    ): Promise<DetectionConfig> {
      requirePermission(actor, 'detection:configure');
      const fields = validateDetectionConfig(input);
      const at = clock.now().toISOString();
      return tx.transaction(async ({ detection, audit }) => {
        const before = await visible(detection, actor, id);
        requireSelectorWithinJurisdiction(actor, await selectorPaths(detection, before.selector));
        await checkReferences(actor, detection, fields);
        const named = await detection.getConfigByName(fields.name);
        if (named !== undefined && named.id !== id)
          throw invalid([{ field: 'name', message: `a configuration named "${fields.name}" exists` }]);
        const after = await detection.updateConfig(id, version, fields, at);
        await audit.append(
          {
            actorId: actor.userId,
            action: 'detection-config.update',
            objectType: 'detection-config',
            objectId: id,
            before,
            after,
          },
          at,
        );
        return after;
      });
    },

    /** Deletes a configuration that never ran; one with runs keeps its history and can be disabled instead. */
    async remove(actor: Actor, id: string, version: number): Promise<void> {
      requirePermission(actor, 'detection:configure');
      const at = clock.now().toISOString();
      await tx.transaction(async ({ detection, audit }) => {
        const before = await visible(detection, actor, id);
        requireSelectorWithinJurisdiction(actor, await selectorPaths(detection, before.selector));
        if (await detection.hasRuns(id))
          throw invalid([
            { field: 'id', message: 'the configuration has runs on record; disable it instead' },
          ]);
        await detection.deleteConfig(id, version);
        await audit.append(
          {
            actorId: actor.userId,
            action: 'detection-config.delete',
            objectType: 'detection-config',
            objectId: id,
            before,
            after: null,
          },
          at,
        );
      });
    },

    async listRuns(
      actor: Actor,
      filter: { readonly configId?: string; readonly limit: number; readonly offset: number },
    ): Promise<{ readonly items: ReadonlyArray<DetectionRun>; readonly total: number }> {
      requireReader(actor);
      return tx.transaction(async ({ detection }) => {
        let configIds: string[];
        if (filter.configId !== undefined)
          configIds = [(await visible(detection, actor, filter.configId)).id];
        else {
          configIds = [];
          for (const c of await detection.listConfigs()) {
            if (configOverlapsJurisdiction(actor, await selectorPaths(detection, c.selector)))
              configIds.push(c.id);
          }
        }
        return detection.listRuns({ configIds, limit: filter.limit, offset: filter.offset });
      });
    },

    async getRun(actor: Actor, id: string): Promise<DetectionRun> {
      requireReader(actor);
      return tx.transaction(async ({ detection }) => {
        const run = await detection.getRun(id);
        if (run === undefined) throw notFound('detection run', id);
        await visible(detection, actor, run.configId);
        return run;
      });
    },
  };
}

export type ConfigureDetection = ReturnType<typeof createConfigureDetection>;
