/**
 * The SQL of imports on PostgreSQL, as ../import-store.ts has it on SQLite: pages found or added
 * by key, comments found by the token hash of their old identity, and the rows of the site's own
 * export written back as they are, every id kept.
 */
import { type ImportedCommentRow, type ImportRows, publicationOf } from '../import-store.ts';
import { EXPORTED_TABLES, type Row, TABLE_NAMES, type TableName } from '../site-export.ts';
import type { Asynchronous } from '../storage.ts';
import { all, type Connection, one, run, type Statement, statement } from './connection.ts';

const statements = {
  findPage: statement('imports.findPage', 'SELECT id, published_at FROM pages WHERE key = $1'),
  // A server may add the page meanwhile: then this insert waits for it, yields, and the page
  // is read again.
  insertPage: statement(
    'imports.insertPage',
    `INSERT INTO pages (key, url, title, created_at, published_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (key) DO NOTHING RETURNING id`,
  ),
  setPublished: statement(
    'imports.setPublished',
    'UPDATE pages SET published_at = $1 WHERE id = $2',
  ),
  findImported: statement(
    'imports.findImported',
    'SELECT id, depth, root_id FROM comments WHERE token_hash = $1',
  ),
  insertComment: statement(
    'imports.insertComment',
    `INSERT INTO comments (page_id, parent_id, root_id, depth, status, trashed_from, name,
       email, website, body, html, token_hash, created_at, text_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     RETURNING id`,
  ),
  commentIds: statement('imports.commentIds', 'SELECT id FROM comments'),
  setPageVersion: statement(
    'imports.setPageVersion',
    'UPDATE pages SET version = $1 WHERE id = $2',
  ),
  deferForeignKeys: statement('imports.deferForeignKeys', 'SET CONSTRAINTS ALL DEFERRED'),
  // The identities of the tables an export carries ids of; the next id is the highest plus one,
  // as SQLite gives it.
  continueIds: statement(
    'imports.continueIds',
    `SELECT setval(pg_get_serial_sequence('pages', 'id'),
         coalesce((SELECT max(id) FROM pages), 0) + 1, false),
       setval(pg_get_serial_sequence('comments', 'id'),
         coalesce((SELECT max(id) FROM comments), 0) + 1, false)`,
  ),
};

// Table and column names come from EXPORTED_TABLES, never from a file: only values are
// parameters.
const SITE_STATEMENTS = Object.fromEntries(
  TABLE_NAMES.map((table) => {
    const { key, columns } = EXPORTED_TABLES[table];
    const list = columns.join(', ');
    const values = columns.map((_, index) => `$${index + 1}`).join(', ');
    return [
      table,
      {
        find: statement(`imports.find.${table}`, `SELECT ${list} FROM ${table} WHERE ${key} = $1`),
        insert: statement(
          `imports.insert.${table}`,
          `INSERT INTO ${table} (${list}) VALUES (${values})`,
        ),
      },
    ];
  }),
) as Record<TableName, { find: Statement; insert: Statement }>;

export function createPgImportStore(connection: Connection): Asynchronous<ImportRows> {
  return {
    async findOrCreatePage(key, url, title, createdAt, published = null) {
      const found = await one<{ id: number; published_at: string | null }>(
        connection,
        statements.findPage,
        [key],
      );
      if (!found) {
        const added = await one<{ id: number }>(connection, statements.insertPage, [
          key,
          url,
          title,
          createdAt,
          published ?? createdAt,
        ]);
        if (added) return { id: added.id, created: true };
        return this.findOrCreatePage(key, url, title, createdAt, published);
      }
      const at = publicationOf(found.published_at, createdAt, published);
      if (at !== found.published_at) await run(connection, statements.setPublished, [at, found.id]);
      return { id: found.id, created: false };
    },
    async findImported(tokenHash) {
      const row = await one<{ id: number; depth: number; root_id: number | null }>(
        connection,
        statements.findImported,
        [tokenHash],
      );
      return row ? { id: row.id, depth: row.depth, rootId: row.root_id ?? row.id } : null;
    },
    async insertComment(row: ImportedCommentRow) {
      const inserted = await one<{ id: number }>(connection, statements.insertComment, [
        row.pageId,
        row.parentId,
        row.rootId,
        row.depth,
        row.status,
        row.trashedFrom,
        row.name,
        row.email,
        row.website,
        row.body,
        row.html,
        row.tokenHash,
        row.createdAt,
        row.textKey,
      ]);
      return (inserted as { id: number }).id;
    },
    commentIds: async () =>
      (await all<{ id: number }>(connection, statements.commentIds)).map(({ id }) => id),
    findSiteRow: (table, key) => one<Row>(connection, SITE_STATEMENTS[table].find, [key]),
    async insertSiteRow(table, row) {
      const values = EXPORTED_TABLES[table].columns.map((column) => row[column] ?? null);
      await run(connection, SITE_STATEMENTS[table].insert, values);
    },
    async setPageVersion(id, version) {
      await run(connection, statements.setPageVersion, [version, id]);
    },
    async deferForeignKeys() {
      await run(connection, statements.deferForeignKeys);
    },
    async continueIds() {
      await run(connection, statements.continueIds);
    },
  };
}
