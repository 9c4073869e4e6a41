import { CamelCasePlugin, type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Config } from '../config/config.ts';
import { initialMigration } from './migrations/0001-initial.ts';
import { responseDetailsMigration } from './migrations/0002-response-details.ts';
import { signalInboxMigration } from './migrations/0003-signal-inbox.ts';
import { placeAliasesMigration } from './migrations/0004-place-aliases.ts';
import { timelineOrderMigration } from './migrations/0005-timeline-order.ts';
import { eventReportsMigration } from './migrations/0006-event-reports.ts';
import { reportFeedbackMigration } from './migrations/0007-report-feedback.ts';
import { auditSearchMigration } from './migrations/0008-audit-search.ts';
import { departmentVersionMigration } from './migrations/0009-department-version.ts';
import { connectPostgres } from './postgres/connect-postgres.ts';
import type { Schema } from './schema.ts';
import { connectSqlite } from './sqlite/connect-sqlite.ts';

export type Dialect = 'sqlite' | 'postgres';

/** An open store: one Kysely code base over either dialect. */
export interface Database {
  readonly db: Kysely<Schema>;
  readonly dialect: Dialect;
  /** Where it lives, for messages (a file path or a URL without password). */
  readonly location: string;
  close(): Promise<void>;
}

function migrations(dialect: Dialect): Record<string, Migration> {
  return {
    '0001-initial': initialMigration(dialect),
    '0002-response-details': responseDetailsMigration(),
    '0003-signal-inbox': signalInboxMigration(),
    '0004-place-aliases': placeAliasesMigration(),
    '0005-timeline-order': timelineOrderMigration(),
    '0006-event-reports': eventReportsMigration(),
    '0007-report-feedback': reportFeedbackMigration(),
    '0008-audit-search': auditSearchMigration(),
    '0009-department-version': departmentVersionMigration(),
  };
}

class StaticProvider implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations(this.dialect);
  }
}

export class MigrationError extends Error {
  readonly code = 'MIGRATION';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

/** Brings the schema up to date; safe to run at every start. */
export async function migrateToLatest(database: Database): Promise<void> {
  const migrator = new Migrator({ db: database.db, provider: new StaticProvider(database.dialect) });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new MigrationError(`migration ${failed?.migrationName ?? '?'} failed: ${String(error)}`, {
      cause: error,
    });
  }
}

export interface OpenOptions {
  /** SQLite file path, or ':memory:' (ignored for PostgreSQL). */
  readonly sqliteFile?: string;
  readonly postgresUrl?: string;
}

/** Opens the configured store (PostgreSQL when a URL is given, else SQLite) and migrates it. */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  const plugins = [new CamelCasePlugin()];
  const database: Database =
    options.postgresUrl !== undefined
      ? connectPostgres(options.postgresUrl, plugins)
      : connectSqlite(options.sqliteFile ?? ':memory:', plugins);
  await migrateToLatest(database);
  return database;
}

export function openOptionsFromConfig(config: Config, sqliteFile: string): OpenOptions {
  return config.databaseUrl !== undefined ? { postgresUrl: config.databaseUrl } : { sqliteFile };
}
