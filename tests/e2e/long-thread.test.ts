/** A long thread in the browser: pages of top-level comments, loaded by button or by scrolling. */
import { beforeAll, describe, expect, it } from 'vitest';
import { useBrowserAndServers } from '../helpers/browser-and-servers.ts';
import { seedLongThread } from '../helpers/seed.ts';
import type { RunningServer } from '../helpers/server.ts';
import { DEMO_TITLE, WAIT } from '../helpers/widget-page.ts';

const harness = useBrowserAndServers();
let server: RunningServer;

beforeAll(async () => {
  server = await harness.serve({ MODERATION: 'none' });
  await seedLongThread(server, { url: `${server.origin}/` });
}, 60_000);

describe('a thread of 121 comments', () => {
  it('shows 50 top-level comments with their replies, then more by button and by scrolling', async () => {
    const { page } = await harness.open();
    const cursors: (string | null)[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname === '/api/comments' && request.method() === 'GET') {
        cursors.push(url.searchParams.get('after'));
      }
    });
    await page.goto(`${server.origin}/`);
    const topLevel = page.locator('ol.comment-list > li.comment');
    await page
      .getByRole('heading', { name: `121 thoughts on "${DEMO_TITLE}"` })
      .waitFor({ timeout: WAIT });
    expect(await topLevel.count()).toBe(50);
    await page.getByText('A reply on the first page').waitFor({ timeout: WAIT });

    const button = page.getByRole('button', { name: 'Load more comments' });
    await button.click();
    // The click scrolls the button into view, so the scroll observer may fetch the third page
    // on its own once the second arrives; either way, each page exactly once.
    await expect.poll(() => topLevel.count(), { timeout: WAIT }).toBeGreaterThanOrEqual(100);
    await page
      .getByRole('heading', { name: `121 thoughts on "${DEMO_TITLE}"` })
      .waitFor({ timeout: WAIT });

    if ((await topLevel.count()) < 120) await button.scrollIntoViewIfNeeded();
    await expect.poll(() => topLevel.count(), { timeout: WAIT }).toBe(120);
    await page
      .getByRole('button', { name: 'Load more comments' })
      .waitFor({ state: 'detached', timeout: WAIT });
    expect(await page.getByText('Comment number 119', { exact: true }).count()).toBe(1);

    // Three requests, the later two by cursor rather than by offset.
    expect(cursors).toHaveLength(3);
    expect(cursors[0]).toBeNull();
    expect(cursors[1]).toEqual(expect.any(String));
    expect(cursors[2]).not.toBe(cursors[1]);
  });
});
