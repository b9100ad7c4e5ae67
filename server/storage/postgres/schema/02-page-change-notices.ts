/**
 * Brings the PostgreSQL schema to version 2. Once shipped, never edited: a change comes as a
 * new migration.
 *
 * Instances that share the database keep pages' versions in memory (page-version-cache.ts):
 * each change to what a page's version answers (its id, key, version, publication, opening)
 * is told on commit on the channel page_changes, with the page's key as payload, to every
 * instance listening. A rolled-back change tells nothing; a key changed tells both keys.
 */
export const PAGE_CHANGE_NOTICES = `
  CREATE FUNCTION pages_notify() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP <> 'INSERT' THEN
      PERFORM pg_notify('page_changes', OLD.key);
    END IF;
    IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.key IS DISTINCT FROM OLD.key) THEN
      PERFORM pg_notify('page_changes', NEW.key);
    END IF;
    RETURN NULL;
  END $$;
  CREATE TRIGGER pages_inserted_or_deleted_notify AFTER INSERT OR DELETE ON pages
    FOR EACH ROW EXECUTE FUNCTION pages_notify();
  CREATE TRIGGER pages_updated_notify AFTER UPDATE ON pages FOR EACH ROW
    WHEN (OLD.key IS DISTINCT FROM NEW.key
      OR OLD.version IS DISTINCT FROM NEW.version
      OR OLD.published_at IS DISTINCT FROM NEW.published_at
      OR OLD.open_override IS DISTINCT FROM NEW.open_override)
    EXECUTE FUNCTION pages_notify();
  `;
