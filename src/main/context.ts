import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadReportTagger } from '../cli/reports-tag-command.ts';
import type { Config } from '../config/config.ts';
import { LoginThrottle } from '../domain/login-throttle.ts';
import { type Clock, type IdGenerator, systemClock, type Transactor } from '../domain/ports.ts';
import { createFeedFetcher } from '../jobs/feed-pull-fetcher.ts';
import { assessIhr } from '../services/assess-ihr.ts';
import { assessRisk } from '../services/assess-risk.ts';
import { assignTask } from '../services/assign-task.ts';
import { createAuthentication } from '../services/authentication.ts';
import { createConfigureDetection } from '../services/configure-detection.ts';
import { onSignalVerified } from '../services/deadline-triggers.ts';
import { escalateEvent } from '../services/escalate-event.ts';
import { escalateOverdueTasks } from '../services/escalate-overdue-tasks.ts';
import { importObservations } from '../services/import-observations.ts';
import { ingestReports } from '../services/ingest-reports.ts';
import { reportVolume } from '../services/ingest-reports-volume.ts';
import { manageEvent } from '../services/manage-event.ts';
import { manageSources } from '../services/manage-sources.ts';
import { createManageUsers } from '../services/manage-users.ts';
import { createMapCounts } from '../services/map-counts.ts';
import { notifications } from '../services/notify.ts';
import { pullSources } from '../services/pull-sources.ts';
import { readObservations } from '../services/read-observations.ts';
import { readReports } from '../services/read-reports.ts';
import { referenceDataService } from '../services/reference-data.ts';
import { reportFeedback } from '../services/report-feedback.ts';
import { createRunDetection } from '../services/run-detection.ts';
import { createSignalInbox } from '../services/signal-inbox.ts';
import { situationReports } from '../services/situation-reports.ts';
import { trackDeadlines } from '../services/track-deadlines.ts';
import { createTriageSignal } from '../services/triage-signal.ts';
import { updateTask } from '../services/update-task.ts';
import { createAuditVerification } from '../services/verify-audit.ts';
import { sha256Hex } from '../storage/audit-repository.ts';
import { type Database, openDatabase } from '../storage/database.ts';
import { kyselyTransactor } from '../storage/kysely-transactor.ts';
import { createStore, type Store } from '../storage/store.ts';
import type { ReportTagger } from '../text/report-tagger.ts';
import { DATASETS_DIR } from './bundled-paths.ts';

/**
 * The composition root shared by the server, the worker and the CLI: opens the configured store and
 * wires every service with the ports it needs. Nothing else constructs services.
 */
export interface AppContext {
  readonly config: Config;
  readonly database: Database;
  readonly tx: Transactor<Store>;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly services: ReturnType<typeof wireServices>;
  close(): Promise<void>;
}

export const SQLITE_FILE = 'tocsin.sqlite';
export const TOCSIN_VERSION = 'tocsin 0.1.0';

function wireServices(deps: { tx: Transactor<Store>; clock: Clock; ids: IdGenerator; config: Config }) {
  const { tx, clock, ids, config } = deps;
  // The report tagger's vocabularies take about two seconds to build: only when reports are ingested.
  let tagger: ReportTagger | undefined;
  const loadTagger = (): ReportTagger => {
    tagger ??= loadReportTagger(DATASETS_DIR).tagger;
    return tagger;
  };
  const ingest = ingestReports({ tx, clock, ids, tagger: loadTagger });
  return {
    auth: createAuthentication({
      tx,
      clock,
      ids,
      throttle: new LoginThrottle(),
      sessionHours: config.sessionHours,
    }),
    users: createManageUsers({ tx, clock, ids }),
    audit: createAuditVerification({ tx, hash: sha256Hex }),
    reference: referenceDataService({ tx, clock, ids }),
    importObservations: importObservations({ tx, clock, ids, hash: sha256Hex }),
    observations: readObservations({ tx }),
    detectionConfigs: createConfigureDetection({ tx, clock, ids }),
    detection: createRunDetection({ tx, clock, ids, detectorVersion: TOCSIN_VERSION }),
    inbox: createSignalInbox({ tx }),
    mapCounts: createMapCounts({ tx }),
    // Verifying a signal starts its legal deadlines in the same transaction.
    triage: createTriageSignal({ tx, clock, ids, onVerified: onSignalVerified(ids) }),
    risk: assessRisk({ tx, clock, ids }),
    ihr: assessIhr({ tx, clock, ids }),
    deadlines: trackDeadlines({ tx, clock, ids }),
    escalation: escalateEvent({ tx, clock, ids }),
    events: manageEvent({ tx, clock, ids }),
    reports: situationReports({ tx, clock, ids }),
    assignTask: assignTask({ tx, clock, ids }),
    tasks: updateTask({ tx, clock, ids }),
    overdue: escalateOverdueTasks({ tx, clock, ids }),
    notifications: notifications({ tx, clock }),
    ingestReports: ingest,
    pullSources: pullSources({ tx, clock, fetcher: createFeedFetcher(), ingest }),
    reportVolume: reportVolume({ tx, clock }),
    readReports: readReports({ tx }),
    reportFeedback: reportFeedback({ tx, clock, ids }),
    sources: manageSources({ tx, clock, ids }),
  };
}

export async function openContext(
  config: Config,
  options: { readonly clock?: Clock; readonly database?: Database } = {},
): Promise<AppContext> {
  let database = options.database;
  if (database === undefined) {
    if (config.databaseUrl === undefined) mkdirSync(config.dataDir, { recursive: true });
    database = await openDatabase(
      config.databaseUrl !== undefined
        ? { postgresUrl: config.databaseUrl }
        : { sqliteFile: join(config.dataDir, SQLITE_FILE) },
    );
  }
  const tx = kyselyTransactor(database, createStore);
  const clock = options.clock ?? systemClock;
  const ids: IdGenerator = { next: () => randomUUID() };
  const db = database;
  return {
    config,
    database: db,
    tx,
    clock,
    ids,
    services: wireServices({ tx, clock, ids, config }),
    close: () => db.close(),
  };
}
