/**
 * The PostgreSQL cluster that tests/helpers/postgres-setup.ts starts for the run, as the tests
 * use it: whether there is one, a fresh database per test or file, and stopping and starting
 * its server for tests of what happens while it is away.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, inject, it } from 'vitest';
import { type PostgresCluster, startPostgres, stopPostgres } from './postgres-setup.ts';

/** Whether a cluster runs for this run's tests. */
export function postgresAvailable(): boolean {
  return 'cluster' in inject('postgres');
}

function cluster(): PostgresCluster {
  const provided = inject('postgres');
  if ('cluster' in provided) return provided.cluster;
  throw new Error('missing' in provided ? provided.missing : provided.failed);
}

/**
 * Registers a suite that needs PostgreSQL. Without it, the suite's tests count as skipped and
 * its title says why; with REQUIRE_POSTGRES=true (as in CI), or when PostgreSQL is installed but
 * its cluster did not start, the suite fails instead.
 */
export function describePostgres(title: string, suite: () => void): void {
  const provided = inject('postgres');
  if ('cluster' in provided) {
    describe(title, suite);
    return;
  }
  if ('failed' in provided || process.env.REQUIRE_POSTGRES === 'true') {
    const reason = 'failed' in provided ? provided.failed : provided.missing;
    describe(title, () => {
      it('has a PostgreSQL cluster to run against', () => {
        throw new Error(
          'failed' in provided
            ? reason
            : `${reason}, and REQUIRE_POSTGRES=true: the PostgreSQL suites cannot run. Install it (on Debian: apt-get install postgresql).`,
        );
      });
    });
    return;
  }
  describe.skip(`${title}: skipped — PostgreSQL is not installed`, suite);
}

export interface TestDatabase {
  /** postgres://postgres:PASSWORD@127.0.0.1:PORT/NAME */
  url: string;
  /** Drops the database, ending any session still connected to it. */
  drop(): Promise<void>;
}

/** Runs one statement on the cluster's `postgres` database. */
async function administer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: cluster().url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new, empty database of its own (CREATE DATABASE with a random name). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `test_${randomBytes(8).toString('hex')}`;
  await administer(`CREATE DATABASE ${name}`);
  const url = new URL(cluster().url);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    drop: () => administer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/**
 * Stops the cluster's server (fast: sessions end, transactions roll back). Every file running
 * meanwhile shares it: only a file that runs alone may stop it, and must start it again.
 */
export function stopServer(): Promise<void> {
  return stopPostgres(cluster());
}

/** Starts the server again on the same data folder and port; resolves once it takes connections. */
export function startServer(): Promise<void> {
  return startPostgres(cluster());
}
