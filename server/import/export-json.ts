/**
 * `leave-a-reply export` and `import json`: the whole site (pages, comments, settings,
 * subscribers) as one deterministic JSON document, and back, losslessly.
 */

import type { Database } from 'better-sqlite3';
import { ImportRefused } from '../errors.ts';
import { MIGRATIONS } from '../storage/migrations.ts';

export const EXPORT_FORMAT = 'leave-a-reply/1';

type Value = string | number | null;
type Row = Record<string, Value>;

/** Columns the database works out from other rows (by triggers): rebuilt on import, not carried. */
export const DERIVED_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  pages: ['approved_count'],
  comments: ['text_key'],
};

/**
 * Every column of every table exported but the derived ones, in schema order: the order of keys
 * in the file.
 * Admin sessions are secrets of the moment; mail_queue and action_tokens are transient work
 * (mail waiting, one-click links that expire within days), so none of them travel.
 */
export const EXPORTED_TABLES = {
  settings: { key: 'key', columns: ['key', 'value'] },
  pages: { key: 'id', columns: ['id', 'key', 'url', 'title', 'created_at', 'version'] },
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
    ],
  },
} as const;

type TableName = keyof typeof EXPORTED_TABLES;
const TABLE_NAMES = Object.keys(EXPORTED_TABLES) as TableName[];

export interface ExportDocument {
  format: typeof EXPORT_FORMAT;
  schemaVersion: number;
  settings: Row[];
  pages: Row[];
  comments: Row[];
  subscribers: Row[];
}

/** Reads everything that makes up the site, rows ordered by their key. */
export function exportSite(db: Database): ExportDocument {
  // One read transaction: a server writing meanwhile cannot tear the export.
  return db.transaction(() => {
    const document: ExportDocument = {
      format: EXPORT_FORMAT,
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
      settings: [],
      pages: [],
      comments: [],
      subscribers: [],
    };
    for (const table of TABLE_NAMES) {
      const { key, columns } = EXPORTED_TABLES[table];
      // BINARY order for subscribers too, whose email column compares ignoring case.
      document[table] = db
        .prepare(`SELECT ${columns.join(', ')} FROM ${table} ORDER BY ${key} COLLATE BINARY`)
        .all() as Row[];
    }
    return document;
  })();
}

/** The export as text: stable key order and indentation, so equal sites give equal bytes. */
export function formatExport(document: ExportDocument): string {
  return JSON.stringify(document, null, 2);
}

/** Parses an export, naming the line and column of a syntax error and each missing field. */
export function parseExport(text: string): ExportDocument {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    throw new ImportRefused(
      `The file is not valid JSON (cut short, or not an export): ${describeJsonError(source, error)}.`,
    );
  }
  return checkDocument(parsed);
}

/** What JSON.parse found wrong in `source`, and where: "REASON at line L, column C". */
export function describeJsonError(source: string, error: SyntaxError): string {
  const { line, column } = locate(source, errorPosition(source, error.message));
  const reason = error.message
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/, .*is not valid JSON$/s, '');
  return `${reason} at line ${line}, column ${column}`;
}

/** Where in `text` JSON.parse failed, from the position its message gives. */
function errorPosition(text: string, message: string): number {
  const position = /at position (\d+)/.exec(message);
  if (position) return Math.min(Number(position[1]), text.length);
  // "Unexpected end of JSON input" gives no position: the input ran out at its end.
  if (/end of JSON input/.test(message)) return text.length;
  // V8 names an unexpected token without its position; the longest prefix that is still
  // valid or merely unfinished ends right before it (O(n log n), once, for a failed import).
  let good = 0;
  let bad = text.length;
  while (bad - good > 1) {
    const middle = Math.floor((good + bad) / 2);
    if (parsesSoFar(text.slice(0, middle))) good = middle;
    else bad = middle;
  }
  return good;
}

function parsesSoFar(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return true;
  } catch (error) {
    // Unfinished input fails at its very end: no position given, or the prefix's length.
    const { message } = error as Error;
    const position = /at position (\d+)/.exec(message);
    return /end of JSON input/.test(message) || Number(position?.[1]) === prefix.length;
  }
}

/** The 1-based line and column of a position in `text`. */
function locate(text: string, at: number): { line: number; column: number } {
  const before = text.slice(0, at);
  return { line: before.split('\n').length, column: at - before.lastIndexOf('\n') };
}

function checkDocument(parsed: unknown): ExportDocument {
  if (!isObject(parsed)) throw new ImportRefused('The file is not a Leave a Reply export.');
  if (parsed.format !== EXPORT_FORMAT)
    throw new ImportRefused(
      `The file is not a Leave a Reply export: its "format" is ${JSON.stringify(parsed.format)}, not "${EXPORT_FORMAT}".`,
    );
  const version = parsed.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    throw new ImportRefused('The file has no valid "schemaVersion".');
  if (version > MIGRATIONS.length)
    throw new ImportRefused(
      `The file comes from a newer Leave a Reply (schema version ${version}; this one knows ${MIGRATIONS.length}). Upgrade before importing it.`,
    );
  const document: ExportDocument = {
    format: EXPORT_FORMAT,
    schemaVersion: version,
    settings: [],
    pages: [],
    comments: [],
    subscribers: [],
  };
  for (const table of TABLE_NAMES) {
    const rows = parsed[table];
    if (!Array.isArray(rows)) throw new ImportRefused(`The file has no "${table}" list.`);
    const { columns } = EXPORTED_TABLES[table];
    rows.forEach((row: unknown, index) => {
      const where = `${table}[${index}]`;
      if (!isObject(row)) throw new ImportRefused(`${where} is not an object.`);
      for (const column of columns) {
        if (!(column in row)) throw new ImportRefused(`${where} has no "${column}".`);
        const value = row[column];
        if (value !== null && typeof value !== 'string' && typeof value !== 'number')
          throw new ImportRefused(`${where}.${column} must be text, a number or null.`);
      }
      const extra = Object.keys(row).find((key) => !(columns as readonly string[]).includes(key));
      if (extra) throw new ImportRefused(`${where} has an unknown field "${extra}".`);
    });
    document[table] = rows as Row[];
  }
  return document;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface ImportResult {
  added: Record<TableName, number>;
  /** Rows already in the database, identical: a re-run import skips them. */
  skipped: Record<TableName, number>;
}

/**
 * Writes an export into the database in one immediate transaction, keeping every id so that
 * parents and roots stay right. A row whose key is already there must be identical (it is
 * skipped); any difference, or comments in the database that the file lacks, stops the import
 * with nothing written.
 */
export function importSite(db: Database, document: ExportDocument): ImportResult {
  const result: ImportResult = {
    added: { settings: 0, pages: 0, comments: 0, subscribers: 0 },
    skipped: { settings: 0, pages: 0, comments: 0, subscribers: 0 },
  };
  const run = db.transaction(() => {
    // Rows go in by id; a reply may in principle name a parent with a higher id, so the
    // references are checked once, at commit.
    db.pragma('defer_foreign_keys = ON');
    const ids = new Set(document.comments.map((row) => row.id));
    const present = db.prepare('SELECT id FROM comments').pluck().all() as number[];
    const foreign = present.filter((id) => !ids.has(id));
    if (foreign.length > 0)
      throw new ImportRefused(
        `The database already has ${foreign.length} comment${foreign.length === 1 ? '' : 's'} that the file does not (the first is #${foreign[0]}); import into a new database.`,
      );
    const addedPages: Row[] = [];
    for (const table of TABLE_NAMES) {
      const { key, columns } = EXPORTED_TABLES[table];
      const find = db.prepare(`SELECT ${columns.join(', ')} FROM ${table} WHERE ${key} = ?`);
      const insert = db.prepare(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((column) => `@${column}`).join(', ')})`,
      );
      for (const row of document[table]) {
        const existing = find.get(row[key]) as Row | undefined;
        if (existing) {
          // A page's version only counts changes for HTTP caches; it is not content.
          const differs = columns.find(
            (column) => column !== 'version' && existing[column] !== row[column],
          );
          if (differs)
            throw new ImportRefused(
              `${table} ${key} ${JSON.stringify(row[key])} is already in the database with a different ${differs}` +
                (table === 'settings'
                  ? '; the server made its own secrets when it first started, so import into a database it has not opened yet.'
                  : '.'),
            );
          result.skipped[table]++;
          continue;
        }
        try {
          insert.run(row);
        } catch (error) {
          throw new ImportRefused(
            `${table} ${key} ${JSON.stringify(row[key])} cannot be stored: ${(error as Error).message}.`,
          );
        }
        if (table === 'pages') addedPages.push(row);
        result.added[table]++;
      }
    }
    // Inserting comments bumped their pages' versions; put back the versions exported.
    const setVersion = db.prepare('UPDATE pages SET version = @version WHERE id = @id');
    for (const page of addedPages) setVersion.run({ id: page.id, version: page.version });
  });
  try {
    run.immediate();
  } catch (error) {
    if (error instanceof ImportRefused) throw error;
    const message = (error as Error).message;
    throw new ImportRefused(
      /FOREIGN KEY/i.test(message)
        ? 'The file refers to pages or comments it does not contain; nothing was imported.'
        : `The import failed, and nothing was written: ${message}`,
    );
  }
  return result;
}
