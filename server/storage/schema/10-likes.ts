/**
 * Brings the schema to version 10. Once shipped, never edited, not even its white space: a
 * change comes as a new migration.
 *
 * Readers' likes: one row per comment and voter, the voter named only by a keyed hash of the id
 * its browser keeps (and its address, unless STORE_IP=false, by the keyed hash posts use). Each
 * comment carries its count, so that a thread and its `best` order need no join; the triggers on
 * likes keep it in step in the same transaction, whoever writes. A like leaves the page's version
 * as it is: a page's `likes_version` counts likes instead, so that a busy page's kept thread
 * answers are renewed at most once a second for likes (server/http/routes/comments/thread.ts),
 * not emptied by every like.
 */
export const LIKES = `
  CREATE TABLE likes (
    comment_id INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    voter_hash TEXT NOT NULL,
    ip_hash TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (comment_id, voter_hash)
  ) WITHOUT ROWID;

  ALTER TABLE comments ADD COLUMN likes INTEGER NOT NULL DEFAULT 0 CHECK (likes >= 0);
  ALTER TABLE pages ADD COLUMN likes_version INTEGER NOT NULL DEFAULT 0;
  -- The best order: most liked first, then oldest, in the index's own order (no sorting).
  CREATE INDEX comments_best ON comments (page_id, parent_id, likes DESC, created_at, id);

  CREATE TRIGGER likes_added AFTER INSERT ON likes BEGIN
    UPDATE comments SET likes = likes + 1 WHERE id = NEW.comment_id;
    UPDATE pages SET likes_version = likes_version + 1
    WHERE id = (SELECT page_id FROM comments WHERE id = NEW.comment_id);
  END;
  CREATE TRIGGER likes_removed AFTER DELETE ON likes BEGIN
    UPDATE comments SET likes = likes - 1 WHERE id = OLD.comment_id;
    UPDATE pages SET likes_version = likes_version + 1
    WHERE id = (SELECT page_id FROM comments WHERE id = OLD.comment_id);
  END;

  -- As before, but a change of a comment's likes alone leaves its page's version as it is. Only
  -- the triggers above change likes, and they change nothing else.
  DROP TRIGGER comments_updated;
  CREATE TRIGGER comments_updated AFTER UPDATE ON comments
  WHEN (OLD.status IN ('approved', 'deleted') OR NEW.status IN ('approved', 'deleted'))
    AND OLD.likes IS NEW.likes BEGIN
    UPDATE pages SET version = version + 1,
      approved_count = approved_count
        - (id = OLD.page_id AND OLD.status = 'approved')
        + (id = NEW.page_id AND NEW.status = 'approved')
    WHERE id IN (OLD.page_id, NEW.page_id);
  END;
  `;
