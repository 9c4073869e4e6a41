import { join } from 'node:path';
import { SYSTEM_ACTOR } from '../domain/actor.ts';
import { newSecret } from '../services/password-hashing.ts';
import { type SeedOutcome, seedReferenceData } from '../services/seed-reference-data.ts';
import { readBundledReferenceData } from '../storage/bundled-reference-data.ts';
import { DATASETS_DIR } from './bundled-paths.ts';
import type { AppContext } from './context.ts';

export interface InitialiseOptions {
  readonly adminUsername: string;
  /** Omitted: a random password is generated and returned once. */
  readonly adminPassword?: string;
}

export interface InitialiseReport {
  readonly reference: SeedOutcome;
  /** Set when this run created the first administrator. */
  readonly admin?: { readonly username: string; readonly password: string; readonly generated: boolean };
}

/**
 * Brings a store to a usable state, idempotently: schema (already migrated on open), bundled reference
 * data (hazards, places, departments), legal rules, and a first administrator when there is no user yet.
 */
export async function initialise(ctx: AppContext, options: InitialiseOptions): Promise<InitialiseReport> {
  const seed = seedReferenceData({ tx: ctx.tx, clock: ctx.clock, ids: ctx.ids });
  const outcome = await seed(SYSTEM_ACTOR, readBundledReferenceData(join(DATASETS_DIR, 'reference')));
  await ctx.services.deadlines.seedLegalRules();
  const existing = await ctx.services.users.list(SYSTEM_ACTOR, 1, 0);
  if (existing.total > 0) return { reference: outcome };
  const generated = options.adminPassword === undefined;
  const password = options.adminPassword ?? newSecret().slice(0, 20);
  await ctx.services.users.add(SYSTEM_ACTOR, {
    username: options.adminUsername,
    displayName: 'Administrator',
    password,
    role: 'admin',
    departmentId: null,
    jurisdictionPlaceId: 'world',
  });
  return { reference: outcome, admin: { username: options.adminUsername, password, generated } };
}
