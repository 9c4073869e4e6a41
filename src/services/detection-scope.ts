/**
 * Jurisdiction rules for detection configurations. A configuration is visible to, and may be run by,
 * anyone whose jurisdiction overlaps its places (a run only ever reads series inside the runner's
 * jurisdiction); it may be created or changed only by someone whose jurisdiction holds all its places.
 * A configuration without places covers everywhere, so only a root-jurisdiction actor may write one.
 */
import { type Actor, inJurisdiction } from '../domain/actor.ts';
import type {
  DetectionConfig,
  DetectionConfigRepository,
  SeriesSelector,
} from '../domain/detection-config.ts';
import { forbidden } from '../domain/errors.ts';

/** The materialised paths of the selector's places (unknown places are left out). */
export async function selectorPaths(
  detection: Pick<DetectionConfigRepository, 'placePaths'>,
  selector: SeriesSelector,
): Promise<ReadonlyMap<string, string>> {
  return detection.placePaths(selector.placeIds);
}

/** Whether the actor's jurisdiction is the whole world (`/` or a single top-level place like `/world/`). */
export function isRootJurisdiction(actor: Actor): boolean {
  return actor.jurisdictionPath.split('/').filter((p) => p !== '').length <= 1;
}

export function configOverlapsJurisdiction(actor: Actor, paths: ReadonlyMap<string, string>): boolean {
  if (paths.size === 0) return true;
  for (const p of paths.values()) {
    if (inJurisdiction(actor, p) || actor.jurisdictionPath.startsWith(p)) return true;
  }
  return false;
}

export function requireConfigVisible(
  actor: Actor,
  config: Pick<DetectionConfig, 'name'>,
  paths: ReadonlyMap<string, string>,
): void {
  if (!configOverlapsJurisdiction(actor, paths))
    throw forbidden(`detection configuration "${config.name}" lies outside your jurisdiction`);
}

export function requireSelectorWithinJurisdiction(actor: Actor, paths: ReadonlyMap<string, string>): void {
  if (paths.size === 0) {
    if (!isRootJurisdiction(actor))
      throw forbidden(
        'a configuration without places covers everywhere; name places inside your jurisdiction',
      );
    return;
  }
  for (const [id, p] of paths) {
    if (!inJurisdiction(actor, p)) throw forbidden(`place ${id} lies outside your jurisdiction`);
  }
}
