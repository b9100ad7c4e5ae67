/**
 * What the PostgreSQL stores run their SQL on: the pool, outside any transaction, or the one
 * connection a transaction holds. A store's method that writes several rows together asks for
 * `atomically`: on the pool it is a transaction of its own on one connection, inside a
 * transaction a savepoint, so that a failure undoes its writes alone, as on SQLite.
 */
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { StorageUnavailable } from '../../errors.ts';

export interface Connection {
  /** Runs one statement with `$1…` parameters; `name` prepares it once per connection. */
  query<Row extends QueryResultRow = QueryResultRow>(
    statement: Statement,
    values?: readonly unknown[],
  ): Promise<{ rows: Row[]; rowCount: number }>;
  /** Runs `work` so that all of its writes happen, or none. */
  atomically<T>(work: (connection: Connection) => Promise<T>): Promise<T>;
}

/** A statement, named so that each connection prepares it once and then only sends values. */
export interface Statement {
  name: string;
  text: string;
}

/** The statements of a store, by name: `statement('pages.find', 'SELECT …')`. */
export function statement(name: string, text: string): Statement {
  return { name, text };
}

/** The first row of `statement`'s answer, or null when it has none. */
export async function one<Row extends QueryResultRow>(
  connection: Connection,
  statement: Statement,
  values: readonly unknown[] = [],
): Promise<Row | null> {
  return (await connection.query<Row>(statement, values)).rows[0] ?? null;
}

/** Every row of `statement`'s answer. */
export async function all<Row extends QueryResultRow>(
  connection: Connection,
  statement: Statement,
  values: readonly unknown[] = [],
): Promise<Row[]> {
  return (await connection.query<Row>(statement, values)).rows;
}

/** Runs `statement`; how many rows it wrote. */
export async function run(
  connection: Connection,
  statement: Statement,
  values: readonly unknown[] = [],
): Promise<number> {
  return (await connection.query(statement, values)).rowCount;
}

/** The SQL of every statement of `groups`, by name, as the SQLite stores give theirs. */
export function sourcesOf(...groups: Record<string, Statement>[]): Record<string, string> {
  return Object.fromEntries(
    groups.flatMap((statements) => Object.values(statements).map(({ name, text }) => [name, text])),
  );
}

async function send<Row extends QueryResultRow>(
  target: Pool | PoolClient,
  { name, text }: Statement,
  values: readonly unknown[],
): Promise<{ rows: Row[]; rowCount: number }> {
  try {
    const result = await target.query<Row>({ name, text, values: values as unknown[] });
    return { rows: result.rows, rowCount: result.rowCount ?? 0 };
  } catch (error) {
    throw asUnavailable(error);
  }
}

/** Failures of the server or of the way to it, rather than of the statement. */
// Class 08 (the connection), 57P0x (the server shutting down or starting), 53 (out of disk,
// memory or connections), a read-only transaction (a standby), a statement timeout, and the
// conflicts a retry resolves (serialization, deadlock, a lock not granted).
const UNAVAILABLE_STATES = /^(08|57P0|53|25006$|57014$|40001$|40P01$|55P03$)/;
const UNAVAILABLE_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
]);
/** What node-postgres says, with no code, when no connection could be had or one was cut. */
const UNAVAILABLE_MESSAGES =
  /timeout exceeded when trying to connect|Connection terminated|connection timeout|Client has encountered a connection error/i;

/** `error` as a StorageUnavailable when the database is out of reach, else as it is. */
export function asUnavailable(error: unknown): unknown {
  if (error instanceof StorageUnavailable || !(error instanceof Error)) return error;
  const code = (error as { code?: unknown }).code;
  const unavailable =
    typeof code === 'string'
      ? UNAVAILABLE_STATES.test(code) || UNAVAILABLE_ERRNOS.has(code)
      : UNAVAILABLE_MESSAGES.test(error.message);
  return unavailable
    ? new StorageUnavailable(`The PostgreSQL database cannot be used now: ${error.message}`, {
        cause: error,
      })
    : error;
}

/** The connection of a transaction open on `client`. */
export function transactionConnection(client: PoolClient): Connection {
  const connection: Connection = {
    query: (statement, values = []) => send(client, statement, values),
    async atomically(work) {
      await client.query('SAVEPOINT work');
      try {
        const value = await work(connection);
        await client.query('RELEASE work');
        return value;
      } catch (error) {
        await client.query('ROLLBACK TO work');
        await client.query('RELEASE work');
        throw error;
      }
    },
  };
  return connection;
}

/** How a transaction begins: a write, or a read of one snapshot (exports, copies). */
export type TransactionKind = 'write' | 'snapshot';
const BEGIN: Record<TransactionKind, string> = {
  write: 'BEGIN',
  snapshot: 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
};

/**
 * The one door of every PostgreSQL transaction: runs `work` in a transaction on `client`, all
 * of it or none. A ROLLBACK that fails means the connection is gone: that failure is thrown as
 * StorageUnavailable, so that the caller drops the connection rather than pool it.
 */
export async function clientTransaction<T>(
  client: PoolClient,
  work: () => Promise<T>,
  kind: TransactionKind = 'write',
): Promise<T> {
  await client.query(BEGIN[kind]).catch((error: unknown) => {
    throw asUnavailable(error);
  });
  try {
    const value = await work();
    const committed = await client.query('COMMIT').catch((error: unknown) => {
      throw asUnavailable(error);
    });
    // A transaction in which a statement failed (and was caught) is rolled back by its
    // COMMIT, without an error: what the work wrote is gone, and must not be answered as kept.
    if (committed.command !== 'COMMIT')
      throw new Error(
        'The transaction was rolled back: one of its statements failed. A statement that may fail inside a transaction belongs in a nested one.',
      );
    return value;
  } catch (error) {
    if (!(error instanceof StorageUnavailable))
      await client.query('ROLLBACK').catch((failure: Error) => {
        throw new StorageUnavailable(
          `The connection failed while rolling back: ${failure.message}`,
          {
            cause: error,
          },
        );
      });
    throw error;
  }
}

/**
 * Runs `work` on one connection of `pool`, given back to the pool after, or dropped from it if
 * it failed on the way (the server went away).
 */
export async function withClient<T>(
  pool: Pool,
  work: (client: PoolClient) => Promise<T>,
): Promise<T> {
  let client: PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw asUnavailable(error);
  }
  let broken: Error | undefined;
  try {
    return await work(client);
  } catch (error) {
    if (error instanceof StorageUnavailable) broken = error;
    throw error;
  } finally {
    client.release(broken);
  }
}

/** Runs `work` in one write transaction on a connection of `pool`. */
export function inTransaction<T>(
  pool: Pool,
  work: (connection: Connection) => Promise<T>,
): Promise<T> {
  return withClient(pool, (client) =>
    clientTransaction(client, () => work(transactionConnection(client))),
  );
}

/** The connection of `pool` outside any transaction: each statement on whichever is free. */
export function poolConnection(pool: Pool): Connection {
  return {
    query: (statement, values = []) => send(pool, statement, values),
    atomically: (work) => inTransaction(pool, work),
  };
}
