/** The job queue in PostgreSQL (../job-store.ts), shared by every instance on the database. */

import { failureText } from '../failure-text.ts';
import { DONE_JOB_KEPT_MS, type JobRow, UNDONE_JOB_KEPT_MS } from '../job-store.ts';
import type { Storage } from '../storage.ts';
import { type Connection, one, run, sourcesOf, statement } from './connection.ts';

const STATEMENTS = {
  queueJob: statement(
    'jobs.queueJob',
    `INSERT INTO jobs (kind, dedupe_key, payload, comment_id, created_at, next_attempt_at)
     VALUES ($1, $2, $3, $4, $5, $5)
     ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
  ),
  // Instances claim at once, unlike SQLite's one writer at a time. A job another is taking is
  // locked: SKIP LOCKED passes over it to the next. Without it the claim would wait for that
  // transaction's end and then take the very same job, the outer UPDATE rechecking only its id.
  claimDue: statement(
    'jobs.claimDue',
    `UPDATE jobs SET running_until = $2, attempts = attempts + 1
     WHERE id = (
       SELECT id FROM jobs
       WHERE done_at IS NULL AND next_attempt_at <= $1
         AND (running_until IS NULL OR running_until <= $1) AND attempts < $3
         AND ($4::text[] IS NULL OR kind = ANY ($4::text[]))
       ORDER BY next_attempt_at, id LIMIT 1
       FOR UPDATE SKIP LOCKED)
     RETURNING *`,
  ),
  // Quoted: PostgreSQL folds unquoted names to lower case.
  countUnsent: statement(
    'jobs.countUnsent',
    `SELECT count(*) FILTER (WHERE attempts < $1) AS waiting,
       count(*) FILTER (WHERE attempts >= $1) AS "givenUp"
     FROM jobs WHERE done_at IS NULL`,
  ),
  markDone: statement(
    'jobs.markDone',
    'UPDATE jobs SET done_at = $1, running_until = NULL, last_error = NULL WHERE id = $2',
  ),
  markFailed: statement(
    'jobs.markFailed',
    'UPDATE jobs SET next_attempt_at = $1, last_error = $2, running_until = NULL WHERE id = $3',
  ),
  eraseAbout: statement(
    'jobs.eraseAbout',
    'DELETE FROM jobs WHERE comment_id = ANY ($1::bigint[])',
  ),
  purge: statement(
    'jobs.purge',
    `DELETE FROM jobs
     WHERE done_at <= $1
        OR (done_at IS NULL AND created_at <= $2
            AND (running_until IS NULL OR running_until <= $3))`,
  ),
};

export function createPgJobStore(connection: Connection): Storage['jobs'] {
  return {
    statementSources: async () => sourcesOf(STATEMENTS),
    async queueJob({ kind, dedupeKey, payload, commentId = null }, now) {
      const added = await one(connection, STATEMENTS.queueJob, [
        kind,
        dedupeKey,
        JSON.stringify(payload ?? null),
        commentId,
        now,
      ]);
      return added !== null;
    },
    claimDue: (now, leaseUntil, maxAttempts, kinds) =>
      one<JobRow>(connection, STATEMENTS.claimDue, [now, leaseUntil, maxAttempts, kinds ?? null]),
    async countUnsent(maxAttempts) {
      const counts = await one<{ waiting: number; givenUp: number }>(
        connection,
        STATEMENTS.countUnsent,
        [maxAttempts],
      );
      // An aggregate without GROUP BY answers one row, whatever the table holds.
      return counts as { waiting: number; givenUp: number };
    },
    async markDone(id, now) {
      await run(connection, STATEMENTS.markDone, [now, id]);
    },
    async markFailed(id, error, nextAttemptAt) {
      await run(connection, STATEMENTS.markFailed, [nextAttemptAt, failureText(error), id]);
    },
    async eraseAbout(commentIds) {
      await run(connection, STATEMENTS.eraseAbout, [commentIds]);
    },
    // One statement is a transaction of its own: SQLite's wrapper only took its write lock early.
    async purge(now) {
      const at = Date.parse(now);
      return run(connection, STATEMENTS.purge, [
        new Date(at - DONE_JOB_KEPT_MS).toISOString(),
        new Date(at - UNDONE_JOB_KEPT_MS).toISOString(),
        now,
      ]);
    },
  };
}
