/**
 * The one door of every write transaction. Each is immediate: SQLite's write lock is taken at
 * BEGIN, so a writer that meets another process writing waits there (busy_timeout) instead of
 * failing halfway, when a read already made would have to become a write (SQLITE_BUSY at once,
 * whatever the timeout). And each is a synchronous function: better-sqlite3 refuses one that
 * returns a promise, so no transaction stays open across an `await`, during which the server's
 * posts would wait for the lock and time out.
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
