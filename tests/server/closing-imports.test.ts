/**
 * Where a page's publication comes from when the server did not see it published: the post date
 * of the export it is imported from, and, for pages stored before publication was kept, their
 * first comment (the migration's backfill).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { disqusImporter } from '../../server/import/disqus.ts';
import { importFile } from '../../server/import/importer.ts';
import { issoImporter } from '../../server/import/isso.ts';
import { jsonImporter } from '../../server/import/json-import.ts';
import { wordPressImporter } from '../../server/import/wordpress.ts';
import { MIGRATIONS, migrate } from '../../server/storage/migrations.ts';
import { openDatabase } from '../../server/storage/open.ts';
import { createTestApp } from '../helpers/app.ts';
import { sqliteAt } from '../helpers/database.ts';
import { asAdmin, readThread } from '../helpers/requests.ts';
import { useTestApps } from '../helpers/test-apps.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const WORDPRESS_POST = 'https://old-kitchen.example.org/2019/07/starter-on-holiday';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const start = useTestApps();

function databasePath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'leave-a-reply-closing-'));
  dirs.push(dir);
  return join(dir, 'comments.db');
}

/** Each page's key and publication, as stored. */
function publications(path: string): Record<string, string | null> {
  const db = openDatabase(path);
  try {
    const rows = db.prepare('SELECT key, published_at FROM pages').all() as {
      key: string;
      published_at: string | null;
    }[];
    return Object.fromEntries(rows.map((row) => [row.key, row.published_at]));
  } finally {
    db.close();
  }
}

describe('an import', () => {
  it("dates each WordPress page by its post's UTC date, else its local date, else its oldest comment", async () => {
    const path = databasePath();
    await importFile(
      sqliteAt(path),
      join(FIXTURES, 'wordpress-post-dates.xml'),
      wordPressImporter(),
    );
    expect(publications(path)).toEqual({
      'https://dated.example.org/in-utc': '2018-05-01T09:00:00.000Z',
      'https://dated.example.org/local': '2018-06-02T14:30:00.000Z',
      'https://dated.example.org/draft': '2019-02-01T12:00:00.000Z',
    });
  });

  it("dates a whole WordPress site's pages by their posts", async () => {
    const path = databasePath();
    await importFile(sqliteAt(path), join(FIXTURES, 'wordpress-site.xml'), wordPressImporter());
    expect(publications(path)[WORDPRESS_POST]).toBe('2019-07-01T07:00:00.000Z');
  });

  it("dates each Disqus page by its thread's createdAt", async () => {
    const path = databasePath();
    await importFile(sqliteAt(path), join(FIXTURES, 'disqus.xml'), disqusImporter());
    expect(publications(path)).toMatchObject({
      'https://kitchen.example.com/2019/07/starter-on-holiday': '2019-07-01T07:00:00.000Z',
      'http://localhost:4000/drafts/rye': '2016-02-01T10:00:00.000Z',
    });
  });

  it('dates an Isso page, which has no date of its own, by its oldest comment', async () => {
    const path = databasePath();
    const origin = 'https://kitchen.example.com';
    await importFile(sqliteAt(path), join(FIXTURES, 'isso.json'), issoImporter({ origin }));
    const db = openDatabase(path);
    const rows = db
      .prepare(
        `SELECT published_at AS published,
           (SELECT min(created_at) FROM comments WHERE page_id = pages.id) AS oldest
         FROM pages`,
      )
      .all() as { published: string; oldest: string }[];
    db.close();
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) expect(row.published).toBe(row.oldest);
  });

  it("puts the export's date on a page first seen later, and leaves the owner's word on it", async () => {
    const test = await start({
      SITE_ORIGINS: 'https://old-kitchen.example.org',
      CLOSE_AFTER_DAYS: '30',
    });
    const origin = { origin: 'https://old-kitchen.example.org' };
    expect((await readThread(test, WORDPRESS_POST, {}, { headers: origin })).json().open).toBe(
      true,
    );
    const opened = await asAdmin(test, 'PATCH', '/pages', { key: WORDPRESS_POST, open: true });
    expect(opened.statusCode, opened.body).toBe(200);

    await importFile(test.config, join(FIXTURES, 'wordpress-site.xml'), wordPressImporter());
    const listed = (await asAdmin(test, 'GET', '/pages')).json().pages as {
      key: string;
      published: string;
      open: boolean;
    }[];
    expect(listed.find((page) => page.key === WORDPRESS_POST)).toMatchObject({
      published: '2019-07-01T07:00:00.000Z',
      open: true,
    });
    // Given back to the setting, the page is years past its 30 days.
    await asAdmin(test, 'PATCH', '/pages', { key: WORDPRESS_POST, open: null });
    expect((await readThread(test, WORDPRESS_POST)).json().open).toBe(false);
  });
});

describe('the migration that keeps when each page was published', () => {
  it('dates every page stored before it by its first comment, so that old pages do not count from the upgrade', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    const before = MIGRATIONS.findIndex((sql) => sql.includes('published_at'));
    expect(before).toBeGreaterThan(0);
    migrate(db, before);
    const addPage = db.prepare('INSERT INTO pages (id, key, url, created_at) VALUES (?, ?, ?, ?)');
    addPage.run(1, 'https://example.com/a', 'https://example.com/a', '2020-05-05T00:00:00.000Z');
    addPage.run(2, 'https://example.com/b', 'https://example.com/b', '2021-01-01T00:00:00.000Z');
    const insert = db.prepare(
      `INSERT INTO comments (page_id, depth, status, name, email, body, html, created_at)
       VALUES (?, 1, ?, 'Ann', 'ann@example.com', ?, '<p>x</p>', ?)`,
    );
    // Page 1's first comment is not its first row, and is a held one: it still dates the page.
    insert.run(1, 'approved', 'later', '2020-06-01T00:00:00.000Z');
    insert.run(1, 'pending', 'first', '2020-05-05T00:00:00.000Z');
    insert.run(1, 'approved', 'last', '2020-07-01T00:00:00.000Z');

    migrate(db);

    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(
      db.prepare('SELECT id, published_at, open_override FROM pages ORDER BY id').all(),
    ).toEqual([
      { id: 1, published_at: '2020-05-05T00:00:00.000Z', open_override: null },
      // A page without comments (an import's, an erased reader's) keeps its own creation.
      { id: 2, published_at: '2021-01-01T00:00:00.000Z', open_override: null },
    ]);
    db.close();
  });

  it("closes an upgraded site's old pages by the age of their first comment", async () => {
    const path = databasePath();
    const db = new BetterSqlite3(path);
    migrate(
      db,
      MIGRATIONS.findIndex((sql) => sql.includes('published_at')),
    );
    db.prepare('INSERT INTO pages (id, key, url, created_at) VALUES (1, ?, ?, ?)').run(
      'http://localhost:8080/posts/old',
      'http://localhost:8080/posts/old',
      '2020-01-01T00:00:00.000Z',
    );
    db.prepare(
      `INSERT INTO comments (page_id, depth, status, name, email, body, html, created_at)
       VALUES (1, 1, 'approved', 'Ann', 'ann@example.com', 'Old.', '<p>Old.</p>', ?)`,
    ).run('2020-01-01T00:00:00.000Z');
    db.close();
    const dir = join(path, '..');
    const clock = () => new Date('2020-01-20T00:00:00.000Z');
    const early = await createTestApp({ CLOSE_AFTER_DAYS: '30' }, { dir, clock });
    expect((await readThread(early, 'http://localhost:8080/posts/old')).json().open).toBe(true);
    await early.close();
    const late = await createTestApp(
      { CLOSE_AFTER_DAYS: '30' },
      { dir, clock: () => new Date('2020-02-01T00:00:00.000Z') },
    );
    expect((await readThread(late, 'http://localhost:8080/posts/old')).json().open).toBe(false);
    await late.close();
  });
});

describe("the site's own export", () => {
  it('reads back a file made before pages had a publication, dating them by their creation', async () => {
    const path = databasePath();
    const file = join(path, '..', 'old-export.json');
    const page = {
      id: 1,
      key: 'https://example.com/a',
      url: 'https://example.com/a',
      title: null,
      created_at: '2020-05-05T00:00:00.000Z',
      version: 0,
    };
    const document = {
      format: 'leave-a-reply/1',
      schemaVersion: 9,
      settings: [],
      pages: [page],
      comments: [],
      subscribers: [],
    };
    writeFileSync(file, JSON.stringify(document));
    await importFile(sqliteAt(path), file, jsonImporter);
    expect(publications(path)).toEqual({ 'https://example.com/a': '2020-05-05T00:00:00.000Z' });
  });
});
