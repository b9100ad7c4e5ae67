/**
 * The database schema as an append-only list: entry i brings PRAGMA user_version to i + 1.
 * A shipped entry is never edited; changes come as new entries.
 */
import type { Database } from 'better-sqlite3';

export const MIGRATIONS: readonly string[] = [
  `
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
  `,
  `
  ALTER TABLE comments ADD COLUMN edited_at TEXT;
  `,
  // Threads are paged by top-level comment: each reply records the top-level comment it hangs
  // under, so a page of threads is two index lookups. A page's version counts every change to
  // its comments, whoever makes it, and names the answer for HTTP caches.
  `
  ALTER TABLE comments ADD COLUMN root_id INTEGER REFERENCES comments (id);
  WITH RECURSIVE ancestry (id, root) AS (
    SELECT id, id FROM comments WHERE parent_id IS NULL
    UNION ALL
    SELECT comments.id, ancestry.root FROM comments JOIN ancestry ON comments.parent_id = ancestry.id
  )
  UPDATE comments SET root_id = (SELECT root FROM ancestry WHERE ancestry.id = comments.id)
  WHERE parent_id IS NOT NULL;
  CREATE INDEX comments_by_root ON comments (root_id, created_at, id);
  -- Emails are compared ignoring case; an index in binary order cannot serve that comparison.
  DROP INDEX comments_by_email;
  CREATE INDEX comments_by_email ON comments (email COLLATE NOCASE, status);
  CREATE INDEX comments_top_level ON comments (page_id, parent_id, created_at, id);

  ALTER TABLE pages ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
  CREATE TRIGGER comments_inserted AFTER INSERT ON comments BEGIN
    UPDATE pages SET version = version + 1 WHERE id = NEW.page_id;
  END;
  CREATE TRIGGER comments_updated AFTER UPDATE ON comments BEGIN
    UPDATE pages SET version = version + 1 WHERE id IN (OLD.page_id, NEW.page_id);
  END;
  CREATE TRIGGER comments_deleted AFTER DELETE ON comments BEGIN
    UPDATE pages SET version = version + 1 WHERE id = OLD.page_id;
  END;
  `,
];

/** Brings the database up to the newest schema, one immediate transaction per step. */
export function migrate(db: Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `The database is at schema version ${current}, newer than this program knows (${MIGRATIONS.length}). Upgrade Leave a Reply before opening it.`,
    );
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    const step = db.transaction(() => {
      db.exec(MIGRATIONS[version] as string);
      db.pragma(`user_version = ${version + 1}`);
    });
    step.immediate();
  }
}
