import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { readConfig } from '../../src/config/config.ts';
import { SYSTEM_ACTOR } from '../../src/domain/actor.ts';
import type { ReferenceDataSet } from '../../src/domain/reference-data-set.ts';
import type { Role } from '../../src/domain/role.ts';
import { actorFromUser } from '../../src/domain/user.ts';
import type { TocsinApp } from '../../src/http/app.ts';
import { type AppContext, openContext } from '../../src/main/context.ts';
import { buildServer } from '../../src/main/server.ts';
import { seedReferenceData } from '../../src/services/seed-reference-data.ts';
import { openDatabase } from '../../src/storage/database.ts';
import { TestClock } from './test-store.ts';

/**
 * The authorisation matrix's store: the same kinds of objects in two jurisdictions, Germany (DE, where
 * every signed-in test user works) and France (FR) — series with observations, detection configurations
 * and runs, signals in every state, an event with tasks, assessments, deadlines, a situation report,
 * notifications and API tokens — all made through the services. It is built once into a SQLite file;
 * each role group works on its own copy, so writes never leak from one group into another.
 */
export const PASSWORD = 'matrix-password-42';
export const NOW = '2026-11-28T08:00:00.000Z';

/** The strata of the series; each series raises one signal, named after what the matrix does with it. */
export const SIGNAL_ROLES = [
  'read',
  'transition',
  'assign',
  'linkA',
  'linkB',
  'mergeDup',
  'mergeTarget',
  'escalate',
  'add',
  'inEvent',
  'discarded',
  'monitoring',
  'merged',
] as const;
export type SignalRole = (typeof SIGNAL_ROLES)[number];

/** The ids of one jurisdiction's objects. */
export interface JurisdictionObjects {
  readonly place: 'DE' | 'FR';
  readonly placePath: string;
  readonly importId: string;
  readonly seriesId: string;
  readonly signals: Readonly<Record<SignalRole, string>>;
  readonly configId: string;
  /** A configuration that never ran (may be replaced or deleted). */
  readonly spareConfigId: string;
  readonly runId: string;
  readonly eventId: string;
  readonly riskAssessmentId: string;
  /** The IHR Art. 6 deadline started by the event's notifiable IHR assessment. */
  readonly deadlineId: string;
  /** The task the routes work on (department health, assigned to the jurisdiction's responder). */
  readonly taskId: string;
  /** A user of this jurisdiction the admin routes read and change. */
  readonly targetUserId: string;
  /** A coordinator of this jurisdiction (events name one). */
  readonly coordinatorId: string;
  /** A user of this jurisdiction who holds the notification and token below. */
  readonly holderId: string;
  readonly notificationId: string;
  readonly tokenId: string;
  /** An event-based report about this country. */
  readonly reportId: string;
}

export interface TestUser {
  readonly id: string;
  readonly username: string;
  readonly role: Role;
  readonly notificationId: string;
  readonly tokenId: string;
}

export interface AuthorizationFixture {
  readonly file: string;
  readonly healthDepartmentId: string;
  readonly hazards: { readonly salmonellosis: string; readonly influenza: string; readonly spare: string };
  /** The signed-in users: one per role, jurisdiction DE, department health. */
  readonly users: Readonly<Record<Role, TestUser>>;
  /** An administrator of the whole world. */
  readonly rootAdmin: { readonly id: string; readonly username: string };
  readonly de: JurisdictionObjects;
  readonly fr: JurisdictionObjects;
  /** A report source (file imports) holding both countries' reports. */
  readonly sourceId: string;
}

const place = (code: string, name: string, level: 'world' | 'country' | 'admin1', parent: string | null) => ({
  code,
  name,
  nameLocal: null,
  level,
  parent,
  iso2: null,
  lat: null,
  lon: null,
  aliases: [],
});

const hazard = (code: string, name: string) => ({
  code,
  name,
  domain: 'human' as const,
  icd10: null,
  icd11: null,
  pathogen: null,
  synonyms: [],
  ihrCategory: null,
  nationalClass: null,
});

export const MATRIX_REFERENCE: ReferenceDataSet = {
  places: [
    place('world', 'World', 'world', null),
    place('DE', 'Germany', 'country', 'world'),
    place('DE-BY', 'Bavaria', 'admin1', 'DE'),
    place('FR', 'France', 'country', 'world'),
    place('FR-IDF', 'Île-de-France', 'admin1', 'FR'),
  ],
  hazards: [
    hazard('salmonellosis', 'Salmonellosis'),
    hazard('influenza', 'Influenza'),
    hazard('spare-hazard', 'A hazard only the matrix touches'),
  ],
  departments: [
    { code: 'health', name: 'Health authority', nameZh: null, domain: 'human' },
    { code: 'animal-health', name: 'Animal health', nameZh: null, domain: 'animal' },
  ],
};

const ROLE_LIST: ReadonlyArray<Role> = ['admin', 'coordinator', 'analyst', 'assessor', 'responder', 'viewer'];

/** Monday of week k, counting from 2023-01-02. */
function week(k: number): string {
  return new Date(Date.parse('2023-01-02T00:00:00Z') + k * 7 * 86_400_000).toISOString().slice(0, 10);
}

/** 104 weeks of 5 cases, then 40: RKI (b = 1, w = 2) alarms on the last week only. */
function observationsCsv(placeCode: string): string {
  const lines = ['hazard,place,stratum,source,frequency,date,count'];
  for (const stratum of SIGNAL_ROLES)
    for (let k = 0; k <= 104; k++)
      lines.push(`salmonellosis,${placeCode},${stratum},lab,weekly,${week(k)},${k === 104 ? 40 : 5}`);
  return `${lines.join('\n')}\n`;
}

export function matrixConfig(dataDir: string) {
  return readConfig({ TOCSIN_DATA_DIR: dataDir, TOCSIN_JOBS: '0' }, dataDir);
}

async function openAt(file: string, dataDir: string): Promise<AppContext> {
  return openContext(matrixConfig(dataDir), {
    clock: new TestClock(NOW),
    database: await openDatabase({ sqliteFile: file }),
  });
}

/** Builds the store in `dir` (file `matrix.sqlite`) and returns the ids of everything in it. */
export async function buildAuthorizationFixture(dir: string): Promise<AuthorizationFixture> {
  const file = join(dir, 'matrix.sqlite');
  const ctx = await openAt(file, dir);
  try {
    const s = ctx.services;
    const sys = SYSTEM_ACTOR;
    await seedReferenceData({ tx: ctx.tx, clock: ctx.clock, ids: ctx.ids })(sys, MATRIX_REFERENCE);
    await s.deadlines.seedLegalRules();
    const health = (await s.reference.listDepartments(sys)).find((d) => d.code === 'health');
    if (health === undefined) throw new Error('fixture: no health department');
    const hazards = (await s.reference.listHazards(sys, { limit: 10, offset: 0 })).items;
    const hazardId = (code: string): string => {
      const h = hazards.find((x) => x.code === code);
      if (h === undefined) throw new Error(`fixture: no hazard ${code}`);
      return h.id;
    };

    const addUser = async (username: string, role: Role, jurisdiction: string, department: string | null) =>
      s.users.add(sys, {
        username,
        displayName: username,
        password: PASSWORD,
        role,
        departmentId: department,
        jurisdictionPlaceId: jurisdiction,
      });
    const deUsers = new Map<Role, Awaited<ReturnType<typeof addUser>>>();
    for (const role of ROLE_LIST) deUsers.set(role, await addUser(`${role}-de`, role, 'DE', health.id));
    const rootAdmin = await addUser('admin-world', 'admin', 'world', null);
    const targetDe = await addUser('target-de', 'viewer', 'DE-BY', null);
    const coordinatorFr = await addUser('coordinator-fr', 'coordinator', 'FR', health.id);
    const responderFr = await addUser('responder-fr', 'responder', 'FR', health.id);
    const targetFr = await addUser('target-fr', 'viewer', 'FR-IDF', null);
    const de = (role: Role) => {
      const u = deUsers.get(role);
      if (u === undefined) throw new Error(`fixture: no ${role}`);
      return u;
    };

    const tokens = new Map<string, string>();
    for (const u of [...deUsers.values(), responderFr])
      tokens.set(u.id, (await s.auth.createApiToken(actorFromUser(u), `${u.username} machine`)).id);

    const reportSource = await s.sources.add(sys, { name: 'Matrix reports', kind: 'file' });
    const side = async (
      placeCode: 'DE' | 'FR',
      coordinatorId: string,
      assignees: ReadonlyArray<{ readonly id: string }>,
    ) => {
      const imported = await s.importObservations(sys, {
        fileName: `${placeCode}.csv`,
        format: 'csv',
        content: observationsCsv(placeCode),
      });
      const series = await s.observations.listSeries(sys, { placeId: placeCode, limit: 50, offset: 0 });
      const seriesByStratum = new Map(series.items.map((x) => [x.stratum, x.id]));
      const readSeries = seriesByStratum.get('read');
      if (readSeries === undefined) throw new Error(`fixture: no series ${placeCode} read`);
      const config = await s.detectionConfigs.create(sys, {
        name: `RKI weekly ${placeCode}`,
        algorithm: 'rki',
        control: { b: 1, w: 2, actY: false },
        selector: { frequency: 'weekly', placeIds: [placeCode] },
        schedule: null,
        monitoredEpochs: 1,
        enabled: true,
      });
      const spare = await s.detectionConfigs.create(sys, {
        name: `EARS spare ${placeCode}`,
        algorithm: 'earsC',
        control: { method: 'C1' },
        selector: { frequency: 'weekly', placeIds: [placeCode] },
        schedule: null,
        monitoredEpochs: 4,
        enabled: false,
      });
      const run = await s.detection.run(sys, config.id, 'manual');
      const page = await s.inbox.list(sys, { placeId: placeCode, limit: 200 });
      const signalOf = (stratum: SignalRole): string => {
        const sig = page.items.find((x) => x.seriesId === seriesByStratum.get(stratum));
        if (sig === undefined) throw new Error(`fixture: no signal for ${placeCode} ${stratum}`);
        return sig.id;
      };
      const signals = Object.fromEntries(SIGNAL_ROLES.map((r) => [r, signalOf(r)])) as Record<
        SignalRole,
        string
      >;
      const version = async (id: string): Promise<number> => (await s.inbox.get(sys, id)).signal.version;
      const move = async (id: string, ...states: ReadonlyArray<string>): Promise<void> => {
        for (const to of states)
          await s.triage.transition(sys, id, { version: await version(id), to, reason: `fixture: ${to}` });
      };
      await s.triage.link(sys, signals.linkA, {
        version: await version(signals.linkA),
        otherSignalId: signals.linkB,
      });
      for (const id of [signals.escalate, signals.add, signals.inEvent])
        await move(id, 'under-review', 'verified');
      await move(signals.discarded, 'under-review', 'discarded');
      await move(signals.monitoring, 'under-review', 'monitoring');
      await move(signals.assign, 'under-review');
      await s.triage.merge(sys, signals.merged, {
        version: await version(signals.merged),
        targetId: signals.monitoring,
        targetVersion: await version(signals.monitoring),
        reason: 'fixture: the same cluster',
      });
      const risk = await s.risk.assess(sys, 'signal', signals.read, {
        hazardAssessment: 'Salmonella, lab-confirmed',
        exposureAssessment: 'a regional cluster',
        contextAssessment: 'good laboratory capacity',
        likelihood: 'likely',
        consequences: 'minor',
        confidence: 'moderate',
        recommendedActions: ['trace the food source'],
      });
      const event = await s.escalation.escalate(sys, {
        signalIds: [signals.inEvent],
        title: `Salmonellosis cluster ${placeCode}`,
        leadDepartmentId: health.id,
        coordinatorId,
      });
      await s.ihr.assess(sys, 'event', event.id, {
        answers: {
          seriousImpact: { answer: true, rationale: 'hospitalisations' },
          unusual: { answer: true, rationale: 'unusual serotype' },
          internationalSpread: { answer: false, rationale: 'local food' },
          travelTradeRestrictions: { answer: false, rationale: 'none expected' },
        },
      });
      const deadlines = await s.deadlines.list(sys, { eventId: event.id, ruleCode: 'IHR-ART6' });
      const deadline = deadlines.items[0];
      if (deadline === undefined) throw new Error(`fixture: no IHR deadline for ${placeCode}`);
      await s.reports.draft(sys, event.id, `Situation ${placeCode}: a salmonellosis cluster.`, 0);
      const tasks = new Map<string, { taskId: string; notificationId: string }>();
      for (const u of assignees) {
        const task = await s.assignTask.create(sys, event.id, {
          title: `Trace the source (${u.id})`,
          departmentId: health.id,
          assigneeId: u.id,
          dueAt: '2026-12-31T12:00:00.000Z',
        });
        const mine = await s.notifications.list(
          { ...sys, userId: u.id },
          { unreadOnly: false, limit: 10, offset: 0 },
        );
        const n = mine.items.find((x) => x.subjectId === task.id);
        if (n === undefined) throw new Error(`fixture: no notification for ${u.id}`);
        tasks.set(u.id, { taskId: task.id, notificationId: n.id });
      }
      const country = placeCode === 'DE' ? 'Germany' : 'France';
      const ingested = await s.ingestReports(sys, reportSource.id, [
        {
          externalId: `matrix-${placeCode}`,
          url: null,
          title: `Salmonellosis outbreak in ${country}`,
          text: `Health authorities in ${country} reported 12 cases of salmonellosis this week.`,
          publishedAt: '2026-11-20T00:00:00.000Z',
        },
      ]);
      const reported = ingested.items[0];
      if (reported?.status !== 'stored') throw new Error(`fixture: no report about ${placeCode}`);
      if ((await s.readReports.get(sys, reported.reportId)).placeId !== placeCode)
        throw new Error(`fixture: the report is not tagged ${placeCode}`);
      return {
        reportId: reported.reportId,
        importId: imported.record.id,
        seriesId: readSeries,
        signals,
        configId: config.id,
        spareConfigId: spare.id,
        runId: run.run.id,
        eventId: event.id,
        riskAssessmentId: risk.assessment.id,
        deadlineId: deadline.id,
        tasks,
      };
    };

    const deObjects = await side('DE', de('coordinator').id, [...deUsers.values()]);
    const frObjects = await side('FR', coordinatorFr.id, [responderFr]);
    const pick = (
      tasks: Map<string, { taskId: string; notificationId: string }>,
      id: string,
    ): { taskId: string; notificationId: string } => {
      const t = tasks.get(id);
      if (t === undefined) throw new Error(`fixture: no task of ${id}`);
      return t;
    };
    const tokenOf = (id: string): string => {
      const t = tokens.get(id);
      if (t === undefined) throw new Error(`fixture: no token of ${id}`);
      return t;
    };
    const users = Object.fromEntries(
      ROLE_LIST.map((role) => {
        const u = de(role);
        return [
          role,
          {
            id: u.id,
            username: u.username,
            role,
            notificationId: pick(deObjects.tasks, u.id).notificationId,
            tokenId: tokenOf(u.id),
          },
        ];
      }),
    ) as Record<Role, TestUser>;
    const { tasks: deTasks, ...deRest } = deObjects;
    const { tasks: frTasks, ...frRest } = frObjects;
    return {
      file,
      healthDepartmentId: health.id,
      hazards: {
        salmonellosis: hazardId('salmonellosis'),
        influenza: hazardId('influenza'),
        spare: hazardId('spare-hazard'),
      },
      users,
      rootAdmin: { id: rootAdmin.id, username: rootAdmin.username },
      sourceId: reportSource.id,
      de: {
        ...deRest,
        place: 'DE',
        placePath: '/world/DE/',
        taskId: pick(deTasks, de('responder').id).taskId,
        targetUserId: targetDe.id,
        coordinatorId: de('coordinator').id,
        holderId: de('viewer').id,
        notificationId: users.viewer.notificationId,
        tokenId: users.viewer.tokenId,
      },
      fr: {
        ...frRest,
        place: 'FR',
        placePath: '/world/FR/',
        taskId: pick(frTasks, responderFr.id).taskId,
        targetUserId: targetFr.id,
        coordinatorId: coordinatorFr.id,
        holderId: responderFr.id,
        notificationId: pick(frTasks, responderFr.id).notificationId,
        tokenId: tokenOf(responderFr.id),
      },
    };
  } finally {
    await ctx.close();
  }
}

/** A copy of the fixture store in `dir`, opened, with the HTTP API on it. */
export async function openFixtureCopy(
  fixture: AuthorizationFixture,
  dir: string,
  name: string,
): Promise<{ readonly ctx: AppContext; readonly app: TocsinApp }> {
  const file = join(dir, `${name}.sqlite`);
  copyFileSync(fixture.file, file);
  const ctx = await openAt(file, dir);
  const app = await buildServer(ctx);
  return { ctx, app };
}
