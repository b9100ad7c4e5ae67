/**
 * One door for SQL and one rule for transactions: SQL lives in server/storage/ only, and every
 * write transaction is opened by server/storage/transaction.ts, immediate, so that it holds the
 * write lock from its first moment and never across an `await`.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createImportStore } from '../../server/storage/import-store.ts';
import { createMailStore } from '../../server/storage/mail-store.ts';
import { openDatabase } from '../../server/storage/open.ts';
import { createStore } from '../../server/storage/store.ts';
import { writeTransaction } from '../../server/storage/transaction.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function sources(folder: string): string[] {
  return readdirSync(join(ROOT, folder)).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

const text = (file: string) => readFileSync(join(ROOT, file), 'utf8');

describe('where SQL and transactions live', () => {
  it('prepares, runs and sets pragmas of SQL only in server/storage/', () => {
    const outside = sources('server').filter((file) => !file.startsWith('server/storage/'));
    const found = outside.filter((file) =>
      /\.(prepare|pragma|transaction)\(|\bdb\.exec\(/.test(text(file)),
    );
    expect(found).toEqual([]);
  });

  it('opens every transaction through server/storage/transaction.ts', () => {
    // A string that starts with the statement (not a trigger's body, after a quoted value).
    const opening = /\.transaction\(|(?<!\w)['"`]\s*(BEGIN|SAVEPOINT|COMMIT|ROLLBACK)\b/;
    const found = sources('server')
      .filter((file) => file !== join('server', 'storage', 'transaction.ts'))
      .filter((file) => opening.test(text(file)));
    expect(found).toEqual([]);
  });
});

describe('a write transaction', () => {
  let dir = '';
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Whether another connection could start writing right now (it does not wait). */
  function otherCanWrite(path: string): boolean {
    const other = new BetterSqlite3(path);
    other.pragma('busy_timeout = 0');
    try {
      other.exec('BEGIN IMMEDIATE');
      other.exec('ROLLBACK');
      return true;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
      return false;
    } finally {
      other.close();
    }
  }

  it('holds the write lock from its first moment, through every store that opens one', () => {
    dir = mkdtempSync(join(tmpdir(), 'leave-a-reply-transactions-'));
    const path = join(dir, 'comments.db');
    const db = openDatabase(path);
    const doors = {
      'the store': (work: () => boolean) => createStore(db).inTransaction(work),
      'the mail store': (work: () => boolean) => createMailStore(db).inTransaction(work),
      'an import': (work: () => boolean) => createImportStore(db).writeAll(work),
      'the door itself': (work: () => boolean) => writeTransaction(db, work),
    };
    const locked = Object.fromEntries(
      Object.entries(doors).map(([door, open]) => [door, open(() => !otherCanWrite(path))]),
    );
    expect(locked).toEqual({
      'the store': true,
      'the mail store': true,
      'an import': true,
      'the door itself': true,
    });
    // And lets go of it at the end.
    expect(otherCanWrite(path)).toBe(true);
    db.close();
  });

  it('refuses work that would await inside it, and leaves nothing open', () => {
    const db = openDatabase(':memory:');
    expect(() => writeTransaction(db, async () => 1)).toThrow(/cannot return a promise/);
    expect(db.inTransaction).toBe(false);
    db.close();
  });
});
