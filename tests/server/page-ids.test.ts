/**
 * Explicit page ids (data-page-id) belong to the origin of the page address that comes with
 * them. A post for an allowed site that named another site's page id used to land in that page's
 * thread, even when that site may no longer take comments.
 */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/storage/open.ts';
import { scopedPageKey } from '../../server/storage/pages.ts';
import { createStore } from '../../server/storage/store.ts';
import { ON_POSTGRES, storedComment, type TestApp } from '../helpers/app.ts';
import { asAdmin, postComment, readThread } from '../helpers/requests.ts';
import { useFolders, useTestApps } from '../helpers/test-apps.ts';

const OPEN = 'https://blog.example.com';
const CLOSED = 'https://old-blog.example.com';
const OTHER = 'https://shop.example.com';

const folder = useFolders('page-ids');
const setUp = useTestApps({ MODERATION: 'none' });

let posted = 0;
function post(test: TestApp, url: string, page?: string, headers: Record<string, string> = {}) {
  posted++;
  return postComment(test, { url, page, body: `Comment number ${posted}.` }, { headers });
}

async function thread(test: TestApp, url: string, page?: string) {
  const response = await readThread(test, url, page ? { page } : {});
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { page: string; count: number; open: boolean };
}

async function counts(test: TestApp, query: string, origin?: string) {
  const response = await test.app.inject({
    method: 'GET',
    url: `/api/counts?${query}`,
    headers: origin ? { origin } : {},
  });
  return response.json().counts as Record<string, number>;
}

/** A site whose SITE_ORIGINS once listed CLOSED, which has one comment under page id "post-1". */
async function closedSite(): Promise<{ test: TestApp; dir: string }> {
  const dir = folder();
  const before = await setUp({ SITE_ORIGINS: `${OPEN},${CLOSED}` }, { dir });
  expect((await post(before, `${CLOSED}/hello`, 'post-1')).statusCode).toBe(201);
  await before.close();
  // The owner takes the old site off the list: its threads stay, read-only.
  return { test: await setUp({ SITE_ORIGINS: OPEN }, { dir }), dir };
}

describe('a page id', () => {
  it('cannot carry a post into a closed site’s thread', async () => {
    const { test } = await closedSite();
    const response = await post(test, `${OPEN}/anything`, 'post-1');
    expect(response.statusCode).toBe(201);

    const closed = await thread(test, `${CLOSED}/hello`, 'post-1');
    expect(closed).toMatchObject({ count: 1, open: false });
    expect(await thread(test, `${OPEN}/anything`, 'post-1')).toMatchObject({
      page: 'post-1',
      count: 1,
      open: true,
    });
  });

  it('that is a closed page’s own address or stored key reaches nothing of it', async () => {
    const { test } = await closedSite();
    const closedKey = scopedPageKey(CLOSED, 'post-1');
    for (const page of [closedKey, `${CLOSED}/hello`, 'post-1'])
      expect((await post(test, `${OPEN}/anything`, page)).statusCode).toBe(201);
    expect((await thread(test, `${CLOSED}/hello`, 'post-1')).count).toBe(1);
    expect((await test.store.findPage(closedKey))?.approved_count).toBe(1);
  });

  it('is refused for a stored page whose own address is on a closed site, however it is reached', async () => {
    const test = await setUp({ SITE_ORIGINS: OPEN });
    // A page stored by another door (an import, a restore) under a key an allowed post reaches.
    await test.store.insertComment(
      { key: scopedPageKey(OPEN, 'moved'), url: `${CLOSED}/moved`, title: null },
      storedComment({ body: 'Old.' }),
    );
    const response = await post(test, `${OPEN}/moved`, 'moved');
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('site_not_allowed');
    expect((await test.store.findPage(scopedPageKey(OPEN, 'moved')))?.approved_count).toBe(1);
  });

  it('names two pages on two sites that both use it', async () => {
    const test = await setUp({ SITE_ORIGINS: `${OPEN},${OTHER}` });
    expect((await post(test, `${OPEN}/a`, 'post-1')).statusCode).toBe(201);
    expect((await post(test, `${OTHER}/b`, 'post-1')).statusCode).toBe(201);
    expect((await post(test, `${OTHER}/c`, 'post-1')).statusCode).toBe(201);

    expect((await thread(test, `${OPEN}/elsewhere`, 'post-1')).count).toBe(1);
    expect((await thread(test, `${OTHER}/elsewhere`, 'post-1')).count).toBe(2);
    expect(await counts(test, 'page=post-1', OPEN)).toEqual({ 'post-1': 1 });
    expect(await counts(test, 'page=post-1', OTHER)).toEqual({ 'post-1': 2 });
    expect(await counts(test, 'page=post-1', 'https://unknown.example')).toEqual({ 'post-1': 0 });
  });

  it('is another page on the same site at another origin (www), unless both give one address', async () => {
    const www = 'https://www.blog.example.com';
    const test = await setUp({ SITE_ORIGINS: `${OPEN},${www}` });
    expect((await post(test, `${OPEN}/post`, 'post-1')).statusCode).toBe(201);
    expect((await thread(test, `${www}/post`, 'post-1')).count).toBe(0);
    // The widget sends data-page-url, else the canonical link: one address for both spellings.
    expect((await thread(test, `${OPEN}/post`, 'post-1')).count).toBe(1);
  });

  it('counted by count.js on a page of this server (no Origin) is the server’s own origin’s, or the page’s', async () => {
    const test = await setUp({});
    expect((await post(test, 'http://localhost:8080/x', 'post-7')).statusCode).toBe(201);
    expect((await post(test, 'http://127.0.0.1:9000/x', 'post-9')).statusCode).toBe(201);
    const fromPageAt = async (host: string) =>
      (
        await test.app.inject({
          method: 'GET',
          url: '/api/counts?page=post-7&page=post-9',
          headers: { host },
        })
      ).json().counts;
    // PUBLIC_URL's default here: http://localhost:8080.
    expect(await fromPageAt('localhost:8080')).toEqual({ 'post-7': 1, 'post-9': 0 });
    expect(await fromPageAt('127.0.0.1:9000')).toEqual({ 'post-7': 1, 'post-9': 1 });
    expect(await counts(test, 'page=post-7&page=post-9', 'http://localhost:3000')).toEqual({
      'post-7': 0,
      'post-9': 0,
    });
  });
});

describe('a page stored under its bare id, before ids belonged to an origin', () => {
  /** The page as earlier versions stored it: the id alone as its key. */
  function storeBare(test: TestApp, url: string, id: string, body: string) {
    return test.store.insertComment(
      { key: id, url, title: 'Stored long ago' },
      storedComment({ body }),
    );
  }

  it('keeps its comments, counts, replies and dashboard filter for its own origin, and only there', async () => {
    const test = await setUp({ SITE_ORIGINS: `${OPEN},${OTHER}` });
    const first = await storeBare(test, `${OPEN}/hello`, 'post-42', 'First.');
    await storeBare(test, `${OPEN}/hello`, 'post-42', 'Second.');

    expect(await thread(test, `${OPEN}/hello`, 'post-42')).toMatchObject({
      page: 'post-42',
      count: 2,
      open: true,
    });
    // New comments and replies from its own origin join it: no second page is made.
    expect((await post(test, `${OPEN}/hello`, 'post-42')).statusCode).toBe(201);
    const reply = await postComment(test, {
      url: `${OPEN}/hello`,
      page: 'post-42',
      parent: first.id,
      body: 'Re.',
    });
    expect(reply.statusCode, reply.body).toBe(201);
    expect((await test.store.findPage('post-42'))?.approved_count).toBe(4);
    expect(await test.store.findPage(scopedPageKey(OPEN, 'post-42'))).toBeNull();
    expect(await counts(test, 'page=post-42', OPEN)).toEqual({ 'post-42': 4 });

    // Another site's "post-42" is another page.
    expect((await thread(test, `${OTHER}/hello`, 'post-42')).count).toBe(0);
    expect((await post(test, `${OTHER}/hello`, 'post-42')).statusCode).toBe(201);
    expect((await test.store.findPage('post-42'))?.approved_count).toBe(4);
    expect(await counts(test, 'page=post-42', OTHER)).toEqual({ 'post-42': 1 });

    const byPage = await asAdmin(test, 'GET', '/comments?status=approved&page=post-42');
    expect(byPage.statusCode, byPage.body).toBe(200);
    expect(byPage.json().comments).toHaveLength(4);
  });
});

// SQLite's query plan of SQLite's statement: PostgreSQL plans its own statement its own way.
describe.skipIf(ON_POSTGRES)('finding the page an id names', () => {
  it('reads the pages index for both the scoped and the bare key, never scanning pages', () => {
    const db = openDatabase(':memory:');
    const sql = createStore(db).statementSources().explicitPageKey as string;
    const plan = (
      db
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all({ scoped: 'https://a.example x', id: 'x', origin: 'https://a.example' }) as {
        detail: string;
      }[]
    ).map((row) => row.detail);
    const lookups = plan.filter((detail) => /\bpages\b/.test(detail));
    expect(lookups, plan.join(' | ')).toHaveLength(2);
    for (const detail of lookups) expect(detail).toMatch(/^SEARCH pages USING (COVERING )?INDEX /);
    db.close();
  });
});
