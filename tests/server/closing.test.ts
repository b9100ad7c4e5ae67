/**
 * Closing old threads: CLOSE_AFTER_DAYS counted from a page's publication by the app's clock, the
 * site owner's word on one page over the setting, and where a page's publication comes from.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { FIRST_SIGHTS_PER_MINUTE } from '../../server/http/routes/comments/pages.ts';
import { storedComment, type TestApp } from '../helpers/app.ts';
import { asAdmin, postComment, readThread } from '../helpers/requests.ts';
import { writeMark } from '../helpers/scene.ts';
import { useTestApps } from '../helpers/test-apps.ts';

const SITE = 'https://blog.example.com';
const OTHER_SITE = 'https://shop.example.com';
const POST = `${SITE}/posts/old`;
const DAY_MS = 86_400_000;
const START = Date.parse('2024-03-01T12:00:00.000Z');

const start = useTestApps({ SITE_ORIGINS: `${SITE}, ${OTHER_SITE}`, CLOSE_AFTER_DAYS: '30' });

/** A clock the test moves by hand: the app's one clock. */
function handClock(at = START) {
  let now = at;
  return {
    clock: () => new Date(now),
    setDays(days: number) {
      now = START + days * DAY_MS;
    },
  };
}

async function threadOf(
  test: TestApp,
  url = POST,
  headers: Record<string, string> = {},
  remoteAddress?: string,
) {
  const response = await readThread(test, url, {}, { headers, remoteAddress });
  expect(response.statusCode, response.body).toBe(200);
  return { body: response.json() as { open: boolean }, etag: String(response.headers.etag) };
}

async function pagesListed(test: TestApp) {
  const response = await asAdmin(test, 'GET', '/pages');
  expect(response.statusCode, response.body).toBe(200);
  return (
    response.json() as {
      pages: { key: string; url: string; published: string | null; open: boolean }[];
    }
  ).pages;
}

function post(test: TestApp, changes: object = {}) {
  return postComment(test, { url: POST, ...changes });
}

function setOpen(test: TestApp, key: string, open: boolean | null) {
  return asAdmin(test, 'PATCH', '/pages', { key, open });
}

describe('CLOSE_AFTER_DAYS', () => {
  it('closes a page to new comments and replies once that many days have passed since it was published', async () => {
    const time = handClock();
    const test = await start({}, { clock: time.clock });
    const first = await post(test);
    expect(first.statusCode, first.body).toBe(201);
    const parent = first.json().comment.id as number;

    time.setDays(30 - 1 / 24);
    expect((await threadOf(test)).body.open).toBe(true);
    expect((await post(test, { body: 'Still in time.' })).statusCode).toBe(201);

    time.setDays(30);
    expect((await threadOf(test)).body.open).toBe(false);
    for (const late of [post(test, { body: 'Too late.' }), post(test, { parent, body: 'Late.' })]) {
      const response = await late;
      expect(response.statusCode).toBe(403);
      expect(response.json()).toEqual({
        error: { code: 'comments_closed', message: 'Comments are closed on this page.' },
      });
    }
  });

  it("flips the thread's open when the day passes, without any write, and no old ETag still matches", async () => {
    const time = handClock();
    const test = await start({}, { clock: time.clock });
    expect((await post(test)).statusCode).toBe(201);
    time.setDays(29);
    const before = await threadOf(test);
    expect(before.body.open).toBe(true);
    // Read again: the answer is kept and served as it is while nothing changes.
    expect((await threadOf(test)).etag).toBe(before.etag);
    const mark = await writeMark(test);
    const version = (await test.store.findPage(POST))?.version;

    time.setDays(31);
    const after = await readThread(test, POST, {}, { headers: { 'if-none-match': before.etag } });
    expect(after.statusCode).toBe(200);
    expect(after.json().open).toBe(false);
    expect(after.headers.etag).not.toBe(before.etag);
    expect(await writeMark(test)).toEqual(mark);
    expect((await test.store.findPage(POST))?.version).toBe(version);
  });

  it('refuses likes on a closed page, and takes them again once it is opened', async () => {
    const time = handClock();
    const test = await start({ MODERATION: 'none' }, { clock: time.clock });
    const id = (await post(test)).json().comment.id as number;
    const like = () =>
      test.app.inject({
        method: 'POST',
        url: `/api/comments/${id}/like`,
        payload: { voter: '0123456789abcdef0123456789abcdef' },
      });
    time.setDays(31);
    const refused = await like();
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toEqual({
      error: { code: 'comments_closed', message: 'Comments are closed on this page.' },
    });
    expect((await setOpen(test, POST, true)).statusCode).toBe(200);
    const liked = await like();
    expect(liked.statusCode, liked.body).toBe(200);
    expect(liked.json()).toEqual({ likes: 1 });
  });

  it('never closes a page by its age when unset (0), the default', async () => {
    const time = handClock();
    const test = await start({ CLOSE_AFTER_DAYS: '' }, { clock: time.clock });
    expect(test.config.closeAfterDays).toBe(0);
    expect((await post(test)).statusCode).toBe(201);
    time.setDays(3650);
    expect((await threadOf(test)).body.open).toBe(true);
    expect((await post(test, { body: 'Ten years on.' })).statusCode).toBe(201);
  });

  it('refuses a value that is not a whole number of days, naming the setting', () => {
    for (const bad of ['-1', '2.5', 'thirty'])
      expect(() => loadConfig({ CLOSE_AFTER_DAYS: bad })).toThrow(
        `CLOSE_AFTER_DAYS must be a whole number from 0 to 100000, not "${bad}".`,
      );
    expect(loadConfig({ CLOSE_AFTER_DAYS: '90' }).closeAfterDays).toBe(90);
  });

  it('still lets an author edit their own comment on a page closed since they posted it', async () => {
    const test = await start();
    const posted = await post(test);
    const { comment, token } = posted.json() as { comment: { id: number }; token: string };
    expect((await setOpen(test, POST, false)).statusCode).toBe(200);
    const edit = await test.app.inject({
      method: 'PATCH',
      url: `/api/comments/${comment.id}`,
      payload: { token, body: 'A typo mended.' },
    });
    expect(edit.statusCode, edit.body).toBe(200);
  });
});

describe("the site owner's word on one page", () => {
  it('closes a page the setting keeps open, and gives it back to the setting', async () => {
    const test = await start();
    expect((await post(test)).statusCode).toBe(201);
    const closed = await setOpen(test, POST, false);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().page).toMatchObject({ key: POST, url: POST, open: false });
    expect((await threadOf(test)).body.open).toBe(false);
    expect((await post(test, { body: 'Shut out.' })).json().error.code).toBe('comments_closed');
    expect((await pagesListed(test))[0]?.open).toBe(false);

    expect((await setOpen(test, POST, null)).json().page.open).toBe(true);
    expect((await threadOf(test)).body.open).toBe(true);
    expect((await post(test, { body: 'Back in.' })).statusCode).toBe(201);
  });

  it('opens a page that CLOSE_AFTER_DAYS has closed', async () => {
    const time = handClock();
    const test = await start({}, { clock: time.clock });
    expect((await post(test)).statusCode).toBe(201);
    time.setDays(45);
    expect((await threadOf(test)).body.open).toBe(false);
    const opened = await setOpen(test, POST, true);
    expect(opened.json().page.open).toBe(true);
    expect((await threadOf(test)).body.open).toBe(true);
    expect((await post(test, { body: 'Reopened.' })).statusCode).toBe(201);
    // The owner's word holds however much older the page grows.
    time.setDays(4000);
    expect((await threadOf(test)).body.open).toBe(true);
  });

  it('leaves a page of a site outside SITE_ORIGINS closed, whatever the owner says', async () => {
    const test = await start({ SITE_ORIGINS: OTHER_SITE });
    await test.store.insertComment(
      { key: POST, url: POST, title: null },
      storedComment({ createdAt: new Date(START).toISOString() }),
    );
    expect((await setOpen(test, POST, true)).json().page.open).toBe(false);
    expect((await threadOf(test)).body.open).toBe(false);
  });

  it('answers 404 for an unknown page and 400 for anything but true, false or null', async () => {
    const test = await start();
    expect((await post(test)).statusCode).toBe(201);
    const unknown = await setOpen(test, `${SITE}/posts/never`, false);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('page_not_found');
    for (const payload of [{ key: POST, open: 'maybe' }, { key: POST }, { open: false }, {}]) {
      const response = await asAdmin(test, 'PATCH', '/pages', payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.code).toBe('invalid_input');
    }
    const anonymous = await test.app.inject({
      method: 'PATCH',
      url: '/api/admin/pages',
      payload: { key: POST, open: false },
    });
    expect(anonymous.statusCode).toBe(401);
    expect((await threadOf(test)).body.open).toBe(true);
  });

  it('lists each page with when it was published and whether it is open', async () => {
    const time = handClock();
    const test = await start({}, { clock: time.clock });
    expect((await post(test)).statusCode).toBe(201);
    time.setDays(40);
    const fresh = `${SITE}/posts/new`;
    expect((await post(test, { url: fresh })).statusCode).toBe(201);
    const pages = await pagesListed(test);
    expect(pages.map(({ url, published, open }) => ({ url, published, open }))).toEqual([
      { url: fresh, published: new Date(START + 40 * DAY_MS).toISOString(), open: true },
      { url: POST, published: new Date(START).toISOString(), open: false },
    ]);
  });
});

describe("a page's publication", () => {
  it('is when a browser on its own site first asked for its thread, recorded once', async () => {
    const time = handClock();
    const test = await start({}, { clock: time.clock });
    await threadOf(test, POST, { origin: SITE });
    const mark = await writeMark(test);
    time.setDays(10);
    // A page already known costs nothing more: no write.
    await threadOf(test, POST, { origin: SITE });
    expect(await writeMark(test)).toEqual(mark);
    expect((await post(test)).statusCode).toBe(201);
    expect((await pagesListed(test))[0]?.published).toBe(new Date(START).toISOString());

    time.setDays(30);
    expect((await threadOf(test)).body.open).toBe(false);
  });

  it("takes its title, on the dashboard, from its first comment's post, held or not", async () => {
    const test = await start();
    await threadOf(test, POST, { origin: SITE });
    expect((await post(test, { title: 'An old post' })).json().comment.status).toBe('pending');
    const listed = await pagesListed(test);
    expect(listed.map((page) => [page.url, (page as { title?: string | null }).title])).toEqual([
      [POST, 'An old post'],
    ]);
  });

  it('is recorded for at most FIRST_SIGHTS_PER_MINUTE new pages a minute from one client', async () => {
    const time = handClock();
    const test = await start({}, { clock: time.clock });
    const pageAt = (n: number) => `${SITE}/posts/${n}`;
    for (let n = 0; n <= FIRST_SIGHTS_PER_MINUTE; n++) {
      await threadOf(test, pageAt(n), { origin: SITE });
    }
    expect(await pagesListed(test)).toHaveLength(FIRST_SIGHTS_PER_MINUTE);
    // Another client, and the same one a minute later, are counted afresh.
    await threadOf(test, pageAt(100), { origin: SITE }, '198.51.100.9');
    time.setDays(1);
    await threadOf(test, pageAt(101), { origin: SITE });
    expect(await pagesListed(test)).toHaveLength(FIRST_SIGHTS_PER_MINUTE + 2);
  });

  it('is not recorded for a request from another origin, or from none', async () => {
    const test = await start();
    await threadOf(test, POST);
    await threadOf(test, POST, { origin: OTHER_SITE });
    await threadOf(test, POST, { origin: 'null' });
    await threadOf(test, 'https://elsewhere.example.org/a', {
      origin: 'https://elsewhere.example.org',
    });
    expect(await pagesListed(test)).toEqual([]);
  });

  it('is the first comment when no browser asked first, and never a date the browser sends', async () => {
    const time = handClock();
    const test = await start({}, { clock: time.clock });
    time.setDays(5);
    const posted = await post(test, {
      published: '2000-01-01T00:00:00.000Z',
      publishedAt: '2000-01-01T00:00:00.000Z',
      published_at: '2000-01-01T00:00:00.000Z',
    });
    // Fields the form does not have are dropped, not stored.
    expect(posted.statusCode, posted.body).toBe(201);
    const readFirst = `${SITE}/posts/read-first`;
    const read = await readThread(
      test,
      readFirst,
      {},
      {
        headers: {
          origin: SITE,
          'x-published': '2000-01-01T00:00:00.000Z',
          date: 'Sat, 01 Jan 2000 00:00:00 GMT',
          'last-modified': 'Sat, 01 Jan 2000 00:00:00 GMT',
        },
      },
    );
    expect(read.statusCode).toBe(200);
    const fifthDay = new Date(START + 5 * DAY_MS).toISOString();
    expect((await pagesListed(test)).map(({ url, published }) => [url, published])).toEqual([
      [POST, fifthDay],
      [readFirst, fifthDay],
    ]);
    time.setDays(34);
    expect((await threadOf(test)).body.open).toBe(true);
  });
});
