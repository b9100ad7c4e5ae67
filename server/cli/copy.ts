/**
 * `copy --to postgres://… [--from FILE.db]` and `copy --from postgres://… --to FILE.db`: every
 * table between SQLite and PostgreSQL, then each table's rows checked in the copy.
 */
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Pool } from 'pg';
import { StorageProblem, UsageError } from '../errors.ts';
import { openDatabase } from '../storage/open.ts';
import {
  CopyRefused,
  copyPostgresToSqlite,
  copySqliteToPostgres,
  type TableCheck,
} from '../storage/postgres/copy.ts';
import { openPostgres } from '../storage/postgres/pool.ts';
import type { Handler } from './command.ts';

const isPostgresUrl = (value: unknown): value is string =>
  typeof value === 'string' && /^postgres(ql)?:\/\//i.test(value);

/** A PostgreSQL URL as it may be printed: without its password. */
function shown(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.href;
  } catch {
    return 'the PostgreSQL database';
  }
}

/** PostgreSQL's refusals to connect (SQLSTATE classes 08, 28, 3D; no privilege) and the network's. */
function cannotConnect(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string')
    return /^(08|28|3D)/.test(code) || code === '42501' || /^E[A-Z]+$/.test(code);
  return error instanceof Error && /timeout|terminated/i.test(error.message);
}

/** The migrated database at `url`, on one connection: a copy runs one transaction. */
async function connect(url: string): Promise<Pool> {
  try {
    return await openPostgres(url, { poolSize: 1 });
  } catch (error) {
    if (!cannotConnect(error)) throw error;
    throw new StorageProblem(
      `Cannot open the PostgreSQL database ${shown(url)}: ${(error as Error).message}. Check the URL (postgres://USER:PASSWORD@HOST:PORT/DB), that the server runs, and that the user may create tables in the database.`,
    );
  }
}

async function toPostgres(file: string, url: string): Promise<TableCheck[]> {
  // openDatabase would make an empty database where there is none, and copy that.
  if (!existsSync(file))
    throw new StorageProblem(
      `There is no database at ${file}. Set DATABASE_PATH, or --from, to the SQLite database to copy.`,
    );
  const source = openDatabase(file);
  try {
    const pool = await connect(url);
    try {
      return await copySqliteToPostgres(source, pool);
    } finally {
      await pool.end();
    }
  } finally {
    source.close();
  }
}

async function toSqlite(url: string, file: string): Promise<TableCheck[]> {
  const pool = await connect(url);
  try {
    const existed = existsSync(file);
    const target = openDatabase(file);
    let copied = false;
    try {
      const checks = await copyPostgresToSqlite(pool, target);
      copied = true;
      return checks;
    } finally {
      target.close();
      // A file this command made for a copy that failed is no database anyone asked for.
      if (!copied && !existed)
        for (const path of [file, `${file}-wal`, `${file}-shm`]) rmSync(path, { force: true });
    }
  } finally {
    await pool.end();
  }
}

function printChecks(checks: TableCheck[]): void {
  const width = Math.max(5, ...checks.map((check) => check.table.length));
  const rowsWidth = Math.max(4, ...checks.map((check) => String(check.rows).length));
  const line = (table: string, rows: string, checksum: string, ok: string) =>
    `${table.padEnd(width)}  ${rows.padStart(rowsWidth)}  ${checksum.padEnd(16)}  ${ok}`;
  console.log(line('table', 'rows', 'checksum', 'ok'));
  for (const check of checks)
    console.log(
      line(
        check.table,
        String(check.rows),
        check.checksum.slice(0, 16),
        check.ok
          ? 'yes'
          : `NO: the source has ${check.sourceRows} rows, checksum ${check.sourceChecksum.slice(0, 16)}`,
      ),
    );
}

export const copy: Handler = {
  check: ({ values }) => {
    if (typeof values.to !== 'string')
      throw new UsageError(
        'Say where to copy to: --to postgres://USER:PASSWORD@HOST:PORT/DB, or --to FILE.db with --from postgres://….',
      );
    if (isPostgresUrl(values.to) === isPostgresUrl(values.from))
      throw new UsageError(
        'A copy goes from SQLite to PostgreSQL or back: one of --from and --to is a postgres:// URL, the other a SQLite file (--from is DATABASE_PATH unless given).',
      );
  },
  run: async ({ config, values }) => {
    const to = values.to as string;
    const from = typeof values.from === 'string' ? values.from : config.databasePath;
    const [source, target] = isPostgresUrl(to)
      ? [resolve(from), shown(to)]
      : [shown(from), resolve(to)];
    process.stderr.write(`Copying ${source} to ${target}\n`);
    let checks: TableCheck[];
    try {
      checks = isPostgresUrl(to)
        ? await toPostgres(resolve(from), to)
        : await toSqlite(from, resolve(to));
    } catch (error) {
      if (!(error instanceof CopyRefused)) throw error;
      console.error(`Cannot copy into ${target}: ${error.message}`);
      return 1;
    }
    printChecks(checks);
    const rows = checks.reduce((sum, check) => sum + check.rows, 0);
    const differing = checks.filter((check) => !check.ok).map((check) => check.table);
    if (differing.length > 0) {
      console.error(
        `The copy in ${target} differs from what was read of its source in ${differing.join(', ')}: do not use it. If a server already writes to it, stop that server and copy again into an empty database.`,
      );
      return 1;
    }
    console.log(
      `Copied ${rows} rows of ${checks.length} tables from ${source} to ${target}: every table's rows and checksum match.`,
    );
    return 0;
  },
};
