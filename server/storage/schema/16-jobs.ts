/**
 * Brings the schema to version 16. Once shipped, never edited, not even its white space: a
 * change comes as a new migration.
 *
 * The job queue: outgoing HTTP calls (webhooks, Akismet's checks and feedback) written down
 * before they are made, so that a restart or a receiver's outage loses none. One row per event
 * (`dedupe_key`), taken by one worker at a time under a lease (`running_until`), tried again on
 * the mail queue's schedule. `comment_id` names the comment a job is about, without a foreign
 * key: a webhook about a deletion outlives its comment, and erasing an address finds its jobs.
 */
export const JOBS = `
  CREATE TABLE jobs (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    dedupe_key TEXT NOT NULL UNIQUE,
    payload TEXT NOT NULL,
    comment_id INTEGER,
    created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    running_until TEXT,
    done_at TEXT,
    last_error TEXT
  );
  CREATE INDEX jobs_due ON jobs (done_at, next_attempt_at);
  CREATE INDEX jobs_by_comment ON jobs (comment_id) WHERE comment_id IS NOT NULL;
  `;
