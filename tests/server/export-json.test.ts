import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../server/cli.ts';
import { type Config, loadConfig } from '../../server/config.ts';
import { MIGRATIONS } from '../../server/storage/migrations.ts';
import { openDatabase } from '../../server/storage/open.ts';
import { DERIVED_COLUMNS, EXPORTED_TABLES } from '../../server/storage/site-export.ts';
import { createStore } from '../../server/storage/store.ts';
import { storedComment } from '../helpers/app.ts';

let dir: string;
let output: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'leave-a-reply-export-'));
  output = [];
  vi.spyOn(console, 'log').mockImplementation((...args) => output.push(args.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...args) => output.push(args.join(' ')));
  // The command's note of the database it used goes to standard error, not into `output`.
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});

afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

function configFor(name: string): Config {
  return loadConfig({ DATABASE_PATH: join(dir, name, 'comments.db') });
}

/** A site with every kind of row: each status, a thread 7 replies deep, the owner, edits. */
function seedSite(config: Config): void {
  const db = openDatabase(config.databasePath);
  const store = createStore(db);
  const post = {
    key: 'https://blog.example.com/post',
    url: 'https://blog.example.com/post',
    title: 'Ein Beitrag über Brot',
  };
  const other = { key: 'page-42', url: 'https://blog.example.com/other', title: null };
  let minute = 0;
  const add = (
    page: typeof post | typeof other,
    changes: Partial<Parameters<typeof store.insertComment>[1]> = {},
  ) => {
    minute++;
    const body = changes.body ?? `Comment number ${minute}`;
    const row = storedComment({
      body,
      tokenHash: `token-${minute}`,
      ipHash: `ip-${minute}`,
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64)',
      createdAt: new Date(Date.UTC(2026, 10, 1, 9, minute)).toISOString(),
      ...changes,
    });
    return store.insertComment(page, row).id;
  };
  let parent = add(post, {
    name: 'Zoë Ångström',
    email: 'zoe@example.com',
    notify: true,
    website: 'https://zoë.example',
  });
  for (let depth = 2; depth <= 8; depth++)
    parent = add(post, { parentId: parent, depth, name: `Réponse ${depth} — 返信 🍞` });
  const pending = add(post, { status: 'pending', body: 'Held for moderation' });
  add(post, { status: 'spam', body: 'Cheap pills' });
  const trashed = add(other, { body: 'Into the trash' });
  const pinned = add(other, { body: 'Pinned on top' });
  const owner = add(other, { parentId: pinned, depth: 2, name: 'Site owner', body: 'Thanks!' });
  const edited = add(other, { body: 'Edited text' });
  const deleted = add(other, { body: 'Soon gone' });
  add(other, { parentId: deleted, depth: 2, body: 'A reply that keeps the placeholder' });
  const update = (sql: string, id: number) => db.prepare(sql).run(id);
  update(
    "UPDATE comments SET status = 'trash', trashed_from = 'approved', updated_at = '2026-11-02T10:00:00.000Z' WHERE id = ?",
    trashed,
  );
  update('UPDATE comments SET pinned = 1 WHERE id = ?', pinned);
  update(
    'UPDATE comments SET by_owner = 1, token_hash = NULL, ip_hash = NULL, user_agent = NULL WHERE id = ?',
    owner,
  );
  update(
    "UPDATE comments SET body = 'Edited text, better', edited_at = '2026-11-02T11:00:00.000Z' WHERE id = ?",
    edited,
  );
  update(
    "UPDATE comments SET status = 'deleted', name = '', email = '', body = '', html = '' WHERE id = ?",
    deleted,
  );
  expect(store.findComment(pending)?.status).toBe('pending');
  store.setSetting('admin_password_hash', 'scrypt$salt$hash');
  store.setSetting('ip_hash_key', 'kept-secret-ключ');
  db.prepare(
    `INSERT INTO subscribers (email, confirm_token_hash, unsubscribe_token_hash, confirmed_at, unsubscribed_at, created_at)
     VALUES ('Zoe@Example.com', NULL, 'unsubscribe-hash', '2026-11-01T09:05:00.000Z', NULL, '2026-11-01T09:02:00.000Z')`,
  ).run();
  db.prepare(
    "INSERT INTO admin_sessions (token_hash, csrf_token, created_at, expires_at) VALUES ('session', 'csrf', '2026-11-01', '2026-11-08')",
  ).run();
  db.close();
}

async function exportOf(config: Config): Promise<string> {
  output.length = 0;
  expect(await runCli(['export'], config)).toBe(0);
  return output.join('\n');
}

/** The seeded site as `leave-a-reply export` writes it, and the file that holds it. */
async function exportedSite(): Promise<{ exported: string; file: string }> {
  const source = configFor('source');
  seedSite(source);
  const exported = await exportOf(source);
  const file = join(dir, 'all.json');
  writeFileSync(file, exported);
  return { exported, file };
}

async function importInto(config: Config, file: string): Promise<{ code: number; said: string }> {
  output.length = 0;
  const code = await runCli(['import', 'json', file], config);
  return { code, said: output.join('\n') };
}

describe('leave-a-reply export and import json', () => {
  it('round-trips a whole site into an empty database, byte for byte', async () => {
    const source = configFor('source');
    seedSite(source);
    const exported = await exportOf(source);
    const file = join(dir, 'all.json');
    writeFileSync(file, `${exported}\n`);

    const document = JSON.parse(exported);
    expect(Object.keys(document)).toEqual([
      'format',
      'schemaVersion',
      'settings',
      'pages',
      'comments',
      'subscribers',
    ]);
    expect(document.format).toBe('leave-a-reply/1');
    expect(document.schemaVersion).toBe(MIGRATIONS.length);
    expect(document.comments).toHaveLength(16);
    expect(document.comments.map((row: { id: number }) => row.id)).toEqual(
      [...document.comments.map((row: { id: number }) => row.id)].sort((a, b) => a - b),
    );
    const deepest = document.comments.find((row: { depth: number }) => row.depth === 8);
    expect(deepest).toMatchObject({ root_id: 1, name: 'Réponse 8 — 返信 🍞' });
    expect(exported).toContain('Zoë Ångström');
    expect(exported).not.toContain('csrf');
    expect(document.subscribers).toEqual([expect.objectContaining({ email: 'Zoe@Example.com' })]);

    const target = configFor('target');
    const { code, said } = await importInto(target, file);
    expect(said).toContain('Imported 16 comments, 2 pages, 2 settings and 1 subscriber');
    expect(code).toBe(0);
    expect(await exportOf(target)).toBe(exported);
  });

  it('exports every column of the tables it carries', () => {
    const db = openDatabase(':memory:');
    for (const [table, { columns }] of Object.entries(EXPORTED_TABLES)) {
      const inSchema = (db.pragma(`table_info(${table})`) as Array<{ name: string }>).map(
        (column) => column.name,
      );
      const derived = DERIVED_COLUMNS[table] ?? [];
      expect(columns).toEqual(inSchema.filter((column) => !derived.includes(column)));
    }
    db.close();
  });

  it('adds nothing when the same file is imported again', async () => {
    const { file } = await exportedSite();
    const target = configFor('target');
    expect((await importInto(target, file)).code).toBe(0);
    const first = await exportOf(target);

    const again = await importInto(target, file);
    expect(again.code).toBe(0);
    expect(again.said).toContain('Imported 0 comments, 0 pages, 0 settings and 0 subscribers');
    expect(again.said).toContain('21 rows were already there, identical.');
    expect(await exportOf(target)).toBe(first);
  });

  it('refuses a row that differs from the one with its id, and writes nothing', async () => {
    const { exported, file } = await exportedSite();
    const target = configFor('target');
    expect((await importInto(target, file)).code).toBe(0);

    const changed = JSON.parse(exported);
    changed.comments[3].body = 'Someone else wrote this';
    changed.comments.push({ ...changed.comments[0], id: 999, token_hash: 'new-token' });
    writeFileSync(file, JSON.stringify(changed));
    const before = await exportOf(target);
    const { code, said } = await importInto(target, file);
    expect(code).toBe(1);
    expect(said).toContain('comments id 4 is already in the database with a different body');
    expect(await exportOf(target)).toBe(before);
  });

  it('refuses a database that has comments the file does not', async () => {
    const { file } = await exportedSite();
    const target = configFor('target');
    const db = openDatabase(target.databasePath);
    db.prepare(
      "INSERT INTO pages (id, key, url, title, created_at) VALUES (99, 'k', 'https://example.com/k', NULL, '2026-11-01')",
    ).run();
    db.prepare(
      `INSERT INTO comments (id, page_id, depth, status, name, email, body, html, created_at)
       VALUES (999, 99, 1, 'approved', 'Bo', 'bo@example.com', 'Already here', '<p>Already here</p>', '2026-11-01')`,
    ).run();
    db.close();
    const { code, said } = await importInto(target, file);
    expect(code).toBe(1);
    expect(said).toContain(
      'The database already has 1 comment that the file does not (the first is #999); import into a new database.',
    );
    const check = openDatabase(target.databasePath);
    expect(check.prepare('SELECT count(*) FROM comments').pluck().get()).toBe(1);
    check.close();
  });

  it('names the line of a truncated file and leaves the database as it was', async () => {
    const source = configFor('source');
    seedSite(source);
    const exported = await exportOf(source);
    const cut = exported.slice(0, Math.floor(exported.length / 2));
    const file = join(dir, 'cut.json');
    writeFileSync(file, cut);
    const target = configFor('target');
    const db = openDatabase(target.databasePath);
    createStore(db).setSetting('admin_password_hash', 'scrypt$salt$hash');
    db.close();
    const before = await exportOf(target);

    const { code, said } = await importInto(target, file);
    expect(code).toBe(1);
    const lastLine = cut.split('\n').length;
    const lastColumn = (cut.split('\n').at(-1) as string).length + 1;
    expect(said).toContain(`Nothing was imported from ${file}. The file is not valid JSON`);
    expect(said).toContain(`at line ${lastLine}, column ${lastColumn}`);
    expect(await exportOf(target)).toBe(before);
  });

  it('names the line and column of a stray character', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{\n  "format": "leave-a-reply/1",\n  "schemaVersion": x\n}\n');
    const { code, said } = await importInto(configFor('target'), file);
    expect(code).toBe(1);
    expect(said).toContain("Unexpected token 'x' at line 3, column 20");
  });

  it('writes nothing when a row late in the file breaks a rule', async () => {
    const source = configFor('source');
    seedSite(source);
    const document = JSON.parse(await exportOf(source));
    document.comments.at(-1).status = 'lost';
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(document));
    const target = configFor('target');
    const { code, said } = await importInto(target, file);
    expect(code).toBe(1);
    expect(said).toContain('CHECK constraint failed');
    const db = openDatabase(target.databasePath);
    for (const table of ['pages', 'comments', 'settings', 'subscribers'])
      expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get()).toBe(0);
    db.close();
  });

  it('refuses a file that is JSON but not an export', async () => {
    const file = join(dir, 'other.json');
    writeFileSync(file, JSON.stringify({ comments: [] }));
    const { code, said } = await importInto(configFor('target'), file);
    expect(code).toBe(1);
    expect(said).toContain('not a Leave a Reply export');
    expect(readFileSync(file, 'utf8')).toBe('{"comments":[]}');
  });
});
