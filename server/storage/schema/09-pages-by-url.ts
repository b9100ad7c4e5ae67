/**
 * Brings the schema to version 9. Shipped, so never edited, not even its white space: a
 * change comes as a new migration.
 *
 * The dashboard lists pages by address, a part at a time, and finds a site's pages as one range of
 * addresses: through this index each part costs its own length, not the site's size.
 */
export const PAGES_BY_URL = `
  CREATE INDEX pages_by_url ON pages (url);
  `;
