/**
 * Scenes no API can set, and facts no API reads, on either engine: a row as an older version or
 * another program left it (a backdated comment, a job's next try moved), written or read with
 * one plain statement on the test's own database, SQLite's file or the PostgreSQL database
 * alike; a database for the processes a test runs; whether anything was written; a database
 * that refuses writes.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect } from 'vitest';
import type { StorageSettings } from '../../server/storage/database-name.ts';
import { ON_POSTGRES, type TestApp } from './app.ts';
import { pathOf } from './mail.ts';
import { createTestDatabase, type TestDatabase } from './postgres.ts';
import { queryOnce } from './postgres-query.ts';
import type { Settings } from './test-apps.ts';

/** What these helpers need of a test app: its settings, and on SQLite its connection. */
type OnDatabase = Pick<TestApp, 'config' | 'db'>;

/** A value a statement's `?` takes. */
export type SqlValue = string | number | bigint | null;

/**
 * Runs `sql`, with `?` for each of `params` (never inside a quoted literal), on the database of
 * the running test app, and returns the rows it answers (none for a write). On SQLite it goes
 * through the app's own connection; on PostgreSQL through a connection of its own, with bigint
 * read as a number as the server reads it.
 */
export function runSql<Row>(
  test: OnDatabase,
  sql: string,
  params: readonly SqlValue[] = [],
): Promise<Row[]> {
  if (test.config.databaseUrl) return runOnPostgres<Row>(test.config.databaseUrl, sql, params);
  return Promise.resolve(runOnSqlite<Row>(test.db, sql, params));
}

/**
 * Runs `sql` as `runSql` does, on the database `settings` name while no app of the test has
 * it open (before a process starts, after it stopped): SQLite's file is opened for the one
 * statement.
 */
export async function runSqlAt<Row>(
  settings: StorageSettings,
  sql: string,
  params: readonly SqlValue[] = [],
): Promise<Row[]> {
  if (settings.databaseUrl) return runOnPostgres<Row>(settings.databaseUrl, sql, params);
  const db = new Database(settings.databasePath);
  try {
    return runOnSqlite<Row>(db, sql, params);
  } finally {
    db.close();
  }
}

function runOnSqlite<Row>(db: Database.Database, sql: string, params: readonly SqlValue[]): Row[] {
  const statement = db.prepare(sql);
  if (statement.reader) return statement.all(...params) as Row[];
  statement.run(...params);
  return [];
}

async function runOnPostgres<Row>(
  url: string,
  sql: string,
  params: readonly SqlValue[],
): Promise<Row[]> {
  let n = 0;
  const numbered = sql.replace(/\?/g, () => `$${++n}`);
  return (await queryOnce(url, numbered, params)) as Row[];
}

/**
 * Writes `rows` (each with the same columns) into `table` as runSql would, with as few
 * statements as the engines' bounds on a statement's parameters allow (SQLite's 32,766,
 * PostgreSQL's 65,535): a scene of thousands of rows, written in a moment on either engine.
 */
export async function insertRows(
  test: OnDatabase,
  table: string,
  rows: readonly Record<string, SqlValue>[],
): Promise<void> {
  const columns = Object.keys(rows[0] ?? {});
  const perStatement = Math.floor(30_000 / Math.max(columns.length, 1));
  const placeholders = `(${columns.map(() => '?').join(', ')})`;
  for (let from = 0; from < rows.length; from += perStatement) {
    const part = rows.slice(from, from + perStatement);
    await runSql(
      test,
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${part.map(() => placeholders).join(', ')}`,
      part.flatMap((row) => columns.map((column) => row[column] ?? null)),
    );
  }
}

/**
 * Registers, after each test of the calling file, dropping every database made with the
 * returned function, which gives the settings (as the environment has them) of a fresh database
 * for the processes a test runs in `dir`: SQLite's file there, or in the PostgreSQL run a new
 * database of the run's cluster. Call it before `useServerProcesses`, so that the servers are
 * stopped before their databases go.
 */
export function useProcessDatabases(): (dir: string) => Promise<Settings> {
  const made: TestDatabase[] = [];
  afterEach(async () => {
    for (const database of made.splice(0)) await database.drop();
  });
  return async (dir) => {
    const env: Settings = { DATABASE_PATH: join(dir, 'comments.db') };
    if (!ON_POSTGRES) return env;
    const database = await createTestDatabase();
    made.push(database);
    return { ...env, DATABASE_URL: database.url };
  };
}

/** The storage settings of `env`, as the server reads them from the environment. */
export function storageOf(env: Settings): StorageSettings {
  return {
    databasePath: env.DATABASE_PATH ?? './data/comments.db',
    databaseUrl: env.DATABASE_URL ?? null,
    databasePoolSize: 1,
  };
}

/**
 * A mark of what the test app's database holds that any write moves: SQLite's count of the
 * changes made on the app's connection; on PostgreSQL, every row's version (where it lies and
 * the transaction that wrote it), which an insert, an update (even to the same values) or a
 * delete changes. Two marks are equal when nothing was written between them.
 */
export async function writeMark(test: OnDatabase): Promise<unknown> {
  if (!test.config.databaseUrl)
    return test.db.prepare('SELECT total_changes()').pluck().get() as number;
  const versions = (await tableNames(test)).map(
    (name) =>
      `SELECT '${name}' AS row_table, ctid::text AS at, xmin::text AS written FROM "${name}"`,
  );
  return runSql(test, `${versions.join(' UNION ALL ')} ORDER BY row_table, at`);
}

/** How many rows the test app's `table` holds. */
export async function rowCount(test: OnDatabase, table: string): Promise<number> {
  const [row] = await runSql<{ n: number }>(test, `SELECT count(*) AS n FROM ${table}`);
  if (row === undefined) throw new Error(`count(*) of ${table} answered no row`);
  return row.n;
}

/**
 * The path and query of the first link `pattern` finds in the text of the mail queued as
 * `dedupeKey`.
 */
export async function queuedMailLink(
  test: OnDatabase,
  dedupeKey: string,
  pattern: RegExp,
): Promise<string> {
  const [row] = await runSql<{ text: string }>(
    test,
    'SELECT text FROM mail_queue WHERE dedupe_key = ?',
    [dedupeKey],
  );
  const found = pattern.exec(row?.text ?? '')?.[1];
  if (!found) throw new Error(`No link like ${pattern} in mail ${dedupeKey}: ${row?.text}`);
  return pathOf(found);
}

/** Confirms `email`'s wish for reply mail with the link of the confirmation queued for it. */
export async function confirmQueuedMail(
  test: OnDatabase & Pick<TestApp, 'app'>,
  email: string,
): Promise<void> {
  const link = await queuedMailLink(test, `confirm:${email}`, /(\S+\/mail\/confirm\?token=\S+)/);
  expect((await test.app.inject({ method: 'POST', url: link })).statusCode).toBe(200);
}

/**
 * Makes the test app's database refuse every write until the returned function is called:
 * SQLite's query_only; on PostgreSQL a trigger on every table that fails each write as a
 * read-only transaction does (SQLSTATE 25006), as a standby the server was pointed at would.
 */
export async function refuseWrites(test: OnDatabase): Promise<() => Promise<void>> {
  if (!test.config.databaseUrl) {
    test.db.pragma('query_only = ON');
    return async () => {
      test.db.pragma('query_only = OFF');
    };
  }
  await runSql(
    test,
    `CREATE FUNCTION refuse_writes() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       RAISE EXCEPTION 'cannot execute % in a read-only transaction', TG_OP
         USING ERRCODE = 'read_only_sql_transaction';
     END $$`,
  );
  for (const name of await tableNames(test))
    await runSql(
      test,
      `CREATE TRIGGER refuse_writes BEFORE INSERT OR UPDATE OR DELETE ON "${name}"
       FOR EACH STATEMENT EXECUTE FUNCTION refuse_writes()`,
    );
  return async () => {
    await runSql(test, 'DROP FUNCTION refuse_writes() CASCADE');
  };
}

/** The names of the PostgreSQL database's tables. */
async function tableNames(test: OnDatabase): Promise<string[]> {
  const tables = await runSql<{ name: string }>(
    test,
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  return tables.map(({ name }) => name);
}
