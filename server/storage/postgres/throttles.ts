/** What the per-client defences count, in PostgreSQL (../throttles.ts). */
import type { Storage } from '../storage.ts';
import type { ThrottleRow } from '../throttles.ts';
import { type Connection, one, run, statement } from './connection.ts';

/** Rows past their time are purged at most this often, as SQLite's are. */
const PURGE_MS = 60_000;

/**
 * When this process last purged. Kept here rather than in the store: the PostgreSQL storage
 * makes its stores afresh for every transaction, and flood control's hits run inside one.
 */
let purgedAt = 0;

const STATEMENTS = {
  // Two hits of one client at once, from two instances: the second waits on the row (or on the
  // first's insert of it) until the first's transaction ends, then counts on what it committed.
  // So exactly one of them sees hits 1, and a hit rolled back with its transaction counts for
  // nothing. SET's expressions all read the row as it was.
  hit: statement(
    'throttles.hit',
    `INSERT INTO throttles (scope, subject, started_at, hits, kept_until)
     VALUES ($1, $2, $3, 1, $5)
     ON CONFLICT (scope, subject) DO UPDATE SET
       hits = CASE WHEN throttles.started_at <= $4 THEN 1 ELSE throttles.hits + 1 END,
       started_at = CASE WHEN throttles.started_at <= $4
         THEN excluded.started_at ELSE throttles.started_at END,
       kept_until = CASE WHEN throttles.started_at <= $4
         THEN excluded.kept_until ELSE throttles.kept_until END
     RETURNING hits, started_at`,
  ),
  find: statement(
    'throttles.find',
    'SELECT hits, started_at FROM throttles WHERE scope = $1 AND subject = $2',
  ),
  // The purge may run inside a post's transaction: rows another instance is hitting are left to
  // a later purge (SKIP LOCKED), so that no post waits on another's.
  purge: statement(
    'throttles.purge',
    `DELETE FROM throttles WHERE (scope, subject) IN (
       SELECT scope, subject FROM throttles WHERE kept_until <= $1 FOR UPDATE SKIP LOCKED)`,
  ),
};

export function createPgThrottles(connection: Connection): Storage['throttles'] {
  const purge = (before: Date) => run(connection, STATEMENTS.purge, [before.toISOString()]);
  return {
    async hit(scope, subject, at, windowMs, keptMs = windowMs) {
      const time = at.getTime();
      if (time - purgedAt >= PURGE_MS) {
        purgedAt = time;
        await purge(at);
      }
      return (await one<ThrottleRow>(connection, STATEMENTS.hit, [
        scope,
        subject,
        at.toISOString(),
        new Date(time - windowMs).toISOString(),
        new Date(time + Math.max(windowMs, keptMs)).toISOString(),
      ])) as ThrottleRow;
    },
    find: (scope, subject) => one<ThrottleRow>(connection, STATEMENTS.find, [scope, subject]),
    purge,
  };
}
