/**
 * Brings the schema to version 4. Shipped, so never edited, not even its white space: a
 * change comes as a new migration.
 *
 * The site owner's tools: a trash that can be restored (SQLite cannot widen a CHECK, so the table
 * is rebuilt and every row copied as it is), pinned comments, the owner's own replies, readers'
 * requests for follow-up mail; and tables for admin sessions and durable mail.
 */
export const OWNER_TOOLS_AND_MAIL = `
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
  `;
