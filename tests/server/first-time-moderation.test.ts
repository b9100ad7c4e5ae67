import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from '../../server/storage/migrations.ts';
import { createStore } from '../../server/storage/store.ts';
import { ON_POSTGRES, storedComment, type TestApp } from '../helpers/app.ts';
import { approveComment, postComment } from '../helpers/requests.ts';
import { useTestApps } from '../helpers/test-apps.ts';

const setUp = useTestApps({ MODERATION: 'first-time' });

async function post(test: TestApp, changes: object): Promise<{ id: number; status: string }> {
  const response = await postComment(test, changes);
  expect(response.statusCode, response.body).toBe(201);
  return response.json().comment;
}

/** Ann Reader <ann@example.com> with one approved comment: a regular. */
async function withRegular(): Promise<TestApp> {
  const test = await setUp();
  const first = await post(test, { body: 'My first comment.' });
  expect(first.status).toBe('pending');
  await approveComment(test, first.id);
  return test;
}

describe('MODERATION=first-time', () => {
  it('publishes at once a comment whose name and email have an approved comment together', async () => {
    const test = await withRegular();
    expect((await post(test, { body: 'Back again.' })).status).toBe('approved');
  });

  it("holds a stranger who types a regular's email under another name", async () => {
    const test = await withRegular();
    const stranger = await post(test, { name: 'Mallory', body: 'Pretending to be Ann.' });
    expect(stranger.status).toBe('pending');
  });

  it("holds the regular's name with another email", async () => {
    const test = await withRegular();
    const other = await post(test, { email: 'someone@example.net', body: 'Another Ann.' });
    expect(other.status).toBe('pending');
  });

  it('compares the email ignoring case, and the name ignoring case and spaces', async () => {
    const test = await withRegular();
    for (const [n, name, email] of [
      [1, 'ann reader', 'ANN@Example.com'],
      [2, 'ANN   READER', 'ann@example.com'],
      [3, 'Ann\u00a0Reader', 'Ann@example.com'],
    ] as const) {
      // Texts of their own: the duplicate check too compares ignoring case and spaces.
      const comment = await post(test, { name, email, body: `Comment ${n}, as ${name}` });
      expect(comment.status, `${name} <${email}>`).toBe('approved');
    }
  });

  it('counts only approved comments: a held one does not make its author a regular', async () => {
    const test = await setUp();
    expect((await post(test, { body: 'One.' })).status).toBe('pending');
    expect((await post(test, { body: 'Two.' })).status).toBe('pending');
  });
});

describe('Store.hasApprovedCommentFrom', () => {
  async function storeWith(name: string, email: string) {
    const { store } = await setUp();
    await store.insertComment(
      { key: 'https://example.com/a', url: 'https://example.com/a', title: null },
      storedComment({
        name,
        email,
        body: 'Hello',
        tokenHash: 'a-token-hash',
        createdAt: '2026-01-01T00:00:00.000Z',
      }),
    );
    return store;
  }

  it('matches names in any Unicode case and form, but not with other accents', async () => {
    const store = await storeWith('Zoë Ångström', 'zoe@example.com');
    expect(await store.hasApprovedCommentFrom('zoe@example.com', 'ZOË ÅNGSTRÖM')).toBe(true);
    // The same letters, decomposed (e + combining diaeresis), as some keyboards type them.
    expect(
      await store.hasApprovedCommentFrom('zoe@example.com', 'Zoe\u0308 A\u030angstro\u0308m'),
    ).toBe(true);
    expect(await store.hasApprovedCommentFrom('zoe@example.com', 'Zoe Angstrom')).toBe(false);
    expect(await store.hasApprovedCommentFrom('other@example.com', 'Zoë Ångström')).toBe(false);
  });
});

// A step of SQLite's own schema history: PostgreSQL's schema begins past it, so SQLite only.
describe.skipIf(ON_POSTGRES)('migration 6', () => {
  it('adds the name to the email index and keeps every comment', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, 5);
    db.exec(`
      INSERT INTO pages (id, key, url, title, created_at) VALUES (1, 'k', 'https://example.com/', NULL, '2020');
      INSERT INTO comments (id, page_id, depth, status, name, email, body, html, created_at)
        VALUES (1, 1, 1, 'approved', 'Ann', 'ann@example.com', 'Hi', '<p>Hi</p>', '2020-01-01');
    `);
    const before = db.prepare('SELECT * FROM comments').all();
    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const columns = db
      .prepare("SELECT name FROM pragma_index_info('comments_by_email') ORDER BY seqno")
      .pluck()
      .all();
    expect(columns).toEqual(['email', 'status', 'name']);
    // Every column as it was; later migrations add columns of their own (the text key, likes,
    // the language, the verified mark).
    const after = db.prepare('SELECT * FROM comments').all() as {
      text_key: string;
      likes: number;
      lang: string | null;
      verified: number;
    }[];
    expect(
      after.map(({ text_key: _key, likes: _likes, lang: _lang, verified: _mark, ...rest }) => rest),
    ).toEqual(before);
    expect(createStore(db).hasApprovedCommentFrom('ANN@example.com', 'ann')).toBe(true);
    db.close();
  });
});
