/**
 * Upgrading as README's "Upgrading" tells it: the server migrates an older database when it
 * starts, and refuses, without touching it, a database a newer version has migrated.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from '../../server/storage/migrations.ts';
import { useServerProcesses } from '../helpers/server-process.ts';

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});
const servers = useServerProcesses();

/** A database file in a new folder, at schema version `version`. */
function databaseAt(version: number): string {
  dir = mkdtempSync(join(tmpdir(), 'leave-a-reply-upgrade-'));
  const path = join(dir, 'comments.db');
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  migrate(db, Math.min(version, MIGRATIONS.length));
  if (version > MIGRATIONS.length) db.pragma(`user_version = ${version}`);
  db.close();
  return path;
}

function schemaVersion(path: string): number {
  const db = new BetterSqlite3(path, { readonly: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
}

describe('upgrading', () => {
  it('brings a database of the first version up to date when the server starts', async () => {
    const path = databaseAt(1);
    const server = await servers.start(dir as string, { DATABASE_PATH: path });
    expect(schemaVersion(path)).toBe(MIGRATIONS.length);
    const health = await fetch(`${server.address}/api/health`);
    expect(health.status).toBe(200);
  }, 60_000);

  it('refuses to start on a database newer than itself, saying so, and leaves it as it was', async () => {
    const newer = MIGRATIONS.length + 1;
    const path = databaseAt(newer);
    await expect(servers.start(dir as string, { DATABASE_PATH: path })).rejects.toThrow(
      `The database is at schema version ${newer}, newer than this program knows (${MIGRATIONS.length}). Upgrade Leave a Reply before opening it.`,
    );
    expect(schemaVersion(path)).toBe(newer);
  }, 60_000);
});
