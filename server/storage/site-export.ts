/**
 * The tables the site's own export carries (`leave-a-reply export` and `import json`), read whole
 * in one moment and written back row by row, every id kept.
 */
import type { Database, Statement } from 'better-sqlite3';
import { readTransaction } from './transaction.ts';

export type Value = string | number | null;
export type Row = Record<string, Value>;

/**
 * Columns the database works out from other rows (by triggers): rebuilt on import, not carried.
 * Readers' likes are not carried (the likes table, whose voters are hashed with this server's
 * key, and the counts its triggers keep): a site imported elsewhere starts without likes.
 */
export const DERIVED_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  pages: ['approved_count', 'likes_version'],
  comments: ['text_key', 'likes'],
};

/**
 * Every column of every table exported but the derived ones, in schema order: the order of keys
 * in the file.
 * Admin sessions are secrets of the moment; mail_queue, action_tokens and held_views are
 * transient work (mail waiting, one-click links that expire within days, one-time views of a
 * held comment that expire within the hour), so none of them travel. Nor do verified_addresses:
 * each row is a reader's browser's secret, good only with the server that confirmed it (readers
 * verify again on a new server); the `verified` mark of the comments posted with them travels.
 */
export const EXPORTED_TABLES = {
  settings: { key: 'key', columns: ['key', 'value'] },
  pages: {
    key: 'id',
    columns: [
      'id',
      'key',
      'url',
      'title',
      'created_at',
      'version',
      'published_at',
      'open_override',
    ],
  },
  comments: {
    key: 'id',
    columns: [
      'id',
      'page_id',
      'parent_id',
      'root_id',
      'depth',
      'status',
      'trashed_from',
      'pinned',
      'by_owner',
      'notify',
      'name',
      'email',
      'website',
      'body',
      'html',
      'token_hash',
      'ip_hash',
      'user_agent',
      'created_at',
      'updated_at',
      'edited_at',
      'lang',
      'verified',
    ],
  },
  subscribers: {
    key: 'email',
    columns: [
      'email',
      'confirm_token_hash',
      'unsubscribe_token_hash',
      'confirmed_at',
      'unsubscribed_at',
      'created_at',
      'lang',
    ],
  },
} as const;

/** Columns that came after the first exports, by the schema version that brought each. */
const ADDED_COLUMNS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  pages: { published_at: 11, open_override: 11 },
  comments: { lang: 12, verified: 15 },
  subscribers: { lang: 12 },
};

/**
 * What stands in for `column` in a row of a file exported before the column existed, as the
 * migration that brought it fills it in; undefined when a file of `schemaVersion` must have it.
 * A page's publication is then its creation, which its first comment made; a comment's language
 * (and an address's) is unknown, which reads as English; a comment from before verification was
 * not verified.
 */
export function columnOfOlderExport(
  table: string,
  column: string,
  row: Row,
  schemaVersion: number,
): Value | undefined {
  const since = ADDED_COLUMNS[table]?.[column];
  if (since === undefined || schemaVersion >= since) return undefined;
  if (column === 'verified') return 0;
  return column === 'published_at' ? (row.created_at ?? null) : null;
}

export type TableName = keyof typeof EXPORTED_TABLES;
export const TABLE_NAMES = Object.keys(EXPORTED_TABLES) as TableName[];

export type SiteRows = ReturnType<typeof createSiteRows>;

interface TableStatements {
  all: Statement<[], Row>;
  find: Statement<[Value], Row>;
  insert: Statement<[Row]>;
}

export function createSiteRows(db: Database) {
  // Table and column names come from EXPORTED_TABLES above, never from a file: only values
  // are parameters.
  const statements = Object.fromEntries(
    TABLE_NAMES.map((table) => {
      const { key, columns } = EXPORTED_TABLES[table];
      const list = columns.join(', ');
      return [
        table,
        {
          // BINARY order for subscribers too, whose email column compares ignoring case.
          all: db.prepare<[], Row>(`SELECT ${list} FROM ${table} ORDER BY ${key} COLLATE BINARY`),
          find: db.prepare<[Value], Row>(`SELECT ${list} FROM ${table} WHERE ${key} = ?`),
          insert: db.prepare<[Row]>(
            `INSERT INTO ${table} (${list}) VALUES (${columns.map((column) => `@${column}`).join(', ')})`,
          ),
        },
      ];
    }),
  ) as Record<TableName, TableStatements>;
  const commentIds = db.prepare<[], number>('SELECT id FROM comments').pluck();
  const setVersion = db.prepare<{ id: Value; version: Value }>(
    'UPDATE pages SET version = @version WHERE id = @id',
  );

  return {
    /** The schema version and every table's rows, ordered by key, as of one moment. */
    readAll(): { schemaVersion: number; tables: Record<TableName, Row[]> } {
      // One read transaction: a server writing meanwhile cannot tear the export.
      return readTransaction(db, () => ({
        schemaVersion: db.pragma('user_version', { simple: true }) as number,
        tables: Object.fromEntries(
          TABLE_NAMES.map((table) => [table, statements[table].all.all()]),
        ) as Record<TableName, Row[]>,
      }));
    },
    /** The ids of the comments the database holds. */
    commentIds(): number[] {
      return commentIds.all() as number[];
    },
    /** The row of `table` whose key is `key`, or null. */
    find(table: TableName, key: Value): Row | null {
      return statements[table].find.get(key) ?? null;
    },
    /** Adds a row as it is, its id kept. */
    insert(table: TableName, row: Row): void {
      statements[table].insert.run(row);
    },
    /** Puts back a page's version, which the inserts of its comments moved. */
    setPageVersion(id: Value, version: Value): void {
      setVersion.run({ id, version });
    },
    /**
     * Checks references once, at commit, for the rest of the transaction: rows go in by id, and
     * a reply may in principle name a parent with a higher id.
     */
    deferForeignKeys(): void {
      db.pragma('defer_foreign_keys = ON');
    },
  };
}
