/**
 * Brings the schema to version 18. Once shipped, never edited, not even its white space: a
 * change comes as a new migration.
 *
 * How many new comments each defence stopped or held, per day (UTC), for the dashboard's
 * overview. Counts only: nothing about the comments or their authors.
 */
export const DEFENCE_COUNTS = `
  CREATE TABLE defence_counts (
    day TEXT NOT NULL,
    defence TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('stopped', 'held')),
    count INTEGER NOT NULL CHECK (count >= 0),
    PRIMARY KEY (day, defence, outcome)
  ) WITHOUT ROWID;
  `;
