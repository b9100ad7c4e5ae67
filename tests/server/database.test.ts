import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { StorageProblem } from '../../server/errors.ts';
import { MIGRATIONS, migrate } from '../../server/storage/migrations.ts';
import { openDatabase } from '../../server/storage/open.ts';
import { createStore } from '../../server/storage/store.ts';
import { storedComment } from '../helpers/app.ts';
import { expectWholeDatabase } from '../helpers/database.ts';
import { useMedia } from '../helpers/storage-media.ts';

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
    expect(store.findPage(page.key)).toMatchObject({ title: 'A, renamed', approved_count: 2 });
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

describe('the migration that adds thread roots and page versions', () => {
  it('keeps every row as it was and records each reply’s top-level comment', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    for (const step of MIGRATIONS.slice(0, 2)) db.exec(step);
    db.pragma('user_version = 2');
    db.exec(`
      INSERT INTO pages (id, key, url, title, created_at) VALUES
        (1, 'https://example.com/a', 'https://example.com/a', 'A', '2020-01-01'),
        (2, 'https://example.com/b', 'https://example.com/b', NULL, '2020-01-02');
      INSERT INTO comments (id, page_id, parent_id, depth, status, name, email, website, body, html,
        token_hash, ip_hash, user_agent, created_at, updated_at, edited_at) VALUES
        (1, 1, NULL, 1, 'approved', 'Ann', 'ann@example.com', NULL, 'Top', '<p>Top</p>', 't1', 'h1', 'UA', '2020-01-01T00:00:00Z', NULL, NULL),
        (2, 1, 1, 2, 'approved', 'Bob', 'bob@example.com', 'https://bob.example', 'Re', '<p>Re</p>', 't2', NULL, NULL, '2020-01-01T00:01:00Z', NULL, '2020-01-01T00:02:00Z'),
        (3, 1, 2, 3, 'pending', 'Cy', 'cy@example.com', NULL, 'Re re', '<p>Re re</p>', NULL, NULL, NULL, '2020-01-01T00:03:00Z', NULL, NULL),
        (4, 1, 3, 4, 'spam', 'Di', 'di@example.com', NULL, 'Deep', '<p>Deep</p>', NULL, NULL, NULL, '2020-01-01T00:04:00Z', NULL, NULL),
        (5, 2, NULL, 1, 'deleted', '', '', NULL, '', '', NULL, NULL, NULL, '2020-01-02T00:00:00Z', '2020-01-03', NULL),
        (6, 2, 5, 2, 'approved', 'Eve', 'eve@example.com', NULL, 'Still here', '<p>Still here</p>', NULL, NULL, NULL, '2020-01-02T00:01:00Z', NULL, NULL);
    `);
    const before = db.prepare('SELECT * FROM comments ORDER BY id').all();
    const pagesBefore = db.prepare('SELECT * FROM pages ORDER BY id').all();

    migrate(db, 3);

    const after = db.prepare('SELECT * FROM comments ORDER BY id').all() as {
      root_id: number | null;
    }[];
    expect(after.map(({ root_id, ...rest }) => rest)).toEqual(before);
    expect(after.map((row) => row.root_id)).toEqual([null, 1, 1, 1, null, 5]);
    const pagesAfter = db.prepare('SELECT * FROM pages ORDER BY id').all() as { version: number }[];
    expect(pagesAfter.map(({ version, ...rest }) => rest)).toEqual(pagesBefore);
    expectWholeDatabase(db);
    db.close();
  });
});

describe('the migration that rebuilds comments for the trash, pins and owner replies', () => {
  it('copies every comment unchanged, with the new columns at their defaults', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, 3);
    const created = '2020-01-01T00:00:00.000Z';
    // Rows as the version-3 server wrote them, one of every status.
    db.prepare(
      `INSERT INTO pages (id, key, url, title, created_at, version) VALUES (1, ?, ?, 'A', ?, 7)`,
    ).run('https://example.com/a', 'https://example.com/a', created);
    const insert = db.prepare(
      `INSERT INTO comments (id, page_id, parent_id, root_id, depth, status, name, email, website,
         body, html, token_hash, ip_hash, user_agent, created_at, updated_at, edited_at)
       VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    insert.run(
      1,
      null,
      null,
      1,
      'approved',
      'Ann',
      'ann@example.com',
      null,
      'Top',
      '<p>Top</p>',
      't1',
      'h',
      'UA',
      created,
      null,
      null,
    );
    insert.run(
      2,
      1,
      1,
      2,
      'pending',
      'Bob',
      'bob@example.com',
      'https://b.example',
      'Re',
      '<p>Re</p>',
      't2',
      null,
      null,
      '2020-01-01T00:01:00.000Z',
      '2020-01-02',
      '2020-01-03',
    );
    insert.run(
      3,
      1,
      1,
      2,
      'spam',
      'Cy',
      'cy@example.com',
      null,
      'Buy',
      '<p>Buy</p>',
      null,
      null,
      null,
      '2020-01-01T00:02:00.000Z',
      null,
      null,
    );
    insert.run(
      4,
      null,
      null,
      1,
      'deleted',
      '',
      '',
      null,
      '',
      '',
      null,
      null,
      null,
      '2020-01-01T00:03:00.000Z',
      null,
      null,
    );
    const before = db.prepare('SELECT * FROM comments ORDER BY id').all();
    const pagesBefore = db.prepare('SELECT * FROM pages').all();

    migrate(db, 4);

    const after = db.prepare('SELECT * FROM comments ORDER BY id').all() as Record<
      string,
      unknown
    >[];
    const { trashed_from, pinned, by_owner, notify, ...kept } = Object.fromEntries(
      Object.keys(after[0] ?? {}).map((column) => [column, after.map((row) => row[column])]),
    );
    const keptRows = after.map((row) => {
      const { trashed_from: _t, pinned: _p, by_owner: _b, notify: _n, ...rest } = row;
      return rest;
    });
    expect(keptRows).toEqual(before);
    expect(Object.keys(kept)).toHaveLength(Object.keys((before[0] as object) ?? {}).length);
    expect({ trashed_from, pinned, by_owner, notify }).toEqual({
      trashed_from: [null, null, null, null],
      pinned: [0, 0, 0, 0],
      by_owner: [0, 0, 0, 0],
      notify: [0, 0, 0, 0],
    });
    // The page's version moved on (the copy counts as a change), and nothing else about it.
    const pagesAfter = db.prepare('SELECT * FROM pages').all() as { version: number }[];
    expect(pagesAfter.map(({ version: _v, ...rest }) => rest)).toEqual(
      pagesBefore.map((row) => {
        const { version: _v, ...rest } = row as { version: number };
        return rest;
      }),
    );
    expectWholeDatabase(db);
    // The rebuilt table keeps its triggers and indices.
    const names = db
      .prepare("SELECT name FROM sqlite_master WHERE tbl_name = 'comments' ORDER BY name")
      .pluck()
      .all();
    expect(names).toEqual(
      expect.arrayContaining([
        'comments_by_root',
        'comments_top_level',
        'comments_inserted',
        'comments_updated',
        'comments_deleted',
      ]),
    );
    db.close();
  });
});

describe('the migration that keeps a count of approved comments per page', () => {
  const created = '2020-01-01T00:00:00.000Z';
  const countsOf = (db: BetterSqlite3.Database) =>
    db
      .prepare(
        `SELECT id, approved_count AS kept,
           (SELECT count(*) FROM comments WHERE page_id = pages.id AND status = 'approved') AS counted
         FROM pages ORDER BY id`,
      )
      .all() as { id: number; kept: number; counted: number }[];

  it('counts what is there, leaves every comment as it was, and keeps counting through every change', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, 4);
    const addPage = db.prepare('INSERT INTO pages (id, key, url, created_at) VALUES (?, ?, ?, ?)');
    addPage.run(1, 'https://example.com/a', 'https://example.com/a', created);
    addPage.run(2, 'https://example.com/b', 'https://example.com/b', created);
    addPage.run(3, 'https://example.com/none', 'https://example.com/none', created);
    const insert = db.prepare(
      `INSERT INTO comments (page_id, depth, status, trashed_from, name, email, body, html,
         created_at) VALUES (?, 1, ?, ?, 'Ann', 'ann@example.com', ?, '<p>x</p>', ?)`,
    );
    const statuses = ['approved', 'pending', 'spam', 'trash', 'deleted', 'approved', 'approved'];
    statuses.forEach((status, i) => {
      insert.run(1 + (i % 2), status, status === 'trash' ? 'approved' : null, `c${i}`, created);
    });
    const commentsBefore = db.prepare('SELECT * FROM comments ORDER BY id').all();
    const pagesBefore = db.prepare('SELECT * FROM pages ORDER BY id').all();

    migrate(db);

    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    // Every column as it was; later migrations add columns of their own (the text key, likes,
    // a page's publication and its owner's word on it, a comment's language, its verified mark).
    const commentsAfter = db.prepare('SELECT * FROM comments ORDER BY id').all() as {
      text_key: string;
      likes: number;
      lang: string | null;
      verified: number;
    }[];
    expect(
      commentsAfter.map(
        ({ text_key: _key, likes: _likes, lang: _lang, verified: _mark, ...rest }) => rest,
      ),
    ).toEqual(commentsBefore);
    const pagesAfter = db.prepare('SELECT * FROM pages ORDER BY id').all() as {
      approved_count: number;
      likes_version: number;
      published_at: string | null;
      open_override: number | null;
    }[];
    expect(
      pagesAfter.map(
        ({
          approved_count: _count,
          likes_version: _likes,
          published_at: _published,
          open_override: _open,
          ...rest
        }) => rest,
      ),
    ).toEqual(pagesBefore);
    expect(countsOf(db).map((page) => page.kept)).toEqual([2, 1, 0]);

    const store = createStore(db);
    const now = () => new Date().toISOString();
    const changes: [string, () => unknown][] = [
      ['an approved comment', () => insert.run(3, 'approved', null, 'new', created)],
      ['a held comment', () => insert.run(3, 'pending', null, 'held', created)],
      ['an approval', () => store.setStatus(9, 'approved', now())],
      ['spam', () => store.setStatus(1, 'spam', now())],
      ['a deletion with no replies', () => store.deleteComment(6, now())],
      [
        'a deletion leaving a placeholder',
        () => db.exec("UPDATE comments SET status = 'deleted' WHERE id = 7"),
      ],
      ['a move to another page', () => db.exec('UPDATE comments SET page_id = 1 WHERE id = 8')],
      ['an edit', () => db.exec("UPDATE comments SET body = 'edited' WHERE id = 9")],
      ['an erasure', () => store.eraseByEmail('ann@example.com', now())],
    ];
    for (const [change, make] of changes) {
      make();
      for (const page of countsOf(db))
        expect(page.kept, `${change}, page ${page.id}`).toBe(page.counted);
    }
    db.close();
  });
});

const modeOf = (path: string) => statSync(path).mode & 0o777;

/** A database with one approved comment whose body is `body`, closed. */
function seedDatabase(path: string, body = 'Kept on a read-only disk'): void {
  const db = openDatabase(path);
  addComment(db, body);
  db.close();
}

function addComment(db: BetterSqlite3.Database, body: string): void {
  createStore(db).insertComment(
    { key: 'https://example.com/a', url: 'https://example.com/a', title: 'A' },
    storedComment({ body, tokenHash: `${body}-token`, createdAt: '2026-11-26T10:00:00.000Z' }),
  );
}

const bodies = (db: BetterSqlite3.Database) =>
  db.prepare('SELECT body FROM comments ORDER BY id').pluck().all();

/** What openDatabase threw: its class and its message. */
function refusal(path: string): { problem: boolean; message: string } {
  try {
    openDatabase(path).close();
  } catch (error) {
    return { problem: error instanceof StorageProblem, message: (error as Error).message };
  }
  throw new Error(`openDatabase(${path}) opened it`);
}

describe('the database on disk', () => {
  const media = useMedia();

  it('creates the database, its -wal and -shm 0600 and the folders it makes 0700, whatever the umask', () => {
    for (const umask of [0o000, 0o022]) {
      const root = mkdtempSync(join(tmpdir(), 'leave-a-reply-modes-'));
      dirs.push(root);
      const path = join(root, 'data', 'site', 'comments.db');
      const before = process.umask(umask);
      try {
        const db = openDatabase(path);
        addComment(db, 'private');
        expect(modeOf(path)).toBe(0o600);
        expect(modeOf(`${path}-wal`)).toBe(0o600);
        expect(modeOf(`${path}-shm`)).toBe(0o600);
        db.close();
      } finally {
        process.umask(before);
      }
      expect(modeOf(join(root, 'data'))).toBe(0o700);
      expect(modeOf(join(root, 'data', 'site'))).toBe(0o700);
    }
  });

  it('leaves the mode of a folder its owner made as it was', () => {
    const root = mkdtempSync(join(tmpdir(), 'leave-a-reply-modes-'));
    dirs.push(root);
    const folder = join(root, 'shared');
    mkdirSync(folder);
    chmodSync(folder, 0o750);
    openDatabase(join(folder, 'comments.db')).close();
    expect(modeOf(folder)).toBe(0o750);
    expect(modeOf(join(folder, 'comments.db'))).toBe(0o600);
  });

  it('refuses, in one line naming it, a path whose folder is a file, or a file that is no database', () => {
    const root = mkdtempSync(join(tmpdir(), 'leave-a-reply-paths-'));
    dirs.push(root);
    writeFileSync(join(root, 'data'), 'a file, not a folder');
    expect(refusal(join(root, 'data', 'comments.db'))).toEqual({
      problem: true,
      message: `Cannot create the database ${join(root, 'data', 'comments.db')}: ${join(root, 'data')} is a file, not a folder. Set DATABASE_PATH to a file in a folder.`,
    });
    writeFileSync(join(root, 'notes.db'), 'x'.repeat(4096));
    expect(refusal(join(root, 'notes.db'))).toEqual({
      problem: true,
      message: `Cannot open the database ${join(root, 'notes.db')}: it is not an SQLite database. Set DATABASE_PATH to your site's database.`,
    });
  });

  it('refuses a database file it may not write, naming the file, the cause and the fix', (context) => {
    const root = mkdtempSync(join(tmpdir(), 'leave-a-reply-locked-'));
    dirs.push(root);
    const path = join(root, 'comments.db');
    seedDatabase(path);
    // Root ignores permission bits but not the immutable attribute; anyone else, the bits.
    const asRoot = process.getuid?.() === 0;
    if (asRoot) {
      try {
        execFileSync('chattr', ['+i', path], { stdio: 'pipe' });
      } catch (error) {
        context.skip(`Skipped: chattr +i does not work on ${tmpdir()} here (${error}).`);
      }
    } else chmodSync(path, 0o444);
    try {
      const { problem, message } = refusal(path);
      expect(problem).toBe(true);
      expect(message).toMatch(
        asRoot
          ? new RegExp(
              `^Cannot write the database ${path}: operation not permitted\\. Make ${path} writable by user \\S+ \\(if it is immutable: chattr -i ${path}\\), or set DATABASE_PATH to a writable place\\.$`,
            )
          : new RegExp(
              `^Cannot write the database ${path}: permission denied\\. Make ${path} writable by user \\S+, or set DATABASE_PATH to a writable place\\.$`,
            ),
      );
    } finally {
      if (asRoot) execFileSync('chattr', ['-i', path]);
    }
  });

  it('opens a database on a read-only file system read-only: it reads, writes fail, nothing is added', (context) => {
    const medium = media.mountOrSkip(context);
    const path = join(medium.dir, 'comments.db');
    seedDatabase(path);
    expect(readdirSync(medium.dir)).toEqual(['comments.db']);
    medium.makeReadOnly();

    const db = openDatabase(path);
    try {
      expect(db.readonly).toBe(true);
      expect(bodies(db)).toEqual(['Kept on a read-only disk']);
      expect(() => addComment(db, 'refused')).toThrow(
        expect.objectContaining({ code: 'SQLITE_READONLY' }),
      );
    } finally {
      db.close();
    }
    expect(readdirSync(medium.dir)).toEqual(['comments.db']);
  });

  it('reads the write-ahead log of a database that was still open when its disk became read-only', (context) => {
    const medium = media.mountOrSkip(context);
    const live = join(tempPath(), '..', 'live.db');
    const db = openDatabase(live);
    db.pragma('wal_autocheckpoint = 0');
    addComment(db, 'in the database');
    db.pragma('wal_checkpoint(TRUNCATE)');
    addComment(db, 'only in the log');
    const path = join(medium.dir, 'comments.db');
    for (const suffix of ['', '-wal', '-shm']) copyFileSync(`${live}${suffix}`, `${path}${suffix}`);
    copyFileSync(live, join(medium.dir, 'no-index.db'));
    copyFileSync(`${live}-wal`, join(medium.dir, 'no-index.db-wal'));
    db.close();
    medium.makeReadOnly();

    const copy = openDatabase(path);
    expect(copy.readonly).toBe(true);
    expect(bodies(copy)).toEqual(['in the database', 'only in the log']);
    copy.close();
    // Without its -shm, SQLite cannot read that log on a read-only disk: say so, not "unable to open".
    const withoutIndex = join(medium.dir, 'no-index.db');
    expect(refusal(withoutIndex)).toEqual({
      problem: true,
      message: `Cannot read the database ${withoutIndex}: it is on a read-only file system, and its write-ahead log ${withoutIndex}-wal holds changes that SQLite can only fold in with write access. Mount it read-write once and start the server, or set DATABASE_PATH to a copy on a writable disk.`,
    });
  });

  it('refuses, in one line, to upgrade an older database on a read-only file system', (context) => {
    const medium = media.mountOrSkip(context);
    const path = join(medium.dir, 'comments.db');
    const old = new BetterSqlite3(path);
    old.pragma('journal_mode = WAL');
    migrate(old, MIGRATIONS.length - 1);
    old.close();
    medium.makeReadOnly();
    expect(refusal(path)).toEqual({
      problem: true,
      message: `Cannot upgrade the database ${path} from schema version ${MIGRATIONS.length - 1} to ${MIGRATIONS.length}: it is on a read-only file system. Mount it read-write once and start the server, or set DATABASE_PATH to a writable copy.`,
    });
  });

  it('refuses to create a database on a read-only file system, or a folder there, in one line', (context) => {
    const medium = media.mountOrSkip(context);
    medium.makeReadOnly();
    const fix = 'Remount it read-write, or set DATABASE_PATH to a place on a writable disk.';
    const inFolder = join(medium.dir, 'data', 'comments.db');
    expect(refusal(inFolder).message).toBe(
      `Cannot create the database folder ${join(medium.dir, 'data')}: the file system is read-only. ${fix}`,
    );
    const beside = join(medium.dir, 'comments.db');
    expect(refusal(beside).message).toBe(
      `Cannot create the database ${beside}: the file system is read-only. ${fix}`,
    );
    expect(existsSync(join(medium.dir, 'data'))).toBe(false);
  });
});
