/**
 * What a poster cannot change: the page's title, what others learn of held comments, a comment
 * the site owner has taken out of its author's hands, the honeypot's answer, the flood window
 * after a failed write, and the origin a post comes from.
 */

import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from '../../server/storage/migrations.ts';
import { ON_POSTGRES, type TestApp } from '../helpers/app.ts';
import {
  approveComment,
  asAdmin,
  deleteOwnComment,
  editOwnComment,
  PAGE,
  postComment,
  readThread,
} from '../helpers/requests.ts';
import { refuseWrites, rowCount } from '../helpers/scene.ts';
import { useTestApps } from '../helpers/test-apps.ts';

/** The schema version whose migration makes page versions count only what readers see. */
const HIDING_MIGRATION =
  MIGRATIONS.findIndex((step) => step.includes('CREATE TABLE held_titles')) + 1;
/** Publishes at once, but holds a comment that mentions a casino. */
const setUp = useTestApps({ MODERATION: 'none', HOLD_WORDS: 'casino' });

function post(test: TestApp, changes: object = {}, headers: Record<string, string> = {}) {
  return postComment(test, changes, { headers });
}

async function posted(test: TestApp, changes: object = {}) {
  const response = await post(test, changes);
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { comment: { id: number; status: string }; token: string };
}

function thread(test: TestApp, headers: Record<string, string> = {}) {
  return readThread(test, PAGE, {}, { headers });
}

/** What anyone outside can learn of the page: its thread, its count, the dashboard's list. */
async function outsideView(test: TestApp) {
  const answer = (await thread(test)).json();
  const counts = await test.app.inject({
    method: 'GET',
    url: `/api/counts?url=${encodeURIComponent(PAGE)}`,
  });
  const pages = (await asAdmin(test, 'GET', '/pages')).json().pages as {
    key: string;
    title: string | null;
    count: number;
  }[];
  return {
    title: answer.title,
    count: answer.count,
    comments: answer.comments.length,
    counted: counts.json().counts[PAGE],
    listed: pages.find((page) => page.key === PAGE) ?? null,
  };
}

describe('the page title', () => {
  it('is not renamed by a held post: thread, counts and dashboard keep the published title', async () => {
    const test = await setUp();
    await posted(test, { title: 'Hello' });
    const before = await outsideView(test);
    expect(before).toMatchObject({ title: 'Hello', count: 1, listed: { title: 'Hello' } });

    const held = await posted(test, { title: 'PWNED', body: 'Best casino in town' });
    expect(held.comment.status).toBe('pending');
    expect(await outsideView(test)).toEqual(before);
  });

  it('is renamed by a comment published at once, as the newest post names the page', async () => {
    const test = await setUp();
    await posted(test, { title: 'Hello' });
    await posted(test, { title: 'Hello, renamed', body: 'A second thought.' });
    expect((await outsideView(test)).title).toBe('Hello, renamed');
  });

  it('of a page a held post created is shown to readers only once the owner approves that post', async () => {
    const test = await setUp();
    const held = await posted(test, { title: 'Bread notes', body: 'A casino of flavours' });
    // The site owner, who sees the held post, sees its title in the dashboard.
    expect(await outsideView(test)).toMatchObject({
      title: null,
      count: 0,
      listed: { title: 'Bread notes', count: 0 },
    });

    expect((await asAdmin(test, 'POST', `/comments/${held.comment.id}/approve`)).statusCode).toBe(
      200,
    );
    const title = 'Bread notes';
    expect(await outsideView(test)).toMatchObject({ title, count: 1, listed: { title } });
  });

  it('takes the title a held post carried once the owner approves it, the newest post shown', async () => {
    const test = await setUp();
    await posted(test, { title: 'Hello' });
    const held = await posted(test, { title: 'Hello, part two', body: 'A casino of flavours' });
    expect((await outsideView(test)).title).toBe('Hello');
    await approveComment(test, held.comment.id);
    const title = 'Hello, part two';
    expect(await outsideView(test)).toMatchObject({ title, count: 2, listed: { title } });
  });

  it('is not taken back by an older held post the owner approves after a newer one named the page', async () => {
    const test = await setUp();
    const held = await posted(test, { title: 'Old name', body: 'A casino of flavours' });
    await posted(test, { title: 'New name', body: 'Published at once.' });
    await approveComment(test, held.comment.id);
    expect(await outsideView(test)).toMatchObject({ title: 'New name', count: 2 });
  });

  it('never comes from a held post the owner marks as spam, even once other comments are approved', async () => {
    const test = await setUp({ MODERATION: 'all' });
    const attack = await posted(test, { title: 'PWNED', body: 'First on the page' });
    const reader = await posted(test, { title: undefined, body: 'A reader, no title sent' });
    await asAdmin(test, 'POST', `/comments/${attack.comment.id}/spam`);
    await approveComment(test, reader.comment.id);
    const view = await outsideView(test);
    expect(view).toMatchObject({ title: null, count: 1, listed: { title: null } });
    expect(JSON.stringify(view)).not.toContain('PWNED');
  });

  it('is not a held post’s once a comment without a title is published at once on its page', async () => {
    const test = await setUp();
    await posted(test, { title: 'PWNED', body: 'First, and a casino' });
    await posted(test, { title: undefined, body: 'Published at once, no title sent' });
    const view = await outsideView(test);
    expect(view).toMatchObject({ title: null, count: 1, listed: { title: null } });
  });
});

describe('the ETag', () => {
  it('stays the same while only held comments come, change and go, so others still get 304', async () => {
    const test = await setUp();
    await posted(test, { body: 'Shown to everyone' });
    const first = await thread(test);
    const etag = first.headers.etag as string;

    const held = await posted(test, { title: 'PWNED', body: 'Best casino in town' });
    const stillSame = async (after: string) => {
      const again = await thread(test, { 'if-none-match': etag });
      expect(again.statusCode, after).toBe(304);
    };
    await stillSame('a held post');
    const edited = await editOwnComment(
      test,
      held.comment.id,
      held.token,
      'Best casino in the whole town',
    );
    expect(edited.statusCode).toBe(200);
    await stillSame('an edit of a held comment');
    await asAdmin(test, 'POST', `/comments/${held.comment.id}/spam`);
    await stillSame('a held comment marked as spam');

    const other = await posted(test, { body: 'Another casino' });
    const deleted = await deleteOwnComment(test, other.comment.id, other.token);
    expect(deleted.statusCode).toBe(204);
    await stillSame('a held comment deleted by its author');
    const strip = (body: string) => body.replace(/"form":"[^"]*"/, '');
    expect(strip((await thread(test)).body)).toBe(strip(first.body));
  });

  it('of a page only held comments have touched is that of a page without comments', async () => {
    const test = await setUp();
    const empty = await thread(test);
    await posted(test, { title: 'PWNED', body: 'Best casino in town' });
    const again = await thread(test, { 'if-none-match': empty.headers.etag as string });
    expect(again.statusCode).toBe(304);
    const answer = (await thread(test)).json();
    expect(answer).toMatchObject({ title: null, count: 0, comments: [] });
  });

  it('changes once the owner approves a held comment', async () => {
    const test = await setUp();
    await posted(test, { body: 'Shown to everyone' });
    const etag = (await thread(test)).headers.etag as string;
    const held = await posted(test, { body: 'Best casino in town' });
    await approveComment(test, held.comment.id);
    const after = await thread(test, { 'if-none-match': etag });
    expect(after.statusCode).toBe(200);
    expect(after.json().count).toBe(2);
  });

  it('still lets the author see their own held comment through their token', async () => {
    const test = await setUp();
    const held = await posted(test, { body: 'Best casino in town' });
    const own = await test.app.inject({
      method: 'POST',
      url: '/api/comments/own',
      payload: { tokens: [held.token] },
    });
    expect(own.json().comments).toEqual([
      expect.objectContaining({ id: held.comment.id, status: 'pending' }),
    ]);
  });
});

describe("a comment the owner has taken out of its author's hands", () => {
  for (const action of ['spam', 'trash'] as const) {
    it(`cannot be edited or deleted by its author once marked ${action}: 404, and it stays as it was`, async () => {
      const test = await setUp();
      const { comment, token } = await posted(test, { body: 'As first written' });
      expect((await asAdmin(test, 'POST', `/comments/${comment.id}/${action}`)).statusCode).toBe(
        200,
      );

      const edit = await editOwnComment(test, comment.id, token, 'Rewritten after moderation');
      expect(edit.statusCode).toBe(404);
      expect(edit.json().error).toEqual({
        code: 'comment_not_found',
        message: `There is no comment with id ${comment.id}.`,
      });
      const remove = await deleteOwnComment(test, comment.id, token);
      expect(remove.statusCode).toBe(404);
      expect(remove.json().error.code).toBe('comment_not_found');

      expect(await test.store.findComment(comment.id)).toMatchObject({
        status: action,
        body: 'As first written',
      });
    });
  }

  it('answers a wrong token on such a comment the same 404, confirming nothing', async () => {
    const test = await setUp();
    const { comment } = await posted(test);
    await asAdmin(test, 'POST', `/comments/${comment.id}/spam`);
    const edit = await editOwnComment(test, comment.id, 'not-the-token', 'x');
    expect(edit.statusCode).toBe(404);
  });

  it('is still the author’s to edit while it only waits for moderation', async () => {
    const test = await setUp();
    const { comment, token } = await posted(test, { body: 'A casino, held' });
    const edit = await editOwnComment(test, comment.id, token, 'A casino, held, and edited');
    expect(edit.statusCode).toBe(200);
    expect(edit.json().comment.status).toBe('pending');
  });
});

describe('an approved comment edited into more links than MAX_LINKS', () => {
  const links = (n: number, host = 'example.org') =>
    Array.from({ length: n }, (_, i) => `https://${host}/${i}`).join(' ');

  it('goes back to pending and leaves the thread', async () => {
    const test = await setUp({ MAX_LINKS: '2' });
    const { comment, token } = await posted(test, { body: links(1) });
    expect(comment.status).toBe('approved');
    const edit = await editOwnComment(test, comment.id, token, links(3));
    expect(edit.json().comment.status).toBe('pending');
    expect((await thread(test)).json()).toMatchObject({ count: 0, comments: [] });
  });

  it('goes back to pending too when the owner had approved its links and the author swaps one', async () => {
    const test = await setUp({ MAX_LINKS: '1' });
    const { comment, token } = await posted(test, { body: links(2) });
    expect(comment.status).toBe('pending');
    await approveComment(test, comment.id);
    const edit = await editOwnComment(
      test,
      comment.id,
      token,
      `${links(1)} https://spam.example/pills`,
    );
    expect(edit.json().comment.status).toBe('pending');
    expect((await thread(test)).json().count).toBe(0);
  });
});

describe("the honeypot's answer", () => {
  const fields = {
    website: 'https://ann.example.com',
    body: 'Visit **my** site https://example.net today',
  };

  it('has the shape and values of a real held comment’s, with the text rendered, and stores nothing', async () => {
    const test = await setUp({ MODERATION: 'all' });
    const parent = (await posted(test, { body: 'A parent' })).comment.id;
    await approveComment(test, parent);

    const decoy = await post(test, { ...fields, parent, homepage: 'http://spam.example' });
    expect(decoy.statusCode).toBe(201);
    const stored = await rowCount(test, 'comments');

    const real = await post(test, { ...fields, parent });
    expect(real.statusCode).toBe(201);
    const fake = decoy.json();
    const genuine = real.json();
    expect(Object.keys(fake).sort()).toEqual(Object.keys(genuine).sort());
    expect(Object.keys(fake.comment).sort()).toEqual(Object.keys(genuine.comment).sort());
    const { id: fakeId, created: fakeCreated, ...fakeRest } = fake.comment;
    const { id: realId, created: realCreated, ...realRest } = genuine.comment;
    expect(fakeRest).toEqual(realRest);
    expect(fakeRest).toMatchObject({ status: 'pending', depth: 2, parent });
    expect(fake.comment.html).toContain('<strong>my</strong>');
    expect(fakeId).toBe(realId);
    expect(fakeCreated).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(fake.token).toMatch(/^[\w-]{32}$/);
    expect(stored).toBe(1);
  });

  it('starts the flood window as a real post does, so a second post soon after is told to wait', async () => {
    const test = await setUp({ FLOOD_SECONDS: '60' });
    expect((await post(test, { homepage: 'http://spam.example' })).statusCode).toBe(201);
    const again = await post(test, { body: 'Again', homepage: 'http://spam.example' });
    expect(again.statusCode).toBe(429);
    expect(again.json().error.code).toBe('flood');
  });

  it('answers a reply to no comment as a real post would: 404', async () => {
    const test = await setUp();
    const response = await post(test, { parent: 999, homepage: 'http://spam.example' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('parent_not_found');
  });
});

describe('a post that fails to commit', () => {
  it('does not start the flood timer while the database is read-only', async () => {
    const test = await setUp({ FLOOD_SECONDS: '60' });
    const allowWrites = await refuseWrites(test);
    expect((await post(test)).statusCode).toBe(503);
    await allowWrites();
    expect((await post(test)).statusCode).toBe(201);
  });

  it('still counts posts sent together from one client against each other', async () => {
    const test = await setUp({ FLOOD_SECONDS: '60' });
    const answers = await Promise.all([
      post(test, { body: 'One' }),
      post(test, { body: 'Two' }),
      post(test, { body: 'Three' }),
    ]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([201, 429, 429]);
  });
});

// A full disk is made by capping the size of SQLite's file; PostgreSQL's files cannot be capped
// from a connection, and the read-only database above fails a commit on both engines.
describe.skipIf(ON_POSTGRES)('a post that fails to commit on a full disk', () => {
  it('does not start the flood timer: after a full disk the same client may post again at once', async () => {
    const test = await setUp({ FLOOD_SECONDS: '60' });
    const from = (changes: object) => postComment(test, changes, { remoteAddress: '203.0.113.7' });
    // Another client's comment makes the page, so that the refused one is a plain insert.
    expect((await post(test, { email: 'bob@example.com' })).statusCode).toBe(201);

    const pages = test.db.pragma('page_count', { simple: true }) as number;
    test.db.pragma(`max_page_count = ${pages}`);
    const refused = await from({ body: 'y'.repeat(9_000) });
    expect(refused.statusCode).toBe(503);

    test.db.pragma('max_page_count = 1073741823');
    const retried = await from({ body: 'y'.repeat(9_000) });
    expect(retried.statusCode, retried.body).toBe(201);
    // The one that was stored does start it.
    expect((await from({ body: 'Once more' })).statusCode).toBe(429);
  });
});

describe('Origin: null', () => {
  it('is refused like an unlisted origin, and nothing is stored', async () => {
    const settings: Record<string, string>[] = [{}, { SITE_ORIGINS: 'http://localhost:8080' }];
    for (const env of settings) {
      const test = await setUp(env);
      const response = await post(test, {}, { origin: 'null' });
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('site_not_allowed');
      expect(await test.store.findPage(PAGE)).toBeNull();
      // The site itself, and a script that names no origin, still post.
      expect((await post(test, {}, { origin: 'http://localhost:8080' })).statusCode).toBe(201);
      expect((await post(test, { body: 'From a script' })).statusCode).toBe(201);
      await test.close();
    }
  });
});

// The migrations are SQLite's schema history; PostgreSQL's schema starts where they had got to.
describe.skipIf(ON_POSTGRES)('the migration that hides held comments from page versions', () => {
  it('keeps every page and comment as it was, and from then on held comments leave versions alone', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, HIDING_MIGRATION - 1);
    db.exec(`
      INSERT INTO pages (id, key, url, title, created_at) VALUES (1, 'k', 'https://example.com/', 'Kept', '2026');
      INSERT INTO comments (id, page_id, depth, status, name, email, body, html, created_at)
      VALUES (1, 1, 1, 'approved', 'Ann', 'a@example.com', 'Hi', '<p>Hi</p>', '2026-01-01'),
             (2, 1, 1, 'pending', 'Bob', 'b@example.com', 'Held', '<p>Held</p>', '2026-01-02'),
             (3, 1, 1, 'spam', 'Cy', 'c@example.com', 'Spam', '<p>Spam</p>', '2026-01-03');
    `);
    const pagesBefore = db.prepare('SELECT * FROM pages').all();
    const commentsBefore = db.prepare('SELECT * FROM comments ORDER BY id').all();
    migrate(db, HIDING_MIGRATION);
    expect(db.prepare('SELECT * FROM pages').all()).toEqual(pagesBefore);
    expect(db.prepare('SELECT * FROM comments ORDER BY id').all()).toEqual(commentsBefore);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');

    const page = () =>
      db.prepare('SELECT version, approved_count FROM pages').get() as {
        version: number;
        approved_count: number;
      };
    const before = page();
    db.exec(`INSERT INTO comments (page_id, depth, status, name, email, body, html, created_at)
      VALUES (1, 1, 'pending', 'Eve', 'e@example.com', 'x', '<p>x</p>', '2026-01-04')`);
    db.exec("UPDATE comments SET status = 'spam' WHERE id = 2");
    db.exec('DELETE FROM comments WHERE id = 3');
    expect(page()).toEqual(before);
    db.exec("UPDATE comments SET status = 'approved' WHERE id = 2");
    expect(page()).toEqual({ version: before.version + 1, approved_count: 2 });
    db.exec('DELETE FROM comments WHERE id = 1');
    expect(page()).toEqual({ version: before.version + 2, approved_count: 1 });
    db.close();
  });
});
