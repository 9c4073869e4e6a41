import SqliteDatabase from 'better-sqlite3';
import { COLUMNS, type Row, signalRows, type World } from '../store/signal-rows.ts';

/**
 * Adds `count` synthetic signals (the inbox bench's generator, bench/store/signal-rows.ts) to the store's
 * SQLite file, all in the subtree of `placeId` (the demo analyst's jurisdiction), so they fill one inbox.
 */
export function seedWebSignals(sqliteFile: string, placeId: string, count: number): number {
  const raw = new SqliteDatabase(sqliteFile);
  try {
    raw.pragma('busy_timeout = 10000');
    const root = raw.prepare('select path from places where id = ?').get(placeId) as
      | { path: string }
      | undefined;
    if (root === undefined) throw new Error(`no place ${placeId} in the store`);
    const world: World = {
      hazards: raw.prepare('select id, name from hazards order by code').all() as World['hazards'],
      places: raw
        .prepare('select id, name, path, level from places where path like ?')
        .all(`${root.path}%`) as World['places'],
      users: (raw.prepare('select id from users').all() as { id: string }[]).map((u) => u.id),
    };
    const insert = raw.prepare(
      `insert into signals (${COLUMNS.join(', ')}) values (${COLUMNS.map(() => '?').join(', ')})`,
    );
    const insertAll = raw.transaction((rows: Row[]) => {
      for (const r of rows) insert.run(r);
    });
    for (const rows of signalRows(world, count, 5_000)) insertAll(rows);
    raw.exec('analyze');
    return (raw.prepare('select count(*) as n from signals').get() as { n: number }).n;
  } finally {
    raw.close();
  }
}
