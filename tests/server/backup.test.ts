/**
 * `leave-a-reply backup` against a live server: the real server process takes posts from
 * concurrent clients while the backup runs, and the copy must hold every comment acknowledged
 * before the backup began, in a sound file.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../server/cli.ts';
import { loadConfig } from '../../server/config.ts';
import { openDatabase } from '../../server/storage/open.ts';
import { DEFENCES_OFF } from '../helpers/app.ts';
import { runCommand } from '../helpers/cli-process.ts';
import { useCliSandbox } from '../helpers/cli-sandbox.ts';
import { rowsOfWholeDatabase } from '../helpers/database.ts';
import { useServerProcesses } from '../helpers/server-process.ts';

const CLIENTS = 8;
/** Acknowledged posts before the backup starts. */
const BACKUP_AFTER = 150;
const FILLER = 'All work and no play makes a dull comment. '.repeat(60).trim();

const sandbox = useCliSandbox('backup');
const servers = useServerProcesses();

describe('leave-a-reply backup', () => {
  it('copies every acknowledged comment while the server keeps taking posts', async () => {
    const databasePath = join(sandbox.dir, 'comments.db');
    const target = join(sandbox.dir, 'backups', 'copy.db');
    mkdirSync(join(sandbox.dir, 'backups'));
    const server = await servers.start(sandbox.dir, {
      MODERATION: 'none',
      ...DEFENCES_OFF,
      DATABASE_PATH: databasePath,
    });

    const acknowledged = new Map<number, string>();
    const otherStatuses: number[] = [];
    let inFlight = 0;
    let stopped = false;
    let reached: () => void = () => {};
    const enough = new Promise<void>((resolve) => {
      reached = resolve;
    });
    const client = async (c: number) => {
      for (let i = 0; !stopped; i++) {
        // Long enough that the database outgrows one backup step (100 pages), so that writes
        // land between steps and SQLite has to restart the copy.
        const body = `Comment ${i} from client ${c}, posted around a backup. ${FILLER}`;
        inFlight++;
        try {
          const response = await fetch(`${server.address}/api/comments`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              url: `http://localhost:8080/backup/${c % 3}`,
              name: `Client ${c}`,
              email: `client${c}.post${i}@backup.example`,
              body,
            }),
          });
          if (response.status !== 201) {
            otherStatuses.push(response.status);
            await response.body?.cancel();
            continue;
          }
          const { comment } = (await response.json()) as { comment: { id: number } };
          acknowledged.set(comment.id, body);
          if (acknowledged.size >= BACKUP_AFTER) reached();
        } finally {
          inFlight--;
        }
      }
    };
    const clients = Array.from({ length: CLIENTS }, (_, c) => client(c));

    await enough;
    const before = new Map(acknowledged);
    const inFlightAtStart = inFlight;
    let code: number;
    let duringBackup: number;
    let failures: PromiseSettledResult<void>[] = [];
    try {
      code = await runCli(['backup', target], loadConfig({ DATABASE_PATH: databasePath }));
      duringBackup = acknowledged.size - before.size;
    } finally {
      stopped = true;
      failures = (await Promise.allSettled(clients)).filter((c) => c.status === 'rejected');
    }
    expect(failures).toEqual([]);
    expect(await server.stop()).toEqual({ code: 0, signal: null });

    expect(otherStatuses).toEqual([]);
    // The backup must start while posts are on their way, or it tests nothing.
    expect(inFlightAtStart).toBeGreaterThan(0);
    expect(code).toBe(0);
    const said = sandbox.said();
    const counted = Number(/Backed up (\d+) comments to /.exec(said)?.[1]);
    expect(said).toMatch(/Backed up \d+ comments to .*copy\.db \(\d+\.\d [KM]B\)\./);

    const rows = rowsOfWholeDatabase<{ id: number; body: string }>(
      target,
      'SELECT id, body FROM comments',
    );
    const byId = new Map(rows.map((row) => [row.id, row.body]));
    const missing = [...before.keys()].filter((id) => byId.get(id) !== before.get(id));
    expect(missing).toEqual([]);
    expect(rows.length).toBe(counted);
    expect(rows.length).toBeGreaterThanOrEqual(before.size);
    console.info(
      `backup: ${statSync(target).size} bytes; ${before.size} comments acknowledged before the backup, ${rows.length} in the copy, ` +
        `${duringBackup} more acknowledged while it ran, ${acknowledged.size} in all`,
    );
  }, 60_000);

  it('refuses to overwrite a file unless told to with --force, and never the database itself', async () => {
    const config = loadConfig({ DATABASE_PATH: join(sandbox.dir, 'comments.db') });
    openDatabase(config.databasePath).close();
    const target = join(sandbox.dir, 'precious.db');
    writeFileSync(target, 'not yours to overwrite');

    expect(await runCli(['backup', target], config)).toBe(1);
    expect(sandbox.said()).toContain(`${target} already exists; add --force to overwrite it.`);
    expect(readFileSync(target, 'utf8')).toBe('not yours to overwrite');

    expect(await runCli(['backup', target, '--force'], config)).toBe(0);
    expect(sandbox.output.at(-1)).toMatch(
      /^Backed up 0 comments to .*precious\.db \(\d+\.\d KB\)\.$/,
    );
    const copy = openDatabase(target);
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();

    expect(await runCli(['backup', config.databasePath, '--force'], config)).toBe(1);
    expect(sandbox.output.at(-1)).toBe('The backup cannot replace the database it copies.');
  });

  it('says so when there is no database to back up, and when PATH is missing', async () => {
    const config = loadConfig({ DATABASE_PATH: join(sandbox.dir, 'none.db') });
    expect(await runCli(['backup', join(sandbox.dir, 'copy.db')], config)).toBe(1);
    expect(sandbox.said()).toContain(`There is no database at ${join(sandbox.dir, 'none.db')}.`);
    expect(await runCli(['backup'], config)).toBe(2);
    expect(sandbox.said()).toContain('Use "backup PATH [--force]".');
  });

  it('refuses a folder that does not exist, creating none, and a folder given as PATH', async () => {
    const config = loadConfig({ DATABASE_PATH: join(sandbox.dir, 'comments.db') });
    openDatabase(config.databasePath).close();
    const typo = join(sandbox.dir, 'bakcups');
    expect(await runCli(['backup', join(typo, 'copy.db')], config)).toBe(1);
    expect(sandbox.output.at(-1)).toBe(
      `The folder ${typo} does not exist: create it first (mkdir -p ${typo}), or give another PATH.`,
    );
    expect(existsSync(typo)).toBe(false);

    expect(await runCli(['backup', sandbox.dir, '--force'], config)).toBe(1);
    expect(sandbox.output.at(-1)).toBe(
      `${sandbox.dir} is a folder: give the backup's file name, such as ${join(sandbox.dir, 'comments.db')}.`,
    );
  });

  it('writes the copy readable by its owner only, whatever the umask', async () => {
    const databasePath = join(sandbox.dir, 'comments.db');
    openDatabase(databasePath).close();
    mkdirSync(join(sandbox.dir, 'backups'));
    const target = join(sandbox.dir, 'backups', 'copy.db');
    const run = await runCommand(['backup', target], {
      umask: 0o000,
      env: { DATABASE_PATH: databasePath },
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`Database: ${databasePath}\n`);
    expect(statSync(target).mode & 0o777).toBe(0o600);
    // Nothing else is left beside it: the partial copy was renamed, its -wal and -shm removed.
    expect(readdirSync(join(sandbox.dir, 'backups'))).toEqual(['copy.db']);
  }, 30_000);
});
