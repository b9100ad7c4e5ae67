/**
 * A reader without JavaScript, in Chromium with JavaScript turned off: on a host page embedding
 * the thread as README says (the script tag, and its `<noscript>` link to the thread's own
 * page), they follow the link, read the thread at /thread, post a comment (held, as a first
 * comment is under MODERATION=first-time) and see it there, once, awaiting moderation; a
 * refused post keeps what they typed and says what is wrong beside each field; "Reply" answers
 * a comment, nested under it. Once the owner approves, everyone sees the comment, at /thread and
 * in GET /api/comments.html.
 */
import type { Page, Response } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedComment } from '../helpers/app.ts';
import { failedLoad } from '../helpers/browser.ts';
import { useBrowserAndServers } from '../helpers/browser-and-servers.ts';
import { type HostServer, htmlPage } from '../helpers/host-server.ts';
import { approveComment } from '../helpers/requests.ts';
import type { RunningServer } from '../helpers/server.ts';
import {
  escapeText,
  fragmentOf,
  hostPageWith,
  OWN_ADDRESS,
  threadPagePath,
} from '../helpers/server-rendered.ts';
import { visible, WAIT } from '../helpers/widget-page.ts';

const TITLE = 'Baking with rye: what the books leave out';
/** The `<noscript>` link's words, as README's snippet has them. */
const LINK_TEXT = 'Read the comments and leave a reply';
const HELD = 'Your comment is awaiting moderation.';

const harness = useBrowserAndServers();
let server: RunningServer;
let host: HostServer;
/** The article's address, on the host site. */
let article: string;

/** The host page: the article, then the embed snippet of README, for this server and page. */
function articlePage(): string {
  const thread = `${server.origin}${threadPagePath({ url: article, title: TITLE })}`;
  return htmlPage({
    title: TITLE,
    body: `<article><h1>${escapeText(TITLE)}</h1><p>Rye has little gluten, and a lot of opinions.</p></article>
<script src="${server.origin}/embed.js" async></script>
<noscript>
  <a href="${escapeText(thread)}">${LINK_TEXT}</a>
</noscript>`,
  });
}

beforeAll(async () => {
  [server, host] = await Promise.all([
    harness.serve({ ...OWN_ADDRESS, MODERATION: 'first-time' }),
    harness.host(),
  ]);
  article = host.url('/posts/rye');
  host.setPage('/posts/rye', articlePage());
});

/** A page of a fresh context in which JavaScript does not run. */
function openWithoutJavaScript() {
  return harness.open({ javaScriptEnabled: false });
}

/** The thread's page for the article, opened straight. */
function threadAddress(extra: Record<string, string> = {}): string {
  return `${server.origin}${threadPagePath({ url: article, title: TITLE, ...extra })}`;
}

/** Fills the form's fields that `fields` names (by the form's ids), posts it, and answers. */
async function postForm(page: Page, fields: Record<string, string>): Promise<Response> {
  for (const [id, value] of Object.entries(fields)) await page.locator(`#${id}`).fill(value);
  const answered = page.waitForResponse(
    (response) =>
      response.request().method() === 'POST' && new URL(response.url()).pathname === '/thread',
  );
  await page.getByRole('button', { name: 'Post Comment' }).click();
  return answered;
}

/** The id of the comment a post landed at: the address ends in #comment-ID. */
async function landedComment(page: Page, answer: Response): Promise<number> {
  const said = answer.status() === 303 ? '' : (await answer.text()).replace(/<[^>]*>/g, ' ');
  expect(answer.status(), `POST /thread answered: ${said.replace(/\s+/g, ' ')}`).toBe(303);
  await page.waitForURL(/\/thread\?.*#comment-\d+$/, { timeout: WAIT });
  return Number(/#comment-(\d+)$/.exec(page.url())?.[1]);
}

describe('the thread without JavaScript', () => {
  it('takes a first comment through the noscript link, shows it to its author once, and to all once approved', async () => {
    const { page } = await openWithoutJavaScript();
    await page.goto(article);
    const link = page.getByRole('link', { name: LINK_TEXT, exact: true });
    await visible(link);
    await link.click();
    await page.waitForURL((url) => url.pathname === '/thread', { timeout: WAIT });
    expect(new URL(page.url()).searchParams.get('url')).toBe(article);
    await visible(page.getByRole('heading', { name: 'Leave a Reply', exact: true }));
    await expect(page.locator('a.back').getAttribute('href')).resolves.toBe(article);

    const posted = await postForm(page, {
      comment: 'Rye wants a wetter dough than wheat.',
      author: 'Ines',
      email: 'ines@example.com',
    });
    const id = await landedComment(page, posted);
    expect(new URL(page.url()).searchParams.get('posted')).toMatch(/\S/);
    const mine = page.locator(`#comment-${id}`);
    await visible(mine);
    await expect(mine.locator('.held').textContent()).resolves.toBe(HELD);
    await expect(mine.locator('.content').textContent()).resolves.toContain(
      'Rye wants a wetter dough than wheat.',
    );

    // One time only: the same address again, or the thread without the token, shows it no more.
    await page.reload();
    await visible(page.getByRole('heading', { name: 'Leave a Reply', exact: true }));
    await expect(page.locator(`#comment-${id}`).count()).resolves.toBe(0);
    await page.goto(threadAddress());
    await visible(page.getByRole('heading', { name: 'Leave a Reply', exact: true }));
    await expect(page.locator(`#comment-${id}`).count()).resolves.toBe(0);
    expect(await fragmentOf(server, { url: article, title: TITLE })).not.toContain(
      `id="comment-${id}"`,
    );

    await approveComment(server, id);
    await page.goto(threadAddress());
    await visible(page.locator(`#comment-${id}`));
    await expect(page.locator(`#comment-${id} .held`).count()).resolves.toBe(0);
    await expect(page.locator(`#comment-${id} .author`).textContent()).resolves.toBe('Ines');
    expect(await fragmentOf(server, { url: article, title: TITLE })).toContain(
      `id="comment-${id}"`,
    );
  });

  it('keeps every typed value of a refused post and says beside each field what is wrong', async () => {
    const { page, expectProblems } = await openWithoutJavaScript();
    // The refusal's own status, which Chromium notes as a resource that failed to load.
    expectProblems(failedLoad('400 (Bad Request)', '/thread'));
    await page.goto(threadAddress());
    await page.locator('#remember').check();
    // What the JSON route says about the same post, word for word.
    const typed = { name: 'Bea', email: 'not-an-address', website: 'https://bea.example/' };
    const json = await server.app.inject({
      method: 'POST',
      url: '/api/comments',
      payload: { url: article, title: TITLE, body: '', ...typed },
    });
    expect(json.statusCode).toBe(400);
    const { fields } = json.json().error as { fields: Record<string, string> };

    const refused = await postForm(page, {
      comment: '',
      author: typed.name,
      email: typed.email,
      url: typed.website,
    });
    expect(refused.status()).toBe(json.statusCode);
    await visible(page.locator('#comment-error'));

    await expect(page.locator('#author').inputValue()).resolves.toBe(typed.name);
    await expect(page.locator('#email').inputValue()).resolves.toBe(typed.email);
    await expect(page.locator('#url').inputValue()).resolves.toBe(typed.website);
    await expect(page.locator('#comment').inputValue()).resolves.toBe('');
    await expect(page.locator('#remember').isChecked()).resolves.toBe(true);
    for (const [field, id] of [
      ['body', 'comment'],
      ['email', 'email'],
    ] as const) {
      const error = page.locator(`#${id}-error`);
      await expect(error.textContent()).resolves.toBe(fields[field]);
      // Beside its field, and named by it, so that a screen reader reads it with the field.
      const besideIt = await page.evaluate(
        (fieldId) =>
          document.getElementById(`${fieldId}-error`)?.parentElement ===
          document.getElementById(fieldId)?.parentElement,
        id,
      );
      expect(besideIt, id).toBe(true);
      await expect(page.locator(`#${id}`).getAttribute('aria-describedby')).resolves.toBe(
        `${id}-error`,
      );
      await expect(page.locator(`#${id}`).getAttribute('aria-invalid')).resolves.toBe('true');
    }
    await expect(page.locator('#author-error').count()).resolves.toBe(0);

    // The text itself is kept too, line for line, when another field is what is wrong.
    const text = 'First line.\n\nSecond line, after a blank one.';
    await postForm(page, { comment: text, email: 'still-not-an-address' });
    await visible(page.locator('#email-error'));
    await expect(page.locator('#comment').inputValue()).resolves.toBe(text);
    await expect(page.locator('#comment-error').count()).resolves.toBe(0);
    await expect(page.locator('#author').inputValue()).resolves.toBe(typed.name);
  });

  it('nests a reply made through a comment’s Reply link under it', async () => {
    const parent = await seedComment(server, {
      url: article,
      title: TITLE,
      name: 'Jo',
      email: 'jo@example.com',
      website: '',
      body: 'Does rye need a starter of its own?',
    });
    await approveComment(server, parent);

    const { page } = await openWithoutJavaScript();
    await page.goto(threadAddress());
    await page
      .locator(`#comment-${parent}`)
      .getByRole('link', { name: 'Reply to Jo', exact: true })
      .click();
    await page.waitForURL(/replytocom=\d+#respond$/, { timeout: WAIT });
    expect(new URL(page.url()).searchParams.get('replytocom')).toBe(String(parent));
    const form = page.locator(`#comment-${parent} form.comment-form`);
    await visible(form);
    await expect(form.locator('input[name="parent"]').inputValue()).resolves.toBe(String(parent));

    const posted = await postForm(page, {
      comment: 'It can share the wheat one.',
      author: 'Kit',
      email: 'kit@example.com',
    });
    const reply = await landedComment(page, posted);
    const nested = page.locator(`#comment-${parent} > ol.children > li#comment-${reply}`);
    await visible(nested);
    await expect(nested.locator('.held').textContent()).resolves.toBe(HELD);

    await approveComment(server, reply);
    await page.goto(threadAddress());
    await visible(page.locator(`#comment-${parent} > ol.children > li#comment-${reply}`));
    expect(await fragmentOf(server, { url: article, title: TITLE })).toMatch(
      new RegExp(
        `id="comment-${parent}"[\\s\\S]*<ol class="children"[^>]*><li id="comment-${reply}"`,
      ),
    );
  });

  it('takes a post from the thread’s fragment included in the article itself', async () => {
    // As a site's build or server includes GET /api/comments.html where the thread goes.
    const included = host.url('/posts/included');
    const fragment = await fragmentOf(server, { url: included, title: TITLE });
    host.setPage(
      '/posts/included',
      htmlPage({ title: TITLE, body: hostPageWith(fragment, TITLE) }),
    );
    const { page } = await openWithoutJavaScript();
    await page.goto(included);
    const posted = await postForm(page, {
      comment: 'Posted from the article’s own page.',
      author: 'Lou',
      email: 'lou@example.com',
    });
    const id = await landedComment(page, posted);
    expect(new URL(page.url()).origin).toBe(server.origin);
    expect(new URL(page.url()).searchParams.get('url')).toBe(included);
    await expect(page.locator(`#comment-${id} .held`).textContent()).resolves.toBe(HELD);
  });

  it('tells search engines to leave the page out of their index', async () => {
    const { page } = await openWithoutJavaScript();
    const response = await page.goto(threadAddress());
    expect(response?.status()).toBe(200);
    await expect(page.locator('meta[name="robots"]').getAttribute('content')).resolves.toBe(
      'noindex',
    );
    expect(response?.headers()['x-robots-tag']).toBe('noindex');
  });
});
