/**
 * The database schema as an append-only list: entry i brings PRAGMA user_version to i + 1.
 * A shipped entry is never edited; changes come as new entries.
 */
import type { Database } from 'better-sqlite3';
import { defineTextKey } from './text-key.ts';

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
  // The site owner's tools: a trash that can be restored (SQLite cannot widen a CHECK, so the
  // table is rebuilt and every row copied as it is), pinned comments, the owner's own replies,
  // readers' requests for follow-up mail; and tables for admin sessions and durable mail.
  `
  CREATE TABLE comments_next (
    id INTEGER PRIMARY KEY,
    page_id INTEGER NOT NULL REFERENCES pages (id),
    parent_id INTEGER REFERENCES comments (id),
    root_id INTEGER REFERENCES comments (id),
    depth INTEGER NOT NULL CHECK (depth >= 1),
    status TEXT NOT NULL CHECK (status IN ('approved', 'pending', 'spam', 'trash', 'deleted')),
    trashed_from TEXT CHECK (trashed_from IN ('approved', 'pending', 'spam')),
    pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
    by_owner INTEGER NOT NULL DEFAULT 0 CHECK (by_owner IN (0, 1)),
    notify INTEGER NOT NULL DEFAULT 0 CHECK (notify IN (0, 1)),
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    website TEXT,
    body TEXT NOT NULL,
    html TEXT NOT NULL,
    token_hash TEXT UNIQUE,
    ip_hash TEXT,
    user_agent TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT,
    edited_at TEXT
  );
  INSERT INTO comments_next (id, page_id, parent_id, root_id, depth, status, name, email, website,
    body, html, token_hash, ip_hash, user_agent, created_at, updated_at, edited_at)
  SELECT id, page_id, parent_id, root_id, depth, status, name, email, website,
    body, html, token_hash, ip_hash, user_agent, created_at, updated_at, edited_at
  FROM comments;
  DROP TABLE comments;
  ALTER TABLE comments_next RENAME TO comments;

  CREATE INDEX comments_by_page ON comments (page_id, status, created_at, id);
  CREATE INDEX comments_by_status ON comments (status, id);
  CREATE INDEX comments_by_email ON comments (email COLLATE NOCASE, status);
  CREATE INDEX comments_by_parent ON comments (parent_id);
  CREATE INDEX comments_by_root ON comments (root_id, created_at, id);
  CREATE INDEX comments_top_level ON comments (page_id, parent_id, created_at, id);
  CREATE INDEX comments_by_time ON comments (created_at);
  CREATE INDEX comments_pinned ON comments (page_id, created_at, id) WHERE pinned = 1;
  CREATE TRIGGER comments_inserted AFTER INSERT ON comments BEGIN
    UPDATE pages SET version = version + 1 WHERE id = NEW.page_id;
  END;
  CREATE TRIGGER comments_updated AFTER UPDATE ON comments BEGIN
    UPDATE pages SET version = version + 1 WHERE id IN (OLD.page_id, NEW.page_id);
  END;
  CREATE TRIGGER comments_deleted AFTER DELETE ON comments BEGIN
    UPDATE pages SET version = version + 1 WHERE id = OLD.page_id;
  END;

  CREATE TABLE admin_sessions (
    token_hash TEXT PRIMARY KEY,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );

  -- Mail waits here until the SMTP server takes it, so a restart or an outage loses none.
  CREATE TABLE mail_queue (
    id INTEGER PRIMARY KEY,
    dedupe_key TEXT NOT NULL UNIQUE,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    text TEXT NOT NULL,
    html TEXT NOT NULL,
    headers TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    sending_until TEXT,
    sent_at TEXT,
    last_error TEXT
  );
  CREATE INDEX mail_queue_due ON mail_queue (sent_at, next_attempt_at);

  -- One-click moderation links from notification mail: usable once, until they expire.
  CREATE TABLE action_tokens (
    token_hash TEXT PRIMARY KEY,
    comment_id INTEGER NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('approve', 'spam', 'trash')),
    expires_at TEXT NOT NULL,
    used_at TEXT
  );

  -- Readers who asked for follow-up mail: confirmed once per address, unsubscribed at a click.
  CREATE TABLE subscribers (
    email TEXT PRIMARY KEY COLLATE NOCASE,
    confirm_token_hash TEXT UNIQUE,
    unsubscribe_token_hash TEXT NOT NULL UNIQUE,
    confirmed_at TEXT,
    unsubscribed_at TEXT,
    created_at TEXT NOT NULL
  );
  `,
  // Each page's number of approved comments, kept by the triggers that already keep its
  // version: a thread's heading and an index page's counts no longer count a long thread's rows.
  `
  ALTER TABLE pages ADD COLUMN approved_count INTEGER NOT NULL DEFAULT 0;
  UPDATE pages SET approved_count = (
    SELECT count(*) FROM comments WHERE comments.page_id = pages.id AND comments.status = 'approved'
  );

  DROP TRIGGER comments_inserted;
  CREATE TRIGGER comments_inserted AFTER INSERT ON comments BEGIN
    UPDATE pages SET version = version + 1,
      approved_count = approved_count + (NEW.status = 'approved')
    WHERE id = NEW.page_id;
  END;
  DROP TRIGGER comments_updated;
  CREATE TRIGGER comments_updated AFTER UPDATE ON comments BEGIN
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
    WHERE id = OLD.page_id;
  END;
  `,
  // First-time moderation asks which names an address has approved comments under: with the
  // name in the index by email, that is read from the index alone, however many comments a
  // regular has. The lookups by email alone use the same index as before.
  `
  DROP INDEX comments_by_email;
  CREATE INDEX comments_by_email ON comments (email COLLATE NOCASE, status, name);
  `,
  // What a held comment cannot change. A page's version now moves only with what readers see
  // (an approved comment or a placeholder comes, changes or goes), so its ETag tells nobody that
  // a held comment arrived, was edited or went. The title a held comment's post carried waits
  // beside it and names the page only if the site owner approves that comment.
  `
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
  `,
  // The duplicate check compares each comment's normalised text (server/storage/text-key.ts), kept
  // as a hash beside it and indexed with its page and email: one lookup, where it had read every
  // comment its author ever wrote. The server stores the key with each comment it writes; the
  // triggers key the texts other writers store without one (importers, the site owner's edits).
  `
  ALTER TABLE comments ADD COLUMN text_key TEXT;
  -- Keying a text changes nothing readers see: the versions the triggers move are put back.
  CREATE TEMP TABLE versions_before (id INTEGER PRIMARY KEY, version INTEGER NOT NULL);
  INSERT INTO versions_before SELECT id, version FROM pages;
  UPDATE comments SET text_key = comment_text_key(body);
  UPDATE pages SET version = (SELECT version FROM versions_before WHERE versions_before.id = pages.id);
  DROP TABLE versions_before;
  CREATE INDEX comments_by_text ON comments (page_id, text_key, email COLLATE NOCASE);
  CREATE TRIGGER comments_text_keyed AFTER INSERT ON comments
  WHEN NEW.text_key IS NULL BEGIN
    UPDATE comments SET text_key = comment_text_key(NEW.body) WHERE id = NEW.id;
  END;
  CREATE TRIGGER comments_text_rekeyed AFTER UPDATE OF body ON comments
  WHEN NEW.text_key IS OLD.text_key BEGIN
    UPDATE comments SET text_key = comment_text_key(NEW.body) WHERE id = NEW.id;
  END;
  `,
  // The dashboard lists pages by address, a part at a time, and finds a site's pages as one
  // range of addresses: through this index each part costs its own length, not the site's size.
  `
  CREATE INDEX pages_by_url ON pages (url);
  `,
];

/**
 * Brings the database up to the newest schema (or to `target`), one immediate transaction per
 * step. Foreign keys are off while the steps run, as SQLite asks for when a table is rebuilt,
 * and every step must leave them intact before it commits.
 */
export function migrate(db: Database, target = MIGRATIONS.length): void {
  // Before anything else: the schema's triggers call it on every connection that writes.
  defineTextKey(db);
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `The database is at schema version ${current}, newer than this program knows (${MIGRATIONS.length}). Upgrade Leave a Reply before opening it.`,
    );
  }
  if (current >= target) return;
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    for (let version = current; version < target; version++) {
      const step = db.transaction(() => {
        db.exec(MIGRATIONS[version] as string);
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length > 0) {
          throw new Error(`Migration ${version + 1} would break ${broken.length} references.`);
        }
        db.pragma(`user_version = ${version + 1}`);
      });
      step.immediate();
    }
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
}
