/**
 * What a reader sees of avatars, likes, the order of the thread, its feed and a closed page, in
 * Chromium, on a host site of its own origin; and what the widget downloads for each reader.
 */
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBrowserAndServers } from '../helpers/browser-and-servers.ts';
import { embedTag } from '../helpers/embed.ts';
import { type HostServer, htmlPage } from '../helpers/host-server.ts';
import { asAdmin } from '../helpers/requests.ts';
import { seedThread } from '../helpers/seed.ts';
import type { RunningServer } from '../helpers/server.ts';
import { ANN, submitCommentForm, threadLoaded, visible, WAIT } from '../helpers/widget-page.ts';

const harness = useBrowserAndServers();
/** A picture as Gravatar would send one. */
const PICTURE =
  '<svg xmlns="http://www.w3.org/2000/svg" width="80" height="80"><rect width="80" height="80" fill="teal"/></svg>';
let server: RunningServer;
let host: HostServer;

/** A post whose document title names the site, as most themes do; its h1 names only the post. */
function post(attributes = 'async', head = '') {
  return htmlPage({
    title: 'Bread at altitude — A Mountain Kitchen',
    head,
    body: `<header><p>A Mountain Kitchen</p></header>
<article><h1>Bread at altitude</h1><p>Less yeast, more water.</p></article>
${embedTag(server, attributes)}`,
  });
}

beforeAll(async () => {
  host = await harness.host({});
  server = await harness.serve({ MODERATION: 'none', SITE_ORIGINS: host.origin });
  host.setPage('/post', post());
  host.setPage('/newest', post('async data-sort="newest"'));
  host.setPage('/og', post('async', '<meta property="og:title" content="Bread, up high">'));
  host.setPage('/closed', post());
  await seedThread(server, { url: `${host.origin}/post` }, [
    { name: 'Ann', body: 'First, from Ann.' },
    { name: 'Bob', body: 'Second, from Bob.' },
    { name: 'Cy', body: 'Third, from Cy.' },
    { name: 'Ann again', body: 'A reply to Bob.', parent: 1 },
  ]);
}, 60_000);

/** The texts of the top-level comments, in the order shown. */
function topLevelOrder(page: Page): Promise<string[]> {
  return page
    .locator('ol.comment-list > li.comment > article .content')
    .evaluateAll((nodes) => nodes.map((node) => node.textContent?.trim() ?? ''));
}

async function openPost(path: string, loaded = true) {
  const opened = await harness.open();
  await opened.page.goto(`${host.origin}${path}`);
  if (loaded) await threadLoaded(opened.page);
  return opened;
}

describe('avatars', () => {
  it('draws an identicon for each comment from its seed, the same for the same address', async () => {
    const { page } = await openPost('/post');
    const drawn = page.locator('article svg.avatar path');
    await expect.poll(() => drawn.count(), { timeout: WAIT }).toBe(4);
    const shapes = await drawn.evaluateAll((paths) =>
      paths.map((path) => `${path.getAttribute('fill')} ${path.getAttribute('d')}`),
    );
    // reader0 wrote the first comment; seedThread gives each seed an address of its own.
    expect(new Set(shapes).size).toBe(4);
    for (const shape of shapes) expect(shape).toMatch(/^hsl\(\d+ 50% 45%\) (M\d \dh1v1h-1z)+$/);
    // Drawn, not fetched: the thread takes the script, its stylesheet and one answer.
    const images = await page.locator('article img').count();
    expect(images).toBe(0);
  });
});

describe('avatars from Gravatar', () => {
  it('shows the Gravatar picture with AVATARS=gravatar, and the identicon where Gravatar has none', async () => {
    const site = await harness.host({});
    const gravatarServer = await harness.serve({
      MODERATION: 'none',
      SITE_ORIGINS: site.origin,
      AVATARS: 'gravatar',
    });
    site.setPage(
      '/post',
      htmlPage({ title: 'Pictures', body: `<h1>Pictures</h1>${embedTag(gravatarServer)}` }),
    );
    await seedThread(gravatarServer, { url: `${site.origin}/post` }, [
      { name: 'Has a picture', body: 'With a picture.' },
      { name: 'Has none', body: 'Without one.' },
    ]);
    const hash = (email: string) => createHash('sha256').update(email).digest('hex');
    const { page, expectProblems } = await harness.open();
    const asked: string[] = [];
    // Gravatar itself cannot be reached from here: a stand-in answers as it does, a picture for
    // the address it knows and 404 (as `d=404` asks) for the other.
    await page.route('https://gravatar.com/avatar/**', (route) => {
      const url = new URL(route.request().url());
      asked.push(url.pathname.split('/').pop() as string);
      expect(url.searchParams.get('d')).toBe('404');
      return url.pathname.endsWith(hash('reader0@example.com'))
        ? route.fulfill({ contentType: 'image/svg+xml', body: PICTURE })
        : route.fulfill({ status: 404, body: '' });
    });
    expectProblems(
      /^console\.error: Failed to load resource: the server responded with a status of 404 \(Not Found\) \(https:\/\/gravatar\.com\/avatar\/[0-9a-f]{64}\?s=80&d=404\)$/,
    );
    await page.goto(`${site.origin}/post`);
    await threadLoaded(page);
    const first = page.locator('li.comment', { hasText: 'With a picture.' });
    const second = page.locator('li.comment', { hasText: 'Without one.' });
    await visible(first.locator('img.avatar'));
    await visible(second.locator('svg.avatar'));
    expect(await second.locator('img').count()).toBe(0);
    expect(asked.sort()).toEqual([hash('reader0@example.com'), hash('reader1@example.com')].sort());
  });
});

describe('likes', () => {
  it('toggles a like, says so to assistive technology, and keeps it across a reload', async () => {
    const { page } = await openPost('/post');
    const like = page.getByRole('button', { name: /^Like/ }).first();
    await visible(like);
    expect(await like.getAttribute('aria-pressed')).toBe('false');
    await expect.poll(() => like.textContent()).toBe('Like 0');

    const answered = page.waitForResponse(
      (response) => response.url().endsWith('/like') && response.request().method() === 'POST',
    );
    await like.click();
    expect((await answered).status()).toBe(200);
    await expect.poll(() => like.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => like.textContent()).toBe('Like 1');

    await page.reload();
    await threadLoaded(page);
    const again = page.getByRole('button', { name: /^Like/ }).first();
    // Likes show in the kept answer within a second; the browser remembers its own.
    await expect.poll(() => again.getAttribute('aria-pressed'), { timeout: WAIT }).toBe('true');
    await expect
      .poll(
        async () => {
          await page.reload();
          await threadLoaded(page);
          return page.getByRole('button', { name: /^Like/ }).first().textContent();
        },
        { timeout: WAIT },
      )
      .toBe('Like 1');

    const undone = page.waitForResponse(
      (response) => response.url().endsWith('/like') && response.request().method() === 'DELETE',
    );
    await page.getByRole('button', { name: /^Like/ }).first().click();
    expect((await undone).status()).toBe(200);
    await expect
      .poll(() => page.getByRole('button', { name: /^Like/ }).first().getAttribute('aria-pressed'))
      .toBe('false');
  });
});

describe('a like the server refuses', () => {
  it('is undone and the reader is told why', async () => {
    const { page, expectProblems } = await openPost('/post');
    const refusal = 'Too many likes from your network. Please try again in a minute.';
    await page.route(/\/api\/comments\/\d+\/like$/, (route) =>
      route.fulfill({ status: 429, json: { error: { code: 'rate_limited', message: refusal } } }),
    );
    expectProblems(
      /^console\.error: Failed to load resource: the server responded with a status of 429 \(Too Many Requests\) \(https?:\/\/[^/]+\/api\/comments\/\d+\/like\)$/,
    );
    const like = page.getByRole('button', { name: /^Like/ }).nth(2);
    await like.click();
    // Said in the thread's live region, which is there for screen readers only.
    await expect.poll(() => page.locator('[role="status"]').textContent()).toBe(refusal);
    await expect.poll(() => like.getAttribute('aria-pressed')).toBe('false');
    expect(await like.textContent()).toBe('Like 0');
  });
});

describe('the order of the thread', () => {
  it('switches order from the list above the comments, and remembers the choice', async () => {
    const { page } = await openPost('/post');
    await expect
      .poll(() => topLevelOrder(page))
      .toEqual(['First, from Ann.', 'Second, from Bob.', 'Third, from Cy.']);
    const order = page.getByRole('combobox', { name: 'Sort by' });
    await order.selectOption('newest');
    await expect
      .poll(() => topLevelOrder(page), { timeout: WAIT })
      .toEqual(['Third, from Cy.', 'Second, from Bob.', 'First, from Ann.']);
    // Replies stay under their parent.
    await visible(
      page.locator('li.comment', { hasText: 'Second, from Bob.' }).getByText('A reply to Bob.'),
    );

    await page.reload();
    await threadLoaded(page);
    await expect
      .poll(() => topLevelOrder(page), { timeout: WAIT })
      .toEqual(['Third, from Cy.', 'Second, from Bob.', 'First, from Ann.']);
    expect(await page.getByRole('combobox', { name: 'Sort by' }).inputValue()).toBe('newest');
  });

  it('takes the page default from data-sort until the reader chooses', async () => {
    await seedThread(server, { url: `${host.origin}/newest` }, [
      { name: 'Early', body: 'Early bird.' },
      { name: 'Late', body: 'Late riser.' },
    ]);
    const { page } = await openPost('/newest');
    await expect
      .poll(() => topLevelOrder(page), { timeout: WAIT })
      .toEqual(['Late riser.', 'Early bird.']);
  });
});

describe('around the thread', () => {
  it("names the post in the heading, not the site, and links to the page's feed", async () => {
    const { page } = await openPost('/post');
    await visible(page.getByRole('heading', { name: '4 thoughts on "Bread at altitude"' }));
    const feed = page.getByRole('link', { name: 'Comments feed' });
    const href = new URL((await feed.getAttribute('href')) as string);
    expect(href.origin).toBe(server.origin);
    expect(href.pathname).toBe('/feed/comments.atom');
    expect(href.searchParams.get('url')).toBe(`${host.origin}/post`);
    const atom = await page.request.get(href.toString());
    expect(atom.status()).toBe(200);
    expect(await atom.text()).toContain('First, from Ann.');

    const og = await openPost('/og');
    await seedThread(server, { url: `${host.origin}/og` }, [{ name: 'Dee', body: 'Nice.' }]);
    await og.page.reload();
    await visible(og.page.getByRole('heading', { name: 'One thought on "Bread, up high"' }));
  });

  it('shows "Comments are closed." instead of the form on a page the owner closed', async () => {
    await seedThread(server, { url: `${host.origin}/closed` }, [{ name: 'Eve', body: 'Hello.' }]);
    const pages = await asAdmin(server, 'GET', '/pages');
    const closed = (pages.json().pages as { key: string; url: string }[]).find(
      (page) => page.url === `${host.origin}/closed`,
    );
    const patched = await asAdmin(server, 'PATCH', '/pages', {
      key: closed?.key,
      open: false,
    });
    expect(patched.statusCode).toBe(200);
    const { page } = await openPost('/closed', false);
    await visible(page.getByText('Comments are closed.', { exact: true }));
    expect(await page.getByRole('button', { name: 'Post Comment' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: /^Reply to/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Like/ }).first().isDisabled()).toBe(true);
    await visible(page.getByText('Hello.'));
  });
});

describe('a thread that could not load', () => {
  it('says so, and "Try again" loads it, saying it is loading meanwhile', async () => {
    const { page, expectProblems } = await harness.open();
    expectProblems(
      /^console\.error: Failed to load resource: net::ERR_FAILED \(https?:\/\/[^/]+\/api\/comments\?[^)]*\)$/,
    );
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let asked = 0;
    // The first read fails; the second waits until the test has seen "Loading comments…".
    await page.route(/\/api\/comments\?/, async (route) => {
      asked++;
      if (asked === 1) return route.abort();
      await held;
      return route.continue();
    });
    await page.goto(`${host.origin}/post`);
    const retry = page.getByRole('button', { name: 'Try again' });
    await visible(retry);
    await visible(page.getByText(/The comments server cannot be reached/));
    await retry.click();
    await visible(page.getByText('Loading comments…'));
    release();
    await threadLoaded(page);
    await visible(page.getByText('First, from Ann.'));
  });
});

describe('what the widget downloads', () => {
  it('renders with three requests for a reader who only reads, and fetches posting once they start on the form', async () => {
    const { page } = await harness.open();
    const fetched: string[] = [];
    page.on('request', (request) => {
      if (request.url().startsWith(server.origin)) fetched.push(new URL(request.url()).pathname);
    });
    await page.goto(`${host.origin}/post`);
    await threadLoaded(page);
    await visible(page.getByText('Third, from Cy.'));
    expect(fetched).toHaveLength(3);
    expect(fetched).toEqual(
      expect.arrayContaining([
        '/api/comments',
        '/embed.js',
        expect.stringMatching(/^\/embed\.[0-9a-f]{10}\.css$/),
      ]),
    );

    await submitCommentForm(page, { ...ANN, body: 'Posted through the module loaded on demand.' });
    await visible(page.getByText('Posted through the module loaded on demand.'));
    expect(fetched.filter((path) => /^\/posting\.[0-9a-f]{10}\.js$/.test(path))).toHaveLength(1);
    // Their own comment brings Edit and Delete, loaded for them alone.
    await visible(page.getByRole('button', { name: 'Edit' }));
    expect(fetched.filter((path) => /^\/author-tools\.[0-9a-f]{10}\.js$/.test(path))).toHaveLength(
      1,
    );
  });

  it('says the server cannot be reached when posting cannot load, and keeps the text', async () => {
    const { page, expectProblems } = await harness.open();
    await page.route(/\/posting\.[0-9a-f]{10}\.js$/, (route) => route.abort());
    // Each focus and the post try the module again: the browser says so each time.
    expectProblems(
      /^console\.error: Failed to load resource: net::ERR_FAILED \(http:\/\/[^/]+\/posting\.[0-9a-f]{10}\.js\)$/,
    );
    await page.goto(`${host.origin}/post`);
    await threadLoaded(page);
    const text = 'Kept although the module failed.';
    await submitCommentForm(page, { ...ANN, body: text });
    await visible(page.getByText(/The comments server cannot be reached/).first());
    expect(await page.locator('#comment').inputValue()).toBe(text);
  });
});
