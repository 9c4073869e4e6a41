import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../src/storage/database.ts';

/**
 * The dialects every repository contract suite runs on: SQLite always, PostgreSQL when the global
 * setup started one. Each `open()` gives a fresh, migrated, empty database.
 */
export interface DialectUnderTest {
  readonly name: 'sqlite' | 'postgres';
  open(): Promise<Database>;
}

async function freshPostgres(adminUrl: string): Promise<Database> {
  const name = `t_${randomUUID().replaceAll('-', '')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return openDatabase({ postgresUrl: url.toString() });
}

export function dialectsUnderTest(): DialectUnderTest[] {
  const dialects: DialectUnderTest[] = [
    { name: 'sqlite', open: () => openDatabase({ sqliteFile: ':memory:' }) },
  ];
  const url = inject('postgresUrl');
  if (url !== null) dialects.push({ name: 'postgres', open: () => freshPostgres(url) });
  return dialects;
}
