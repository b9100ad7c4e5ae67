/**
 * Brings the schema to version 11. Shipped, so never edited, not even its white space: a
 * change comes as a new migration.
 *
 * When each page was published, so that CLOSE_AFTER_DAYS can close its comments that many days
 * later, and the site owner's own word on whether it takes comments (null: as the setting says,
 * 1: open, 0: closed). A page stored before this knew no date: its first comment's time stands
 * in for it, so that a site upgrading does not count every page's days from the upgrade.
 */
export const PAGE_PUBLICATION = `
  ALTER TABLE pages ADD COLUMN published_at TEXT;
  ALTER TABLE pages ADD COLUMN open_override INTEGER CHECK (open_override IN (0, 1));
  UPDATE pages SET published_at = coalesce(
    (SELECT min(created_at) FROM comments WHERE comments.page_id = pages.id),
    created_at
  );
  `;
