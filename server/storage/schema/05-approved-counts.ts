/**
 * Brings the schema to version 5. Shipped, so never edited, not even its white space: a
 * change comes as a new migration.
 *
 * Each page's number of approved comments, kept by the triggers that already keep its version: a
 * thread's heading and an index page's counts no longer count a long thread's rows.
 */
export const APPROVED_COUNTS = `
  ALTER TABLE pages ADD COLUMN approved_count INTEGER NOT NULL DEFAULT 0;
  UPDATE pages SET approved_count = (
    SELECT count(*) FROM comments WHERE comments.page_id = pages.id AND comments.status = 'approved'
  );

  DROP TRIGGER comments_inserted;
  CREATE TRIGGER comments_inserted AFTER INSERT ON comments BEGIN
    UPDATE pages SET version = version + 1,
      approved_count = approved_count + (NEW.status = 'approved')
    WHERE id = NEW.page_id;
  END;
  DROP TRIGGER comments_updated;
  CREATE TRIGGER comments_updated AFTER UPDATE ON comments BEGIN
    UPDATE pages SET version = version + 1,
      approved_count = approved_count
        - (id = OLD.page_id AND OLD.status = 'approved')
        + (id = NEW.page_id AND NEW.status = 'approved')
    WHERE id IN (OLD.page_id, NEW.page_id);
  END;
  DROP TRIGGER comments_deleted;
  CREATE TRIGGER comments_deleted AFTER DELETE ON comments BEGIN
    UPDATE pages SET version = version + 1,
      approved_count = approved_count - (OLD.status = 'approved')
    WHERE id = OLD.page_id;
  END;
  `;
