/**
 * One statement on a PostgreSQL connection of its own, as another program using the database
 * would run it (a test setting a scene, the bench creating a database), with values read as the
 * server reads them (bigint as a number).
 */
import pg from 'pg';
import { POSTGRES_TYPES } from '../../server/storage/postgres/pool.ts';

/** Runs `sql` with `$1…` for `values` on the database at `url`; the rows it answers. */
export async function queryOnce<Row extends pg.QueryResultRow>(
  url: string,
  sql: string,
  values: readonly unknown[] = [],
): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url, types: POSTGRES_TYPES });
  await client.connect();
  try {
    return (await client.query<Row>(sql, [...values])).rows;
  } finally {
    await client.end();
  }
}
