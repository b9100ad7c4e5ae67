/**
 * The SQL of imports: pages found or added by key, comments found by the token hash of their
 * old identity and stored under their parents, the rows of the site's own export, and the
 * staging table where an import's items wait, read but not written, until its whole file has
 * been read. An import writes everything in one write transaction at the end, so that the
 * server's writes never wait on the reading of a file.
 */
import type { Database } from 'better-sqlite3';
import type { CommentStatus } from '../../shared/types.ts';
import { openDatabase } from './open.ts';
import type { NewCommentRow } from './rows.ts';
import { createSiteRows } from './site-export.ts';
import { writeTransaction } from './transaction.ts';

/**
 * An imported comment as stored: its place in its thread worked out by the importer, the status
 * it had before it was trashed kept, and nothing of the browser that sent it.
 */
export type ImportedCommentRow = Omit<NewCommentRow, 'ipHash' | 'userAgent' | 'notify'> & {
  rootId: number | null;
  trashedFrom: CommentStatus | null;
  /** The duplicate check's key of its text (commentTextKey), worked out before the write. */
  textKey: string;
};

/** Where items read wait for the write: kept, then read back in the order kept. */
export interface ImportStaging {
  keep(item: string): void;
  /** Every item kept, in order; each walk reads them afresh, a few hundred at a time. */
  items(): Iterable<string>;
  /** Forgets every item kept. */
  discard(): void;
}

export type ImportStore = ReturnType<typeof createImportStore>;

/** How many staged items one read brings back: bounded memory, few statements. */
const STAGED_PER_READ = 200;

/** Staging tables made so far on any connection, for their names. */
let stagings = 0;

export function createImportStore(db: Database) {
  const statements = {
    findPage: db.prepare<[string], { id: number; published_at: string | null }>(
      'SELECT id, published_at FROM pages WHERE key = ?',
    ),
    insertPage: db.prepare<[string, string, string | null, string, string], { id: number }>(
      `INSERT INTO pages (key, url, title, created_at, published_at) VALUES (?, ?, ?, ?, ?)
       RETURNING id`,
    ),
    // Never the owner's open_override: an import says when a page was published, not whether
    // its owner wants comments on it.
    setPublished: db.prepare<[string, number]>('UPDATE pages SET published_at = ? WHERE id = ?'),
    findImported: db.prepare<[string], { id: number; depth: number; root_id: number | null }>(
      'SELECT id, depth, root_id FROM comments WHERE token_hash = ?',
    ),
    insertComment: db.prepare<ImportedCommentRow, { id: number }>(
      `INSERT INTO comments (page_id, parent_id, root_id, depth, status, trashed_from, name,
         email, website, body, html, token_hash, created_at, text_key)
       VALUES (@pageId, @parentId, @rootId, @depth, @status, @trashedFrom, @name, @email,
         @website, @body, @html, @tokenHash, @createdAt, @textKey)
       RETURNING id`,
    ),
  };

  return {
    /**
     * The page with this key, added (with this url, title and date) if there is none, for a
     * comment made at `createdAt`. Its publication is `published`, the export's post date, when
     * the file has one: the export is the truth, over when this server first saw the page. A
     * file without one still shows the page was there when its oldest comment was made.
     */
    findOrCreatePage(
      key: string,
      url: string,
      title: string | null,
      createdAt: string,
      published: string | null = null,
    ): { id: number; created: boolean } {
      const found = statements.findPage.get(key);
      if (!found) {
        const row = statements.insertPage.get(key, url, title, createdAt, published ?? createdAt);
        return { id: (row as { id: number }).id, created: true };
      }
      const known = found.published_at;
      const at = published ?? (known === null || createdAt < known ? createdAt : known);
      if (at !== known) statements.setPublished.run(at, found.id);
      return { id: found.id, created: false };
    },
    /** The comment an earlier import stored with this token hash, or null. */
    findImported(tokenHash: string): { id: number; depth: number; rootId: number } | null {
      const row = statements.findImported.get(tokenHash);
      return row ? { id: row.id, depth: row.depth, rootId: row.root_id ?? row.id } : null;
    },
    /** Stores one comment; returns its id. */
    insertComment(row: ImportedCommentRow): number {
      return (statements.insertComment.get(row) as { id: number }).id;
    },
    /** The tables of the site's own export, read whole and written back row by row. */
    site: createSiteRows(db),
    /**
     * Runs an import's writes, `work`, in one write transaction: everything is written, or
     * nothing is. `work` is synchronous: it writes items already read, and no file is read
     * while the write lock is held.
     */
    writeAll<T>(work: () => T): T {
      return writeTransaction(db, work);
    },
    stage: () => createStaging(db),
  };
}

/**
 * A staging table in the connection's temporary database: on disk (SQLite's temporary files),
 * so that a large file's items do not fill memory, and outside the site's database file, so
 * that keeping an item takes no lock the server would wait for. It lives as long as this
 * connection, so an import that is stopped leaves nothing behind.
 */
function createStaging(db: Database): ImportStaging {
  // A table of its own for each import, so that two on one connection keep apart.
  const table = `temp.import_items_${++stagings}`;
  db.exec(`CREATE TABLE ${table} (seq INTEGER PRIMARY KEY, item TEXT NOT NULL)`);
  const keep = db.prepare<[string]>(`INSERT INTO ${table} (item) VALUES (?)`);
  const after = db.prepare<[number, number], { seq: number; item: string }>(
    `SELECT seq, item FROM ${table} WHERE seq > ? ORDER BY seq LIMIT ?`,
  );
  return {
    keep(item) {
      keep.run(item);
    },
    items: () => ({
      *[Symbol.iterator]() {
        // A page at a time rather than one open cursor: the writes between two pages need the
        // connection, which an open cursor would keep busy.
        let last = 0;
        for (;;) {
          const rows = after.all(last, STAGED_PER_READ);
          for (const row of rows) yield row.item;
          if (rows.length < STAGED_PER_READ) return;
          last = (rows.at(-1) as { seq: number }).seq;
        }
      },
    }),
    discard() {
      db.exec(`DROP TABLE IF EXISTS ${table}`);
    },
  };
}

/** The import store of the database at `path` (created and migrated where needed), to close. */
export function openImportStore(path: string): ImportStore & { close(): void } {
  const db = openDatabase(path);
  return { ...createImportStore(db), close: () => db.close() };
}
