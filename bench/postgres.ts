/**
 * The PostgreSQL server the benchmark's PostgreSQL parts run against: a throw-away cluster made
 * as the tests make theirs (tests/helpers/postgres-setup.ts), in a temporary folder, on
 * 127.0.0.1 and a free port. Started by the first part that asks for a database, removed when
 * the benchmark ends; each part gets new, empty databases of its own.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { queryOnce } from '../tests/helpers/postgres-query.ts';
import {
  createCluster,
  findPostgresBinaries,
  type PostgresCluster,
  removeCluster,
  removeClustersOfEndedRuns,
} from '../tests/helpers/postgres-setup.ts';
import { Skipped } from './report.ts';

export interface BenchPostgres {
  /** A new, empty database's URL: postgres://postgres:PASSWORD@127.0.0.1:PORT/NAME. */
  createDatabase(): Promise<string>;
  /**
   * Runs one statement on the database at `url`, on a connection of its own; counts come back as
   * numbers, as the server reads them.
   */
  query<Row extends pg.QueryResultRow>(
    url: string,
    sql: string,
    values?: unknown[],
  ): Promise<Row[]>;
  /** Stops the cluster, if one was started, and removes its folder. */
  remove(): Promise<void>;
}

/** The cluster of this benchmark run, started on first use. */
export function benchPostgres(): BenchPostgres {
  let started: Promise<PostgresCluster> | null = null;
  const cluster = () => {
    started ??= startCluster();
    return started;
  };
  const query = queryOnce;
  return {
    createDatabase: async () => {
      const { url } = await cluster();
      const name = `bench_${randomBytes(6).toString('hex')}`;
      await query(url, `CREATE DATABASE ${name}`);
      const database = new URL(url);
      database.pathname = `/${name}`;
      return database.href;
    },
    query,
    remove: async () => {
      if (!started) return;
      // A cluster that failed to start has removed its own folder.
      const running = await started.catch(() => null);
      if (running) await removeCluster(running);
    },
  };
}

async function startCluster(): Promise<PostgresCluster> {
  const bin = findPostgresBinaries();
  if (!bin)
    throw new Skipped(
      'PostgreSQL is not installed (no initdb, pg_ctl and postgres on PATH nor in /usr/lib/postgresql/*/bin)',
    );
  // What a benchmark or test run killed before its end left behind.
  await removeClustersOfEndedRuns(bin);
  const cluster = await createCluster(bin);
  try {
    // The tests' cluster answers a commit before its WAL is written (synchronous_commit off);
    // here a commit reaches the operating system before the server answers 201, as SQLite's do
    // in WAL mode with synchronous NORMAL. Neither waits for the disk (fsync stays off here).
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    try {
      await client.query('ALTER SYSTEM SET synchronous_commit = on');
      await client.query('SELECT pg_reload_conf()');
    } finally {
      await client.end();
    }
    return cluster;
  } catch (error) {
    await removeCluster(cluster);
    throw error;
  }
}
