/**
 * Brings the schema to version 17. Once shipped, never edited, not even its white space: a
 * change comes as a new migration.
 *
 * Akismet: its verdict on each comment it was asked about (`unchecked` while the question waits
 * in the job queue), what it was last told of the comment (its own verdict, or the site owner's
 * feedback since), and whether the owner moderated the comment before Akismet answered. Apart,
 * the facts of the request a comment came with that Akismet's check and feedback need and the
 * comment does not keep (the address itself, not its hash): until `kept_until`, and gone with
 * the comment, its erasure included (a placeholder keeps its row, so a trigger takes them).
 */
export const AKISMET = `
  CREATE TABLE akismet_verdicts (
    comment_id INTEGER PRIMARY KEY REFERENCES comments (id) ON DELETE CASCADE,
    verdict TEXT NOT NULL CHECK (verdict IN ('spam', 'ham', 'unchecked')),
    told TEXT CHECK (told IN ('spam', 'ham')),
    moderated INTEGER NOT NULL DEFAULT 0,
    checked_at TEXT
  );
  CREATE TABLE akismet_facts (
    comment_id INTEGER PRIMARY KEY REFERENCES comments (id) ON DELETE CASCADE,
    user_ip TEXT NOT NULL,
    user_agent TEXT,
    referrer TEXT,
    kept_until TEXT NOT NULL
  );
  CREATE INDEX akismet_facts_by_expiry ON akismet_facts (kept_until);
  CREATE TRIGGER akismet_facts_of_erased AFTER UPDATE OF status ON comments
    WHEN NEW.status = 'deleted'
  BEGIN
    DELETE FROM akismet_facts WHERE comment_id = NEW.id;
  END;
  `;
