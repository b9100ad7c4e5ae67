/**
 * Writes that arrive together are committed together. Committing is most of what storing a new
 * comment costs (SQLite appends to the WAL and updates its index once per transaction), so the
 * posts handled in one turn of the event loop share a transaction: each runs in a savepoint of
 * its own, so one that fails (a duplicate, a blocked word) takes nothing else with it, and each
 * is answered only once the commit that holds it is done.
 */
import type { Database } from 'better-sqlite3';
import { asWriteTransaction, writeTransaction } from './transaction.ts';

interface Pending {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Returns `write(work)`: runs `work` in the next shared transaction and resolves once it commits. */
export function createGroupCommit(db: Database): <T>(work: () => T) => Promise<T> {
  let queue: Pending[] = [];

  const runAll = asWriteTransaction(db, (batch: Pending[]): Outcome[] =>
    batch.map((item) => {
      try {
        // A transaction inside a transaction is a savepoint: a failure undoes this item alone.
        return { ok: true, value: writeTransaction(db, item.work) };
      } catch (error) {
        // Some errors (a full disk, an I/O error) make SQLite roll the whole transaction back,
        // the items before this one included, as better-sqlite3's docs warn. Going on would run
        // the rest outside any transaction: the turn ends here, and all of it is refused.
        if (!db.inTransaction) throw error;
        return { ok: false, error };
      }
    }),
  );

  function flush(): void {
    const batch = queue;
    queue = [];
    let outcomes: Outcome[];
    try {
      // Immediate, as every write transaction: the write lock is taken at the start, so another
      // process writing meanwhile makes this wait (busy_timeout) rather than fail halfway.
      outcomes = runAll(batch);
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    outcomes.forEach((outcome, index) => {
      const item = batch[index] as Pending;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }

  return <T>(work: () => T) =>
    new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (queue.length === 1) setImmediate(flush);
    });
}
