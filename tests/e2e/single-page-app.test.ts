/**
 * The widget in a single-page app: demo/spa.html changes articles with history.pushState, and
 * the thread must follow the address without a reload and without piling up listeners.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { openPage } from '../helpers/browser.ts';
import { useBrowserAndServers } from '../helpers/browser-and-servers.ts';
import type { RunningServer } from '../helpers/server.ts';
import { WAIT } from '../helpers/widget-page.ts';

const harness = useBrowserAndServers();
let server: RunningServer;

beforeAll(async () => {
  server = await harness.serve({ MODERATION: 'none' });
}, 60_000);

/** Every GET of a thread the page makes, by the page address it asked for. */
function recordThreadRequests(page: Page): string[] {
  const asked: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (request.method() === 'GET' && url.pathname === '/api/comments') {
      asked.push(url.searchParams.get('url') ?? '');
    }
  });
  return asked;
}

/**
 * Waits until anything the page would do after a navigation has been done: the widget reacts on
 * the next task and Preact runs effects after a frame; then a marker request, recorded after any
 * request started before it, closes the window.
 */
async function settle(page: Page): Promise<void> {
  const marker = `/api/health?settled=${Math.random()}`;
  const seen = page.waitForRequest((request) => request.url().endsWith(marker), { timeout: WAIT });
  await page.evaluate(
    (path) =>
      new Promise((resolve) =>
        requestAnimationFrame(() =>
          requestAnimationFrame(() => setTimeout(() => resolve(fetch(path).then(() => null)), 0)),
        ),
      ),
    marker,
  );
  await seen;
}

async function post(page: Page, body: string): Promise<void> {
  await page.locator('#comment').fill(body);
  await page.locator('#author').fill('Ann Reader');
  await page.locator('#email').fill('ann@example.com');
  await page.getByRole('button', { name: 'Post Comment' }).click();
  await page.getByText(body).waitFor({ timeout: WAIT });
}

describe('the widget in a single-page app', () => {
  it('shows the new page’s thread after pushState and popstate, without a reload', async () => {
    const { page, problems } = await openPage(harness.browser);
    const asked = recordThreadRequests(page);
    await page.goto(`${server.origin}/spa.html`);
    await page
      .getByRole('heading', { name: 'Leave a Reply', exact: true })
      .waitFor({ timeout: WAIT });
    await post(page, 'Honing is not sharpening.');
    await page.evaluate(() => {
      (window as unknown as { loadedOnce: boolean }).loadedOnce = true;
    });

    await page.getByRole('link', { name: 'Heavy pans' }).click();
    await page.getByText('Honing is not sharpening.').waitFor({ state: 'detached', timeout: WAIT });
    await page
      .getByRole('heading', { name: 'Leave a Reply', exact: true })
      .waitFor({ timeout: WAIT });
    await post(page, 'Cast iron for life.');
    await page
      .getByRole('heading', {
        name: 'One thought on "Why a heavy pan pays for itself — A Small Kitchen Blog"',
      })
      .waitFor({ timeout: WAIT });

    await page.goBack();
    await page.getByText('Honing is not sharpening.').waitFor({ timeout: WAIT });
    expect(await page.getByText('Cast iron for life.').count()).toBe(0);

    // Still the same document: nothing reloaded.
    expect(
      await page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce),
    ).toBe(true);
    expect(asked).toEqual([
      `${server.origin}/spa.html`,
      `${server.origin}/spa.html?article=pans`,
      `${server.origin}/spa.html`,
    ]);

    const stored = await fetch(
      `${server.origin}/api/comments?url=${encodeURIComponent(`${server.origin}/spa.html?article=pans`)}`,
    );
    expect((await stored.json()).count).toBe(1);
    expect(problems).toEqual([]);
  }, 60_000);

  it('asks for each page once per navigation, and nothing after unmount', async () => {
    const { page, problems } = await openPage(harness.browser);
    const asked = recordThreadRequests(page);
    await page.goto(`${server.origin}/spa.html`);
    await page
      .getByRole('heading', { name: 'Leave a Reply', exact: true })
      .waitFor({ timeout: WAIT });

    const articles = ['Heavy pans', 'Salting early', 'Sharp knives'];
    for (let round = 0; round < 4; round++) {
      for (const name of articles) {
        const before = asked.length;
        await page.getByRole('link', { name }).click();
        await expect.poll(() => asked.length, { timeout: WAIT }).toBe(before + 1);
      }
    }
    expect(asked).toHaveLength(1 + 4 * articles.length);

    // Remounting many times must not leave listeners behind: one request per navigation still.
    const beforeRemount = asked.length;
    await page.evaluate(() => {
      const host = document.querySelector('.leave-a-reply-thread') as Element;
      const api = (window as unknown as { LeaveAReply: { mount: (e: Element, o: object) => void } })
        .LeaveAReply;
      const server = new URL(
        (document.querySelector('script[src$="/embed.js"]') as HTMLScriptElement).src,
      ).origin;
      for (let i = 0; i < 10; i++) api.mount(host, { server });
    });
    await settle(page);
    expect(asked.length).toBe(beforeRemount + 1);
    await page.getByRole('link', { name: 'Heavy pans' }).click();
    await expect.poll(() => asked.length, { timeout: WAIT }).toBe(beforeRemount + 2);
    await settle(page);
    expect(asked.length).toBe(beforeRemount + 2);
    await page
      .getByRole('heading', { name: 'Leave a Reply', exact: true })
      .waitFor({ timeout: WAIT });

    await page.evaluate(() => {
      const host = document.querySelector('.leave-a-reply-thread') as Element;
      (window as unknown as { LeaveAReply: { unmount: (e: Element) => void } }).LeaveAReply.unmount(
        host,
      );
    });
    expect(
      await page
        .locator('.leave-a-reply-thread')
        .evaluate((host) => host.shadowRoot?.childNodes.length),
    ).toBe(0);
    const afterUnmount = asked.length;
    await page.getByRole('link', { name: 'Salting early' }).click();
    await page
      .getByRole('heading', { name: 'Salt earlier than you think' })
      .waitFor({ timeout: WAIT });
    await settle(page);
    expect(asked.length).toBe(afterUnmount);
    expect(problems).toEqual([]);
  }, 60_000);
});
