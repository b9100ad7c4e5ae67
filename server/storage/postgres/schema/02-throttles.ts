/**
 * Brings the PostgreSQL schema to version 2. Once shipped, never edited: a change comes as a
 * new migration.
 *
 * SQLite's throttles (../../schema/19-throttles.ts), column for column: what the per-client
 * defences count, shared by every instance on the database. Times are ISO 8601 text compared by
 * code point, as everywhere in this schema.
 */
export const THROTTLES = `
  CREATE TABLE throttles (
    scope text COLLATE "C" NOT NULL,
    subject text COLLATE "C" NOT NULL,
    started_at text COLLATE "C" NOT NULL,
    hits integer NOT NULL CHECK (hits >= 1),
    kept_until text COLLATE "C" NOT NULL,
    PRIMARY KEY (scope, subject)
  );
  CREATE INDEX throttles_by_expiry ON throttles (kept_until);
  `;
