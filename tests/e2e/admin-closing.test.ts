/**
 * The dashboard's list of pages, in a real Chromium against a real server: each page's state
 * (Open or Closed) and publication date, and the button that closes or opens it, which changes
 * what readers get at once. Any console error or warning fails a test (the harness's check),
 * except the 401 the browser logs when the dashboard asks whether it is signed in and it is not yet.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { severeViolations } from '../helpers/axe.ts';
import { useBrowserAndServers } from '../helpers/browser-and-servers.ts';
import { announced, PASSWORD, queueLink, signedIn } from '../helpers/dashboard.ts';
import { runSql } from '../helpers/scene.ts';
import { seedComments } from '../helpers/seed.ts';
import type { RunningServer } from '../helpers/server.ts';
import { visible, WAIT } from '../helpers/widget-page.ts';

const HELLO = 'http://localhost:8080/posts/hello';
const OLD = { url: 'http://localhost:8080/posts/old', title: 'An old post' };

const harness = useBrowserAndServers();

/** Whether readers of the page at `url` may comment, as the thread tells them. */
async function readersMayComment(server: RunningServer, url: string): Promise<boolean> {
  const response = await server.app.inject({
    method: 'GET',
    url: `/api/comments?url=${encodeURIComponent(url)}`,
  });
  expect(response.statusCode).toBe(200);
  return (response.json() as { open: boolean }).open;
}

/** The row of the list of pages for the page named `name`. */
function pageRow(page: Page, name: string) {
  return page.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
}

async function stateOf(page: Page, name: string): Promise<string | null> {
  return pageRow(page, name).locator('td.state').textContent();
}

describe('the list of pages in the dashboard', () => {
  it('shows whether each page is open and when it was published, and closes or opens it by hand', async () => {
    const server = await harness.serve({
      ADMIN_PASSWORD: PASSWORD,
      MODERATION: 'none',
      CLOSE_AFTER_DAYS: '30',
    });
    await seedComments(server, [
      { name: 'Ann Reader', body: 'A fresh page.' },
      { ...OLD, name: 'Ben Writer', body: 'Long ago.' },
    ]);
    // A page published years ago: CLOSE_AFTER_DAYS has closed it.
    await runSql(server, 'UPDATE pages SET published_at = ? WHERE key = ?', [
      '2019-07-01T07:00:00.000Z',
      OLD.url,
    ]);
    expect(await readersMayComment(server, OLD.url)).toBe(false);

    const { page } = await signedIn(harness, server);
    await queueLink(page, 'Pages').click();
    await visible(page.getByRole('heading', { name: 'Pages', level: 2 }));
    await visible(pageRow(page, 'Hello'));
    expect(await stateOf(page, 'Hello')).toBe('Open');
    expect(await stateOf(page, 'An old post')).toBe('Closed');
    const published = pageRow(page, 'An old post').locator('time');
    expect(await published.getAttribute('datetime')).toBe('2019-07-01T07:00:00.000Z');
    expect(await published.textContent()).toMatch(/2019/);
    expect(await severeViolations(page)).toEqual([]);

    const close = pageRow(page, 'Hello').getByRole('button', { name: 'Close comments on Hello' });
    expect(await close.textContent()).toBe('Close');
    await close.click();
    await announced(page, 'Comments are closed on Hello.');
    await expect.poll(() => stateOf(page, 'Hello'), { timeout: WAIT }).toBe('Closed');
    // The same button, now offering the way back, keeps the keyboard's focus.
    const reopen = pageRow(page, 'Hello').getByRole('button', { name: 'Open comments on Hello' });
    expect(await reopen.evaluate((button) => button === document.activeElement)).toBe(true);
    expect(await readersMayComment(server, HELLO)).toBe(false);

    await pageRow(page, 'An old post').getByRole('button', { name: 'Open' }).click();
    await announced(page, 'Comments are open on An old post.');
    await expect.poll(() => stateOf(page, 'An old post'), { timeout: WAIT }).toBe('Open');
    expect(await readersMayComment(server, OLD.url)).toBe(true);

    // What was changed is what the server lists after a reload.
    await page.reload();
    await visible(pageRow(page, 'Hello'));
    expect(await stateOf(page, 'Hello')).toBe('Closed');
    expect(await stateOf(page, 'An old post')).toBe('Open');
  });

  it('says the list is loading, not that there are no pages, until the server has answered', async () => {
    const server = await harness.serve({ ADMIN_PASSWORD: PASSWORD, MODERATION: 'none' });
    await seedComments(server, [{ name: 'Ann Reader', body: 'A page with a comment.' }]);
    const { page } = await signedIn(harness, server);
    // The list's answer is held back until the test lets it go.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(/\/api\/admin\/pages(\?|$)/, async (route) => {
      await held;
      await route.continue();
    });
    await queueLink(page, 'Pages').click();
    await visible(page.getByText('Loading pages…'));
    expect(await page.getByText('No pages yet.').count()).toBe(0);
    release();
    await visible(pageRow(page, 'Hello'));
    expect(await page.getByText('Loading pages…').count()).toBe(0);
  });
});
