/**
 * Brings the schema to version 8. Shipped, so never edited, not even its white space: a
 * change comes as a new migration.
 *
 * The duplicate check compares each comment's normalised text (server/storage/text-key.ts), kept
 * as a hash beside it and indexed with its page and email: one lookup, where it had read every
 * comment its author ever wrote. The server stores the key with each comment it writes; the
 * triggers key the texts other writers store without one (importers, the site owner's edits).
 */
export const TEXT_KEYS = `
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
  `;
