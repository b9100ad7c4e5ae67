/**
 * In the browser: replies that did not fit in one answer come with "Load more comments" and are
 * shown under their parent; a form left open past its token's 4 hours is renewed, the reader's
 * text kept, and the next post goes through.
 */
import { describe, expect, it } from 'vitest';
import { createFormTokens } from '../../server/comments/defences.ts';
import { LIMITS } from '../../shared/limits.ts';
import { normalisePageUrl } from '../../shared/page-key.ts';
import { storedComment } from '../helpers/app.ts';
import { failedLoad } from '../helpers/browser.ts';
import { useBrowserAndServers } from '../helpers/browser-and-servers.ts';
import type { RunningServer } from '../helpers/server.ts';
import { ANN, submitCommentForm, threadLoaded, WAIT } from '../helpers/widget-page.ts';

const harness = useBrowserAndServers();

/** The demo page's key: the widget reads its thread by the page's location. */
const demoKey = (server: RunningServer) => normalisePageUrl(`${server.origin}/`) as string;

/** Stores one top-level comment with `replies` replies, and one more top-level comment after. */
async function seedLongReplies(
  server: RunningServer,
  replies: number,
): Promise<{ top: number; last: number }> {
  const key = demoKey(server);
  const page = { key, url: key, title: 'Demo' };
  let minute = 0;
  const add = async (parentId: number | null, name: string, body: string) =>
    (
      await server.store.insertComment(
        page,
        storedComment({
          parentId,
          depth: parentId ? 2 : 1,
          name,
          email: 'reader@example.com',
          body,
          createdAt: new Date(Date.UTC(2024, 0, 1) + minute++ * 60_000).toISOString(),
        }),
      )
    ).id;
  const top = await add(null, 'Asker', 'A question many answered.');
  for (let i = 0; i < replies; i++) await add(top, `Answerer ${i}`, `Answer number ${i}`);
  return { top, last: await add(null, 'Latecomer', 'A comment after all the answers.') };
}

describe('replies continued in the next answer', () => {
  it('are shown under their parent once "Load more comments" brings them', async () => {
    const server = await harness.serve({ MODERATION: 'none' });
    const replies = LIMITS.threadCommentsMax + 20;
    const { top, last } = await seedLongReplies(server, replies);
    const { page } = await harness.openDemo(server);

    const under = page.locator(`#comment-${top} > ol.children > li.comment`);
    await expect.poll(() => under.count(), { timeout: WAIT }).toBe(LIMITS.threadCommentsMax - 1);
    expect(await page.locator(`#comment-${last}`).count()).toBe(0);

    // The observer may load the rest by itself once the button scrolls into view.
    const more = page.getByRole('button', { name: 'Load more comments' });
    if (await more.count()) await more.click();
    await expect.poll(() => under.count(), { timeout: WAIT }).toBe(replies);
    await page.locator(`ol.comment-list > #comment-${last}`).waitFor({ timeout: WAIT });
    expect(await page.locator('ol.comment-list > li.comment').count()).toBe(2);
    expect(
      await under.last().locator('.content').textContent(),
      'the last reply, at the end of its parent’s replies',
    ).toContain(`Answer number ${replies - 1}`);
    await more.waitFor({ state: 'detached', timeout: WAIT });
  });
});

describe('a form left open for more than 4 hours', () => {
  it('is renewed when the post is refused, keeping the text, and the next post goes through', async () => {
    const server = await harness.serve({ MODERATION: 'none', MIN_SUBMIT_SECONDS: '1' });
    const tokens = createFormTokens((await server.store.getSetting('form_key')) as string);
    // What the tab's thread answer held: a token from 5 hours ago; what the renewal gets: one
    // from 10 seconds ago (so that the test need not wait out MIN_SUBMIT_SECONDS).
    const ages = [5 * 3600, 10];
    const served: string[] = [];
    const posted: string[] = [];
    const { page, problems, expectProblems } = await harness.open();
    // Chromium logs every 4xx answer; this one is the point of the test.
    expectProblems(failedLoad('400 (Bad Request)', '/api/comments'));
    await page.route(
      (url) => url.pathname === '/api/comments',
      async (route) => {
        if (route.request().method() !== 'GET') {
          posted.push(JSON.parse(route.request().postData() ?? '{}').form);
          return route.continue();
        }
        const response = await route.fetch();
        const thread = await response.json();
        const age = ages.shift() ?? 0;
        thread.form = tokens.issue(new Date(Date.now() - age * 1000), demoKey(server));
        served.push(thread.form);
        return route.fulfill({ response, json: thread });
      },
    );
    await page.goto(`${server.origin}/`);
    await threadLoaded(page);

    const text = 'Written over a long afternoon.';
    await submitCommentForm(page, { body: text, ...ANN });
    const alert = page.locator('.form-error');
    await alert.waitFor({ timeout: WAIT });
    expect(await alert.textContent()).toBe(
      'This form has been open for more than 4 hours, so it was renewed. Please post your comment again. Your comment is still here.',
    );
    expect(await page.locator('#comment').inputValue()).toBe(text);
    await expect.poll(() => served.length, { timeout: WAIT }).toBe(2);

    await page.getByRole('button', { name: 'Post Comment' }).click();
    await page.locator('.comment-list .content', { hasText: text }).waitFor({ timeout: WAIT });
    expect(posted).toEqual([served[0], served[1]]);
    expect(problems).toEqual([
      expect.stringMatching(/^console\.error: Failed to load resource: .* 400/),
    ]);
  });
});
