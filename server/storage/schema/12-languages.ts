/**
 * Brings the schema to version 12. Once shipped, never edited, not even its white space: a
 * change comes as a new migration.
 *
 * The language each comment was written in (a locale of shared/i18n/locales.ts, e.g. `de`),
 * so that mail to its author is written in it; and the language of the comment whose author
 * asked to confirm their address, for the pages their links open. No CHECK of the values: a
 * locale added later needs no migration. NULL, for everything stored before, reads as English,
 * the only language there was.
 */
export const LANGUAGES = `
  ALTER TABLE comments ADD COLUMN lang TEXT;
  ALTER TABLE subscribers ADD COLUMN lang TEXT;
  `;
