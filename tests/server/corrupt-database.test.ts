/**
 * A damaged database at start: a disk that lost blocks, a copy cut short, bytes written over it.
 * The start stops with one line that names the file and the two ways out (the last backup, or
 * SQLite's recovery into a new file), where it had printed SQLite's bare "database disk image
 * is malformed" when the damage was in a table the start reads.
 */
import {
  closeSync,
  mkdtempSync,
  openSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/storage/open.ts';
import { createStore } from '../../server/storage/store.ts';
import { writeTransaction } from '../../server/storage/transaction.ts';
import { storedComment } from '../helpers/app.ts';
import { runCommand, useCommandProcesses } from '../helpers/cli-process.ts';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A site's database with 500 comments, folded into its main file; its path. */
function siteDatabase(): string {
  const folder = mkdtempSync(join(tmpdir(), 'leave-a-reply-damaged-'));
  folders.push(folder);
  const path = join(folder, 'comments.db');
  const db = openDatabase(path);
  const store = createStore(db);
  store.setSetting('form_key', 'k'.repeat(43));
  writeTransaction(db, () => {
    for (let n = 0; n < 500; n++)
      store.insertComment(
        {
          key: `https://blog.example.com/${n % 20}`,
          url: `https://blog.example.com/${n % 20}`,
          title: null,
        },
        storedComment({
          body: `Comment ${n} ${'words '.repeat(40)}`,
          createdAt: new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString(),
        }),
      );
  });
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return path;
}

/** Overwrites the first page of `table` in the file with bytes that are no b-tree page. */
function damageTable(path: string, table: string): void {
  const raw = new BetterSqlite3(path, { readonly: true });
  const { rootpage } = raw
    .prepare('SELECT rootpage FROM sqlite_schema WHERE name = ?')
    .get(table) as {
    rootpage: number;
  };
  const pageSize = raw.pragma('page_size', { simple: true }) as number;
  raw.close();
  overwrite(path, (rootpage - 1) * pageSize, Buffer.alloc(pageSize, 0x5a));
}

function overwrite(path: string, at: number, bytes: Buffer): void {
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, bytes, 0, bytes.length, at);
  } finally {
    closeSync(fd);
  }
}

function damagedLine(path: string, found: string): string {
  const recovered = path.replace(/\.db$/, '-recovered.db');
  return `Cannot open the database ${path}: it is damaged (${found}). Restore your last backup (see "Backups" in README.md), or save what SQLite can still read into a new file: sqlite3 ${path} ".recover" | sqlite3 ${recovered}, then set DATABASE_PATH to ${recovered}.\n`;
}

const commands = useCommandProcesses();

/** `leave-a-reply serve` on the database, to its end; killed after the test should it serve. */
async function serve(path: string) {
  const server = commands(['serve'], {
    env: {
      DATABASE_PATH: path,
      PORT: '0',
      HOST: '127.0.0.1',
      ADMIN_TOKEN: 'a-token-of-twenty-chars',
    },
  });
  const code = await server.exited;
  return { code, stdout: server.stdout(), stderr: server.stderr() };
}

describe('a damaged database at start', () => {
  it('stops the server with one line naming the file and the fix when the settings are damaged', async () => {
    const path = siteDatabase();
    damageTable(path, 'settings');
    const { code, stdout, stderr } = await serve(path);
    expect(code).toBe(1);
    expect(stderr).toBe(damagedLine(path, 'Tree 2 page 2: btreeInitPage() returns error code 11'));
    expect(stdout).not.toContain('running at');
  }, 30_000);

  it('says the same for damage in the sessions the dashboard signs in with', async () => {
    const path = siteDatabase();
    damageTable(path, 'admin_sessions');
    const { code, stderr } = await serve(path);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^Cannot open the database .*: it is damaged \(Tree \d+ page \d+: .*\)\. Restore your last backup/,
    );
    expect(stderr.split('\n')).toHaveLength(2);
  }, 30_000);

  it('says the same for a file cut short, and for random bytes after a valid header', async () => {
    const cut = siteDatabase();
    truncateSync(cut, Math.floor(statSync(cut).size / 2));
    const scrambled = siteDatabase();
    const size = statSync(scrambled).size;
    overwrite(
      scrambled,
      100,
      Buffer.from(Array.from({ length: size - 100 }, (_, n) => (n * 131 + 7) % 256)),
    );
    for (const path of [cut, scrambled]) {
      const { code, stderr } = await serve(path);
      expect(code, path).toBe(1);
      expect(stderr).toBe(damagedLine(path, 'database disk image is malformed'));
    }
  }, 30_000);

  it('stops every command that opens it the same way, and still backs it up as it is', async () => {
    const path = siteDatabase();
    damageTable(path, 'settings');
    const env = { DATABASE_PATH: path };
    const listed = await runCommand(['comments', 'list'], { env });
    expect(listed.code).toBe(1);
    expect(listed.stderr).toContain(
      damagedLine(path, 'Tree 2 page 2: btreeInitPage() returns error code 11'),
    );
    // The copy to keep before trying a recovery.
    const copy = join(path, '..', 'before-recovery.db');
    const backup = await runCommand(['backup', copy], { env });
    expect(backup.code, backup.stderr).toBe(0);
    expect(statSync(copy).size).toBe(statSync(path).size);
  }, 30_000);

  it('still calls a file that is no SQLite database at all what it is', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'leave-a-reply-damaged-'));
    folders.push(folder);
    const path = join(folder, 'notes.db');
    writeFileSync(path, 'Shopping: flour, rye, salt.\n'.repeat(200));
    const { code, stderr } = await serve(path);
    expect(code).toBe(1);
    expect(stderr).toBe(
      `Cannot open the database ${path}: it is not an SQLite database. Set DATABASE_PATH to your site's database.\n`,
    );
  }, 30_000);
});
