import { randomUUID } from 'node:crypto';
import type { Clock, IdGenerator, Transactor } from '../../src/domain/ports.ts';
import { type Database, openDatabase } from '../../src/storage/database.ts';
import { kyselyTransactor } from '../../src/storage/kysely-transactor.ts';
import { createStore, type Store } from '../../src/storage/store.ts';

/** A clock tests can move. */
export class TestClock implements Clock {
  private t: number;
  constructor(start = '2026-11-28T08:00:00.000Z') {
    this.t = Date.parse(start);
  }
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
  set(iso: string): void {
    this.t = Date.parse(iso);
  }
}

export interface TestStore {
  readonly database: Database;
  readonly tx: Transactor<Store>;
  /** Repositories outside any transaction (for assertions). */
  readonly store: Store;
  readonly clock: TestClock;
  readonly ids: IdGenerator;
  close(): Promise<void>;
}

/** A fresh, migrated in-memory SQLite store with a test clock and random ids (services tests). */
export async function openTestStore(database?: Database): Promise<TestStore> {
  const db = database ?? (await openDatabase({ sqliteFile: ':memory:' }));
  return {
    database: db,
    tx: kyselyTransactor(db, createStore),
    store: createStore(db.db, db.dialect),
    clock: new TestClock(),
    ids: { next: () => randomUUID() },
    close: () => db.close(),
  };
}
