import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { SYSTEM_ACTOR } from '../domain/actor.ts';
import { newSecret } from '../services/password-hashing.ts';
import { DATASETS_DIR } from './bundled-paths.ts';
import type { AppContext } from './context.ts';
import { type DemoReportsOutcome, loadDemoReports } from './demo-reports.ts';

/**
 * The bundled real demo: RKI surveillance series from the R package surveillance (see datasets/README.md)
 * imported as observations, demo users for each role, detection configurations, and one detection run so
 * the signal inbox holds real signals; and a sample of WHO Disease Outbreak News reports ingested as
 * event-based signals (src/main/demo-reports.ts). Idempotent: loading twice changes nothing.
 */
interface DemoDataset {
  readonly file: string;
  /** Hazard code, fixed or by the dataset's `series` column. */
  readonly hazard: string | ((series: string) => string);
  readonly stratum: string;
  /** Maps the dataset's `series` column to a place code. */
  readonly place: (series: string) => string;
}

const germanDistrict = (key: string): string => `DE-${key.padStart(5, '0')}`;

export const DEMO_DATASETS: ReadonlyArray<DemoDataset> = [
  { file: 'salmNewport.csv', hazard: 'salmonellosis', stratum: 'serotype=Newport', place: (s) => s },
  { file: 'fluBYBW.csv', hazard: 'influenza', stratum: '', place: germanDistrict },
  { file: 'campyDE.csv', hazard: 'campylobacteriosis', stratum: '', place: () => 'DE' },
  { file: 'measlesDE.csv', hazard: 'measles', stratum: '', place: (s) => s },
  { file: 'shadar.csv', hazard: 'salmonellosis', stratum: 'serotype=Hadar', place: () => 'DE' },
  { file: 'hepatitisA.csv', hazard: 'hepatitis-a', stratum: '', place: () => 'DE' },
  {
    file: 'influMen.csv',
    hazard: (s) => (s === 'meningococcus' ? 'meningococcal-disease' : 'influenza'),
    stratum: '',
    place: () => 'DE',
  },
];

const SOURCE = 'RKI SurvStat';

/** A demo account: who it is and the password written to the data folder. */
export interface DemoCredential {
  readonly username: string;
  readonly role: string;
  readonly password: string;
  readonly note: string;
}

interface DemoUser {
  readonly username: string;
  readonly displayName: string;
  readonly role: string;
  readonly department: string | null;
  readonly jurisdiction: string;
  readonly note: string;
}

export const DEMO_USERS: ReadonlyArray<DemoUser> = [
  {
    username: 'cora',
    displayName: 'Cora Coordinator',
    role: 'coordinator',
    department: 'health',
    jurisdiction: 'DE',
    note: 'national coordinator (nerve centre)',
  },
  {
    username: 'ana',
    displayName: 'Ana Analyst',
    role: 'analyst',
    department: 'health',
    jurisdiction: 'DE',
    note: 'epidemic intelligence, Germany',
  },
  {
    username: 'asa',
    displayName: 'Asa Assessor',
    role: 'assessor',
    department: 'health',
    jurisdiction: 'DE',
    note: 'risk assessor, Germany',
  },
  {
    username: 'rudi',
    displayName: 'Rudi Responder',
    role: 'responder',
    department: 'health',
    jurisdiction: 'DE',
    note: 'health department responder',
  },
  {
    username: 'vera',
    displayName: 'Vera Vet',
    role: 'responder',
    department: 'animal-health',
    jurisdiction: 'DE',
    note: 'animal health department responder',
  },
  {
    username: 'rolf',
    displayName: 'Rolf Responder',
    role: 'responder',
    department: 'health',
    jurisdiction: 'DE-BY',
    note: 'health department responder, Bavaria only',
  },
  {
    username: 'bea',
    displayName: 'Bea Bavaria',
    role: 'analyst',
    department: 'health',
    jurisdiction: 'DE-BY',
    note: 'analyst for Bavaria only',
  },
  {
    username: 'ines',
    displayName: 'Ines International',
    role: 'analyst',
    department: 'health',
    jurisdiction: 'world',
    note: 'epidemic intelligence, whole world (event-based signals from WHO outbreak news)',
  },
  {
    username: 'vic',
    displayName: 'Vic Viewer',
    role: 'viewer',
    department: null,
    jurisdiction: 'DE',
    note: 'decision-maker, read only',
  },
];

export const DEMO_CONFIGS = [
  {
    name: 'Weekly improved Farrington (Noufaily)',
    algorithm: 'farringtonFlexible',
    control: {
      b: 5,
      w: 3,
      noPeriods: 10,
      pastWeeksNotIncluded: 26,
      weightsThreshold: 2.58,
      pThresholdTrend: 1,
      thresholdMethod: 'nbPlugin',
    },
    monitoredEpochs: 52,
    schedule: '0 6 * * 1',
  },
  {
    name: 'Weekly EARS C3 (districts)',
    algorithm: 'earsC',
    control: { method: 'C3', baseline: 7 },
    monitoredEpochs: 26,
    schedule: null,
    places: ['DE-BY', 'DE-BW'],
    hazards: ['influenza'],
  },
] as const;

export interface DemoReport {
  readonly imported: ReadonlyArray<{
    readonly file: string;
    readonly rows: number;
    readonly inserted: number;
    readonly unchanged: number;
  }>;
  readonly usersCreated: ReadonlyArray<DemoCredential>;
  readonly configsCreated: number;
  readonly runs: ReadonlyArray<{
    readonly config: string;
    readonly series: number;
    readonly alarms: number;
    readonly opened: number;
    readonly updated: number;
  }>;
  readonly reports: DemoReportsOutcome;
}

function importCsv(ds: DemoDataset): string {
  const records: string[][] = parse(readFileSync(join(DATASETS_DIR, ds.file), 'utf8'), {
    skip_empty_lines: true,
  });
  const header = records[0];
  const seriesCol = header.indexOf('series');
  const dateCol = header.indexOf('date');
  const countCol = header.indexOf('count');
  const popCol = header.indexOf('population');
  const out = ['hazard,place,stratum,source,frequency,date,count,population'];
  for (let i = 1; i < records.length; i++) {
    const r = records[i];
    const pop = popCol >= 0 ? r[popCol] : '';
    const hazard = typeof ds.hazard === 'string' ? ds.hazard : ds.hazard(r[seriesCol]);
    out.push(
      [hazard, ds.place(r[seriesCol]), ds.stratum, SOURCE, 'weekly', r[dateCol], r[countCol], pop]
        .map((v) => (/[",]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v))
        .join(','),
    );
  }
  return `${out.join('\n')}\n`;
}

/** Resolves state names through the place aliases (e.g. "Baden.Wuerttemberg" → DE-BW). */
async function resolvePlaces(ctx: AppContext, ds: DemoDataset, csv: string): Promise<string> {
  if (ds.file !== 'salmNewport.csv' && ds.file !== 'measlesDE.csv') return csv;
  const names = new Set(
    csv
      .split('\n')
      .slice(1)
      .filter((l) => l !== '')
      .map((l) => parse(l)[0][1] as string),
  );
  const codes = new Map<string, string>();
  for (const name of names) {
    const found = await ctx.services.reference.lookupPlaces(SYSTEM_ACTOR, name, 'DE');
    if (found.length === 0) throw new Error(`demo data: no place for "${name}" in ${ds.file}`);
    codes.set(name, found[0].code);
  }
  return csv.replace(/^([^,]*),("[^"]*"|[^,]*),/gm, (m, hazard: string, place: string) => {
    const key = place.replace(/^"|"$/g, '');
    return codes.has(key) ? `${hazard},${codes.get(key)},` : m;
  });
}

async function hazardId(ctx: AppContext, code: string): Promise<string> {
  const page = await ctx.services.reference.listHazards(SYSTEM_ACTOR, { query: code, limit: 50, offset: 0 });
  const h = page.items.find((x) => x.code === code);
  if (h === undefined) throw new Error(`demo data: hazard ${code} is not in the catalogue`);
  return h.id;
}

export async function loadDemoData(
  ctx: AppContext,
  progress: (message: string) => void = () => {},
): Promise<DemoReport> {
  const s = ctx.services;
  const imported: DemoReport['imported'][number][] = [];
  for (const ds of DEMO_DATASETS) {
    progress(`importing ${ds.file}`);
    const content = await resolvePlaces(ctx, ds, importCsv(ds));
    const r = await s.importObservations(SYSTEM_ACTOR, { fileName: ds.file, format: 'csv', content });
    imported.push({
      file: ds.file,
      rows: r.record.rows,
      inserted: r.record.inserted,
      unchanged: r.record.unchanged,
    });
  }
  const departments = new Map((await s.reference.listDepartments(SYSTEM_ACTOR)).map((d) => [d.code, d.id]));
  const usersCreated: DemoCredential[] = [];
  const existing = new Set((await s.users.list(SYSTEM_ACTOR, 500, 0)).items.map((u) => u.username));
  for (const u of DEMO_USERS) {
    if (existing.has(u.username)) continue;
    const password = newSecret().slice(0, 16);
    await s.users.add(SYSTEM_ACTOR, {
      username: u.username,
      displayName: u.displayName,
      password,
      role: u.role,
      departmentId: u.department === null ? null : (departments.get(u.department) ?? null),
      jurisdictionPlaceId: u.jurisdiction,
    });
    usersCreated.push({ username: u.username, role: u.role, password, note: u.note });
  }
  let configsCreated = 0;
  const known = new Set((await s.detectionConfigs.list(SYSTEM_ACTOR)).map((c) => c.name));
  for (const c of DEMO_CONFIGS) {
    if (known.has(c.name)) continue;
    const hazardIds = 'hazards' in c ? await Promise.all(c.hazards.map((h) => hazardId(ctx, h))) : undefined;
    await s.detectionConfigs.create(SYSTEM_ACTOR, {
      name: c.name,
      algorithm: c.algorithm,
      control: c.control,
      selector: {
        frequency: 'weekly',
        ...(hazardIds === undefined ? {} : { hazardIds }),
        ...('places' in c ? { placeIds: [...c.places] } : {}),
      },
      schedule: c.schedule,
      monitoredEpochs: c.monitoredEpochs,
      enabled: true,
    });
    configsCreated++;
  }
  progress('running detection');
  const reports = await s.detection.runAll(SYSTEM_ACTOR, 'manual');
  const runs = reports.map((r) => ({
    config: r.configName,
    series: r.run.seriesCount,
    alarms: r.run.alarmCount,
    opened: r.run.signalsOpened,
    updated: r.run.signalsUpdated,
  }));
  progress('importing WHO Disease Outbreak News reports');
  const demoReports = await loadDemoReports(ctx);
  return { imported, usersCreated, configsCreated, runs, reports: demoReports };
}
