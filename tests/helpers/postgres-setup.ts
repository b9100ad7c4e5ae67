/**
 * Vitest's global setup for the PostgreSQL suites: one throw-away cluster for the whole run, in
 * a temporary folder, on 127.0.0.1 and a free port, gone when the run ends. Where PostgreSQL is
 * not installed nothing starts, one line says so, and the suites skip (tests/helpers/postgres.ts).
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  appendFileSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

const run = promisify(execFile);

/** A running cluster, as the tests reach it and stop or start it. */
export interface PostgresCluster {
  /** The superuser's URL of the `postgres` database: postgres://postgres:PASSWORD@127.0.0.1:PORT/postgres */
  url: string;
  /** The folder of initdb, pg_ctl and postgres. */
  bin: string;
  /** The temporary folder: data/ (the cluster), the server's log and its unix socket. */
  dir: string;
  /** The user id the server runs as: PostgreSQL refuses to run as root. */
  uid: number;
  gid: number;
}

/** What the setup hands the tests: a cluster, or why there is none. */
export type ProvidedPostgres =
  | { cluster: PostgresCluster }
  | { missing: string }
  | { failed: string };

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: ProvidedPostgres;
  }
}

const PROGRAMS = ['initdb', 'pg_ctl', 'postgres'];

/** The folder holding PostgreSQL's programs: on PATH, else Debian's newest /usr/lib/postgresql/N/bin. */
export function findPostgresBinaries(path = process.env.PATH ?? ''): string | null {
  const hasAll = (dir: string) => PROGRAMS.every((program) => existsSync(join(dir, program)));
  for (const dir of path.split(delimiter)) if (dir && hasAll(dir)) return dir;
  const debian = '/usr/lib/postgresql';
  if (!existsSync(debian)) return null;
  const versions = readdirSync(debian)
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a));
  for (const version of versions)
    if (hasAll(join(debian, version, 'bin'))) return join(debian, version, 'bin');
  return null;
}

/** Runs one of the cluster's programs as the user the cluster belongs to. */
export async function runAsOwner(
  cluster: Pick<PostgresCluster, 'bin' | 'uid' | 'gid'>,
  program: string,
  args: string[],
): Promise<void> {
  await run(join(cluster.bin, program), args, {
    uid: cluster.uid,
    gid: cluster.gid,
    // The cluster's messages in English whatever the machine's language, and no password
    // prompts from a developer's own PG* settings.
    env: { PATH: process.env.PATH ?? '', LC_ALL: 'C', LANG: 'C' },
  });
}

/** Starts the cluster's server and waits until it accepts connections. */
export async function startPostgres(cluster: PostgresCluster): Promise<void> {
  await runAsOwner(cluster, 'pg_ctl', [
    'start',
    '--wait',
    '--timeout=30',
    '--silent',
    `--pgdata=${join(cluster.dir, 'data')}`,
    `--log=${join(cluster.dir, 'server.log')}`,
  ]);
}

/** Stops the cluster's server: open sessions are ended, their transactions rolled back. */
export async function stopPostgres(cluster: PostgresCluster): Promise<void> {
  await runAsOwner(cluster, 'pg_ctl', [
    'stop',
    '--wait',
    '--mode=fast',
    '--silent',
    `--pgdata=${join(cluster.dir, 'data')}`,
  ]);
}

/** Root runs the cluster as `postgres`, the user Debian's package makes; anyone else as themselves. */
async function owner(): Promise<{ uid: number; gid: number }> {
  const uid = process.getuid?.() ?? 0;
  if (uid !== 0) return { uid, gid: process.getgid?.() ?? 0 };
  try {
    const [user, group] = await Promise.all([
      run('id', ['-u', 'postgres']),
      run('id', ['-g', 'postgres']),
    ]);
    return { uid: Number(user.stdout.trim()), gid: Number(group.stdout.trim()) };
  } catch {
    throw new Error(
      'The tests run as root, which PostgreSQL refuses to run as, and there is no "postgres" user to run it as: create one (useradd --system postgres), or run the tests as another user.',
    );
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/**
 * A new cluster in a temporary folder, running: the superuser `postgres` signs in with a
 * generated password over TCP, and without one only through the socket in the private folder.
 * Durability is off (fsync, full pages): nothing here outlives the run.
 */
export async function createCluster(bin: string): Promise<PostgresCluster> {
  const { uid, gid } = await owner();
  const dir = mkdtempSync(join(tmpdir(), FOLDER_PREFIX));
  try {
    // Which run the cluster is for: one whose run was killed is removed by the next run.
    writeFileSync(join(dir, 'run.pid'), String(process.pid));
    chownSync(dir, uid, gid);
    const password = randomBytes(18).toString('base64url');
    const passwordFile = join(dir, 'password');
    appendFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    chownSync(passwordFile, uid, gid);
    const cluster = { url: '', bin, dir, uid, gid };
    const data = join(dir, 'data');
    await runAsOwner(cluster, 'initdb', [
      `--pgdata=${data}`,
      '--username=postgres',
      `--pwfile=${passwordFile}`,
      '--auth-local=trust',
      '--auth-host=scram-sha-256',
      '--encoding=UTF8',
      '--locale=C',
      '--no-sync',
      '--no-instructions',
    ]);
    rmSync(passwordFile);
    // A port found free can be taken before the server binds it: then another is tried.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      appendFileSync(
        join(data, 'postgresql.conf'),
        [
          "listen_addresses = '127.0.0.1'",
          `port = ${port}`,
          `unix_socket_directories = '${dir}'`,
          'fsync = off',
          'synchronous_commit = off',
          'full_page_writes = off',
          '',
        ].join('\n'),
      );
      try {
        await startPostgres(cluster);
        return { ...cluster, url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres` };
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Removes the cluster: its server stopped, unless a test left it stopped, and its folder deleted. */
export async function removeCluster(cluster: PostgresCluster): Promise<void> {
  if (existsSync(join(cluster.dir, 'data', 'postmaster.pid'))) await stopPostgres(cluster);
  rmSync(cluster.dir, { recursive: true, force: true });
}

const FOLDER_PREFIX = 'leave-a-reply-postgres-';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Stops and removes the clusters of runs that were killed before their teardown (a run ended by
 * SIGKILL or a closed terminal): each folder names its run's process, and that one is gone.
 */
export async function removeClustersOfEndedRuns(bin: string): Promise<void> {
  for (const name of readdirSync(tmpdir()).filter((entry) => entry.startsWith(FOLDER_PREFIX))) {
    const dir = join(tmpdir(), name);
    const runFile = join(dir, 'run.pid');
    if (!existsSync(runFile) || isRunning(Number(readFileSync(runFile, 'utf8')))) continue;
    const { uid, gid } = statSync(dir);
    if (existsSync(join(dir, 'data', 'postmaster.pid')))
      await runAsOwner({ bin, uid, gid }, 'pg_ctl', [
        'stop',
        '--wait',
        '--mode=immediate',
        '--silent',
        `--pgdata=${join(dir, 'data')}`,
      ]).catch((error: Error) =>
        // Its folder goes all the same: a server that cannot be stopped has usually died with it.
        process.stdout.write(`Could not stop the PostgreSQL server of ${dir}: ${error.message}\n`),
      );
    rmSync(dir, { recursive: true, force: true });
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  const bin = findPostgresBinaries();
  if (!bin) {
    const missing =
      'PostgreSQL is not installed (no initdb, pg_ctl and postgres on PATH nor in /usr/lib/postgresql/*/bin)';
    // Straight to the terminal: one line for the run, not one per file.
    if (process.env.REQUIRE_POSTGRES !== 'true')
      process.stdout.write(`${missing}: the PostgreSQL suites are skipped.\n`);
    project.provide('postgres', { missing });
    return;
  }
  let cluster: PostgresCluster;
  try {
    await removeClustersOfEndedRuns(bin);
    cluster = await createCluster(bin);
  } catch (error) {
    // Only the PostgreSQL suites fail for it: every other test runs as without PostgreSQL.
    project.provide('postgres', {
      failed: `PostgreSQL's programs are in ${bin}, but no cluster could be started: ${(error as Error).message}`,
    });
    return;
  }
  project.provide('postgres', { cluster });
  return () => removeCluster(cluster);
}
