/**
 * Writes that arrive together are committed together. Committing is most of what storing a new
 * comment costs (SQLite appends to the WAL and updates its index once per transaction), so the
 * posts handled in one turn of the event loop share a transaction: each runs in a savepoint of
 * its own, so one that fails (a duplicate, a blocked word) takes nothing else with it, and each
 * is answered only once the commit that holds it is done.
 */
import type { Database } from 'better-sqlite3';
import { savepointOf, writeTransactionOf } from './transaction.ts';
import type { TransactionGate } from './transaction-gate.ts';

interface Pending<Tx> {
  work: (tx: Tx) => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Returns `write(work)`: runs `work(tx)` in the next shared transaction, which holds `gate`, and
 * resolves once it commits.
 */
export function createGroupCommit<Tx>(
  db: Database,
  gate: TransactionGate,
  tx: Tx,
): <T>(work: (tx: Tx) => T | Promise<T>) => Promise<T> {
  let queue: Pending<Tx>[] = [];

  async function runAll(batch: Pending<Tx>[]): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    for (const item of batch) {
      try {
        outcomes.push({ ok: true, value: await savepointOf(db, async () => item.work(tx)) });
      } catch (error) {
        // Some errors (a full disk, an I/O error) make SQLite roll the whole transaction back,
        // the items before this one included. Going on would run the rest outside any
        // transaction: the turn ends here, and all of it is refused.
        if (!db.inTransaction) throw error;
        outcomes.push({ ok: false, error });
      }
    }
    return outcomes;
  }

  async function flush(): Promise<void> {
    const batch = queue;
    queue = [];
    let outcomes: Outcome[];
    try {
      outcomes = await gate.hold(() => writeTransactionOf(db, () => runAll(batch)));
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    // Answered once the gate is open again and what waited for the transaction has been told.
    outcomes.forEach((outcome, index) => {
      const item = batch[index] as Pending<Tx>;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }

  return <T>(work: (tx: Tx) => T | Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (queue.length === 1) setImmediate(flush);
    });
}
