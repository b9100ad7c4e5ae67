/**
 * The PostgreSQL schema as an append-only list, as SQLite's is (../migrations.ts): entry i brings
 * the version in `schema_version` to i + 1. Each entry lives in a file of its own in schema/; a
 * shipped entry is never edited (a test pins each one's SQL by its hash).
 */
import type { Pool, PoolClient } from 'pg';
import { StorageProblem } from '../../errors.ts';
import { clientTransaction } from './connection.ts';
import { SCHEMA_AS_SQLITE_18 } from './schema/01-schema-as-sqlite-18.ts';
import { THROTTLES } from './schema/02-throttles.ts';

export const POSTGRES_MIGRATIONS: readonly string[] = [SCHEMA_AS_SQLITE_18, THROTTLES];

/**
 * The advisory lock every instance takes to migrate: one fixed 64-bit key (the first eight bytes
 * of SHA-256("leave-a-reply schema"), as a signed integer), so that instances started at once
 * migrate one after the other, and the later ones find nothing left to do.
 */
const MIGRATION_LOCK = '-5477358211711597664';

/**
 * Brings the database up to the newest schema (or to `target`), each step in its own
 * transaction, under the migration lock held by one connection of `pool`. A database newer than
 * this program, or one that cannot hold our texts (not UTF-8, no ICU), is refused.
 */
export async function migratePostgres(
  pool: Pool,
  target = POSTGRES_MIGRATIONS.length,
): Promise<void> {
  const client = await pool.connect();
  try {
    // A later step may rewrite a big table: the pool's statement timeout is for requests.
    await client.query('SET statement_timeout = 0');
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migrateUnderLock(client, target);
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    await client.query('RESET statement_timeout');
  } catch (error) {
    // Not put back in the pool: ending its session releases the lock and any open transaction.
    client.release(error instanceof Error ? error : true);
    throw error;
  }
  client.release();
}

/** The version this database's schema is at: 0 for a database never migrated. */
export async function postgresSchemaVersion(client: Pool | PoolClient): Promise<number> {
  const table = await client.query("SELECT to_regclass('schema_version') IS NOT NULL AS found");
  if (!table.rows[0]?.found) return 0;
  const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_version');
  return rows[0]?.version ?? 0;
}

async function migrateUnderLock(client: PoolClient, target: number): Promise<void> {
  await requireUnicode(client);
  const current = await postgresSchemaVersion(client);
  if (current > POSTGRES_MIGRATIONS.length) {
    throw new StorageProblem(
      `The PostgreSQL database is at schema version ${current}, newer than this program knows (${POSTGRES_MIGRATIONS.length}). Upgrade Leave a Reply before opening it.`,
    );
  }
  // Nothing is written to a database that is current: a user that may only read and write rows
  // can run the server once the owner has migrated it.
  for (let version = current; version < target; version++) {
    await clientTransaction(client, async () => {
      if (version === 0)
        await client.query(
          `CREATE TABLE IF NOT EXISTS schema_version (
             one_row boolean PRIMARY KEY DEFAULT true CHECK (one_row),
             version integer NOT NULL
           );
           INSERT INTO schema_version (version) VALUES (0) ON CONFLICT DO NOTHING`,
        );
      await client.query(POSTGRES_MIGRATIONS[version] as string);
      await client.query('UPDATE schema_version SET version = $1', [version + 1]);
    });
  }
}

/**
 * Texts are normalised and case mapped in SQL (comment_text_key) as JavaScript does it, which
 * needs a UTF-8 database and PostgreSQL built with ICU, as the packages of every major system are.
 */
async function requireUnicode(client: PoolClient): Promise<void> {
  const { rows } = await client.query<{ encoding: string; icu: boolean }>(
    `SELECT current_setting('server_encoding') AS encoding,
       EXISTS (SELECT FROM pg_collation WHERE collname = 'und-x-icu') AS icu`,
  );
  const found = rows[0];
  if (found?.encoding !== 'UTF8')
    throw new StorageProblem(
      `The PostgreSQL database's encoding is ${found?.encoding}: Leave a Reply needs UTF8. Create it with CREATE DATABASE name ENCODING 'UTF8' TEMPLATE template0.`,
    );
  if (!found.icu)
    throw new StorageProblem(
      'This PostgreSQL server was built without ICU (it has no collation "und-x-icu"), which Leave a Reply needs to compare texts as the server does. Use a build with ICU, as the packages of Debian, Ubuntu, Red Hat and the official Docker images are.',
    );
}
