import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../server/db/migrations.ts';
import { openDatabase } from '../../server/db/open.ts';
import { createStore } from '../../server/db/store.ts';

const dirs: string[] = [];
function tempPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'leave-a-reply-db-'));
  dirs.push(dir);
  return join(dir, 'nested', 'comments.db');
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('openDatabase', () => {
  it('creates the file and its folder, in WAL mode with foreign keys on, at the newest version', () => {
    const db = openDatabase(tempPath());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual(expect.arrayContaining(['comments', 'pages', 'settings']));
    db.close();
  });

  it('keeps the data when opened again', () => {
    const path = tempPath();
    const first = openDatabase(path);
    createStore(first).setSetting('greeting', 'hello');
    first.close();
    const second = openDatabase(path);
    expect(createStore(second).getSetting('greeting')).toBe('hello');
    second.close();
  });

  it('refuses a database made by a newer version of the program', () => {
    const path = tempPath();
    openDatabase(path).close();
    const raw = new BetterSqlite3(path);
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    raw.close();
    expect(() => openDatabase(path)).toThrow(/newer than this program knows/);
  });

  it('refuses a comment on a page that does not exist', () => {
    const db = openDatabase(':memory:');
    expect(() =>
      db
        .prepare(
          `INSERT INTO comments (page_id, depth, status, name, email, body, html, created_at)
           VALUES (999, 1, 'approved', 'a', 'a@b.co', 'x', 'x', '2026-01-01T00:00:00Z')`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });
});

describe('createStore', () => {
  const comment = {
    parentId: null,
    depth: 1,
    status: 'approved' as const,
    name: 'Ann',
    email: 'ann@example.com',
    website: null,
    body: 'Hi',
    html: '<p>Hi</p>',
    ipHash: null,
    userAgent: null,
    createdAt: '2026-11-26T10:00:00.000Z',
  };
  const page = { key: 'https://example.com/a', url: 'https://example.com/a', title: 'A' };

  it('creates a page with its first comment and reuses it for the next', () => {
    const db = openDatabase(':memory:');
    const store = createStore(db);
    const first = store.insertComment(page, { ...comment, tokenHash: 'one' });
    const second = store.insertComment(
      { ...page, title: 'A, renamed' },
      { ...comment, tokenHash: 'two' },
    );
    expect(second.page_id).toBe(first.page_id);
    expect(store.findPage(page.key)?.title).toBe('A, renamed');
    expect(store.countApproved(first.page_id)).toBe(2);
    db.close();
  });

  it('stores nothing when a comment fails, not even its page', () => {
    const db = openDatabase(':memory:');
    const store = createStore(db);
    store.insertComment(page, { ...comment, tokenHash: 'same' });
    const other = { ...page, key: 'https://example.com/b', url: 'https://example.com/b' };
    expect(() => store.insertComment(other, { ...comment, tokenHash: 'same' })).toThrow(/UNIQUE/);
    expect(store.findPage(other.key)).toBeNull();
    db.close();
  });
});
