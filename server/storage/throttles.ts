/**
 * What the per-client defences count (schema/19-throttles.ts): for each defence (`scope`) and
 * client (`subject`, a keyed hash of its address), the window the client is in and its hits in
 * it. In the database, so that every process and instance sharing it counts one client together.
 *
 * A window starts at the client's first hit and lasts the caller's `windowMs`, as the rate
 * limiter's own memory store and the lockout counted before: the first hit after it ends starts
 * the next. A hit is one statement that counts and answers together, so that hits from several
 * processes at once are each counted once, and the caller that sees `hits` 1 is the only one.
 */
import type { Database } from 'better-sqlite3';

/** Rows past their time are purged at most this often: one indexed delete, not one per hit. */
const PURGE_MS = 60_000;

/** A client's window in a scope, as its last hit left it. */
export interface ThrottleRow {
  /** Hits counted in the window, the first included. */
  hits: number;
  /** When the window started: its first hit. */
  started_at: string;
}

interface HitValues {
  scope: string;
  subject: string;
  at: string;
  /** A window that started at or before this has ended. */
  endedBy: string;
  keptUntil: string;
}

export type Throttles = ReturnType<typeof createThrottles>;

export function createThrottles(db: Database) {
  const statements = {
    // SET's expressions all read the row as it was, so the three CASEs agree on the window.
    hit: db.prepare<HitValues, ThrottleRow>(
      `INSERT INTO throttles (scope, subject, started_at, hits, kept_until)
       VALUES (@scope, @subject, @at, 1, @keptUntil)
       ON CONFLICT (scope, subject) DO UPDATE SET
         hits = CASE WHEN started_at <= @endedBy THEN 1 ELSE hits + 1 END,
         started_at = CASE WHEN started_at <= @endedBy THEN excluded.started_at ELSE started_at END,
         kept_until = CASE WHEN started_at <= @endedBy THEN excluded.kept_until ELSE kept_until END
       RETURNING hits, started_at`,
    ),
    find: db.prepare<[string, string], ThrottleRow>(
      'SELECT hits, started_at FROM throttles WHERE scope = ? AND subject = ?',
    ),
    purge: db.prepare<[string]>('DELETE FROM throttles WHERE kept_until <= ?'),
  };
  let purgedAt = 0;

  function purge(before: Date): number {
    return statements.purge.run(before.toISOString()).changes;
  }

  return {
    /**
     * Counts one hit of `subject` in `scope` at `at`, in a window of `windowMs` (a new one if
     * the last has ended), and answers the window with this hit counted. The row is kept
     * `keptMs` from the window's start (at least the window) for whoever reads it later.
     */
    hit(
      scope: string,
      subject: string,
      at: Date,
      windowMs: number,
      keptMs = windowMs,
    ): ThrottleRow {
      const time = at.getTime();
      if (time - purgedAt >= PURGE_MS) {
        purgedAt = time;
        purge(at);
      }
      return statements.hit.get({
        scope,
        subject,
        at: at.toISOString(),
        endedBy: new Date(time - windowMs).toISOString(),
        keptUntil: new Date(time + Math.max(windowMs, keptMs)).toISOString(),
      }) as ThrottleRow;
    },

    /** The window of `subject` in `scope` as its last hit left it, ended or not; null for none. */
    find(scope: string, subject: string): ThrottleRow | null {
      return statements.find.get(scope, subject) ?? null;
    },

    /** Deletes every row kept only until `before` or earlier; how many went. */
    purge,
  };
}
