/**
 * Brings the schema to version 14. Once shipped, never edited, not even its white space: a
 * change comes as a new migration.
 *
 * Spent proof-of-work solutions: each solved challenge is taken once, so that one solution does
 * not carry a stream of posts. A row is kept until the challenge would have expired anyway, and
 * only its signature, which says nothing about the reader who solved it.
 */
export const SPENT_CHALLENGES = `
  CREATE TABLE spent_challenges (
    signature TEXT PRIMARY KEY,
    expires_at TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX spent_challenges_by_expiry ON spent_challenges (expires_at);
  `;
