/**
 * Brings the schema to version 13. Once shipped, never edited, not even its white space: a
 * change comes as a new migration.
 *
 * One-time views of a held comment: a reader who posts from the page without JavaScript is sent
 * back to the thread with a token in the address, which shows them their comment while it waits
 * for moderation, once. Only the token's hash is kept, and only until it is used or expires.
 */
export const HELD_VIEWS = `
  CREATE TABLE held_views (
    token_hash TEXT PRIMARY KEY,
    comment_id INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    expires_at TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX held_views_by_expiry ON held_views (expires_at);
  `;
