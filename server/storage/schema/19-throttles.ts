/**
 * Brings the schema to version 19. Once shipped, never edited, not even its white space: a
 * change comes as a new migration.
 *
 * What the per-client defences count (flood control, the rate limits, the sign-in lockout, and
 * the challenge's "posting again"), kept here rather than in one process's memory, so that they
 * hold for every process and instance sharing the database. One row per defence (`scope`) and
 * client (`subject`): the window the client is in, from its first hit (`started_at`), with the
 * hits counted in it, kept until it says nothing more (`kept_until`). A client is a keyed hash
 * of its address (an IPv6 client's /64), never the address itself.
 */
export const THROTTLES = `
  CREATE TABLE throttles (
    scope TEXT NOT NULL,
    subject TEXT NOT NULL,
    started_at TEXT NOT NULL,
    hits INTEGER NOT NULL CHECK (hits >= 1),
    kept_until TEXT NOT NULL,
    PRIMARY KEY (scope, subject)
  ) WITHOUT ROWID;
  CREATE INDEX throttles_by_expiry ON throttles (kept_until);
  `;
