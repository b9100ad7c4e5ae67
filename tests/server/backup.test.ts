/**
 * `leave-a-reply backup` against a live server: the real server process takes posts from
 * concurrent clients while the backup runs, and the copy must hold every comment acknowledged
 * before the backup began, in a sound file.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../server/cli.ts';
import { loadConfig } from '../../server/config.ts';
import { openDatabase } from '../../server/db/open.ts';

const BIN = fileURLToPath(new URL('../../server/bin.js', import.meta.url));
const CLIENTS = 8;
/** Acknowledged posts before the backup starts. */
const BACKUP_AFTER = 150;
const FILLER = 'All work and no play makes a dull comment. '.repeat(60).trim();

let dir: string;
let child: ChildProcess | null = null;
let output: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'leave-a-reply-backup-'));
  output = [];
  vi.spyOn(console, 'log').mockImplementation((...args) => output.push(args.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...args) => output.push(args.join(' ')));
});

afterEach(() => {
  vi.restoreAllMocks();
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  child = null;
  rmSync(dir, { recursive: true, force: true });
});

/** Starts `leave-a-reply serve` on the database file; resolves with its address once it listens. */
function serve(databasePath: string): Promise<{ address: string; exited: Promise<number | null> }> {
  const { DATABASE_PATH: _path, ADMIN_TOKEN: _token, SITE_ORIGINS: _origins, ...env } = process.env;
  const server = spawn(process.execPath, [BIN, 'serve'], {
    cwd: dir,
    env: {
      ...env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_REQUESTS: 'false',
      MODERATION: 'none',
      MIN_SUBMIT_SECONDS: '0',
      FLOOD_SECONDS: '0',
      RATE_LIMIT_PER_MINUTE: '0',
      DATABASE_PATH: databasePath,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = server;
  const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
  return new Promise((resolve, reject) => {
    let text = '';
    const collect = (chunk: Buffer) => {
      text += chunk;
      const match = /running at (http:\/\/\S+)/.exec(text);
      if (match?.[1]) resolve({ address: match[1], exited });
    };
    server.stdout?.on('data', collect);
    server.stderr?.on('data', collect);
    exited.then((code) =>
      reject(new Error(`serve exited with ${code} before listening:\n${text}`)),
    );
  });
}

describe('leave-a-reply backup', () => {
  it('copies every acknowledged comment while the server keeps taking posts', async () => {
    const databasePath = join(dir, 'comments.db');
    const target = join(dir, 'backups', 'copy.db');
    const server = await serve(databasePath);

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
    child?.kill('SIGTERM');
    expect(await server.exited).toBe(0);

    expect(otherStatuses).toEqual([]);
    // The backup must start while posts are on their way, or it tests nothing.
    expect(inFlightAtStart).toBeGreaterThan(0);
    expect(code).toBe(0);
    const said = output.join('\n');
    const counted = Number(/Backed up (\d+) comments to /.exec(said)?.[1]);
    expect(said).toMatch(/Backed up \d+ comments to .*copy\.db \(\d+\.\d [KM]B\)\./);

    const copy = openDatabase(target);
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.pragma('foreign_key_check')).toEqual([]);
      const rows = copy.prepare('SELECT id, body FROM comments').all() as Array<{
        id: number;
        body: string;
      }>;
      const byId = new Map(rows.map((row) => [row.id, row.body]));
      const missing = [...before.keys()].filter((id) => byId.get(id) !== before.get(id));
      expect(missing).toEqual([]);
      expect(rows.length).toBe(counted);
      expect(rows.length).toBeGreaterThanOrEqual(before.size);
      console.info(
        `backup: ${statSync(target).size} bytes; ${before.size} comments acknowledged before the backup, ${rows.length} in the copy, ` +
          `${duringBackup} more acknowledged while it ran, ${acknowledged.size} in all`,
      );
    } finally {
      copy.close();
    }
  }, 60_000);

  it('refuses to overwrite a file unless told to with --force, and never the database itself', async () => {
    const config = loadConfig({ DATABASE_PATH: join(dir, 'comments.db') });
    openDatabase(config.databasePath).close();
    const target = join(dir, 'precious.db');
    writeFileSync(target, 'not yours to overwrite');

    expect(await runCli(['backup', target], config)).toBe(1);
    expect(output.join('\n')).toContain(`${target} already exists; add --force to overwrite it.`);
    expect(readFileSync(target, 'utf8')).toBe('not yours to overwrite');

    expect(await runCli(['backup', target, '--force'], config)).toBe(0);
    expect(output.at(-1)).toMatch(/^Backed up 0 comments to .*precious\.db \(\d+\.\d KB\)\.$/);
    const copy = openDatabase(target);
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();

    expect(await runCli(['backup', config.databasePath, '--force'], config)).toBe(1);
    expect(output.at(-1)).toBe('The backup cannot replace the database it copies.');
  });

  it('says so when there is no database to back up, and when PATH is missing', async () => {
    const config = loadConfig({ DATABASE_PATH: join(dir, 'none.db') });
    expect(await runCli(['backup', join(dir, 'copy.db')], config)).toBe(1);
    expect(output.join('\n')).toContain(`There is no database at ${join(dir, 'none.db')}.`);
    expect(await runCli(['backup'], config)).toBe(2);
    expect(output.join('\n')).toContain('Use "backup PATH [--force]".');
  });
});
