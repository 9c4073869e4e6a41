import { assessIhr } from '../../src/services/assess-ihr.ts';
import { assessRisk } from '../../src/services/assess-risk.ts';
import { assignTask } from '../../src/services/assign-task.ts';
import { escalateEvent } from '../../src/services/escalate-event.ts';
import { escalateOverdueTasks } from '../../src/services/escalate-overdue-tasks.ts';
import { manageEvent } from '../../src/services/manage-event.ts';
import { notifications } from '../../src/services/notify.ts';
import { situationReports } from '../../src/services/situation-reports.ts';
import { trackDeadlines } from '../../src/services/track-deadlines.ts';
import { updateTask } from '../../src/services/update-task.ts';
import { type SignalSeed, seedResponseFixtures, seedSignals } from './response-fixtures.ts';
import { openTestStore, type TestStore } from './test-store.ts';

/** An in-memory store with the response fixtures, the standard legal rules and every response service. */
export async function openResponseServices(signals: ReadonlyArray<SignalSeed> = []) {
  const t: TestStore = await openTestStore();
  await seedResponseFixtures(t.database.db);
  await seedSignals(t.database.db, signals);
  const deps = { tx: t.tx, clock: t.clock, ids: t.ids };
  const services = {
    risk: assessRisk(deps),
    ihr: assessIhr(deps),
    deadlines: trackDeadlines(deps),
    escalation: escalateEvent(deps),
    events: manageEvent(deps),
    reports: situationReports(deps),
    assign: assignTask(deps),
    tasks: updateTask(deps),
    overdue: escalateOverdueTasks(deps),
    notifications: notifications(deps),
  };
  await services.deadlines.seedLegalRules();
  /** Audit entries written so far, in order (actions only, or filtered by action). */
  const audit = async (action?: string) =>
    (await t.store.audit.page(0, 10_000)).filter((e) => action === undefined || e.action === action);
  return { ...t, ...services, audit };
}

export type ResponseServices = Awaited<ReturnType<typeof openResponseServices>>;
