/**
 * The SQL of imports: pages found or added by key, comments found by the token hash of their
 * old identity and stored under their parents, and the rows of the site's own export written
 * back as they are. An import calls these inside its one write transaction, once its whole file
 * has been read (server/import/importer.ts), so that the server's writes never wait on the
 * reading of a file. PostgreSQL's twin is postgres/import-store.ts.
 */
import type { Database } from 'better-sqlite3';
import type { CommentStatus } from '../../shared/types.ts';
import type { NewCommentRow } from './rows.ts';
import { createSiteRows, type Row, type TableName, type Value } from './site-export.ts';

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

/** A page an import found or added. */
export interface ImportedPage {
  id: number;
  created: boolean;
}

/** A comment an earlier import stored, as a reply to it needs to know it. */
export interface ImportedComment {
  id: number;
  depth: number;
  rootId: number;
}

/** What an import writes, as SQLite runs it; every engine gives it asynchronously (Storage). */
export type ImportRows = ReturnType<typeof createImportStore>;

function prepare(db: Database) {
  return {
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
    site: createSiteRows(db),
  };
}

/**
 * When the publication of a page found again is to be `published` (the export's post date) or,
 * when the file has none, its oldest comment's time if that is older than what is known.
 */
export function publicationOf(
  known: string | null,
  createdAt: string,
  published: string | null,
): string {
  return published ?? (known === null || createdAt < known ? createdAt : known);
}

export function createImportStore(db: Database) {
  // Prepared when an import first asks: the server, which never imports, does not pay for them.
  let prepared: ReturnType<typeof prepare> | undefined;
  const statements = () => {
    prepared ??= prepare(db);
    return prepared;
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
    ): ImportedPage {
      const found = statements().findPage.get(key);
      if (!found) {
        const row = statements().insertPage.get(key, url, title, createdAt, published ?? createdAt);
        return { id: (row as { id: number }).id, created: true };
      }
      const at = publicationOf(found.published_at, createdAt, published);
      if (at !== found.published_at) statements().setPublished.run(at, found.id);
      return { id: found.id, created: false };
    },
    /** The comment an earlier import stored with this token hash, or null. */
    findImported(tokenHash: string): ImportedComment | null {
      const row = statements().findImported.get(tokenHash);
      return row ? { id: row.id, depth: row.depth, rootId: row.root_id ?? row.id } : null;
    },
    /** Stores one comment; returns its id. */
    insertComment(row: ImportedCommentRow): number {
      return (statements().insertComment.get(row) as { id: number }).id;
    },
    /** The ids of the comments the database holds. */
    commentIds: (): number[] => statements().site.commentIds(),
    /** The row of the site's own export in `table` whose key is `key`, or null. */
    findSiteRow: (table: TableName, key: Value): Row | null => statements().site.find(table, key),
    /** Adds a row of the site's own export as it is, its id kept. */
    insertSiteRow: (table: TableName, row: Row): void => statements().site.insert(table, row),
    /** Puts back a page's version, which the inserts of its comments moved. */
    setPageVersion: (id: Value, version: Value): void =>
      statements().site.setPageVersion(id, version),
    /**
     * Checks references once, at commit, for the rest of the transaction: rows go in by id, and
     * a reply may in principle name a parent with a higher id.
     */
    deferForeignKeys: (): void => statements().site.deferForeignKeys(),
    /**
     * Makes new rows' ids go on after the highest id stored, once rows went in with their own.
     * SQLite does so by itself (a new row takes the largest id plus one).
     */
    continueIds(): void {},
  };
}
