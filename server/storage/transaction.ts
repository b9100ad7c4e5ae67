/**
 * The one door of every write transaction. Each is immediate: SQLite's write lock is taken at
 * BEGIN, so a writer that meets another process writing waits there (busy_timeout) instead of
 * failing halfway, when a read already made would have to become a write (SQLITE_BUSY at once,
 * whatever the timeout). The synchronous ones are better-sqlite3's own, which refuses work that
 * returns a promise. The asynchronous ones serve `Storage` (sqlite-storage.ts), whose work awaits
 * its own storage calls and nothing else, while the transaction gate keeps every other call of
 * the process out until it ends: their work takes no longer than its statements.
 */
import type { Database } from 'better-sqlite3';

/**
 * Runs `work` in one immediate write transaction: all of its writes happen, or none. Inside a
 * transaction already open it is a savepoint, so a failure undoes `work` alone.
 */
export function writeTransaction<T>(db: Database, work: () => T): T {
  return db.transaction(work).immediate();
}

/** `work` as a function whose every call is one write transaction of its own. */
export function asWriteTransaction<Args extends unknown[], T>(
  db: Database,
  work: (...args: Args) => T,
): (...args: Args) => T {
  const run = db.transaction(work);
  return (...args) => run.immediate(...args);
}

/**
 * Runs `work`, which only reads, in one read transaction: everything it reads is the database at
 * one moment, whatever other processes write meanwhile.
 */
export function readTransaction<T>(db: Database, work: () => T): T {
  return db.transaction(work).deferred();
}

/**
 * Runs asynchronous `work` in one immediate write transaction. The caller holds the connection
 * (transaction-gate.ts), so that nothing else runs on it until the transaction ends.
 */
export async function writeTransactionOf<T>(db: Database, work: () => Promise<T>): Promise<T> {
  db.exec('BEGIN IMMEDIATE');
  try {
    const value = await work();
    db.exec('COMMIT');
    return value;
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

/**
 * Runs asynchronous `work`, which only reads, in one read transaction: everything it reads is
 * the database at one moment. For a command that has the connection to itself (a copy).
 */
export async function readTransactionOf<T>(db: Database, work: () => Promise<T>): Promise<T> {
  db.exec('BEGIN');
  try {
    return await work();
  } finally {
    if (db.inTransaction) db.exec('COMMIT');
  }
}

/**
 * Runs asynchronous `work` in a savepoint of the transaction open on `db`: a failure undoes
 * `work` alone. Some errors (a full disk, an I/O error) make SQLite roll the whole transaction
 * back, as better-sqlite3's docs warn; then `db.inTransaction` is false after the throw.
 */
export async function savepointOf<T>(db: Database, work: () => Promise<T>): Promise<T> {
  db.exec('SAVEPOINT work');
  try {
    const value = await work();
    db.exec('RELEASE work');
    return value;
  } catch (error) {
    if (db.inTransaction) {
      db.exec('ROLLBACK TO work');
      db.exec('RELEASE work');
    }
    throw error;
  }
}
