/** Opening a PostgreSQL database: a pool of connections with the settings every one needs. */
import pg from 'pg';
import { migratePostgres } from './migrations.ts';

/**
 * How values come back: bigint (ids, counts, count(*)) as a JavaScript number, as SQLite's
 * integers do; every id and count fits in 2^53. Other types as node-postgres reads them.
 */
export const POSTGRES_TYPES: pg.CustomTypesConfig = {
  getTypeParser: (oid, format) =>
    oid === pg.types.builtins.INT8 && format !== 'binary'
      ? Number
      : pg.types.getTypeParser(oid, format),
};

export interface PostgresOptions {
  /** At most this many connections at once (default 10). */
  poolSize?: number;
  /**
   * Told of a connection that failed while idle in the pool (the server restarted, a network
   * cut): the pool drops it and opens another when asked. By default one line on stderr.
   */
  onIdleError?: (error: Error) => void;
}

/**
 * Opens a pool on the database at `url` (postgres://USER:PASSWORD@HOST:PORT/DB), migrated. A
 * connection that cannot be made within 2 s fails; a statement that runs over 30 s is cancelled
 * by the server, and a transaction left idle over 60 s ends, so that none holds locks forever.
 */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<pg.Pool> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 2_000,
    statement_timeout: 30_000,
    idle_in_transaction_session_timeout: 60_000,
    application_name: 'leave-a-reply',
    types: POSTGRES_TYPES,
  });
  pool.on(
    'error',
    options.onIdleError ??
      ((error) => console.error(`A PostgreSQL connection failed while idle: ${error.message}`)),
  );
  try {
    await migratePostgres(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return pool;
}
