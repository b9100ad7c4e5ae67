/** The site's own export read from PostgreSQL (../site-export.ts's `readAll`). */
import type { Pool } from 'pg';
import { StorageProblem } from '../../errors.ts';
import { MIGRATIONS } from '../migrations.ts';
import {
  EXPORTED_TABLES,
  type Row,
  type SiteRows,
  TABLE_NAMES,
  type TableName,
} from '../site-export.ts';
import { clientTransaction, withClient } from './connection.ts';
import { POSTGRES_MIGRATIONS } from './migrations.ts';
import { LIFE_ID_SETTING } from './settings.ts';

// Table and column names come from EXPORTED_TABLES, never from a file. Text columns are
// COLLATE "C", so keys sort by code point as SQLite's BINARY does, subscribers' emails too.
const SELECT_ALL = Object.fromEntries(
  TABLE_NAMES.map((table) => {
    const { key, columns } = EXPORTED_TABLES[table];
    return [table, `SELECT ${columns.join(', ')} FROM ${table} ORDER BY ${key}`];
  }),
) as Record<TableName, string>;

type SiteExport = ReturnType<SiteRows['readAll']>;

/**
 * The schema version and every table's rows, ordered by key, as of one moment: one REPEATABLE
 * READ transaction on one connection sees a single snapshot, whatever instances write meanwhile.
 */
export function readPgSite(pool: Pool): Promise<SiteExport> {
  return withClient(pool, (client) =>
    clientTransaction(
      client,
      async () => {
        // A whole table at a time may take longer than a request is allowed to.
        await client.query('SET LOCAL statement_timeout = 0');
        // An export names SQLite's schema version, which `import json` reads whatever the
        // engine. The newest PostgreSQL schema has the newest SQLite schema's tables and columns
        // (as postgres-schema.test.ts checks); a database migrated further since is not ours.
        const { rows } = await client.query<{ version: number }>(
          'SELECT version FROM schema_version',
        );
        const version = rows[0]?.version;
        if (version !== POSTGRES_MIGRATIONS.length)
          throw new StorageProblem(
            `The PostgreSQL database is at schema version ${version}, not ${POSTGRES_MIGRATIONS.length} as this program expects: it cannot export it.`,
          );
        const tables = {} as SiteExport['tables'];
        for (const table of TABLE_NAMES)
          tables[table] = (await client.query<Row>(SELECT_ALL[table])).rows;
        tables.settings = tables.settings.filter((row) => row.key !== LIFE_ID_SETTING);
        return { schemaVersion: MIGRATIONS.length, tables };
      },
      'snapshot',
    ),
  );
}
