/**
 * Brings the schema to version 15. Once shipped, never edited, not even its white space: a
 * change comes as a new migration.
 *
 * Verified commenters: a reader's browser asks to verify an address and keeps a secret; the mail
 * sent to that address carries a link whose button confirms that secret. Only the hashes of the
 * secret and of the link's token are kept. A comment that carried a confirmed secret of its own
 * address is marked `verified`, once, when it is stored: the mark never changes afterwards, so
 * a thread's version (and the answers kept for it) still changes only with its comments.
 */
export const VERIFIED_ADDRESSES = `
  CREATE TABLE verified_addresses (
    secret_hash TEXT PRIMARY KEY,
    email TEXT NOT NULL COLLATE NOCASE,
    link_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    confirmed_at TEXT
  ) WITHOUT ROWID;
  CREATE INDEX verified_addresses_by_email ON verified_addresses (email, created_at);
  CREATE INDEX verified_addresses_unconfirmed ON verified_addresses (expires_at)
    WHERE confirmed_at IS NULL;
  ALTER TABLE comments ADD COLUMN verified INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1));
  `;
