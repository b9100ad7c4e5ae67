/**
 * Brings the schema to version 6. Shipped, so never edited, not even its white space: a
 * change comes as a new migration.
 *
 * First-time moderation asks which names an address has approved comments under: with the name in
 * the index by email, that is read from the index alone, however many comments a regular has. The
 * lookups by email alone use the same index as before.
 */
export const NAMES_BY_EMAIL = `
  DROP INDEX comments_by_email;
  CREATE INDEX comments_by_email ON comments (email COLLATE NOCASE, status, name);
  `;
