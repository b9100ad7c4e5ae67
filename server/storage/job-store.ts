/**
 * The queries of the job queue: outgoing HTTP calls (webhooks, Akismet's checks and feedback)
 * kept in the database until they are made, as the mail queue keeps mail (mail-store.ts).
 */
import type { Database } from 'better-sqlite3';
import { failureText } from './failure-text.ts';
import { sourcesOf } from './rows.ts';
import { asWriteTransaction } from './transaction.ts';

export interface JobRow {
  id: number;
  /** Which handler makes the call: `webhook`, `akismet-check`, `akismet-feedback`. */
  kind: string;
  /** Names the event the job is for, so that one event never queues two jobs. */
  dedupe_key: string;
  /** What the handler needs, as JSON; read it with `payloadOf`. */
  payload: string;
  /** The comment the job is about, if any: erasing its author's address deletes the job. */
  comment_id: number | null;
  created_at: string;
  /** Tries begun, counted when a worker claims the job. */
  attempts: number;
  next_attempt_at: string;
  /** A worker holds the job until then; after a crash, another may take it. */
  running_until: string | null;
  done_at: string | null;
  last_error: string | null;
}

export interface NewJob {
  kind: string;
  dedupeKey: string;
  /** Anything JSON can hold. */
  payload: unknown;
  /** The comment the job is about: its payload may quote its text, name, email or IP. */
  commentId?: number | null;
}

/**
 * How long a finished job is kept (for the site owner to look at in the database): a delivered
 * one for 7 days after it was done; any other 30 days after it was queued, by when it has been
 * given up (every try is over within 7 hours) or waits for a handler turned off since.
 */
export const DONE_JOB_KEPT_MS = 7 * 86_400_000;
export const UNDONE_JOB_KEPT_MS = 30 * 86_400_000;

export type JobStore = ReturnType<typeof createJobStore>;

/** The payload a job was queued with. */
export function payloadOf(job: Pick<JobRow, 'payload'>): unknown {
  return JSON.parse(job.payload);
}

/** Prepares the statements of the job queue once. */
export function createJobStore(db: Database) {
  const statements = {
    queueJob: db.prepare<
      {
        kind: string;
        dedupeKey: string;
        payload: string;
        commentId: number | null;
        now: string;
      },
      { id: number }
    >(
      `INSERT INTO jobs (kind, dedupe_key, payload, comment_id, created_at, next_attempt_at)
       VALUES (@kind, @dedupeKey, @payload, @commentId, @now, @now)
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
    ),
    // One statement finds and takes the job, so two workers (even in two processes) can never
    // take the same one: SQLite runs one write at a time.
    claimDue: db.prepare<
      { now: string; leaseUntil: string; maxAttempts: number; kinds: string | null },
      JobRow
    >(
      `UPDATE jobs SET running_until = @leaseUntil, attempts = attempts + 1
       WHERE id = (
         SELECT id FROM jobs
         WHERE done_at IS NULL AND next_attempt_at <= @now
           AND (running_until IS NULL OR running_until <= @now) AND attempts < @maxAttempts
           AND (@kinds IS NULL OR kind IN (SELECT value FROM json_each(@kinds)))
         ORDER BY next_attempt_at, id LIMIT 1)
       RETURNING *`,
    ),
    countUnsent: db.prepare<[number, number], { waiting: number; givenUp: number }>(
      `SELECT coalesce(sum(attempts < ?), 0) AS waiting, coalesce(sum(attempts >= ?), 0) AS givenUp
       FROM jobs WHERE done_at IS NULL`,
    ),
    markDone: db.prepare<[string, number]>(
      'UPDATE jobs SET done_at = ?, running_until = NULL, last_error = NULL WHERE id = ?',
    ),
    markFailed: db.prepare<[string, string, number]>(
      'UPDATE jobs SET next_attempt_at = ?, last_error = ?, running_until = NULL WHERE id = ?',
    ),
    eraseAbout: db.prepare<[string]>(
      'DELETE FROM jobs WHERE comment_id IN (SELECT value FROM json_each(?))',
    ),
    purge: db.prepare<{ doneBefore: string; queuedBefore: string; now: string }>(
      `DELETE FROM jobs
       WHERE done_at <= @doneBefore
          OR (done_at IS NULL AND created_at <= @queuedBefore
              AND (running_until IS NULL OR running_until <= @now))`,
    ),
  };

  return {
    /** The SQL of every statement, by name, so that tests can check each one's query plan. */
    statementSources(): Record<string, string> {
      return sourcesOf(statements);
    },
    /** Queues a job, due at once; false when its event (`dedupeKey`) already queued one. */
    queueJob({ kind, dedupeKey, payload, commentId = null }: NewJob, now: string): boolean {
      const row = statements.queueJob.get({
        kind,
        dedupeKey,
        payload: JSON.stringify(payload ?? null),
        commentId,
        now,
      });
      return row !== undefined;
    },
    /**
     * Takes the next due job for this worker until `leaseUntil`, among those of `kinds` (every
     * kind when omitted); null when none is due.
     */
    claimDue(
      now: string,
      leaseUntil: string,
      maxAttempts: number,
      kinds?: readonly string[],
    ): JobRow | null {
      return (
        statements.claimDue.get({
          now,
          leaseUntil,
          maxAttempts,
          kinds: kinds ? JSON.stringify(kinds) : null,
        }) ?? null
      );
    },
    /** Jobs not done: still to be tried (`waiting`), and given up after `maxAttempts` tries. */
    countUnsent(maxAttempts: number): { waiting: number; givenUp: number } {
      return statements.countUnsent.get(maxAttempts, maxAttempts) as {
        waiting: number;
        givenUp: number;
      };
    },
    markDone(id: number, now: string): void {
      statements.markDone.run(now, id);
    },
    /** Records a failed try; the job is due again at `nextAttemptAt`. */
    markFailed(id: number, error: string, nextAttemptAt: string): void {
      statements.markFailed.run(nextAttemptAt, failureText(error), id);
    },
    /** Deletes every job about the comments `commentIds`, done or not (an erasure). */
    eraseAbout(commentIds: readonly number[]): void {
      statements.eraseAbout.run(JSON.stringify(commentIds));
    },
    /** Deletes the jobs kept long enough (DONE_JOB_KEPT_MS, UNDONE_JOB_KEPT_MS); how many. */
    purge: asWriteTransaction(db, (now: string): number => {
      const at = Date.parse(now);
      return statements.purge.run({
        doneBefore: new Date(at - DONE_JOB_KEPT_MS).toISOString(),
        queuedBefore: new Date(at - UNDONE_JOB_KEPT_MS).toISOString(),
        now,
      }).changes;
    }),
  };
}
