import { formatIsoDate } from '../detection/series/calendar.ts';
import { type Actor, inJurisdiction, requirePermission } from '../domain/actor.ts';
import type { AuditWriter } from '../domain/audit-entry.ts';
import { DomainError } from '../domain/errors.ts';
import type { Hazard, HazardRepository } from '../domain/hazard.ts';
import {
  type CurrentValue,
  type ObservationRepository,
  type RevisionBatch,
  sameValue,
} from '../domain/observation.ts';
import {
  type ObservationFormat,
  type ObservationRows,
  readObservationCsv,
  readObservationJson,
} from '../domain/observation-file.ts';
import {
  describeProblem,
  type ImportOutcome,
  type ImportProblem,
  type ImportProgress,
  type ImportRecord,
  type ImportRepository,
  importRejected,
  MAX_IMPORT_PROBLEMS,
} from '../domain/observation-import.ts';
import type { Place, PlaceRepository } from '../domain/place.ts';
import type { Clock, Hasher, IdGenerator, Transactor } from '../domain/ports.ts';
import {
  DEFAULT_UNIT,
  type SeriesDefinition,
  type SeriesKey,
  type SeriesRepository,
  seriesKeyText,
} from '../domain/series-definition.ts';

export interface ImportObservationsStore {
  readonly hazards: HazardRepository;
  readonly places: PlaceRepository;
  readonly series: SeriesRepository;
  readonly observations: ObservationRepository;
  readonly imports: ImportRepository;
  readonly audit: AuditWriter;
}

export interface ObservationImportInput {
  /** For the record and messages (a path's base name, or what the API client says). */
  readonly fileName: string;
  readonly format: ObservationFormat;
  /** The file's text; for JSON also an already-parsed array (an API body). */
  readonly content: string | ReadonlyArray<unknown>;
}

export interface ImportOptions {
  readonly onProgress?: (progress: ImportProgress) => void;
  /** Rows written between two progress reports (default 10,000). */
  readonly progressEvery?: number;
}

/**
 * Imports observations from one file, atomically (one transaction: any bad row rejects the whole file,
 * every problem located), idempotently (a value equal to the stored one is left alone; only corrections
 * add a revision) and with one audit entry per import carrying the counts and the content's SHA-256.
 * Permission observation:import; every place must lie in the actor's jurisdiction.
 */
export function importObservations(deps: {
  readonly tx: Transactor<ImportObservationsStore>;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly hash: Hasher;
}) {
  const { tx, clock, ids, hash } = deps;
  return async (
    actor: Actor,
    input: ObservationImportInput,
    options: ImportOptions = {},
  ): Promise<ImportOutcome> => {
    requirePermission(actor, 'observation:import');
    const progress = options.onProgress ?? (() => {});
    const every = Math.max(1, options.progressEvery ?? 10_000);
    const { fileName, format, content } = input;
    const sha256 = hash(typeof content === 'string' ? content : JSON.stringify(content));
    progress({ phase: 'reading', done: 0, total: 0 });
    const read =
      format === 'json'
        ? readObservationJson(content)
        : typeof content === 'string'
          ? readObservationCsv(content)
          : {
              ok: false as const,
              problems: [{ column: null, field: 'file', message: 'expected CSV text' }],
              truncated: false,
            };
    if (!read.ok) throw importRejected(fileName, read.problems, read.truncated);
    const rows = read.rows;
    const at = clock.now().toISOString();
    progress({ phase: 'checking', done: 0, total: rows.length });

    return tx.transaction(async (store) => {
      const seriesIds = await resolveSeries(store, actor, fileName, rows, at);
      const batch = await classify(store, rows, seriesIds.ids, seriesIds.existing);
      const importId = ids.next();
      progress({ phase: 'writing', done: 0, total: batch.write.length });
      for (let start = 0; start < batch.write.length; start += every) {
        const end = Math.min(batch.write.length, start + every);
        await store.observations.insertRevisions(slice(batch.write, start, end), importId, at);
        progress({ phase: 'writing', done: end, total: batch.write.length });
      }
      const record: ImportRecord = {
        id: importId,
        kind: 'observations',
        fileName,
        sha256,
        rows: rows.length,
        inserted: batch.inserted,
        revised: batch.revised,
        unchanged: batch.unchanged,
        actorId: actor.userId,
        createdAt: at,
      };
      await store.imports.insert(record);
      await store.audit.append(
        {
          actorId: actor.userId,
          action: 'observation.import',
          objectType: 'import',
          objectId: importId,
          before: null,
          after: { ...record, seriesCreated: seriesIds.created },
          reason: `import of ${fileName}`,
        },
        at,
      );
      progress({ phase: 'done', done: batch.write.length, total: batch.write.length });
      return { record, seriesCreated: seriesIds.created };
    });
  };

  /** Codes → ids; the series of the file, created when new. */
  async function resolveSeries(
    store: ImportObservationsStore,
    actor: Actor,
    fileName: string,
    rows: ObservationRows,
    at: string,
  ): Promise<{ ids: string[]; existing: boolean[]; created: number }> {
    const locator = rows.locator;
    const problems: ImportProblem[] = [];
    const problem = (where: number, field: string, message: string): void => {
      if (problems.length < MAX_IMPORT_PROBLEMS)
        problems.push({ [locator]: where, column: null, field, message });
    };
    const hazards = new Map<string, Hazard>(
      (await store.hazards.byCodes(rows.series.map((s) => s.hazardCode))).map((h) => [h.code, h]),
    );
    const places = new Map<string, Place>(
      (await store.places.byCodes(rows.series.map((s) => s.placeCode))).map((p) => [p.code, p]),
    );
    const outside: ImportProblem[] = [];
    for (const s of rows.series) {
      const h = hazards.get(s.hazardCode);
      if (h === undefined)
        problem(s.firstLine, 'hazard', `expected a hazard code; there is no hazard "${s.hazardCode}"`);
      else if (!h.active) problem(s.firstLine, 'hazard', `hazard "${s.hazardCode}" is deactivated`);
      const p = places.get(s.placeCode);
      if (p === undefined)
        problem(s.firstLine, 'place', `expected a place code; there is no place "${s.placeCode}"`);
      else if (!inJurisdiction(actor, p.path) && outside.length < MAX_IMPORT_PROBLEMS)
        outside.push({
          [locator]: s.firstLine,
          column: null,
          field: 'place',
          message: `${s.placeCode} lies outside your jurisdiction`,
        });
    }
    if (problems.length > 0) throw importRejected(fileName, problems, false);
    if (outside.length > 0) {
      throw new DomainError(
        'FORBIDDEN',
        `${fileName}: rejected, nothing was imported — ${outside.slice(0, 5).map(describeProblem).join('; ')}`,
        { fileName, problems: outside },
      );
    }
    const keys: SeriesKey[] = rows.series.map((s) => ({
      hazardId: (hazards.get(s.hazardCode) as Hazard).id,
      placeId: (places.get(s.placeCode) as Place).id,
      stratum: s.stratum,
      source: s.source,
      frequency: s.frequency,
    }));
    const stored = new Map((await store.series.findByKeys(keys)).map((d) => [seriesKeyText(d), d]));
    const ids: string[] = [];
    const existing: boolean[] = [];
    const fresh: SeriesDefinition[] = [];
    keys.forEach((key, i) => {
      const fileSeries = rows.series[i];
      const known = stored.get(seriesKeyText(key));
      if (known !== undefined) {
        if (fileSeries.unit !== undefined && fileSeries.unit !== known.unit)
          problem(
            fileSeries.firstLine,
            'unit',
            `expected "${known.unit}", the unit of the stored series, found "${fileSeries.unit}"`,
          );
        ids.push(known.id);
        existing.push(true);
        return;
      }
      const def: SeriesDefinition = {
        ...key,
        id: deps.ids.next(),
        placePath: (places.get(fileSeries.placeCode) as Place).path,
        unit: fileSeries.unit ?? DEFAULT_UNIT,
        createdAt: at,
      };
      fresh.push(def);
      ids.push(def.id);
      existing.push(false);
    });
    if (problems.length > 0) throw importRejected(fileName, problems, false);
    await store.series.insertMany(fresh);
    return { ids, existing, created: fresh.length };
  }
}

interface Classified {
  readonly write: RevisionBatch;
  readonly inserted: number;
  readonly revised: number;
  readonly unchanged: number;
}

/** Compares each row with the stored latest revision: new, corrected (next revision) or unchanged. */
async function classify(
  store: ImportObservationsStore,
  rows: ObservationRows,
  seriesIds: ReadonlyArray<string>,
  existing: ReadonlyArray<boolean>,
): Promise<Classified> {
  const current = new Map<string, Map<string, CurrentValue>>();
  const storedIds = seriesIds.filter((_, i) => existing[i]);
  if (storedIds.length > 0) {
    for (const v of await store.observations.currentValues(storedIds)) {
      let m = current.get(v.seriesId);
      if (m === undefined) {
        m = new Map();
        current.set(v.seriesId, m);
      }
      m.set(v.epoch, v);
    }
  }
  const n = rows.length;
  const epochText = new Map<number, string>();
  const seriesId: string[] = [];
  const epoch: string[] = [];
  const revision = new Int32Array(n);
  const count = new Float64Array(n);
  const population = new Float64Array(n);
  let w = 0;
  let inserted = 0;
  let revised = 0;
  let unchanged = 0;
  const order = rowsInSeriesIdOrder(rows, seriesIds);
  for (let k = 0; k < n; k++) {
    const i = order[k];
    const sid = seriesIds[rows.rowSeries[i]];
    const day = rows.rowDay[i];
    let e = epochText.get(day);
    if (e === undefined) {
      e = formatIsoDate(day);
      epochText.set(day, e);
    }
    const c = rows.rowCount[i];
    const p = rows.rowPopulation[i];
    const cur = current.get(sid)?.get(e);
    let rev = 1;
    if (cur !== undefined) {
      if (sameValue(c, p, cur)) {
        unchanged++;
        continue;
      }
      rev = cur.revision + 1;
      revised++;
    } else inserted++;
    seriesId.push(sid);
    epoch.push(e);
    revision[w] = rev;
    count[w] = c;
    population[w] = p;
    w++;
  }
  return {
    write: {
      length: w,
      seriesId,
      epoch,
      revision: revision.subarray(0, w),
      count: count.subarray(0, w),
      population: population.subarray(0, w),
    },
    inserted,
    revised,
    unchanged,
  };
}

/**
 * Row indexes grouped by series, the series in id order, file order within a series (a stable counting
 * sort). Writing in key order keeps the observations' primary-key index appending instead of touching
 * random pages, which is what keeps a million-row import fast.
 */
function rowsInSeriesIdOrder(rows: ObservationRows, seriesIds: ReadonlyArray<string>): Int32Array {
  const m = seriesIds.length;
  const byId = Array.from({ length: m }, (_, s) => s).sort((a, b) =>
    seriesIds[a] < seriesIds[b] ? -1 : seriesIds[a] > seriesIds[b] ? 1 : 0,
  );
  const rank = new Int32Array(m);
  byId.forEach((s, r) => {
    rank[s] = r;
  });
  const start = new Int32Array(m + 1);
  for (let i = 0; i < rows.length; i++) start[rank[rows.rowSeries[i]] + 1]++;
  for (let r = 0; r < m; r++) start[r + 1] += start[r];
  const order = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) order[start[rank[rows.rowSeries[i]]]++] = i;
  return order;
}

function slice(b: RevisionBatch, start: number, end: number): RevisionBatch {
  return {
    length: end - start,
    seriesId: b.seriesId.slice(start, end),
    epoch: b.epoch.slice(start, end),
    revision: b.revision.subarray(start, end),
    count: b.count.subarray(start, end),
    population: b.population.subarray(start, end),
  };
}

export type ImportObservations = ReturnType<typeof importObservations>;
