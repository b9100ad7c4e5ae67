/**
 * The admin token the server generates on its first start: shown once, then kept as its SHA-256
 * only, like every other token, so that a copy of the database (a backup, an export, a stolen
 * disk) does not hand out the admin API. It was kept as it is.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../server/cli.ts';
import { loadConfig } from '../../server/config.ts';
import { openDatabase } from '../../server/storage/open.ts';
import { openSqliteStorage } from '../../server/storage/sqlite-storage.ts';
import { createStore } from '../../server/storage/store.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { useCommandProcesses } from '../helpers/cli-process.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const folders: string[] = [];
const apps: TestApp[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const app of apps.splice(0)) await app.close();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
const commands = useCommandProcesses();

function folder(): string {
  const made = mkdtempSync(join(tmpdir(), 'leave-a-reply-token-'));
  folders.push(made);
  return made;
}

/** Every byte the database keeps on disk: the file and its write-ahead log. */
function storedBytes(path: string): string {
  return [path, `${path}-wal`]
    .filter(existsSync)
    .map((file) => readFileSync(file).toString('latin1'))
    .join('');
}

function settingsOf(path: string): Record<string, string> {
  const db = openDatabase(path);
  const rows = db.prepare('SELECT key, value FROM settings').all() as Array<{
    key: string;
    value: string;
  }>;
  db.close();
  return Object.fromEntries(rows.map((row) => [row.key, row.value]));
}

/** The app on an existing database, with no ADMIN_TOKEN: the generated token is in force. */
async function appOn(dir: string): Promise<TestApp> {
  const test = await createTestApp({ ADMIN_TOKEN: '' }, { dir });
  apps.push(test);
  return test;
}

function countsWith(test: TestApp, token: string) {
  return test.app.inject({
    method: 'GET',
    url: '/api/admin/counts',
    headers: { authorization: `Bearer ${token}` },
  });
}

/** A database in a fresh folder where an earlier version kept the admin token as it is. */
function withEarlierPlainToken() {
  const dir = folder();
  const path = join(dir, 'comments.db');
  const plain = 'an-earlier-version-kept-this-token-as-it-is';
  const db = openDatabase(path);
  createStore(db).setSetting('admin_token', plain);
  db.close();
  return { dir, path, plain };
}

describe('the generated admin token', () => {
  it('is shown once at the first start and stored only as its SHA-256, and works as the bearer', async () => {
    const dir = folder();
    const path = join(dir, 'comments.db');
    const env = { DATABASE_PATH: path, PORT: '0', HOST: '127.0.0.1' };
    const first = commands(['serve'], { env });
    const [, token = ''] = (await first.waitFor(
      /Admin token \(shown once; set ADMIN_TOKEN to choose your own\): (\S+)\n/,
    )) as string[];
    const [, address] = (await first.waitFor(/running at (http:\/\/\S+)/)) as string[];
    const counts = await fetch(`${address}/api/admin/counts`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(counts.status).toBe(200);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    expect(token).toMatch(/^[\w-]{43}$/);
    expect(storedBytes(path)).not.toContain(token);
    const settings = settingsOf(path);
    expect(settings.admin_token_hash).toBe(sha256(token));
    expect(settings).not.toHaveProperty('admin_token');

    const second = commands(['serve'], { env });
    const [, again] = (await second.waitFor(/running at (http:\/\/\S+)/)) as string[];
    await second.waitFor(/Mail is off/);
    expect(second.stdout()).not.toContain('Admin token');
    const still = await fetch(`${again}/api/admin/counts`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(still.status).toBe(200);
    const wrong = await fetch(`${again}/api/admin/counts`, {
      headers: { authorization: `Bearer ${sha256(token)}` },
    });
    expect(wrong.status).toBe(401);
  }, 60_000);

  it('replaces a token an earlier version kept as it is with its hash, and the token keeps working', async () => {
    const { dir, path, plain } = withEarlierPlainToken();

    const test = await appOn(dir);
    expect((await countsWith(test, plain)).statusCode).toBe(200);
    expect((await countsWith(test, 'another-token-of-some-length')).statusCode).toBe(401);
    expect(await test.store.getSetting('admin_token')).toBeNull();
    expect(await test.store.getSetting('admin_token_hash')).toBe(sha256(plain));
    await test.close();
    apps.splice(0);
    // Nothing of the token is left in the file, not even in its free space.
    expect(storedBytes(path)).not.toContain(plain);
  });

  it('uses ADMIN_TOKEN as it is, storing nothing of it', async () => {
    const dir = folder();
    const chosen = 'a-token-the-owner-chose-0123';
    const test = await createTestApp({ ADMIN_TOKEN: chosen }, { dir });
    apps.push(test);
    expect((await countsWith(test, chosen)).statusCode).toBe(200);
    expect(await test.store.getSetting('admin_token_hash')).toBeNull();
    expect(await test.store.getSetting('admin_token')).toBeNull();
  });

  it('forgets a token an earlier version kept as it is once ADMIN_TOKEN is set, which alone opens the API', async () => {
    const { dir, plain } = withEarlierPlainToken();

    const chosen = 'a-token-the-owner-chose-0123';
    const test = await createTestApp({ ADMIN_TOKEN: chosen }, { dir });
    apps.push(test);
    expect((await countsWith(test, chosen)).statusCode).toBe(200);
    expect((await countsWith(test, plain)).statusCode).toBe(401);
    expect(await test.store.getSetting('admin_token')).toBeNull();
    expect(await test.store.getSetting('admin_token_hash')).toBeNull();
  });

  it('travels through export and import json as its hash, and still opens the admin API', async () => {
    const source = folder();
    const sourceConfig = loadConfig({ DATABASE_PATH: join(source, 'comments.db') });
    // What a first start does: generate the token and show it (here: keep it for the test).
    const storage = openSqliteStorage(sourceConfig.databasePath);
    const { token, generated: wasGenerated } = await storage.secrets.adminToken(
      sourceConfig.adminToken,
    );
    await storage.close();
    expect(wasGenerated).toBe(true);
    const generated = sha256(token as string);

    const said: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args) => said.push(args.join(' ')));
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await runCli(['export'], sourceConfig)).toBe(0);
    const exported = JSON.parse(said.join('\n')) as {
      settings: Array<{ key: string; value: string }>;
    };
    expect(exported.settings).toContainEqual({ key: 'admin_token_hash', value: generated });
    expect(exported.settings.map((row) => row.key)).not.toContain('admin_token');

    const file = join(folder(), 'all.json');
    writeFileSync(file, said.join('\n'));
    const target = folder();
    const targetConfig = loadConfig({ DATABASE_PATH: join(target, 'comments.db') });
    said.length = 0;
    expect(await runCli(['import', 'json', file], targetConfig)).toBe(0);
    vi.restoreAllMocks();

    const imported = await appOn(target);
    expect(await imported.store.getSetting('admin_token_hash')).toBe(generated);
    expect((await countsWith(imported, token as string)).statusCode).toBe(200);
    expect((await countsWith(imported, 'not-the-generated-token-000')).statusCode).toBe(401);
  });
});
