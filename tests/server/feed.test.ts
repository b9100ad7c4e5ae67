/**
 * GET /feed/comments.atom: a page's (`url`) or a site's (`site`) newest approved comments as an
 * Atom feed, read back here by a feed parser and, for well-formedness, by a strict XML parser.
 */
import { parseAtomFeed } from 'feedsmith';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { escapeXml } from '../../server/comments/atom-feed.ts';
import { createFeedStore } from '../../server/storage/feeds.ts';
import { openDatabase } from '../../server/storage/open.ts';
import type { Thread } from '../../shared/types.ts';
import { ON_POSTGRES, storedComment, type TestApp } from '../helpers/app.ts';
import { asAdmin, deleteOwnComment, editOwnComment, postComment } from '../helpers/requests.ts';
import { runSql } from '../helpers/scene.ts';
import { standingClock } from '../helpers/standing-clock.ts';
import { useFolders, useTestApps } from '../helpers/test-apps.ts';

// Before the apps: their folders go after the apps that use them are closed.
const folder = useFolders('feed');
const setUp = useTestApps({ MODERATION: 'none' });

const SITE = 'http://localhost:8080';
const PAGE = `${SITE}/posts/hello`;
const OTHER_PAGE = `${SITE}/posts/other`;

function feedOf(
  test: TestApp,
  query: Record<string, string>,
  headers: Record<string, string> = {},
) {
  return test.app.inject({
    method: 'GET',
    url: `/feed/comments.atom?${new URLSearchParams(query)}`,
    headers,
  });
}

/** Fails unless `xml` is a well-formed XML 1.0 document, to a parser that forgives nothing. */
function expectWellFormed(xml: string): void {
  const parser = new SaxesParser({ xmlns: true });
  expect(() => parser.write(xml).close()).not.toThrow();
}

/** The feed, asked for and parsed; the test fails on any answer but a well-formed Atom 200. */
async function readFeed(test: TestApp, query: Record<string, string>) {
  const response = await feedOf(test, query);
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
  expectWellFormed(response.body);
  return { response, feed: parseAtomFeed(response.body) };
}

/** Posts a comment; its id and token. */
async function post(test: TestApp, changes: object = {}) {
  const response = await postComment(test, changes);
  expect(response.statusCode, response.body).toBe(201);
  const { comment, token } = response.json() as { comment: { id: number }; token: string };
  return { id: comment.id, token };
}

const idsOf = (feed: { entries?: { links?: { href?: string }[] }[] }) =>
  (feed.entries ?? []).map((entry) => Number(entry.links?.[0]?.href?.split('#comment-')[1]));

describe('the feed of a page', () => {
  it('gives each approved comment with its name, link, times and the html the thread shows', async () => {
    const time = standingClock('2026-03-01T10:00:00.000Z');
    const test = await setUp({}, { clock: time.clock });
    const ann = await post(test, { website: 'https://ann.example.com' });
    time.at('2026-03-01T11:00:00.000Z');
    const bob = await post(test, {
      name: 'Bob',
      email: 'bob@example.com',
      website: '',
      parent: ann.id,
      body: 'I **agree**.',
    });

    const { feed } = await readFeed(test, { url: PAGE });
    expect(feed.id).toMatch(
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(feed.title?.value).toBe('Comments on Hello');
    expect(feed.updated).toBe('2026-03-01T11:00:00.000Z');
    expect(feed.links).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          rel: 'self',
          href: `http://localhost:8080/feed/comments.atom?url=${encodeURIComponent(PAGE)}`,
        }),
        expect.objectContaining({ rel: 'alternate', href: PAGE }),
      ]),
    );

    const thread = (
      await test.app.inject({ method: 'GET', url: `/api/comments?url=${encodeURIComponent(PAGE)}` })
    ).json() as Thread;
    const htmlOf = (id: number) => thread.comments.find((comment) => comment.id === id)?.html;
    const [newest, oldest] = feed.entries ?? [];
    expect(feed.entries).toHaveLength(2);
    expect(newest).toMatchObject({
      title: { value: 'Bob on Hello' },
      links: [{ rel: 'alternate', href: `${PAGE}#comment-${bob.id}` }],
      authors: [{ name: 'Bob' }],
      published: '2026-03-01T11:00:00.000Z',
      updated: '2026-03-01T11:00:00.000Z',
      content: { type: 'html', value: htmlOf(bob.id) },
    });
    expect(newest?.content?.value).toContain('<strong>agree</strong>');
    expect(newest?.authors?.[0]).not.toHaveProperty('uri');
    expect(oldest).toMatchObject({
      title: { value: 'Ann Reader on Hello' },
      links: [{ rel: 'alternate', href: `${PAGE}#comment-${ann.id}` }],
      authors: [{ name: 'Ann Reader', uri: 'https://ann.example.com' }],
      published: '2026-03-01T10:00:00.000Z',
      updated: '2026-03-01T10:00:00.000Z',
      content: { type: 'html', value: htmlOf(ann.id) },
    });
    expect(newest?.id).toMatch(/^urn:uuid:/);
    expect(oldest?.id).toMatch(/^urn:uuid:/);
    expect(newest?.id).not.toBe(oldest?.id);
  });

  it('gives an edited comment its edit time as updated, and the feed that time too', async () => {
    const time = standingClock('2026-03-01T10:00:00.000Z');
    const test = await setUp({}, { clock: time.clock });
    const { id, token } = await post(test);
    time.at('2026-03-01T10:05:00.000Z');
    expect((await editOwnComment(test, id, token, 'Better words.')).statusCode).toBe(200);

    const { feed } = await readFeed(test, { url: PAGE });
    expect(feed.updated).toBe('2026-03-01T10:05:00.000Z');
    expect(feed.entries?.[0]).toMatchObject({
      published: '2026-03-01T10:00:00.000Z',
      updated: '2026-03-01T10:05:00.000Z',
    });
    expect(feed.entries?.[0]?.content?.value).toContain('Better words.');
  });

  it('leaves out held, spam, trashed and deleted comments, keeping a reply to a deleted one', async () => {
    const test = await setUp({ HOLD_WORDS: 'casino' });
    const shown = await post(test, { body: 'Shown to all.' });
    const held = await post(test, { body: 'Visit my casino.' });
    const spam = await post(test, { body: 'Spam later.' });
    const trashed = await post(test, { body: 'Trash later.' });
    const removed = await post(test, { body: 'Gone later.' });
    const parent = await post(test, { body: 'Deleted by its author.' });
    const reply = await post(test, { body: 'A reply that stays.', parent: parent.id });
    expect((await asAdmin(test, 'POST', `/comments/${spam.id}/spam`)).statusCode).toBe(200);
    expect((await asAdmin(test, 'POST', `/comments/${trashed.id}/trash`)).statusCode).toBe(200);
    expect((await asAdmin(test, 'DELETE', `/comments/${removed.id}`)).statusCode).toBe(204);
    expect((await deleteOwnComment(test, parent.id, parent.token)).statusCode).toBe(204);

    const { feed, response } = await readFeed(test, { url: PAGE });
    expect(idsOf(feed).sort()).toEqual([shown.id, reply.id].sort());
    for (const gone of [held, spam, trashed, removed, parent]) {
      expect(response.body).not.toContain(`#comment-${gone.id}"`);
    }
    expect(response.body).not.toContain('casino');
  });

  it('says nothing of any author’s address or IP', async () => {
    const test = await setUp();
    await postComment(
      test,
      { email: 'Hidden.Author@Example.org' },
      { remoteAddress: '203.0.113.77' },
    );
    const [stored] = await runSql<{ ip_hash: string }>(test, 'SELECT ip_hash FROM comments');
    if (!stored) throw new Error('The comment was not stored');
    expect(stored.ip_hash).toBeTruthy();
    for (const query of [{ url: PAGE }, { site: SITE }] as Record<string, string>[]) {
      const { response } = await readFeed(test, query);
      const body = response.body.toLowerCase();
      expect(body).not.toContain('hidden.author');
      expect(body).not.toContain('example.org');
      expect(body).not.toContain('203.0.113.77');
      expect(body).not.toContain(stored.ip_hash.toLowerCase());
    }
  });

  it('carries the 50 newest comments at most', async () => {
    const test = await setUp();
    const ids: number[] = [];
    for (let n = 0; n < 55; n++) {
      const createdAt = new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString();
      const row = await test.store.insertComment(
        { key: PAGE, url: PAGE, title: 'Hello' },
        storedComment({ body: `Comment ${n}`, tokenHash: `token-${n}`, createdAt }),
      );
      ids.push(row.id);
    }
    const newestFirst = ids.slice(5).reverse();
    expect(idsOf((await readFeed(test, { url: PAGE })).feed)).toEqual(newestFirst);
    expect(idsOf((await readFeed(test, { site: SITE })).feed)).toEqual(newestFirst);
  });

  it('finds a page stored under its page id, by its address alone or with the id', async () => {
    const test = await setUp();
    const { id } = await post(test, { page: 'post-42' });
    const byUrl = await readFeed(test, { url: PAGE });
    expect(idsOf(byUrl.feed)).toEqual([id]);
    const byId = await readFeed(test, { url: PAGE, page: 'post-42' });
    expect(idsOf(byId.feed)).toEqual([id]);
    expect(byId.feed.links?.find((link) => link.rel === 'self')?.href).toBe(
      `http://localhost:8080/feed/comments.atom?url=${encodeURIComponent(PAGE)}&page=post-42`,
    );
    expect(idsOf((await readFeed(test, { url: PAGE, page: 'post-43' })).feed)).toEqual([]);
  });

  it('gives a page without comments a valid feed with no entries', async () => {
    const test = await setUp();
    const { feed } = await readFeed(test, { url: `${SITE}/posts/quiet` });
    expect(feed.entries ?? []).toEqual([]);
    expect(feed.id).toMatch(/^urn:uuid:/);
    expect(feed.title?.value).toBe(`Comments on ${SITE}/posts/quiet`);
    expect(Number.isNaN(Date.parse(feed.updated as string))).toBe(false);
  });

  it('names the feed and its entries by the same ids after a restart, in both feeds', async () => {
    const dir = folder();
    const before = await setUp({}, { dir });
    await post(before);
    const pageFeed = (await readFeed(before, { url: PAGE })).feed;
    const siteFeed = (await readFeed(before, { site: SITE })).feed;
    expect(siteFeed.entries?.[0]?.id).toBe(pageFeed.entries?.[0]?.id);
    expect(siteFeed.id).not.toBe(pageFeed.id);
    await before.close();
    const after = await setUp({}, { dir });
    const again = (await readFeed(after, { url: PAGE })).feed;
    expect(again.id).toBe(pageFeed.id);
    expect(again.entries?.[0]?.id).toBe(pageFeed.entries?.[0]?.id);
  });
});

describe('the feed of a site', () => {
  it('gives the newest approved comments of all its pages, and none of another site', async () => {
    const time = standingClock('2026-03-01T10:00:00.000Z');
    const test = await setUp({ HOLD_WORDS: 'casino' }, { clock: time.clock });
    const first = await post(test, { url: PAGE, title: 'Hello' });
    time.at('2026-03-01T10:01:00.000Z');
    await post(test, { url: 'http://127.0.0.1:8080/posts/elsewhere', title: 'Elsewhere' });
    time.at('2026-03-01T10:02:00.000Z');
    const second = await post(test, { url: OTHER_PAGE, title: 'Other post', name: 'Bob' });
    time.at('2026-03-01T10:03:00.000Z');
    await post(test, { url: OTHER_PAGE, body: 'Held for its casino.' });

    const { feed } = await readFeed(test, { site: SITE });
    expect(feed.title?.value).toBe('Comments on localhost:8080');
    expect(feed.updated).toBe('2026-03-01T10:02:00.000Z');
    expect(feed.links).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          rel: 'self',
          href: `http://localhost:8080/feed/comments.atom?site=${encodeURIComponent(SITE)}`,
        }),
        expect.objectContaining({ rel: 'alternate', href: `${SITE}/` }),
      ]),
    );
    expect(feed.entries?.map((entry) => entry.title?.value)).toEqual([
      'Bob on Other post',
      'Ann Reader on Hello',
    ]);
    expect(idsOf(feed)).toEqual([second.id, first.id]);
    expect(feed.entries?.[0]?.links?.[0]?.href).toBe(`${OTHER_PAGE}#comment-${second.id}`);
  });

  it('takes an origin with a trailing slash, and gives an unknown site an empty feed', async () => {
    const test = await setUp();
    const { id } = await post(test);
    expect(idsOf((await readFeed(test, { site: `${SITE}/` })).feed)).toEqual([id]);
    const empty = await readFeed(test, { site: 'https://nobody.example' });
    expect(empty.feed.entries ?? []).toEqual([]);
    expect(empty.feed.title?.value).toBe('Comments on nobody.example');
  });
});

// SQLite's query plans of SQLite's statements: PostgreSQL plans its own statements its own way.
describe.skipIf(ON_POSTGRES)('feed queries', () => {
  it('read comments through the index of each page, never by scanning comments', () => {
    const db = openDatabase(':memory:');
    const { statements } = createFeedStore(db);
    const planOf = (sql: string, parameters: unknown[]) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as { detail: string }[]).map(
        (row) => row.detail,
      );
    const site = planOf(statements.siteFeed.source, [{ from: 'a', to: 'b', limit: 50 }]);
    const page = planOf(statements.pageFeed.source, [1, 50]);
    const version = planOf(statements.siteVersion.source, [{ from: 'a', to: 'b' }]);
    db.close();
    expect(site[0]).toMatch(/^SEARCH pages USING INDEX pages_by_url /);
    expect(site[1]).toMatch(/^SEARCH comments USING INDEX comments_by_page /);
    expect(page.find((step) => /comments/.test(step))).toMatch(
      /^SEARCH comments USING INDEX comments_by_page /,
    );
    expect(page.join(' ')).not.toMatch(/TEMP B-TREE/);
    expect(version).toEqual([expect.stringMatching(/^SEARCH pages USING INDEX pages_by_url /)]);
  });
});

describe('feed caching', () => {
  it('answers 304 to the current ETag, until a comment is shown on the page', async () => {
    const test = await setUp({ HOLD_WORDS: 'casino' });
    await post(test);
    for (const query of [{ url: PAGE }, { site: SITE }] as Record<string, string>[]) {
      const first = await feedOf(test, query);
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^W\/".+"$/);
      expect(first.headers['cache-control']).toBe('public, max-age=0, s-maxage=5');
      const again = await feedOf(test, query, { 'if-none-match': etag });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
    }
    const pageTag = (await feedOf(test, { url: PAGE })).headers.etag as string;
    const siteTag = (await feedOf(test, { site: SITE })).headers.etag as string;

    // A held comment changes nothing a reader sees, nor what a feed reader is told.
    await post(test, { body: 'My casino.' });
    expect((await feedOf(test, { url: PAGE }, { 'if-none-match': pageTag })).statusCode).toBe(304);
    expect((await feedOf(test, { site: SITE }, { 'if-none-match': siteTag })).statusCode).toBe(304);
    // Nor does a comment on another site change this site's feed.
    await post(test, { url: 'http://127.0.0.1:8080/posts/elsewhere' });
    expect((await feedOf(test, { site: SITE }, { 'if-none-match': siteTag })).statusCode).toBe(304);

    await post(test, { url: OTHER_PAGE, body: 'A new thought.' });
    expect((await feedOf(test, { url: PAGE }, { 'if-none-match': pageTag })).statusCode).toBe(304);
    const site = await feedOf(test, { site: SITE }, { 'if-none-match': siteTag });
    expect(site.statusCode).toBe(200);
    expect(site.body).toContain('A new thought.');

    await post(test, { body: 'Another thought here.' });
    const page = await feedOf(test, { url: PAGE }, { 'if-none-match': pageTag });
    expect(page.statusCode).toBe(200);
    expect(page.headers.etag).not.toBe(pageTag);
  });
});

describe('feed requests that cannot be answered', () => {
  it('refuses a request naming neither url nor site, or both', async () => {
    const test = await setUp();
    const neither = await feedOf(test, {});
    expect(neither.statusCode).toBe(400);
    expect(neither.json().error).toMatchObject({ code: 'invalid_input' });
    expect(Object.keys(neither.json().error.fields).sort()).toEqual(['site', 'url']);
    const both = await feedOf(test, { url: PAGE, site: SITE });
    expect(both.statusCode).toBe(400);
    expect(Object.keys(both.json().error.fields).sort()).toEqual(['site', 'url']);
  });

  it('refuses a page address that is not http(s), and a site that is no origin', async () => {
    const test = await setUp();
    const page = await feedOf(test, { url: 'javascript:alert(1)' });
    expect(page.statusCode).toBe(400);
    expect(Object.keys(page.json().error.fields)).toEqual(['url']);
    for (const site of ['blog.example.com', 'https://blog.example.com/posts', 'ftp://x.example']) {
      const response = await feedOf(test, { site });
      expect(response.statusCode, site).toBe(400);
      expect(Object.keys(response.json().error.fields)).toEqual(['site']);
    }
  });

  it('answers 404 for a page or site outside SITE_ORIGINS when it is set', async () => {
    const test = await setUp({ SITE_ORIGINS: 'https://blog.example.com' });
    const outside: Record<string, string>[] = [
      { site: 'https://other.example' },
      { url: 'https://other.example/a' },
    ];
    for (const query of outside) {
      const response = await feedOf(test, query);
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('not_found');
    }
    await readFeed(test, { site: 'https://blog.example.com' });
    await readFeed(test, { url: 'https://blog.example.com/a' });
  });
});

describe('hostile text in a feed', () => {
  it('drops every character XML 1.0 forbids, lone surrogates too, and escapes markup', () => {
    expect(escapeXml('a\u0000b\u0008c\u001fd\ud800e\udc00f\ufffeg\uffffh')).toBe('abcdefgh');
    expect(escapeXml('\t\n\r \u{1f600}\ufffd')).toBe('\t\n\r \u{1f600}\ufffd');
    expect(escapeXml(`<a href="x">&'</a> ]]>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt; ]]&gt;',
    );
  });

  it('stays well-formed XML whatever names, titles and comments hold', async () => {
    const test = await setUp();
    // (A lone surrogate cannot be stored: SQLite keeps UTF-8, and it comes back as U+FFFD. Nor
    // can PostgreSQL store a NUL at all: the server takes one as U+FFFD, broken-text.test.ts.)
    const nul = ON_POSTGRES ? '' : '\u0000';
    const hostile = `Eve <b>&amp; ]]> "quoted" 'single' ${nul}\u0001\u0008\u000b\u000c\u001f\ufffe\uffff end`;
    const title = 'Title <&> ]]>\u0007';
    const row = await test.store.insertComment(
      { key: PAGE, url: PAGE, title },
      storedComment({
        name: hostile,
        website: 'https://eve.example/?a=1&b="2"',
        body: hostile,
        html: `<p>${hostile}</p><![CDATA[ x ]]>`,
      }),
    );
    for (const query of [{ url: PAGE }, { site: SITE }] as Record<string, string>[]) {
      const { feed } = await readFeed(test, query);
      const entry = feed.entries?.[0];
      const clean = 'Eve <b>&amp; ]]> "quoted" \'single\'  end';
      expect(entry?.authors?.[0]).toEqual({ name: clean, uri: 'https://eve.example/?a=1&b="2"' });
      expect(entry?.title?.value).toBe(`${clean} on Title <&> ]]>`);
      expect(entry?.content?.value).toBe(`<p>${clean}</p><![CDATA[ x ]]>`);
      expect(entry?.links?.[0]?.href).toBe(`${PAGE}#comment-${row.id}`);
    }
    expect((await readFeed(test, { url: PAGE })).feed.title?.value).toBe(
      'Comments on Title <&> ]]>',
    );
  });
});
