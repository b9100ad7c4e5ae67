/**
 * The widget on other people's pages: a host site on one origin (http://localhost:PORT, served by
 * tests/helpers/host-server.ts) embedding the script of a comments server on another
 * (http://127.0.0.1:PORT). Each test gets its own comments server, database and host site; all
 * are closed in afterAll. Any console error or warning fails a test (the harness's check),
 * including a CSP violation.
 */
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { normalisePageUrl } from '../../shared/page-key.ts';
import { storedComment } from '../helpers/app.ts';
import { failedLoad } from '../helpers/browser.ts';
import { useBrowserAndServers } from '../helpers/browser-and-servers.ts';
import { embedTag, hostileThemePage, strictPolicy } from '../helpers/embed.ts';
import { type HostPage, htmlPage } from '../helpers/host-server.ts';
import type { RunningServer } from '../helpers/server.ts';
import {
  shadowHostCount,
  submitCommentForm,
  threadCount,
  threadLoaded,
  visible,
  WAIT,
} from '../helpers/widget-page.ts';

/** The widget's default accent colour (--lar-accent: #1d5fbf). */
const DEFAULT_ACCENT = 'rgb(29, 95, 191)';

const harness = useBrowserAndServers();

/** A computed style property of the element `locator` names. */
function computed(locator: Locator, property: string): Promise<string> {
  return locator.evaluate(
    (element, name) => getComputedStyle(element).getPropertyValue(name),
    property,
  );
}

/**
 * A fresh server with settings `env`, and a host site whose /post is `post(server)`, opened in a
 * new page with `options`.
 */
async function openPost(
  post: (server: RunningServer) => string | HostPage,
  options: { env?: Record<string, string>; viewport?: { width: number; height: number } } = {},
) {
  const server = await harness.serve(options.env ?? { MODERATION: 'none' });
  const site = await harness.host({ '/post': post(server) });
  const watched = await harness.open({ viewport: options.viewport });
  const response = await watched.page.goto(site.url('/post'));
  return { server, site, response, ...watched };
}

/** A host page styled with `css`, titled `title`: opened (openPost), once its thread has loaded. */
async function openStyledPost(title: string, css: string) {
  const watched = await openPost((server) => titledPage(server, title, `<style>${css}</style>`));
  await threadLoaded(watched.page);
  return watched;
}

/** A host page titled `title` with `head`, embedding `server`'s thread under its heading. */
function titledPage(server: RunningServer, title: string, head = '', body = ''): string {
  return htmlPage({ title, head, body: `<h1>${title}</h1>\n${body}${embedTag(server)}` });
}

describe('the widget embedded in host pages on another origin', () => {
  it('loads, posts a comment and a reply from a page on another origin, and shows both after a reload', async () => {
    const server = await harness.serve({ MODERATION: 'none' });
    const title = 'A walk along the canal';
    const site = await harness.host();
    site.setPage(
      '/post',
      htmlPage({
        title,
        body: `<h1>${title}</h1>\n<p>Herons, mostly.</p>\n${embedTag(server)}`,
      }),
    );
    expect(new URL(site.origin).origin).not.toBe(server.origin);

    const { page } = await harness.open();
    await page.goto(site.url('/post'));
    await threadLoaded(page);

    const first = 'I saw a kingfisher by the third lock last spring.';
    await submitCommentForm(page, { body: first, name: 'Ann Reader', email: 'ann@example.com' });
    await visible(page.locator('li.comment').getByText(first));
    await visible(page.getByRole('heading', { name: `One thought on "${title}"` }));
    const firstId = await page.locator('ol.comment-list > li.comment').first().getAttribute('id');
    expect(firstId).toMatch(/^comment-\d+$/);

    await page.getByRole('link', { name: 'Reply to Ann Reader' }).click();
    await visible(page.getByRole('heading', { name: 'Leave a Reply to Ann Reader' }));
    const reply = 'They nest in the bank just past the bridge.';
    await submitCommentForm(page, { body: reply, name: 'Ben Walker', email: 'ben@example.com' });
    const nestedReply = page.locator(`#${firstId} > ol.children > li.comment`);
    await visible(nestedReply.getByText(reply));
    await visible(page.getByRole('heading', { name: `2 thoughts on "${title}"` }));

    await page.reload();
    await threadLoaded(page);
    await visible(page.locator(`#${firstId}`).getByText(first).first());
    await visible(nestedReply.getByText(reply));
    expect(await page.locator('li.comment').count()).toBe(2);
    await visible(page.getByRole('heading', { name: `2 thoughts on "${title}"` }));

    // Stored under the host page's own address, not the comments server's.
    const stored = await server.store.findPage(normalisePageUrl(site.url('/post')) ?? '');
    expect(stored).not.toBeNull();
    expect(await server.store.threadRows(stored?.id ?? -1)).toHaveLength(2);
  });

  it('shows the thread read-only on a site outside SITE_ORIGINS, and the API refuses its posts', async () => {
    const server = await harness.serve({
      SITE_ORIGINS: 'https://blog.example.com',
      MODERATION: 'none',
    });
    const site = await harness.host();
    const pageUrl = site.url('/post');
    site.setPage(
      '/post',
      htmlPage({ title: 'Not our blog', body: `<h1>Not our blog</h1>\n${embedTag(server)}` }),
    );

    const key = normalisePageUrl(pageUrl);
    expect(key).toBe(`${site.origin}/post`);
    const seeded = 'An old comment from before the site moved.';
    await server.store.insertComment(
      { key: key as string, url: key as string, title: 'Not our blog' },
      storedComment({ name: 'Old Timer', email: 'old@example.com', body: seeded }),
    );

    const { page, expectProblems } = await harness.open();
    // Chromium logs any 4xx answer to fetch() as a console error; the 403 is the one this test
    // asks for on purpose, so only that one is expected.
    expectProblems(failedLoad('403 (Forbidden)', '/api/comments'));
    await page.goto(pageUrl);
    await visible(page.locator('li.comment').getByText(seeded));
    await visible(page.getByText(/closed/i));
    await visible(page.getByRole('heading', { name: 'One thought on "Not our blog"' }));
    expect(await page.getByRole('button', { name: 'Post Comment' }).count()).toBe(0);
    expect(await page.locator('form.comment-form').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Reply to Old Timer' }).count()).toBe(0);

    const answer = await page.evaluate(
      async ({ endpoint, url }) => {
        const response = await fetch(endpoint, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({
            url,
            name: 'Sneaky',
            email: 'sneaky@example.com',
            body: 'Posting around the closed form.',
          }),
        });
        return {
          status: response.status,
          body: (await response.json()) as { error?: { message?: string } },
        };
      },
      { endpoint: `${server.origin}/api/comments`, url: pageUrl },
    );
    expect(answer.status).toBe(403);
    expect(answer.body.error?.message).toContain('SITE_ORIGINS');
    const stored = await server.store.findPage(key as string);
    expect(await server.store.threadRows(stored?.id ?? -1)).toHaveLength(1);
  });

  it("keeps working and looking right under a host page's hostile CSS, and its own CSS does not leak out", async () => {
    const { page } = await openPost(hostileThemePage, { viewport: { width: 1000, height: 800 } });
    await threadLoaded(page);

    const button = page.getByRole('button', { name: 'Post Comment' });
    await visible(button);
    const buttonBox = await button.boundingBox();
    expect(buttonBox?.width ?? 0).toBeGreaterThanOrEqual(60);
    const textarea = page.getByRole('textbox', { name: 'Comment' });
    await visible(textarea);
    const textareaBox = await textarea.boundingBox();
    expect(textareaBox?.width ?? 0).toBeGreaterThanOrEqual(200);
    expect(await computed(page.locator('form.comment-form'), 'font-size')).not.toBe('40px');

    const body = 'Still readable, whatever the theme does.';
    await submitCommentForm(page, { body, name: 'Cara Stylist', email: 'cara@example.com' });
    await visible(page.locator('li.comment').getByText(body));

    // The widget's rules for .notes, .reply and .comment-list stay inside its shadow root.
    const notes = page.locator('#host-notes');
    expect(await computed(notes, 'color')).toBe('rgb(120, 10, 10)');
    expect(await computed(notes, 'font-size')).toBe('13px');
    expect(await computed(notes, 'font-weight')).toBe('300');
    const hostReply = page.locator('#host-reply');
    expect(await computed(hostReply, 'font-weight')).toBe('200');
    expect(await computed(hostReply, 'color')).toBe('rgb(10, 10, 120)');
    expect(await computed(hostReply, 'display')).toBe('none');
    const list = page.locator('#host-list');
    expect(await computed(list, 'list-style-type')).toBe('square');
    expect(await computed(list, 'padding-left')).toBe('41px');
    // Nothing was added to the host document's own stylesheets.
    expect(await page.evaluate(() => document.styleSheets.length)).toBe(1);
  });

  it("inherits the host page's font family and text colour", async () => {
    const { page } = await openStyledPost(
      'Serif land',
      'body { font-family: Georgia, serif; color: rgb(20, 60, 20) }',
    );
    const body = 'Set in the type of the host page.';
    await submitCommentForm(page, { body, name: 'Dee Typo', email: 'dee@example.com' });
    const text = page.locator('li.comment .content p', { hasText: body });
    await visible(text);

    const targets = [
      text,
      page.locator('label[for="comment"]'),
      page.locator('.reply-title'),
      page.locator('.leave-a-reply'),
    ];
    for (const target of targets) {
      expect(await computed(target, 'font-family')).toContain('Georgia');
      expect(await computed(target, 'color')).toBe('rgb(20, 60, 20)');
    }
  });

  it('takes its accent colour from --lar-accent set by the host page on the thread container', async () => {
    const { page } = await openStyledPost(
      'Pink buttons',
      '.leave-a-reply-thread { --lar-accent: rgb(200, 0, 100) }',
    );
    expect(await page.locator('.leave-a-reply-thread').count()).toBe(1);
    const button = page.getByRole('button', { name: 'Post Comment' });
    expect(await computed(button, 'background-color')).toBe('rgb(200, 0, 100)');
  });

  it('works on a host page with a strict Content-Security-Policy that allows only the comments server', async () => {
    const { page, response, server } = await openPost((server) => ({
      html: titledPage(server, 'Locked down'),
      headers: { 'Content-Security-Policy': strictPolicy(server) },
    }));
    expect(response?.headers()['content-security-policy']).toBe(strictPolicy(server));
    await threadLoaded(page);

    const button = page.getByRole('button', { name: 'Post Comment' });
    expect(await computed(button, 'background-color')).toBe(DEFAULT_ACCENT);
    const body = 'Posted under a strict policy.';
    await submitCommentForm(page, { body, name: 'Eli Secure', email: 'eli@example.com' });
    await visible(page.locator('li.comment').getByText(body));
    await visible(page.getByRole('heading', { name: 'One thought on "Locked down"' }));
  });

  it('asks the comments server only for its script, one stylesheet and one thread, and no one else for anything', async () => {
    const server = await harness.serve();
    const site = await harness.host({
      '/post': htmlPage({ title: 'Quiet', body: `<h1>Quiet</h1>\n${embedTag(server)}` }),
    });
    const { page } = await harness.open();
    const requests: { method: string; url: string }[] = [];
    page.on('request', (request) => {
      requests.push({ method: request.method(), url: request.url() });
    });
    await page.goto(site.url('/post'));
    await threadLoaded(page);
    // Anything the widget asks for after it shows is asked for before the network goes quiet.
    await page.waitForLoadState('networkidle', { timeout: WAIT });

    const toServer = requests
      .filter((request) => new URL(request.url).origin === server.origin)
      .map((request) => `${request.method} ${new URL(request.url).pathname}`);
    const scripts = toServer.filter((request) => request === 'GET /embed.js');
    const stylesheets = toServer.filter((request) =>
      /^GET \/embed\.[0-9a-f]{10}\.css$/.test(request),
    );
    const threads = toServer.filter((request) => request === 'GET /api/comments');
    expect(scripts).toHaveLength(1);
    expect(stylesheets.length).toBeLessThanOrEqual(1);
    expect(threads).toHaveLength(1);
    expect(toServer).toHaveLength(scripts.length + stylesheets.length + threads.length);
    const thread = requests.find((request) => request.url.includes('/api/comments'));
    expect(new URL(thread?.url ?? 'http://x.invalid').searchParams.get('url')).toBe(
      `${site.origin}/post`,
    );

    const elsewhere = requests.filter((request) => {
      const url = new URL(request.url);
      if (url.protocol === 'data:') return false;
      return url.origin !== server.origin && url.origin !== site.origin;
    });
    expect(elsewhere).toEqual([]);
    const toHost = requests.filter((request) => request.url.startsWith(site.origin));
    expect(toHost).toEqual([{ method: 'GET', url: site.url('/post') }]);
  });

  describe('renders one thread however the tag is written', () => {
    /** How the tag is written, and its attributes then. */
    const TAG_ATTRIBUTES = [
      ['async', 'async'],
      ['defer', 'defer'],
      ['neither async nor defer', ''],
    ];
    /** A page with the tag, written with `attributes`, in its body between two paragraphs. */
    const inBody = (attributes: string) => (server: RunningServer) =>
      htmlPage({
        title: 'Plain',
        body: `<h1>Plain</h1>\n<p>Before.</p>\n${embedTag(server, attributes)}\n<p id="after">After.</p>`,
      });
    /** A page with the tag, written with `attributes`, in its head, naming #comments its target. */
    const inHead = (attributes: string) => (server: RunningServer) =>
      htmlPage({
        title: 'Head tag',
        head: embedTag(server, `${attributes} data-target="#comments"`.trim()),
        body: '<h1>Head tag</h1>\n<p>Some text first.</p>\n<div id="comments"></div>\n<p>Footer.</p>',
      });

    it.each(TAG_ATTRIBUTES)(
      'renders one thread from a tag in the body with %s',
      async (_name, attributes) => {
        const { page } = await openPost(inBody(attributes));
        await threadLoaded(page);
        await page.waitForLoadState('networkidle', { timeout: WAIT });
        expect(await threadCount(page)).toBe(1);
        expect(await shadowHostCount(page)).toBe(1);
        // The thread stands where the tag stands: right after it, before what follows.
        const container = page.locator('script[src$="/embed.js"] + .leave-a-reply-thread');
        expect(await container.count()).toBe(1);
        await threadLoaded(container);
      },
    );

    it.each(TAG_ATTRIBUTES)(
      'renders into its data-target from a tag in the head with %s',
      async (_name, attributes) => {
        const { page } = await openPost(inHead(attributes));
        const target = page.locator('#comments');
        await threadLoaded(target);
        await page.waitForLoadState('networkidle', { timeout: WAIT });
        expect(await target.evaluate((element) => element.shadowRoot !== null)).toBe(true);
        expect(await threadCount(page)).toBe(1);
        expect(await page.locator('.leave-a-reply-thread').count()).toBe(0);
      },
    );

    it('renders exactly one thread when the identical tag is included twice', async () => {
      const { page } = await openPost((server) =>
        titledPage(server, 'Twice', '', `${embedTag(server)}\n<p>Between.</p>\n`),
      );
      await visible(page.getByRole('heading', { name: 'Leave a Reply', exact: true }).first());
      // Both copies of the script have run once the network is quiet.
      await page.waitForLoadState('networkidle', { timeout: WAIT });
      expect(await threadCount(page)).toBe(1);
      expect(await shadowHostCount(page)).toBe(1);
    });

    it('renders two independent threads from two tags with different targets and page ids', async () => {
      const tag = (server: RunningServer, target: string, pageId: string) =>
        embedTag(server, `async data-target="#${target}" data-page-id="${pageId}"`);
      const { page, server, site } = await openPost((server) =>
        htmlPage({
          title: 'Two threads',
          body: [
            '<h1>Two threads</h1>',
            '<div id="first-thread"></div>',
            '<div id="second-thread"></div>',
            tag(server, 'first-thread', 'host-first'),
            tag(server, 'second-thread', 'host-second'),
          ].join('\n'),
        }),
      );
      const first = page.locator('#first-thread');
      const second = page.locator('#second-thread');
      await threadLoaded(first);
      await threadLoaded(second);
      expect(await threadCount(page)).toBe(2);

      const body = 'Only on the first thread.';
      await submitCommentForm(first, { body, name: 'Fay Twin', email: 'fay@example.com' });
      await visible(first.locator('li.comment').getByText(body));
      expect(await second.locator('li.comment').count()).toBe(0);
      // Page ids are stored within the origin of the page that gave them; both pages were seen
      // (their first thread request dates them), only the first has the comment.
      const stored = async (id: string) =>
        server.store.findPage(await server.store.explicitPageKey(site.origin, id));
      expect((await stored('host-first'))?.approved_count).toBe(1);
      expect((await stored('host-second'))?.approved_count).toBe(0);
    });

    it('renders and posts on a page that defines h and preact globals and patches appendChild', async () => {
      const meddling = `<script>
window.h = 1;
window.preact = 'not preact';
window.appendChildCalls = 0;
const originalAppendChild = Element.prototype.appendChild;
Element.prototype.appendChild = function (child) {
  window.appendChildCalls++;
  return originalAppendChild.call(this, child);
};
Element.prototype.h = () => {};
</script>`;
      const { page } = await openPost((server) => titledPage(server, 'Meddling', meddling));
      await threadLoaded(page);
      expect(await threadCount(page)).toBe(1);
      const globals = await page.evaluate(() => {
        const own = window as unknown as Record<string, unknown>;
        return [own.h, own.preact];
      });
      expect(globals).toEqual([1, 'not preact']);

      const body = 'Posted despite the meddling.';
      await submitCommentForm(page, { body, name: 'Gil Patch', email: 'gil@example.com' });
      await visible(page.locator('li.comment').getByText(body));
    });
  });
});
