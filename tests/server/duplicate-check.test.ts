/**
 * The duplicate check compares texts as a reader reads them (Unicode NFKC, case folded, white
 * space collapsed), through a stored key indexed with the page and the email: one lookup,
 * however many comments the poster has written.
 */
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from '../../server/storage/migrations.ts';
import { openDatabase } from '../../server/storage/open.ts';
import { createStore } from '../../server/storage/store.ts';
import { commentTextKey, normaliseCommentText } from '../../server/storage/text-key.ts';
import { ON_POSTGRES } from '../helpers/app.ts';
import { editOwnComment, postComment } from '../helpers/requests.ts';
import { runSql } from '../helpers/scene.ts';
import { useTestApps } from '../helpers/test-apps.ts';

const setUp = useTestApps({ MODERATION: 'none' });

/** The migration that added the text key, as a schema version. */
const TEXT_KEY_VERSION = MIGRATIONS.findIndex((step) => step.includes('ADD COLUMN text_key')) + 1;

describe('the duplicate check', () => {
  it('refuses the same text in another Unicode form, case or spacing, from the same address', async () => {
    const test = await setUp();
    expect((await postComment(test, { body: 'Lovely piece about Straße ﬁve.' })).statusCode).toBe(
      201,
    );
    for (const body of [
      'LOVELY PIECE ABOUT STRASSE FIVE.',
      'ｌｏｖｅｌｙ ｐｉｅｃｅ about straße five.',
      '  Lovely\n\npiece\tabout   Straße\u00a0ﬁve.  ',
    ]) {
      const response = await postComment(test, { body, email: 'ANN@example.com' });
      expect(response.statusCode, body).toBe(409);
      expect(response.json().error.code).toBe('duplicate');
    }
    // Another address, another page, other words: not duplicates.
    expect(
      (
        await postComment(test, {
          body: 'Lovely piece about Straße five.',
          email: 'bo@example.com',
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await postComment(test, {
          body: 'Lovely piece about Straße five.',
          url: 'http://localhost:8080/posts/other',
        })
      ).statusCode,
    ).toBe(201);
    expect((await postComment(test, { body: 'Lovely piece about Strasse six.' })).statusCode).toBe(
      201,
    );
  });

  it('follows an author’s edit: the edited text is the one compared', async () => {
    const test = await setUp();
    const first = (await postComment(test, { body: 'Before the edit.' })).json();
    const edited = await editOwnComment(test, first.comment.id, first.token, 'After the edit.');
    expect(edited.statusCode).toBe(200);
    expect((await postComment(test, { body: 'after THE edit.' })).statusCode).toBe(409);
    expect((await postComment(test, { body: 'Before the edit.' })).statusCode).toBe(201);
  });
});

describe('first-time moderation’s look-up of a poster’s names', () => {
  it('finds every name an address has approved comments under, in any case of the address', async () => {
    const test = await setUp();
    const [page] = await runSql<{ id: number }>(
      test,
      `INSERT INTO pages (key, url, created_at) VALUES ('k', 'https://example.com/', '2020')
       RETURNING id`,
    );
    let n = 0;
    for (const [status, name, email] of [
      ['approved', 'Ann Reader', 'ann@example.com'],
      ['approved', 'Ann Reader', 'ANN@example.com'],
      ['approved', 'Annie', 'Ann@Example.com'],
      ['pending', 'Held Name', 'ann@example.com'],
      ['approved', 'Bo', 'bo@example.com'],
    ] as const)
      await runSql(
        test,
        `INSERT INTO comments (page_id, depth, status, name, email, body, html, created_at)
         VALUES (?, 1, ?, ?, ?, ?, '', '2020')`,
        [page?.id as number, status, name, email, `Comment ${n++}`],
      );
    const { store } = test;
    expect(await store.hasApprovedCommentFrom('ann@example.com', 'ann reader')).toBe(true);
    expect(await store.hasApprovedCommentFrom('ANN@EXAMPLE.COM', 'ANNIE')).toBe(true);
    expect(await store.hasApprovedCommentFrom('ann@example.com', 'Held Name')).toBe(false);
    expect(await store.hasApprovedCommentFrom('ann@example.com', 'Bo')).toBe(false);
  });
});

describe('normaliseCommentText', () => {
  it('applies NFKC, folds case and collapses white space', () => {
    expect(normaliseCommentText('  Ｆｕｌｌ  ＷＩＤＴＨ\n\tﬁne  ')).toBe('full width fine');
    expect(normaliseCommentText('STRASSE')).toBe(normaliseCommentText('straße'));
    expect(normaliseCommentText('ΣΊΣΥΦΟΣ')).toBe(normaliseCommentText('σίσυφος'));
    // Accents are kept: "resume" and "résumé" are different words.
    expect(normaliseCommentText('resume')).not.toBe(normaliseCommentText('résumé'));
  });
});

describe('the stored text key', () => {
  it('keys texts stored by writers that do not (an import, an edit in the dashboard)', async () => {
    const test = await setUp();
    const [page] = await runSql<{ id: number }>(
      test,
      `INSERT INTO pages (key, url, created_at) VALUES ('k', 'https://example.com/', '2020')
       RETURNING id`,
    );
    const [comment] = await runSql<{ id: number }>(
      test,
      `INSERT INTO comments (page_id, depth, status, name, email, body, html, created_at)
       VALUES (?, 1, 'approved', 'Ann', 'ann@example.com', 'Imported text', '<p>Imported text</p>', '2020')
       RETURNING id`,
      [page?.id as number],
    );
    const id = comment?.id as number;
    const keyOf = () => runSql(test, 'SELECT text_key FROM comments WHERE id = ?', [id]);
    expect(await keyOf()).toEqual([{ text_key: commentTextKey('Imported text') }]);
    await runSql(test, "UPDATE comments SET body = 'Edited by the owner' WHERE id = ?", [id]);
    expect(await keyOf()).toEqual([{ text_key: commentTextKey('Edited by the owner') }]);
    expect(
      await test.store.isDuplicate(page?.id as number, 'ann@example.com', 'edited by the owner'),
    ).toBe(true);
  });
});

// The plans are SQLite's for SQLite's own statements, on a database of its own; PostgreSQL runs
// statements of its own, planned by the tables' statistics, so the check means nothing there.
describe.skipIf(ON_POSTGRES)('SQLite’s plans for the look-ups', () => {
  it('looks a text up by page, key and email in one index, never through the poster’s comments', () => {
    const db = openDatabase(':memory:');
    const sql = createStore(db).statementSources().findDuplicate as string;
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(1, 'key', 'ann@example.com') as {
      detail: string;
    }[];
    expect(plan.map((row) => row.detail)).toEqual([
      'SEARCH comments USING INDEX comments_by_text (page_id=? AND text_key=? AND email=?)',
    ]);
    db.close();
  });

  it('seeks from one name to the next in the index, never stepping through every comment', () => {
    const db = openDatabase(':memory:');
    const sql = createStore(db).statementSources().approvedNamesFrom as string;
    const plan = (
      db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ email: 'ann@example.com' }) as {
        detail: string;
      }[]
    ).map((row) => row.detail);
    expect(plan).toContain(
      'SEARCH comments USING COVERING INDEX comments_by_email (email=? AND status=? AND name>?)',
    );
    db.close();
  });
});

// The migrations are SQLite's schema history; PostgreSQL's schema starts where they had got to.
describe.skipIf(ON_POSTGRES)('the migration that keys every comment’s text', () => {
  it('keys each stored comment and leaves every other column and each page’s version as it was', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, TEXT_KEY_VERSION - 1);
    db.exec(`
      INSERT INTO pages (id, key, url, title, created_at) VALUES
        (1, 'https://example.com/a', 'https://example.com/a', 'A', '2020'),
        (2, 'https://example.com/b', 'https://example.com/b', NULL, '2020');
    `);
    const insert = db.prepare(
      `INSERT INTO comments (page_id, parent_id, root_id, depth, status, name, email, body, html,
         created_at) VALUES (?, ?, ?, ?, ?, 'Zoë', 'zoe@example.com', ?, '<p>x</p>', ?)`,
    );
    const bodies = [
      'Hello there',
      'ＨＥＬＬＯ   there',
      'Réponse — 返信 🍞',
      '',
      'x'.repeat(10_000),
    ];
    bodies.forEach((body, i) => {
      insert.run(
        1 + (i % 2),
        i > 1 ? 1 : null,
        i > 1 ? 1 : null,
        i > 1 ? 2 : 1,
        ['approved', 'pending', 'spam', 'deleted', 'approved'][i],
        body,
        `2020-01-0${i + 1}`,
      );
    });
    const commentsBefore = db.prepare('SELECT * FROM comments ORDER BY id').all();
    const pagesBefore = db.prepare('SELECT * FROM pages ORDER BY id').all();

    migrate(db, TEXT_KEY_VERSION);

    const commentsAfter = db.prepare('SELECT * FROM comments ORDER BY id').all() as {
      body: string;
      text_key: string;
    }[];
    expect(commentsAfter.map(({ text_key: _key, ...rest }) => rest)).toEqual(commentsBefore);
    expect(commentsAfter.map((row) => row.text_key)).toEqual(bodies.map(commentTextKey));
    expect(db.prepare('SELECT * FROM pages ORDER BY id').all()).toEqual(pagesBefore);
    db.close();
  });

  it('finds a duplicate of a comment stored before the migration', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, TEXT_KEY_VERSION - 1);
    db.exec(`
      INSERT INTO pages (id, key, url, created_at) VALUES (1, 'k', 'https://example.com/', '2020');
      INSERT INTO comments (page_id, depth, status, name, email, body, html, created_at)
        VALUES (1, 1, 'approved', 'Ann', 'ann@example.com', 'An old comment', '<p>An old comment</p>', '2020');
    `);
    migrate(db);
    expect(createStore(db).isDuplicate(1, 'Ann@Example.com', 'an OLD comment')).toBe(true);
    db.close();
  });
});
