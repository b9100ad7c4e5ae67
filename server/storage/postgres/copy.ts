/**
 * A copy of every table between a SQLite database and a PostgreSQL one, into an empty target, in
 * one transaction there: rows as they are, ids kept. What triggers derive (pages' versions and
 * counts, comments' likes and text keys) is copied, not derived again: the target's triggers are
 * off while the rows go in. Rows go a batch at a time, so a table of any size fits in memory.
 * Each table's rows are then read back from the target and checked against what was read.
 */
import type { Database } from 'better-sqlite3';
import type { Pool, PoolClient } from 'pg';
import { readTransaction, readTransactionOf, writeTransactionOf } from '../transaction.ts';
import { clientTransaction, withClient } from './connection.ts';
import { RowChecksum } from './row-checksum.ts';
import {
  insertRows,
  quoted,
  selectInKeyOrder,
  type TableShape,
  tableShapes,
} from './table-shapes.ts';

/** A copy that must not start: the target is not empty. */
export class CopyRefused extends Error {}

/** One table as the copy read it from the source and found it in the target. */
export interface TableCheck {
  table: string;
  rows: number;
  checksum: string;
  sourceRows: number;
  sourceChecksum: string;
  ok: boolean;
}

/** Rows per read and per INSERT; PostgreSQL takes at most 65,535 parameters in one statement. */
const BATCH_ROWS = 1000;
const MAX_PARAMETERS = 65_535;

/** Copies `source` into the empty (migrated) PostgreSQL database of `pool`, then checks it. */
export function copySqliteToPostgres(source: Database, pool: Pool): Promise<TableCheck[]> {
  const shapes = tableShapes(source);
  return withClient(pool, async (client) => {
    refuseRows(await postgresTablesWithRows(client, shapes));
    const read = new Map<string, RowChecksum>();
    await clientTransaction(client, async () => {
      await setUpCopySession(client);
      // References are checked at COMMIT: a reply may come before the comment it answers.
      await client.query('SET CONSTRAINTS ALL DEFERRED');
      // USER: every trigger but the foreign keys' own. Undone by COMMIT's ENABLE, or ROLLBACK.
      for (const shape of shapes)
        await client.query(`ALTER TABLE ${quoted(shape.name)} DISABLE TRIGGER USER`);
      // One read transaction: every table as of one moment, while a server may go on writing.
      await readTransactionOf(source, async () => {
        for (const shape of shapes)
          read.set(shape.name, await copyTableToPostgres(source, client, shape));
      });
      // The references checked now, as a table with checks pending cannot be altered.
      await client.query('SET CONSTRAINTS ALL IMMEDIATE');
      for (const shape of shapes)
        await client.query(`ALTER TABLE ${quoted(shape.name)} ENABLE TRIGGER USER`);
      await restartIdentities(client);
    });
    return compare(shapes, read, await postgresChecksums(client, shapes));
  });
}

/**
 * Copies the PostgreSQL database of `pool` into the empty (migrated) SQLite database `target`,
 * then checks it. SQLite cannot switch a trigger off: the target's are dropped and created again
 * from their own SQL in the same transaction, so that its schema ends as it began.
 */
export function copyPostgresToSqlite(pool: Pool, target: Database): Promise<TableCheck[]> {
  const shapes = tableShapes(target);
  refuseRows(shapes.filter((shape) => hasRows(target, shape)).map((shape) => shape.name));
  return withClient(pool, async (client) => {
    const read = new Map<string, RowChecksum>();
    // One snapshot of every table, while a server may go on writing.
    await clientTransaction(
      client,
      async () => {
        await setUpCopySession(client);
        // Held across the reads from PostgreSQL, unlike a server's: the file is this command's.
        await writeTransactionOf(target, async () => {
          target.pragma('defer_foreign_keys = ON');
          const triggers = target
            .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY rowid")
            .all() as { name: string; sql: string }[];
          for (const trigger of triggers) target.exec(`DROP TRIGGER ${quoted(trigger.name)}`);
          for (const shape of shapes)
            read.set(shape.name, await copyTableToSqlite(client, target, shape));
          for (const trigger of triggers) target.exec(trigger.sql);
        });
      },
      'snapshot',
    );
    return compare(shapes, read, sqliteChecksums(target, shapes));
  });
}

function refuseRows(tables: string[]): void {
  if (tables.length > 0)
    throw new CopyRefused(
      `it already holds rows (in ${tables.join(', ')}): a copy goes into an empty database only.`,
    );
}

/** A copy of a big table may outlast the timeouts that keep a server's requests short. */
async function setUpCopySession(client: PoolClient): Promise<void> {
  await client.query('SET LOCAL statement_timeout = 0');
  await client.query('SET LOCAL idle_in_transaction_session_timeout = 0');
}

function hasRows(db: Database, shape: TableShape): boolean {
  return (
    db
      .prepare(`SELECT EXISTS (SELECT 1 FROM ${quoted(shape.name)})`)
      .pluck()
      .get() === 1
  );
}

async function postgresTablesWithRows(client: PoolClient, shapes: TableShape[]): Promise<string[]> {
  const full: string[] = [];
  for (const shape of shapes) {
    const { rows } = await client.query(
      `SELECT EXISTS (SELECT 1 FROM ${quoted(shape.name)}) AS found`,
    );
    if (rows[0]?.found) full.push(shape.name);
  }
  return full;
}

/** `rows` taken a batch at a time. */
export function* batchesOf<T>(rows: Iterable<T>, size: number): Generator<T[]> {
  let batch: T[] = [];
  for (const row of rows) {
    batch.push(row);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

async function copyTableToPostgres(
  source: Database,
  client: PoolClient,
  shape: TableShape,
): Promise<RowChecksum> {
  const checksum = new RowChecksum();
  const perInsert = Math.min(BATCH_ROWS, Math.floor(MAX_PARAMETERS / shape.columns.length));
  const rows = source.prepare(selectInKeyOrder(shape, 'sqlite')).raw().iterate() as Iterable<
    unknown[]
  >;
  for (const batch of batchesOf(rows, perInsert)) {
    for (const row of batch) checksum.add(row);
    // A full batch's statement is prepared once by the server, by its name.
    const full = batch.length === perInsert;
    await client.query({
      ...(full ? { name: `copy ${shape.name}` } : {}),
      text: insertRows(shape, batch.length, 'postgres'),
      values: batch.flat(),
    });
  }
  return checksum;
}

async function copyTableToSqlite(
  client: PoolClient,
  target: Database,
  shape: TableShape,
): Promise<RowChecksum> {
  const checksum = new RowChecksum();
  const insert = target.prepare(insertRows(shape, 1, 'sqlite'));
  for await (const batch of postgresRows(client, selectInKeyOrder(shape, 'postgres'))) {
    for (const row of batch) {
      checksum.add(row);
      insert.run(row);
    }
  }
  return checksum;
}

/** The rows `sql` reads, a batch at a time through a cursor; inside a transaction. */
async function* postgresRows(client: PoolClient, sql: string): AsyncGenerator<unknown[][]> {
  await client.query(`DECLARE copied_rows NO SCROLL CURSOR FOR ${sql}`);
  for (;;) {
    const { rows } = await client.query<unknown[]>({
      text: `FETCH FORWARD ${BATCH_ROWS} FROM copied_rows`,
      rowMode: 'array',
    });
    if (rows.length === 0) break;
    yield rows;
  }
  // Left open only when the copy fails, and then its transaction's ROLLBACK closes it.
  await client.query('CLOSE copied_rows');
}

/** Identity columns go on from the highest id copied, not from 1. */
async function restartIdentities(client: PoolClient): Promise<void> {
  const { rows } = await client.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND is_identity = 'YES'`,
  );
  for (const { table_name: table, column_name: column } of rows)
    await client.query(
      `SELECT setval(pg_get_serial_sequence($1, $2),
         coalesce((SELECT max(${quoted(column)}) FROM ${quoted(table)}), 0) + 1, false)`,
      [quoted(table), column],
    );
}

async function postgresChecksums(
  client: PoolClient,
  shapes: TableShape[],
): Promise<Map<string, RowChecksum>> {
  const found = new Map<string, RowChecksum>();
  await clientTransaction(
    client,
    async () => {
      for (const shape of shapes) {
        const checksum = new RowChecksum();
        for await (const batch of postgresRows(client, selectInKeyOrder(shape, 'postgres')))
          for (const row of batch) checksum.add(row);
        found.set(shape.name, checksum);
      }
    },
    'snapshot',
  );
  return found;
}

function sqliteChecksums(db: Database, shapes: TableShape[]): Map<string, RowChecksum> {
  const found = new Map<string, RowChecksum>();
  readTransaction(db, () => {
    for (const shape of shapes) {
      const checksum = new RowChecksum();
      const rows = db.prepare(selectInKeyOrder(shape, 'sqlite')).raw().iterate() as Iterable<
        unknown[]
      >;
      for (const row of rows) checksum.add(row);
      found.set(shape.name, checksum);
    }
  });
  return found;
}

function compare(
  shapes: TableShape[],
  read: Map<string, RowChecksum>,
  written: Map<string, RowChecksum>,
): TableCheck[] {
  return shapes.map(({ name }) => {
    const source = read.get(name) as RowChecksum;
    const target = written.get(name) as RowChecksum;
    const sourceChecksum = source.digest();
    const checksum = target.digest();
    return {
      table: name,
      rows: target.rows,
      checksum,
      sourceRows: source.rows,
      sourceChecksum,
      ok: source.rows === target.rows && sourceChecksum === checksum,
    };
  });
}
