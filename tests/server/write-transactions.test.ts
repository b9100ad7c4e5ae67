/**
 * One door for SQL and one rule for transactions: SQL lives in server/storage/ only, and every
 * write transaction is opened by server/storage/transaction.ts, immediate, so that it holds the
 * write lock from its first moment; an asynchronous one holds the connection, so that nothing
 * else of the process runs on it meanwhile.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/storage/open.ts';
import { createSqliteStorage } from '../../server/storage/sqlite-storage.ts';
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
      /\.(prepare|pragma)\(|\bdb\.(exec|transaction)\(/.test(text(file)),
    );
    expect(found).toEqual([]);
  });

  it("opens every transaction through its engine's one door", () => {
    // A string that starts with the statement (not a trigger's body, after a quoted value).
    const opening = /\bdb\.transaction\(|(?<!\w)['"`]\s*(BEGIN|SAVEPOINT|COMMIT|ROLLBACK)\b/;
    const doors = [
      join('server', 'storage', 'transaction.ts'),
      join('server', 'storage', 'postgres', 'connection.ts'),
    ];
    const found = sources('server')
      .filter((file) => !doors.includes(file))
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

  it('holds the write lock from its first moment, through every door that opens one', async () => {
    dir = mkdtempSync(join(tmpdir(), 'leave-a-reply-transactions-'));
    const path = join(dir, 'comments.db');
    const db = openDatabase(path);
    const storage = createSqliteStorage(db, path);
    const doors = {
      'a storage transaction': (work: () => boolean) => storage.transaction(async () => work()),
      'a nested one': (work: () => boolean) =>
        storage.transaction((tx) => tx.transaction(async () => work())),
      'posts written together': (work: () => boolean) => storage.writeTogether(async () => work()),
      'the door itself': async (work: () => boolean) => writeTransaction(db, work),
    };
    const locked: Record<string, boolean> = {};
    for (const [door, open] of Object.entries(doors))
      locked[door] = await open(() => !otherCanWrite(path));
    expect(locked).toEqual({
      'a storage transaction': true,
      'a nested one': true,
      'posts written together': true,
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

describe('an asynchronous transaction on the one connection', () => {
  const now = '2026-01-01T00:00:00.000Z';

  it('keeps calls from outside waiting until it ends, so they see it whole', async () => {
    const storage = createSqliteStorage(openDatabase(':memory:'), ':memory:');
    const seen: (string | null)[] = [];
    const writing = storage.transaction(async (tx) => {
      await tx.store.setSetting('first', 'one');
      // A call from outside, made while the transaction is open.
      void storage.store.getSetting('first').then((value) => seen.push(value));
      await tx.store.setSetting('second', 'two');
      seen.push('committing');
    });
    await writing;
    await storage.store.getSetting('first');
    expect(seen).toEqual(['committing', 'one']);
    await storage.close();
  });

  it('never takes in, nor undoes, a write from outside made while it is open', async () => {
    const storage = createSqliteStorage(openDatabase(':memory:'), ':memory:');
    let outsideWrite: Promise<void> = Promise.resolve();
    const failing = storage.transaction(async (tx) => {
      await tx.store.setSetting('inside', 'undone');
      outsideWrite = storage.store.setSetting('outside', 'kept');
      throw new Error('refused halfway');
    });
    await expect(failing).rejects.toThrow('refused halfway');
    await outsideWrite;
    expect(await storage.store.getSetting('inside')).toBeNull();
    expect(await storage.store.getSetting('outside')).toBe('kept');
    await storage.close();
  });

  it('lets one transaction at a time through, each after the one before has ended', async () => {
    const storage = createSqliteStorage(openDatabase(':memory:'), ':memory:');
    const order: string[] = [];
    await Promise.all(
      ['a', 'b', 'c'].map((name) =>
        storage.transaction(async (tx) => {
          order.push(`${name} begins`);
          await tx.store.setSetting(name, now);
          await tx.store.getSetting(name);
          order.push(`${name} ends`);
        }),
      ),
    );
    expect(order).toEqual(['a begins', 'a ends', 'b begins', 'b ends', 'c begins', 'c ends']);
    await storage.close();
  });

  it('undoes a failing nested transaction alone', async () => {
    const storage = createSqliteStorage(openDatabase(':memory:'), ':memory:');
    await storage.transaction(async (tx) => {
      await tx.store.setSetting('kept', 'yes');
      await expect(
        tx.transaction(async (inner) => {
          await inner.store.setSetting('undone', 'yes');
          throw new Error('inner refusal');
        }),
      ).rejects.toThrow('inner refusal');
    });
    expect(await storage.store.getSetting('kept')).toBe('yes');
    expect(await storage.store.getSetting('undone')).toBeNull();
    await storage.close();
  });
});
