/**
 * The reader's flows, in every engine: the widget on a host page of another origin
 * (http://localhost:PORT) embedding a comments server's script (http://127.0.0.1:PORT).
 */
import { expect, it } from 'vitest';
import { ADMIN_TOKEN } from '../../helpers/app.ts';
import { embedTag, hostileThemePage, strictPolicy } from '../../helpers/embed.ts';
import type { EngineSuite, WatchedEnginePage } from '../../helpers/engine-suite.ts';
import type { EnginePage, PageOptions } from '../../helpers/engines.ts';
import { htmlPage } from '../../helpers/host-server.ts';
import { seedLongThread, seedThread } from '../../helpers/seed.ts';
import type { RunningServer } from '../../helpers/server.ts';

/** The accent colours of widget/styles.css, as browsers compute them. */
const LIGHT_ACCENT = 'rgb(29, 95, 191)'; // #1d5fbf
const DARK_ACCENT = 'rgb(138, 180, 248)'; // #8ab4f8

/** A host page titled `title` with the problem recorder and the embed tag. */
export function hostPage(server: RunningServer, title: string, extra = ''): string {
  return htmlPage({
    title,
    recorder: true,
    body: `<h1>${title}</h1>\n<p>Herons, mostly.</p>\n${extra}${embedTag(server)}`,
  });
}

/** Waits until the thread has loaded: its form's "Leave a Reply" heading shows. */
export function threadLoaded(page: EnginePage, nth = 0): Promise<void> {
  return page.visible({ css: 'h3, h2', text: 'Leave a Reply', nth });
}

/** Opens `url` in a new page with `options`, once its (first) thread has loaded. */
export async function openThread(
  suite: EngineSuite,
  url: string,
  options?: PageOptions,
): Promise<WatchedEnginePage> {
  const page = await suite.open(options);
  await page.goto(url);
  await threadLoaded(page);
  return page;
}

/**
 * A fresh server with settings `env`, and a host site whose /post (`url`) embeds its thread under
 * `title`, after what `extra` puts on the page for that server.
 */
export async function servePost(
  suite: EngineSuite,
  title: string,
  env: Record<string, string> = { MODERATION: 'none' },
  extra: (server: RunningServer) => string = () => '',
) {
  const server = await suite.serve(env);
  const site = await suite.host({ '/post': hostPage(server, title, extra(server)) });
  return { server, url: site.url('/post') };
}

/** Fills the form (of the `nth` thread) and posts it. */
export async function postComment(
  page: EnginePage,
  fields: { body: string; name: string; email: string },
  nth = 0,
): Promise<void> {
  await page.type({ css: '#comment', nth }, fields.body);
  await page.type({ css: '#author', nth }, fields.name);
  await page.type({ css: '#email', nth }, fields.email);
  await page.click({ css: 'button', text: 'Post Comment', nth });
}

/**
 * Computed style properties and the rendered width of the `nth` element matching `css`, in the
 * document or any open shadow root. Sent to the page as source, so it stands alone.
 */
function measured(css: string, nth: number, properties: string[]) {
  const found: Element[] = [];
  const visit = (root: Document | ShadowRoot) => {
    for (const element of root.querySelectorAll('*')) {
      if (element.matches(css)) found.push(element);
      if (element.shadowRoot) visit(element.shadowRoot);
    }
  };
  visit(document);
  const element = found[nth];
  if (!element) return null;
  const style = getComputedStyle(element);
  return {
    width: element.getBoundingClientRect().width,
    ...Object.fromEntries(properties.map((name) => [name, style.getPropertyValue(name)])),
  } as Record<string, string> & { width: number };
}

async function measure(page: EnginePage, css: string, properties: string[] = [], nth = 0) {
  const found = await page.evaluate(measured, css, nth, properties);
  expect(found, `${css} (#${nth}) in ${page.engine}`).not.toBeNull();
  return found as NonNullable<typeof found>;
}

/**
 * What each element holding a shadow root holds: its id, forms and comments. Stands alone, as
 * it is sent to the page as source.
 */
function shadowHosts() {
  return [...document.querySelectorAll('*')]
    .filter((element) => element.shadowRoot)
    .map((element) => ({
      id: element.id,
      forms: element.shadowRoot?.querySelectorAll('form.comment-form').length ?? 0,
      comments: [...(element.shadowRoot?.querySelectorAll('li.comment .content') ?? [])].map(
        (content) => (content.textContent ?? '').trim(),
      ),
    }));
}

/**
 * The addresses the page fetched whose address contains `part`, in order, from the Resource
 * Timing API: what every engine can tell of its own requests, cross-origin ones included.
 */
function fetched(part: string): string[] {
  return performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((name) => name.includes(part));
}

/** The page addresses (`url` parameters) of the threads the page asked the server for. */
async function threadsAsked(page: EnginePage): Promise<string[]> {
  const asked = await page.evaluate(fetched, '/api/comments?');
  return asked.map((address) => new URL(address).searchParams.get('url') ?? '');
}

/** True once `least` elements match `css` in the document and its shadow roots (stands alone). */
function countReaches(css: string, least: number): boolean {
  let count = 0;
  const visit = (root: Document | ShadowRoot) => {
    for (const element of root.querySelectorAll('*')) {
      if (element.matches(css)) count++;
      if (element.shadowRoot) visit(element.shadowRoot);
    }
  };
  visit(document);
  return count >= least;
}

/** Scrolls the first element matching `css`, if any, into view, as a reader scrolls to it. */
function scrollIntoView(css: string): boolean {
  const visit = (root: Document | ShadowRoot): Element | null => {
    for (const element of root.querySelectorAll('*')) {
      if (element.matches(css)) return element;
      const inner = element.shadowRoot && visit(element.shadowRoot);
      if (inner) return inner;
    }
    return null;
  };
  const found = visit(document);
  found?.scrollIntoView({ block: 'center' });
  return found !== null;
}

export function readerFlows(suite: EngineSuite): void {
  it('posts a comment and a reply from a page on another origin, and shows both after a reload', async () => {
    const title = 'A walk along the canal';
    const page = await openThread(suite, (await servePost(suite, title)).url);

    const first = 'I saw a kingfisher by the third lock last spring.';
    await postComment(page, { body: first, name: 'Ann Reader', email: 'ann@example.com' });
    await page.visible({ css: 'li.comment p', text: first });
    await page.visible({ css: 'h2, h3', text: `One thought on "${title}"` });

    await page.click({ css: 'a', text: 'Reply' });
    await page.visible({ css: 'h2, h3', text: 'Leave a Reply to Ann Reader' });
    const reply = 'They nest in the bank just past the bridge.';
    await postComment(page, { body: reply, name: 'Ben Walker', email: 'ben@example.com' });
    await page.visible({ css: 'ol.children > li.comment p', text: reply });

    await page.reload();
    await threadLoaded(page);
    await page.visible({ css: 'ol.children > li.comment p', text: reply });
    expect(await page.count('li.comment')).toBe(2);
    await page.visible({ css: 'h2, h3', text: `2 thoughts on "${title}"` });
  });

  it('shows a seeded thread, moves the form for a reply and back, keeps the text through errors, and lets the author edit and delete', async () => {
    const title = 'Herons of the river';
    const { server, url } = await servePost(suite, title);
    await seedThread(server, { url, title }, [
      { name: 'Ann Reader', body: 'A grey heron stood on the weir all morning.' },
      { name: 'Ben Walker', body: 'They wait for the fish to come to them.', parent: 0 },
      { name: 'Cleo Crumb', body: 'Ours nests in the poplars by the mill.' },
    ]);
    const page = await openThread(suite, url);
    await page.visible({ css: 'h2', text: `3 thoughts on "${title}"` });
    await page.visible({
      css: 'ol.comment-list > li.comment > ol.children > li.comment p',
      text: 'They wait for the fish to come to them.',
    });
    expect(await page.count('ol.comment-list > li.comment')).toBe(2);

    // Reply: the one form moves under the comment; Cancel reply brings it back.
    await page.click('a[aria-label="Reply to Ann Reader"]');
    await page.visible({ css: 'h3', text: 'Leave a Reply to Ann Reader' });
    await page.visible('li.comment > .respond form.comment-form');
    expect(await page.count('form.comment-form')).toBe(1);
    await page.click({ css: 'a', text: 'Cancel reply' });
    await threadLoaded(page);
    await page.gone('li.comment > .respond');
    expect(await page.count({ css: 'a', text: 'Cancel reply' })).toBe(0);

    // Errors next to the fields, and nothing the reader typed is lost.
    const body = 'Frist!';
    await page.type('#comment', body);
    await page.type('#email', 'not-an-email');
    await page.click({ css: 'button', text: 'Post Comment' });
    await page.visible({ css: '.field-author .error', text: 'Please enter your name.' });
    await page.visible({
      css: '.field-email .error',
      text: 'Please enter a valid email address.',
    });
    expect(await page.value('#comment')).toBe(body);
    expect(await page.value('#email')).toBe('not-an-email');
    expect(await page.count('li.comment')).toBe(3);

    await page.type('#author', 'Dee Author');
    await page.type('#email', 'dee@example.com');
    await page.click({ css: 'button', text: 'Post Comment' });
    await page.visible({ css: 'li.comment .content p', text: body });
    await page.visible({ css: 'h2', text: `4 thoughts on "${title}"` });
    expect(await page.count('.error')).toBe(0);

    // The author edits their comment: markdown rendered, marked "edited", kept on reload.
    await page.click({ css: 'button', text: 'Edit' });
    expect(await page.value('.edit-form textarea')).toBe(body);
    await page.type('.edit-form textarea', 'First, and *spelled* right.');
    await page.click({ css: '.edit-form button', text: 'Save' });
    await page.visible({ css: '.content em', text: 'spelled' });
    await page.visible('.edited');
    await page.reload();
    await page.visible({ css: '.content em', text: 'spelled' });
    expect(await page.text('.edited')).toBe('edited');
    expect(await page.count({ css: 'li.comment .content p', text: body })).toBe(0);

    // Another reader sees the edit, and no Edit or Delete.
    const other = await suite.open();
    await other.goto(url);
    await other.visible({ css: '.content em', text: 'spelled' });
    expect(await other.count({ css: 'button', text: 'Edit' })).toBe(0);
    expect(await other.count({ css: 'button', text: 'Delete' })).toBe(0);

    // Delete asks first, in the widget itself (no window.confirm), and Keep it keeps it.
    await page.click({ css: '.comment-actions button', text: 'Delete' });
    await page.visible({ css: '.confirm-delete legend', text: 'Delete your comment?' });
    await page.click({ css: '.confirm-delete button', text: 'Keep it' });
    await page.gone('.confirm-delete');
    await page.click({ css: '.comment-actions button', text: 'Delete' });
    await page.click({ css: '.confirm-delete button', text: 'Delete' });
    await page.gone({ css: '.content em', text: 'spelled' });
    await page.visible({ css: 'h2', text: `3 thoughts on "${title}"` });
    await other.reload();
    await other.visible({ css: 'h2', text: `3 thoughts on "${title}"` });
    expect(await other.count({ css: '.content em', text: 'spelled' })).toBe(0);
  });

  it("holds a first-time commenter's comment, shown only to its author across a reload, and to every reader once approved", async () => {
    // The default moderation: a first-time commenter's comment waits for the owner.
    const title = 'The ferry timetable';
    const { server, url } = await servePost(suite, title, {});
    const author = await openThread(suite, url);

    const body = 'Does the early boat still run on Sundays?';
    await postComment(author, { body, name: 'Cleo New', email: 'cleo@example.com' });
    await author.visible({ css: 'li.comment .content p', text: body });
    await author.visible({ css: '.held', text: 'Your comment is awaiting moderation.' });
    // A held comment is not counted, and cannot be replied to yet.
    expect(await author.count('h2')).toBe(0);
    expect(await author.count('a[aria-label="Reply to Cleo New"]')).toBe(0);
    await author.reload();
    await threadLoaded(author);
    await author.visible({ css: 'li.comment .content p', text: body });
    await author.visible({ css: '.held', text: 'Your comment is awaiting moderation.' });

    const other = await openThread(suite, url);
    expect(await other.count('li.comment')).toBe(0);
    expect(await other.count('.held')).toBe(0);

    // The owner approves it through the admin API, as the dashboard does.
    const [held] = await server.store.listByStatus('pending', 10);
    expect(held?.body).toBe(body);
    const approved = await server.app.inject({
      method: 'POST',
      url: `/api/admin/comments/${held?.id}/approve`,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(approved.statusCode, approved.body).toBe(200);
    await other.reload();
    await other.visible({ css: 'li.comment .content p', text: body });
    await other.visible({ css: 'h2', text: `One thought on "${title}"` });
    expect(await other.count('.held')).toBe(0);
    await author.reload();
    await author.visible({ css: 'h2', text: `One thought on "${title}"` });
    expect(await author.count('.held')).toBe(0);
  });

  it('shows a thread of 121 comments 50 top-level comments at a time, with "Load more comments"', async () => {
    const title = 'Every bird on the estuary';
    const { server, url } = await servePost(suite, title);
    await seedLongThread(server, { url, title });

    const page = await openThread(suite, url);
    await page.visible({ css: 'h2', text: `121 thoughts on "${title}"` });
    expect(await page.count('ol.comment-list > li.comment')).toBe(50);
    await page.visible({ css: 'li.comment .content p', text: 'A reply on the first page' });

    await page.click({ css: 'button', text: 'Load more comments' });
    // The click scrolls the button into view, so the scroll observer may fetch the third page
    // on its own once the second arrives; scrolling to the button again asks for the rest.
    const topLevel = 'ol.comment-list > li.comment';
    await page.waitUntil('the second page of comments', countReaches, topLevel, 100);
    await page.evaluate(scrollIntoView, 'p.load-more button');
    await page.waitUntil('every comment', countReaches, topLevel, 120);
    await page.gone({ css: 'button', text: 'Load more comments' });
    expect(await page.count(topLevel)).toBe(120);
    expect(await page.count({ css: 'li.comment .content p', text: 'Comment number 119' })).toBe(1);
    await page.visible({ css: 'h2', text: `121 thoughts on "${title}"` });
    // Each page of comments asked for exactly once.
    expect(await threadsAsked(page)).toHaveLength(3);
  });

  it("follows the reader's colour scheme, light and dark, and a thread's data-theme overrides it", async () => {
    const title = 'Night walks';
    // A second thread, forced dark by its tag, whatever the reader's scheme.
    const { url } = await servePost(
      suite,
      title,
      undefined,
      (server) =>
        `<div id="forced-dark"></div>\n${embedTag(server, 'async data-target="#forced-dark" data-page-id="forced-dark" data-theme="dark"')}\n`,
    );
    const colours = async (page: EnginePage, nth: number) => {
      const button = await measure(page, 'button[type="submit"]', ['background-color'], nth);
      const field = await measure(page, 'textarea', ['background-color'], nth);
      return [button['background-color'], field['background-color']];
    };

    const light = await openThread(suite, url, { colorScheme: 'light' });
    await threadLoaded(light, 1);
    const dark = await openThread(suite, url, { colorScheme: 'dark' });
    await threadLoaded(dark, 1);

    // The forced thread's host comes first in the document: the page's own thread is #1.
    const [lightAuto, lightForced, darkAuto, darkForced] = await Promise.all([
      colours(light, 1),
      colours(light, 0),
      colours(dark, 1),
      colours(dark, 0),
    ]);
    expect(lightAuto[0]).toBe(LIGHT_ACCENT);
    expect(darkAuto[0]).toBe(DARK_ACCENT);
    expect(darkAuto[1]).not.toBe(lightAuto[1]);
    expect(lightForced).toEqual(darkAuto);
    expect(darkForced).toEqual(darkAuto);
  });

  it("keeps working under a host page's hostile CSS, and under a strict Content-Security-Policy", async () => {
    const server = await suite.serve({ MODERATION: 'none' });
    const site = await suite.host({
      '/hostile': hostileThemePage(server, true),
      '/locked': {
        html: hostPage(server, 'Locked down'),
        headers: { 'Content-Security-Policy': strictPolicy(server) },
      },
    });

    const page = await openThread(suite, site.url('/hostile'), { width: 1000, height: 800 });
    const button = await measure(page, 'form.comment-form button[type="submit"]');
    expect(button.width).toBeGreaterThanOrEqual(60);
    const textarea = await measure(page, '#comment');
    expect(textarea.width).toBeGreaterThanOrEqual(200);
    const form = await measure(page, 'form.comment-form', ['font-size']);
    expect(form['font-size']).not.toBe('40px');
    const body = 'Still readable, whatever the theme does.';
    await postComment(page, { body, name: 'Cara Stylist', email: 'cara@example.com' });
    await page.visible({ css: 'li.comment .content p', text: body });
    // The widget's rules for .notes, .reply and .comment-list stay inside its shadow root.
    expect(await measure(page, '#host-notes', ['color', 'font-size', 'font-weight'])).toEqual(
      expect.objectContaining({
        color: 'rgb(120, 10, 10)',
        'font-size': '13px',
        'font-weight': '300',
      }),
    );
    expect(await measure(page, '#host-reply', ['color', 'font-weight', 'display'])).toEqual(
      expect.objectContaining({
        color: 'rgb(10, 10, 120)',
        'font-weight': '200',
        display: 'none',
      }),
    );
    expect(await measure(page, '#host-list', ['list-style-type', 'padding-left'])).toEqual(
      expect.objectContaining({ 'list-style-type': 'square', 'padding-left': '41px' }),
    );
    expect(await page.evaluate(() => document.styleSheets.length)).toBe(1);

    await page.goto(site.url('/locked'));
    await threadLoaded(page);
    const accent = await measure(page, 'button[type="submit"]', ['background-color']);
    expect(accent['background-color']).toBe(LIGHT_ACCENT);
    const locked = 'Posted under a strict policy.';
    await postComment(page, { body: locked, name: 'Eli Secure', email: 'eli@example.com' });
    await page.visible({ css: 'li.comment .content p', text: locked });
    await page.visible({ css: 'h2', text: 'One thought on "Locked down"' });
    // A refused script, style or request shows as a console error or a CSP violation, which
    // fails the test when it ends (the suite's check of every page).
  });

  it("follows a single-page app's pushState and back navigation without a reload", async () => {
    const server = await suite.serve({ MODERATION: 'none' });
    // A tiny app: links change the article with history.pushState, no page load.
    const app = `<script>
const articles = { knives: 'Keep one knife sharp', pans: 'Why a heavy pan pays for itself' };
function show() {
  const name = new URLSearchParams(location.search).get('article') || 'knives';
  document.getElementById('article-title').textContent = articles[name];
  document.title = articles[name] + ' — Kitchen notes';
}
document.addEventListener('click', (event) => {
  const link = event.target.closest('a[data-article]');
  if (!link) return;
  event.preventDefault();
  history.pushState(null, '', link.href);
  show();
});
addEventListener('popstate', show);
</script>`;
    const site = await suite.host({
      '/app': htmlPage({
        title: 'Keep one knife sharp — Kitchen notes',
        recorder: true,
        body: [
          '<nav><a href="/app" data-article="knives">Sharp knives</a>',
          '<a href="/app?article=pans" data-article="pans">Heavy pans</a></nav>',
          '<h1 id="article-title">Keep one knife sharp</h1>',
          app,
          embedTag(server),
        ].join('\n'),
      }),
    });
    const page = await openThread(suite, site.url('/app'));
    const first = 'Honing is not sharpening.';
    await postComment(page, { body: first, name: 'Ann Reader', email: 'ann@example.com' });
    await page.visible({ css: 'li.comment .content p', text: first });
    await page.evaluate(() => {
      (window as unknown as { loadedOnce: boolean }).loadedOnce = true;
    });

    await page.click({ css: 'a', text: 'Heavy pans' });
    await page.gone({ css: 'li.comment .content p', text: first });
    await threadLoaded(page);
    const second = 'Cast iron for life.';
    await postComment(page, { body: second, name: 'Ann Reader', email: 'ann@example.com' });
    await page.visible({
      css: 'h2',
      text: 'One thought on "Why a heavy pan pays for itself"',
    });

    await page.evaluate(() => history.back());
    await page.visible({ css: 'li.comment .content p', text: first });
    expect(await page.count({ css: 'li.comment .content p', text: second })).toBe(0);
    // Still the same document: nothing reloaded, and one thread asked for per address.
    expect(
      await page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce),
    ).toBe(true);
    expect(await threadsAsked(page)).toEqual([
      site.url('/app'),
      site.url('/app?article=pans'),
      site.url('/app'),
    ]);
    const pans = await server.app.inject({
      method: 'GET',
      url: `/api/comments?url=${encodeURIComponent(site.url('/app?article=pans'))}`,
    });
    expect(pans.json().count).toBe(1);
  });

  it('fills the counts of an archive page with count.js in one request', async () => {
    const server = await suite.serve({ MODERATION: 'none' });
    const site = await suite.host();
    const post = (path: string, body: string, pageId?: string) =>
      server.app.inject({
        method: 'POST',
        url: '/api/comments',
        payload: {
          url: site.url(path),
          page: pageId,
          name: 'Ann',
          email: `${body.replace(/\W/g, '')}@example.com`,
          body,
        },
      });
    await post('/', 'one');
    await post('/index.html', 'two');
    await post('/', 'three');
    await post('/lentils', 'on the article', 'lentils-article');
    await post('/pans?article=pans&utm_source=x', 'on pans');
    await post('/pans?article=pans', 'more on pans');
    site.setPage(
      '/archive',
      htmlPage({
        title: 'Archive',
        recorder: true,
        head: `<script src="${server.origin}/count.js" async></script>`,
        body: [
          '<ul>',
          '<li><a href="/#comments" data-comments-count data-page-url="/">Comments</a></li>',
          '<li><span data-comments-count data-page-id="lentils-article">Comments</span>',
          '(and <span data-comments-count data-page-id="lentils-recipe">Comments</span>)</li>',
          '<li><a href="/pans?article=pans" data-comments-count>Comments</a></li>',
          '</ul>',
        ].join('\n'),
      }),
    );
    const page = await suite.open();
    await page.goto(site.url('/archive'));
    const counts = await page.waitUntil('the counts', () => {
      const texts = [...document.querySelectorAll('[data-comments-count]')].map(
        (element) => element.textContent,
      );
      return texts.includes('Comments') ? null : texts;
    });
    expect(counts).toEqual(['3 Comments', '1 Comment', 'No Comments', '2 Comments']);
    const asked = await page.evaluate(fetched, '/api/');
    expect(asked.map((address) => new URL(address).pathname)).toEqual(['/api/counts']);
  });

  it('renders one thread from the identical tag included twice, and two independent threads from two tags', async () => {
    const server = await suite.serve({ MODERATION: 'none' });
    const tag = (target: string, pageId: string) =>
      embedTag(server, `async data-target="#${target}" data-page-id="${pageId}"`);
    const site = await suite.host({
      '/twice': hostPage(server, 'Twice', `${embedTag(server)}\n<p>Between.</p>\n`),
      '/two': hostPage(
        server,
        'Two threads',
        [
          '<div id="first-thread"></div>',
          '<div id="second-thread"></div>',
          tag('first-thread', 'host-first'),
          tag('second-thread', 'host-second'),
          '',
        ].join('\n'),
      ),
    });
    const page = await openThread(suite, site.url('/twice'));
    // Async scripts have run before the load event: both copies have had their turn.
    await page.waitUntil('the page to load', () => document.readyState === 'complete');
    expect(await page.evaluate(shadowHosts)).toHaveLength(1);
    expect(await page.evaluate(fetched, '/embed.js')).not.toHaveLength(0);

    await page.goto(site.url('/two'));
    await threadLoaded(page, 2);
    await page.waitUntil('the page to load', () => document.readyState === 'complete');
    const hosts = await page.evaluate(shadowHosts);
    // The two tags with targets, then the thread of the page's own tag, in document order.
    expect(hosts.map((host) => [host.id, host.forms])).toEqual([
      ['first-thread', 1],
      ['second-thread', 1],
      ['', 1],
    ]);
    const onFirst = 'Only on the first thread.';
    await postComment(page, { body: onFirst, name: 'Fay Twin', email: 'fay@example.com' });
    await page.visible({ css: 'li.comment .content p', text: onFirst });
    const onSecond = 'And this one on the second.';
    await postComment(page, { body: onSecond, name: 'Gil Twin', email: 'gil@example.com' }, 1);
    await page.visible({ css: 'li.comment .content p', text: onSecond });
    await page.reload();
    await threadLoaded(page, 2);
    await page.visible({ css: 'li.comment .content p', text: onSecond });
    expect((await page.evaluate(shadowHosts)).map((host) => host.comments)).toEqual([
      [onFirst],
      [onSecond],
      [],
    ]);
  });
}
