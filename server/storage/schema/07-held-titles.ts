/**
 * Brings the schema to version 7. Shipped, so never edited, not even its white space: a
 * change comes as a new migration.
 *
 * What a held comment cannot change. A page's version now moves only with what readers see (an
 * approved comment or a placeholder comes, changes or goes), so its ETag tells nobody that a held
 * comment arrived, was edited or went. The title a held comment's post carried waits beside it and
 * names the page only if the site owner approves that comment.
 */
export const HELD_TITLES = `
  CREATE TABLE held_titles (
    comment_id INTEGER PRIMARY KEY,
    page_id INTEGER NOT NULL,
    title TEXT NOT NULL
  );
  CREATE INDEX held_titles_by_page ON held_titles (page_id, title);

  DROP TRIGGER comments_inserted;
  CREATE TRIGGER comments_inserted AFTER INSERT ON comments
  WHEN NEW.status IN ('approved', 'deleted') BEGIN
    UPDATE pages SET version = version + 1,
      approved_count = approved_count + (NEW.status = 'approved')
    WHERE id = NEW.page_id;
  END;
  DROP TRIGGER comments_updated;
  CREATE TRIGGER comments_updated AFTER UPDATE ON comments
  WHEN OLD.status IN ('approved', 'deleted') OR NEW.status IN ('approved', 'deleted') BEGIN
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
    WHERE id = OLD.page_id AND OLD.status IN ('approved', 'deleted');
    DELETE FROM held_titles WHERE comment_id = OLD.id;
  END;
  -- An erased comment keeps nothing its author sent.
  CREATE TRIGGER comments_erased AFTER UPDATE OF status ON comments
  WHEN NEW.status = 'deleted' BEGIN
    DELETE FROM held_titles WHERE comment_id = NEW.id;
  END;
  `;
