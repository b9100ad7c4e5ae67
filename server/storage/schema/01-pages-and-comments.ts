/**
 * Brings the schema to version 1. Shipped, so never edited, not even its white space: a
 * change comes as a new migration.
 *
 * The first schema: settings, pages and their comments, with the indices that read them.
 */
export const PAGES_AND_COMMENTS = `
  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );

  CREATE TABLE pages (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    url TEXT NOT NULL,
    title TEXT,
    created_at TEXT NOT NULL
  );

  CREATE TABLE comments (
    id INTEGER PRIMARY KEY,
    page_id INTEGER NOT NULL REFERENCES pages (id),
    parent_id INTEGER REFERENCES comments (id),
    depth INTEGER NOT NULL CHECK (depth >= 1),
    status TEXT NOT NULL CHECK (status IN ('approved', 'pending', 'spam', 'deleted')),
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    website TEXT,
    body TEXT NOT NULL,
    html TEXT NOT NULL,
    token_hash TEXT UNIQUE,
    ip_hash TEXT,
    user_agent TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT
  );

  CREATE INDEX comments_by_page ON comments (page_id, status, created_at, id);
  CREATE INDEX comments_by_status ON comments (status, id);
  CREATE INDEX comments_by_email ON comments (email, status);
  CREATE INDEX comments_by_parent ON comments (parent_id);
  `;
