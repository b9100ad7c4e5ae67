/** Checks on a SQLite database as a test finds it on disk. */

import type { Database } from 'better-sqlite3';
import { expect } from 'vitest';
import type { StorageSettings } from '../../server/storage/database-name.ts';
import { openDatabase } from '../../server/storage/open.ts';

/** Checks that SQLite finds `db` whole: every page sound and every reference kept. */
export function expectWholeDatabase(db: Database): void {
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(db.pragma('foreign_key_check')).toEqual([]);
}

/** Opens the database file at `path`, checks that it is whole, and returns the rows `sql` reads. */
export function rowsOfWholeDatabase<Row>(path: string, sql: string): Row[] {
  const db = openDatabase(path);
  try {
    expectWholeDatabase(db);
    return db.prepare(sql).all() as Row[];
  } finally {
    db.close();
  }
}

/** The storage settings of the SQLite file at `path`, as a command given DATABASE_PATH has them. */
export function sqliteAt(path: string): StorageSettings {
  return { databasePath: path, databaseUrl: null, databasePoolSize: 1 };
}
