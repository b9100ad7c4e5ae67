import { describe, expect, it } from 'vitest';
import { seedComment, type TestApp } from '../helpers/app.ts';
import {
  approveComment,
  asAdmin,
  openSession,
  PAGE,
  reader,
  readThread,
  runCliQuietly,
  signIn,
} from '../helpers/requests.ts';
import { runSql } from '../helpers/scene.ts';
import { useFolders, useTestApps } from '../helpers/test-apps.ts';

const PASSWORD = 'correct horse battery staple';
const folder = useFolders('restart');
const setUp = useTestApps({ MODERATION: 'all', ADMIN_PASSWORD: PASSWORD });

function countsWith(test: TestApp, cookie: string) {
  return test.app.inject({ method: 'GET', url: '/api/admin/counts', headers: { cookie } });
}

async function publicThread(test: TestApp) {
  return (await readThread(test)).json();
}

describe('signing in to the dashboard', () => {
  it('opens a session with the password: an HttpOnly, SameSite=Strict cookie and a CSRF token', async () => {
    const test = await setUp();
    const wrong = await signIn(test, 'nope nope');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.fields.password).toBe('That password is not right.');

    const response = await signIn(test, PASSWORD);
    expect(response.statusCode).toBe(200);
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/^lar_admin=[\w-]+;/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/);
    const { csrfToken } = response.json();
    const session = cookie.split(';')[0] as string;

    expect((await countsWith(test, session)).statusCode).toBe(200);
    const me = await test.app.inject({
      method: 'GET',
      url: '/api/admin/session',
      headers: { cookie: session },
    });
    expect(me.json()).toEqual({ csrfToken });

    const id = await seedComment(test);
    const withoutCsrf = await test.app.inject({
      method: 'POST',
      url: `/api/admin/comments/${id}/approve`,
      headers: { cookie: session },
    });
    expect(withoutCsrf.statusCode).toBe(403);
    const withCsrf = await test.app.inject({
      method: 'POST',
      url: `/api/admin/comments/${id}/approve`,
      headers: { cookie: session, 'x-csrf-token': csrfToken },
    });
    expect(withCsrf.statusCode).toBe(200);

    const out = await test.app.inject({
      method: 'DELETE',
      url: '/api/admin/session',
      headers: { cookie: session, 'x-csrf-token': csrfToken },
    });
    expect(out.statusCode).toBe(204);
    expect((await countsWith(test, session)).statusCode).toBe(401);
  });

  it('marks the cookie Secure when PUBLIC_URL is https, even if the proxy is not trusted', async () => {
    const test = await setUp({ PUBLIC_URL: 'https://comments.example.com' });
    const response = await signIn(test, PASSWORD);
    expect(response.statusCode).toBe(200);
    expect(String(response.headers['set-cookie'])).toMatch(/; Secure/);
  });

  it('keeps the password only as a scrypt hash', async () => {
    const test = await setUp();
    const stored = await test.store.getSetting('admin_password_hash');
    expect(stored).toMatch(/^scrypt\$/);
    expect(JSON.stringify(await runSql(test, 'SELECT * FROM settings'))).not.toContain(PASSWORD);
  });
});

describe('moderating from the dashboard', () => {
  it('lists a status filtered by site, page and search, with each comment’s context', async () => {
    const test = await setUp();
    const parent = await seedComment(test, { body: 'The first words' });
    await approveComment(test, parent);
    const reply = await seedComment(test, { parent, ...reader('Bob'), body: 'Answering you' });
    await seedComment(test, { url: 'http://localhost:8080/other', body: 'Elsewhere' });
    await seedComment(test, { url: 'http://127.0.0.1:9000/x', body: 'Another site' });

    const pending = (await asAdmin(test, 'GET', '/comments?status=pending')).json().comments;
    expect(pending).toHaveLength(3);
    const byPage = (await asAdmin(test, 'GET', `/comments?page=${encodeURIComponent(PAGE)}`)).json()
      .comments;
    expect(byPage).toEqual([
      expect.objectContaining({
        id: reply,
        replyTo: { id: parent, name: 'Ann Reader', excerpt: 'The first words' },
      }),
    ]);
    const bySite = (await asAdmin(test, 'GET', '/comments?site=http://127.0.0.1:9000')).json()
      .comments;
    expect(bySite.map((c: { body: string }) => c.body)).toEqual(['Another site']);
    const found = (await asAdmin(test, 'GET', '/comments?q=bob%40example')).json().comments;
    expect(found.map((c: { id: number }) => c.id)).toEqual([reply]);
    expect((await asAdmin(test, 'GET', '/comments?q=100%25')).json().comments).toEqual([]);

    expect((await asAdmin(test, 'GET', '/counts')).json()).toEqual({
      pending: 3,
      approved: 1,
      spam: 0,
      trash: 0,
    });
    const pages = (await asAdmin(test, 'GET', '/pages')).json().pages;
    expect(pages).toContainEqual(
      expect.objectContaining({ key: PAGE, site: 'http://localhost:8080', count: 1 }),
    );
  });

  it('trashes and restores to where a comment was, and deletes forever', async () => {
    const test = await setUp();
    const id = await seedComment(test);
    await approveComment(test, id);
    expect((await asAdmin(test, 'POST', `/comments/${id}/trash`)).json().comment.status).toBe(
      'trash',
    );
    expect((await publicThread(test)).count).toBe(0);
    expect((await asAdmin(test, 'POST', `/comments/${id}/restore`)).json().comment.status).toBe(
      'approved',
    );
    expect((await publicThread(test)).count).toBe(1);
    expect((await asAdmin(test, 'DELETE', `/comments/${id}`)).statusCode).toBe(204);
    expect(await test.store.findComment(id)).toBeNull();
  });

  it('applies one action to many comments at once', async () => {
    const test = await setUp();
    const ids = [
      await seedComment(test, { body: 'a' }),
      await seedComment(test, { body: 'b' }),
      await seedComment(test, { body: 'c' }),
    ];
    const response = await asAdmin(test, 'POST', '/comments/bulk', {
      ids: [ids[0], ids[1], 99_999],
      action: 'spam',
    });
    expect(response.json()).toEqual({ updated: 2 });
    expect((await asAdmin(test, 'GET', '/counts')).json()).toMatchObject({ pending: 1, spam: 2 });
  });

  it('edits text, replies as the site owner and pins, all shown in the public thread', async () => {
    const test = await setUp({ OWNER_NAME: 'Mara' });
    const first = await seedComment(test, { body: 'First' });
    const second = await seedComment(test, { body: 'Second, with a typo' });
    await asAdmin(test, 'POST', '/comments/bulk', { ids: [first, second], action: 'approve' });

    const edited = await asAdmin(test, 'PATCH', `/comments/${second}`, { body: 'Second, *fixed*' });
    expect(edited.json().comment.html).toBe('<p>Second, <em>fixed</em></p>');
    const reply = await asAdmin(test, 'POST', `/comments/${first}/reply`, { body: 'Thanks!' });
    expect(reply.statusCode).toBe(201);
    expect(reply.json().comment).toMatchObject({
      owner: true,
      status: 'approved',
      name: 'Mara',
      parent: first,
    });
    await asAdmin(test, 'POST', `/comments/${second}/pin`);

    const thread = await publicThread(test);
    expect(thread.comments.map((c: { id: number }) => c.id)[0]).toBe(second);
    expect(thread.comments[0]).toMatchObject({
      pinned: true,
      html: '<p>Second, <em>fixed</em></p>',
    });
    expect(thread.comments).toContainEqual(
      expect.objectContaining({ name: 'Mara', owner: true, parent: first }),
    );
    expect(JSON.stringify(thread)).not.toMatch(/"edited"/);
  });

  it('gives the overview: 90 days of counts, statuses and the most-commented pages', async () => {
    const test = await setUp({ MODERATION: 'none' });
    await seedComment(test, { body: 'one' });
    await seedComment(test, { body: 'two' });
    await seedComment(test, { url: 'http://localhost:8080/other', body: 'three' });
    const overview = (await asAdmin(test, 'GET', '/overview')).json();
    expect(overview.perDay).toHaveLength(90);
    expect(overview.perDay.at(-1)).toEqual({
      day: new Date().toISOString().slice(0, 10),
      count: 3,
    });
    expect(overview.statuses).toEqual({ pending: 0, approved: 3, spam: 0, trash: 0 });
    expect(overview.topPages[0]).toMatchObject({ key: PAGE, count: 2 });
  });

  it('answers single actions with the comment’s context, and replies only under approved comments', async () => {
    const test = await setUp();
    const parent = await seedComment(test, { body: 'The parent' });
    await approveComment(test, parent);
    const child = await seedComment(test, { parent, ...reader('Bob'), body: 'Held answer' });
    const approved = (await asAdmin(test, 'POST', `/comments/${child}/approve`)).json().comment;
    expect(approved.replyTo).toEqual({ id: parent, name: 'Ann Reader', excerpt: 'The parent' });

    const held = await seedComment(test, { body: 'Still held' });
    const refused = await asAdmin(test, 'POST', `/comments/${held}/reply`, { body: 'Hello' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe('Approve the comment before replying to it.');
  });
});

describe('changing the dashboard password', () => {
  /** A new session's cookie. */
  const sessionCookie = async (test: TestApp, password: string) =>
    (await openSession(test, password)).cookie;

  it('ends every session when "admin set-password" sets a new one while the server runs', async () => {
    const test = await setUp();
    const laptop = await sessionCookie(test, PASSWORD);
    const phone = await sessionCookie(test, PASSWORD);
    expect((await countsWith(test, laptop)).statusCode).toBe(200);

    const { code } = await runCliQuietly(
      ['admin', 'set-password'],
      test.config,
      'a brand new passphrase\n',
    );
    expect(code).toBe(0);
    expect((await countsWith(test, laptop)).statusCode).toBe(401);
    expect((await countsWith(test, phone)).statusCode).toBe(401);
    const old = await signIn(test, PASSWORD);
    expect(old.json().error.code).toBe('wrong_password');
    expect(
      (await countsWith(test, await sessionCookie(test, 'a brand new passphrase'))).statusCode,
    ).toBe(200);
    expect((await asAdmin(test, 'GET', '/counts')).statusCode).toBe(200);
  });

  it('ends every session when ADMIN_PASSWORD changes between starts, and keeps them when it does not', async () => {
    const dir = folder();
    /** The server started on the same database folder with this ADMIN_PASSWORD. */
    const start = (password: string) => setUp({ ADMIN_PASSWORD: password }, { dir });
    const first = await start(PASSWORD);
    const session = await sessionCookie(first, PASSWORD);
    await first.close();

    const same = await start(PASSWORD);
    expect((await countsWith(same, session)).statusCode).toBe(200);
    await same.close();

    const changed = await start('another long password');
    expect((await countsWith(changed, session)).statusCode).toBe(401);
    const fresh = await sessionCookie(changed, 'another long password');
    expect((await countsWith(changed, fresh)).statusCode).toBe(200);
    await changed.close();
  });
});
