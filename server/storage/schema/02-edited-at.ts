/**
 * Brings the schema to version 2. Shipped, so never edited, not even its white space: a
 * change comes as a new migration.
 *
 * When a comment's author last changed its text.
 */
export const EDITED_AT = `
  ALTER TABLE comments ADD COLUMN edited_at TEXT;
  `;
