/**
 * The comment flow in a real browser: the built widget on the demo pages, served by a real server
 * on loopback with a real SQLite file. Each test gets a server (and so a database) of its own, so
 * no test sees another's comments; all are closed in afterAll. Any console error or warning fails
 * a test (the harness's check), including the 404 a browser logs when a demo page has no favicon.
 */
import type { Route } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { failedLoad } from '../helpers/browser.ts';
import { useBrowserAndServers } from '../helpers/browser-and-servers.ts';
import { seedThread } from '../helpers/seed.ts';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.ts';
import {
  DEMO_TITLE,
  gone,
  hasFocus,
  submitCommentForm,
  threadLoaded,
  visible,
  WAIT,
} from '../helpers/widget-page.ts';

const REMEMBER_LABEL =
  'Save my name, email, and website in this browser for the next time I comment.';

const harness = useBrowserAndServers();
const smtpServers: TestSmtpServer[] = [];

afterAll(async () => {
  await Promise.all(smtpServers.map((smtp) => smtp.close()));
}, 60_000);

/** Settings for a server with mail set up (SMTP_URL), which is what offers reply mail. */
async function withMail(): Promise<Record<string, string>> {
  const smtp = await startSmtpServer();
  smtpServers.push(smtp);
  return { SMTP_URL: smtp.url };
}

describe('the comment flow in a browser', () => {
  it('posts a comment on the demo page, replies to it, and still sees both after a reload', async () => {
    const server = await harness.serve({ MODERATION: 'none' });
    const { page } = await harness.openDemo(server);
    // The document's title names the site too; the thread's heading names only the post.
    expect(await page.title()).toBe(`${DEMO_TITLE} — A Small Kitchen Blog`);

    const first = 'Mine is called Dough Nut and has survived two house moves.';
    await submitCommentForm(page, { body: first, name: 'Ann Reader', email: 'ann@example.com' });
    await visible(page.getByText(first));
    await visible(page.getByRole('heading', { name: `One thought on "${DEMO_TITLE}"` }));

    const firstItem = page.locator('ol.comment-list > li.comment').first();
    const firstId = await firstItem.getAttribute('id');
    expect(firstId).toMatch(/^comment-\d+$/);

    await page.getByRole('link', { name: 'Reply to Ann Reader' }).click();
    await visible(page.getByRole('heading', { name: 'Leave a Reply to Ann Reader' }));
    await visible(page.getByRole('link', { name: 'Cancel reply' }));
    // The one form has moved inside the comment being replied to.
    await visible(page.locator(`#${firstId} > .respond form.comment-form`));
    expect(await page.locator('form.comment-form').count()).toBe(1);

    const reply = 'Rye starters forgive even more, in my experience.';
    await submitCommentForm(page, { body: reply, name: 'Ben Baker', email: 'ben@example.com' });
    const nestedReply = page.locator(`#${firstId} > ol.children > li.comment`);
    await visible(nestedReply.getByText(reply));
    await visible(page.getByRole('heading', { name: `2 thoughts on "${DEMO_TITLE}"` }));
    // The form goes back to the end of the thread once the reply is posted.
    await threadLoaded(page);
    expect(await page.getByRole('link', { name: 'Cancel reply' }).count()).toBe(0);

    await page.reload();
    await threadLoaded(page);
    await visible(page.locator(`#${firstId}`).getByText(first).first());
    await visible(nestedReply.getByText(reply));
    expect(await nestedReply.count()).toBe(1);
    expect(await page.locator('ol.comment-list > li.comment').count()).toBe(1);
    await visible(page.getByRole('heading', { name: `2 thoughts on "${DEMO_TITLE}"` }));
  });

  it('keeps a held comment visible only to its author, across reloads', async () => {
    const server = await harness.serve();
    const author = await harness.openDemo(server);

    const body = 'First time here: does a starter mind being fed tap water?';
    await submitCommentForm(author.page, { body, name: 'Cleo New', email: 'cleo@example.com' });
    await visible(author.page.getByText(body));
    await visible(author.page.getByText('Your comment is awaiting moderation.'));
    // A held comment is not counted, and cannot be replied to yet.
    expect(await author.page.getByRole('heading', { name: /thoughts? on/ }).count()).toBe(0);
    expect(await author.page.getByRole('link', { name: 'Reply to Cleo New' }).count()).toBe(0);

    await author.page.reload();
    await threadLoaded(author.page);
    await visible(author.page.getByText(body));
    await visible(author.page.getByText('Your comment is awaiting moderation.'));

    const other = await harness.openDemo(server);
    expect(await other.page.getByText(body).count()).toBe(0);
    expect(await other.page.getByText('Your comment is awaiting moderation.').count()).toBe(0);
    expect(await other.page.getByRole('heading', { name: /thoughts? on/ }).count()).toBe(0);
    expect(await other.page.locator('li.comment').count()).toBe(0);
  });

  it('shows errors next to the fields and keeps the text when the input is invalid', async () => {
    const server = await harness.serve({ MODERATION: 'none' });
    const { page } = await harness.open();
    let posts = 0;
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/comments')) posts++;
    });
    await page.goto(`${server.origin}/`);
    await threadLoaded(page);

    const body = 'A thought I do not want to type twice.';
    await page.locator('#comment').fill(body);
    await page.locator('#email').fill('not-an-email');
    await page.getByRole('button', { name: 'Post Comment' }).click();

    await visible(page.locator('.field-author .error').getByText('Please enter your name.'));
    await visible(
      page.locator('.field-email .error').getByText('Please enter a valid email address.'),
    );
    expect(await page.locator('.error').count()).toBe(2);
    await expect.poll(() => hasFocus(page.locator('#author')), { timeout: WAIT }).toBe(true);
    expect(await page.locator('#comment').inputValue()).toBe(body);
    expect(await page.locator('#email').inputValue()).toBe('not-an-email');
    expect(await page.locator('#author').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#email').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#comment').getAttribute('aria-invalid')).toBeNull();
    expect(await page.locator('#author').getAttribute('aria-describedby')).toBe('author-error');
    expect(posts).toBe(0);
    expect(await page.locator('li.comment').count()).toBe(0);
  });

  it("keeps the reader's text when the server fails, and posts once on a double click", async () => {
    const server = await harness.serve({ MODERATION: 'none' });
    const { page, expectProblems } = await harness.openDemo(server);
    // Chromium logs an aborted request as a console error, which is the failure this test
    // causes on purpose with route.abort(); only that one is expected here.
    expectProblems(failedLoad('net::ERR_FAILED', '/api/comments'));

    const fail = (route: Route) =>
      route.request().method() === 'POST' ? route.abort() : route.continue();
    await page.route('**/api/comments', fail);

    const body = 'Long thoughts on hydration percentages, typed with care.';
    await submitCommentForm(page, { body, name: 'Dora Flour', email: 'dora@example.com' });
    const alert = page.locator('form.comment-form [role="alert"]');
    await visible(alert);
    expect(await alert.textContent()).toContain('Your comment is still here.');
    expect(await page.locator('#comment').inputValue()).toBe(body);
    expect(await page.locator('li.comment').count()).toBe(0);

    await page.unroute('**/api/comments', fail);
    let posts = 0;
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/comments')) posts++;
    });
    await page.getByRole('button', { name: 'Post Comment' }).dblclick();
    await visible(page.locator('li.comment').getByText(body));
    await gone(alert);
    await visible(page.getByRole('heading', { name: `One thought on "${DEMO_TITLE}"` }));
    expect(await page.locator('li.comment').count()).toBe(1);
    expect(await page.locator('#comment').inputValue()).toBe('');
    expect(posts).toBe(1);

    const stored = await server.store.findPage(`${server.origin}/`);
    expect(stored).not.toBeNull();
    expect(await server.store.threadRows(stored?.id ?? -1)).toHaveLength(1);
    const response = await fetch(
      `${server.origin}/api/comments?url=${encodeURIComponent(`${server.origin}/`)}`,
    );
    const thread = (await response.json()) as { count: number };
    expect(thread.count).toBe(1);
  });

  it('remembers name, email and website only when asked', async () => {
    const server = await harness.serve({ MODERATION: 'none' });
    const { page } = await harness.openDemo(server);

    const remember = page.getByLabel(REMEMBER_LABEL);
    expect(await remember.isChecked()).toBe(false);
    await page.locator('#url').fill('https://eve.example.com');
    await remember.check();
    const body = 'Please remember me, I comment here every week.';
    await submitCommentForm(page, { body, name: 'Eve Regular', email: 'eve@example.com' });
    await visible(page.locator('li.comment').getByText(body));

    await page.reload();
    await threadLoaded(page);
    expect(await page.locator('#author').inputValue()).toBe('Eve Regular');
    expect(await page.locator('#email').inputValue()).toBe('eve@example.com');
    expect(await page.locator('#url').inputValue()).toBe('https://eve.example.com');
    expect(await page.locator('#comment').inputValue()).toBe('');
    expect(await page.getByLabel(REMEMBER_LABEL).isChecked()).toBe(true);

    await page.getByLabel(REMEMBER_LABEL).uncheck();
    await page.reload();
    await threadLoaded(page);
    expect(await page.locator('#author').inputValue()).toBe('');
    expect(await page.locator('#email').inputValue()).toBe('');
    expect(await page.locator('#url').inputValue()).toBe('');
    expect(await page.getByLabel(REMEMBER_LABEL).isChecked()).toBe(false);
  });

  it('asks for reply mail only when the reader ticks the box', async () => {
    const server = await harness.serve({ MODERATION: 'none', ...(await withMail()) });
    const { page } = await harness.openDemo(server);

    const notify = page.getByLabel('Notify me of follow-up comments by email', { exact: true });
    expect(await notify.isChecked()).toBe(false);
    const quiet = 'No mail for me, thanks.';
    await submitCommentForm(page, { body: quiet, name: 'Gus', email: 'gus@example.com' });
    await visible(page.locator('li.comment').getByText(quiet));
    await notify.check();
    const curious = 'Tell me when someone answers.';
    await submitCommentForm(page, { body: curious, name: 'Gus', email: 'gus@example.com' });
    await visible(page.locator('li.comment').getByText(curious));

    const stored = (await server.store.listByStatus('approved', 10)).map((row) => [
      row.body,
      row.notify,
    ]);
    expect(stored).toEqual(
      expect.arrayContaining([
        [quiet, 0],
        [curious, 1],
      ]),
    );
  });

  it('offers no reply mail when the server sends no mail, and still posts', async () => {
    const server = await harness.serve({ MODERATION: 'none' });
    const { page } = await harness.openDemo(server);

    expect(await page.getByLabel(REMEMBER_LABEL, { exact: true }).count()).toBe(1);
    expect(
      await page.getByLabel('Notify me of follow-up comments by email', { exact: true }).count(),
    ).toBe(0);
    expect(await page.getByText('Notify me', { exact: false }).count()).toBe(0);
    const body = 'No promise of mail here.';
    await submitCommentForm(page, { body, name: 'Gus', email: 'gus@example.com' });
    await visible(page.locator('li.comment').getByText(body));
    const stored = (await server.store.listByStatus('approved', 10)).map((row) => [
      row.body,
      row.notify,
    ]);
    expect(stored).toEqual([[body, 0]]);
  });

  it('renders two independent threads from two tags on one page', async () => {
    const server = await harness.serve({ MODERATION: 'none' });
    const { page } = await harness.open();
    await page.goto(`${server.origin}/second.html`);

    const recipe = page.locator('#recipe-comments');
    const article = page.locator('.leave-a-reply-thread');
    await threadLoaded(recipe);
    await threadLoaded(article);
    const hosts = await page.evaluate(
      () => [...document.querySelectorAll('*')].filter((element) => element.shadowRoot).length,
    );
    expect(hosts).toBe(2);
    expect(await recipe.evaluate((element) => element.shadowRoot !== null)).toBe(true);
    expect(await article.evaluate((element) => element.shadowRoot !== null)).toBe(true);

    const body = 'I add a spoon of smoked paprika and it is wonderful.';
    await submitCommentForm(recipe, { body, name: 'Finn Cook', email: 'finn@example.com' });
    await visible(recipe.locator('li.comment').getByText(body));
    await visible(recipe.getByRole('heading', { name: 'One thought on "The recipe"' }));

    expect(await article.getByText(body).count()).toBe(0);
    expect(await article.locator('li.comment').count()).toBe(0);
    expect(await article.getByRole('heading', { name: /thoughts? on/ }).count()).toBe(0);

    const url = encodeURIComponent(`${server.origin}/second.html`);
    const recipeThread = (await (
      await fetch(`${server.origin}/api/comments?url=${url}&page=second-recipe`)
    ).json()) as { page: string; count: number; comments: { html: string }[] };
    expect(recipeThread.page).toBe('second-recipe');
    expect(recipeThread.count).toBe(1);
    expect(recipeThread.comments[0]?.html).toContain(body);
    const articleThread = (await (
      await fetch(`${server.origin}/api/comments?url=${url}&page=second-article`)
    ).json()) as { count: number };
    expect(articleThread.count).toBe(0);

    await page.reload();
    await threadLoaded(recipe);
    await threadLoaded(article);
    await visible(recipe.locator('li.comment').getByText(body));
    expect(await article.locator('li.comment').count()).toBe(0);
  });

  it('nests replies five deep and shows deeper replies at the fifth level', async () => {
    const server = await harness.serve({ MODERATION: 'none' });
    // A chain of seven, each replying to the one before.
    const chain = Array.from({ length: 7 }, (_, n) => ({
      name: `Reader ${n + 1}`,
      body: `Comment number ${n + 1} in the chain.`,
      parent: n === 0 ? undefined : n - 1,
    }));
    const ids = await seedThread(server, { url: `${server.origin}/`, title: DEMO_TITLE }, chain);

    const { page } = await harness.openDemo(server);
    for (let n = 1; n <= 7; n++) {
      await visible(page.getByText(`Comment number ${n} in the chain.`));
    }
    const item = (n: number) => page.locator(`#comment-${ids[n - 1]}`);
    const hasClass = (n: number, name: string) =>
      item(n).evaluate((element, cls) => element.classList.contains(cls), name);

    for (let n = 1; n <= 4; n++) expect(await hasClass(n, `depth-${n}`)).toBe(true);
    for (const n of [5, 6, 7]) expect(await hasClass(n, 'depth-5')).toBe(true);
    expect(await hasClass(4, 'depth-5')).toBe(false);
    // The 6th and 7th stand beside the 5th, in the list of replies under the 4th.
    for (const n of [5, 6, 7]) {
      expect(
        await page.locator(`#comment-${ids[3]} > ol.children > #comment-${ids[n - 1]}`).count(),
      ).toBe(1);
    }
    expect(await page.locator('li.comment').count()).toBe(7);
    await visible(page.getByRole('heading', { name: `7 thoughts on "${DEMO_TITLE}"` }));
  });

  it('takes focus into the form on Reply and back to the Reply link on Cancel reply', async () => {
    const server = await harness.serve({ MODERATION: 'none' });
    const { page } = await harness.openDemo(server);
    await submitCommentForm(page, {
      body: 'Focus me.',
      name: 'Ann Reader',
      email: 'ann@example.com',
    });

    const replyLink = page.getByRole('link', { name: 'Reply to Ann Reader' });
    await replyLink.click();
    await visible(page.getByRole('heading', { name: 'Leave a Reply to Ann Reader' }));
    await expect.poll(() => hasFocus(page.locator('#comment')), { timeout: WAIT }).toBe(true);

    await page.getByRole('link', { name: 'Cancel reply' }).click();
    await threadLoaded(page);
    await expect.poll(() => hasFocus(replyLink), { timeout: WAIT }).toBe(true);
  });
});
