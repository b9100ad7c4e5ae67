/** Opening the SQLite database with the settings every connection needs. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { migrate } from './migrations.ts';

/** Opens (creating if needed) the database at `path`, or in memory for ':memory:', migrated. */
export function openDatabase(path: string): Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new BetterSqlite3(path);
  if (path !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // WAL makes NORMAL durable against application crashes; only a power cut may lose the last commit.
  db.pragma('synchronous = NORMAL');
  migrate(db);
  return db;
}
