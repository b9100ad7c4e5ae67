/**
 * Brings the schema to version 3. Shipped, so never edited, not even its white space: a
 * change comes as a new migration.
 *
 * Threads are paged by top-level comment: each reply records the top-level comment it hangs under,
 * so a page of threads is two index lookups. A page's version counts every change to its comments,
 * whoever makes it, and names the answer for HTTP caches.
 */
export const THREAD_ROOTS_AND_VERSIONS = `
  ALTER TABLE comments ADD COLUMN root_id INTEGER REFERENCES comments (id);
  WITH RECURSIVE ancestry (id, root) AS (
    SELECT id, id FROM comments WHERE parent_id IS NULL
    UNION ALL
    SELECT comments.id, ancestry.root FROM comments JOIN ancestry ON comments.parent_id = ancestry.id
  )
  UPDATE comments SET root_id = (SELECT root FROM ancestry WHERE ancestry.id = comments.id)
  WHERE parent_id IS NOT NULL;
  CREATE INDEX comments_by_root ON comments (root_id, created_at, id);
  -- Emails are compared ignoring case; an index in binary order cannot serve that comparison.
  DROP INDEX comments_by_email;
  CREATE INDEX comments_by_email ON comments (email COLLATE NOCASE, status);
  CREATE INDEX comments_top_level ON comments (page_id, parent_id, created_at, id);

  ALTER TABLE pages ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
  CREATE TRIGGER comments_inserted AFTER INSERT ON comments BEGIN
    UPDATE pages SET version = version + 1 WHERE id = NEW.page_id;
  END;
  CREATE TRIGGER comments_updated AFTER UPDATE ON comments BEGIN
    UPDATE pages SET version = version + 1 WHERE id IN (OLD.page_id, NEW.page_id);
  END;
  CREATE TRIGGER comments_deleted AFTER DELETE ON comments BEGIN
    UPDATE pages SET version = version + 1 WHERE id = OLD.page_id;
  END;
  `;
