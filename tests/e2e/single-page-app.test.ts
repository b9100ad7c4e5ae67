/**
 * The widget in a single-page app: demo/spa.html changes articles with history.pushState, and
 * the thread must follow the address without a reload and without piling up listeners.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBrowserAndServers } from '../helpers/browser-and-servers.ts';
import { type HostServer, htmlPage } from '../helpers/host-server.ts';
import type { RunningServer } from '../helpers/server.ts';
import { ANN, submitCommentForm, threadCount, threadLoaded, WAIT } from '../helpers/widget-page.ts';

const harness = useBrowserAndServers();
let server: RunningServer;
let host: HostServer;

beforeAll(async () => {
  server = await harness.serve({ MODERATION: 'none' });
  host = await harness.host();
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
 * request started before it, closes the window. On a host page of another origin, the marker goes
 * to the comments server (`origin`), where no widget ever asks for it. Returns the marker.
 */
async function settle(page: Page, origin = ''): Promise<string> {
  const marker = `${origin}/api/health?settled=${Math.random()}`;
  const seen = page.waitForRequest((request) => request.url().endsWith(marker), { timeout: WAIT });
  await page.evaluate(
    (url) =>
      new Promise((resolve) =>
        requestAnimationFrame(() =>
          requestAnimationFrame(() => setTimeout(() => resolve(fetch(url).then(() => null)), 0)),
        ),
      ),
    marker,
  );
  await seen;
  return marker;
}

/** Every request the page sends to the comments server, by path (the marker left out later). */
function recordServerRequests(page: Page): string[] {
  const asked: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin === server.origin) asked.push(`${url.pathname}${url.search}`);
  });
  return asked;
}

/** Calls window.LeaveAReply.mount(#comments) as an application would. */
async function mountInto(page: Page, selector: string): Promise<void> {
  await page.evaluate(
    ({ selector, origin }) => {
      const api = (window as unknown as { LeaveAReply: { mount: (e: Element, o: object) => void } })
        .LeaveAReply;
      api.mount(document.querySelector(selector) as Element, { server: origin, pageId: 'app-1' });
    },
    { selector, origin: server.origin },
  );
}

async function post(page: Page, body: string): Promise<void> {
  await submitCommentForm(page, { body, ...ANN });
  await page.getByText(body).waitFor({ timeout: WAIT });
}

describe('the widget in a single-page app', () => {
  it('shows the new page’s thread after pushState and popstate, without a reload', async () => {
    const { page } = await harness.open();
    const asked = recordThreadRequests(page);
    await page.goto(`${server.origin}/spa.html`);
    await threadLoaded(page);
    await post(page, 'Honing is not sharpening.');
    await page.evaluate(() => {
      (window as unknown as { loadedOnce: boolean }).loadedOnce = true;
    });

    await page.getByRole('link', { name: 'Heavy pans' }).click();
    await page.getByText('Honing is not sharpening.').waitFor({ state: 'detached', timeout: WAIT });
    await threadLoaded(page);
    await post(page, 'Cast iron for life.');
    await page
      .getByRole('heading', {
        name: 'One thought on "Why a heavy pan pays for itself"',
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
  });

  it('asks for each page once per navigation, and nothing after unmount', async () => {
    const { page } = await harness.open();
    const asked = recordThreadRequests(page);
    await page.goto(`${server.origin}/spa.html`);
    await threadLoaded(page);

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
    await threadLoaded(page);

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
  });

  for (const [where, head, body] of [
    ['in <head>', 'TAG', ''],
    ['in the body', '', 'TAG'],
  ] as const) {
    it(`with data-mount="manual" ${where}, renders and asks nothing until the app calls mount(), then one thread`, async () => {
      const tag = `<script src="${server.origin}/embed.js" data-mount="manual" async></script>`;
      const path = `/manual-${where === 'in <head>' ? 'head' : 'body'}`;
      host.setPage(
        path,
        htmlPage({
          title: 'An application',
          head: head.replace('TAG', tag),
          body: `<main><h1>An application</h1><div id="comments"></div></main>\n${body.replace('TAG', tag)}`,
        }),
      );
      const { page } = await harness.open();
      const asked = recordServerRequests(page);
      await page.goto(host.url(path));
      await page.waitForFunction(() => 'LeaveAReply' in window, null, { timeout: WAIT });
      const before = await page.evaluate(() => document.documentElement.outerHTML);
      const marker = await settle(page, server.origin);

      // Only the script itself came from the comments server: no stylesheet, no thread asked for.
      expect(asked.filter((path) => !marker.endsWith(path))).toEqual(['/embed.js']);
      expect(await threadCount(page)).toBe(0);
      expect(await page.locator('.leave-a-reply-thread').count()).toBe(0);
      expect(
        await page.evaluate(() =>
          [...document.querySelectorAll('*')].some((element) => element.shadowRoot),
        ),
      ).toBe(false);
      expect(await page.evaluate(() => document.documentElement.outerHTML)).toBe(before);

      await mountInto(page, '#comments');
      await threadLoaded(page.locator('#comments'));
      await settle(page, server.origin);
      expect(await threadCount(page)).toBe(1);
      expect(await page.locator('.leave-a-reply-thread').count()).toBe(0);
      expect(asked.filter((path) => path.startsWith('/api/comments?'))).toHaveLength(1);
    });
  }

  it('without data-mount, still renders the tag’s own thread beside one the app mounts', async () => {
    host.setPage(
      '/automatic',
      htmlPage({
        title: 'A page with its tag',
        head: `<script src="${server.origin}/embed.js"></script>`,
        body: '<main><div id="comments"></div></main>',
      }),
    );
    const { page } = await harness.open();
    await page.goto(host.url('/automatic'));
    await threadLoaded(page.locator('.leave-a-reply-thread'));
    await mountInto(page, '#comments');
    await threadLoaded(page.locator('#comments'));
    expect(await threadCount(page)).toBe(2);
  });
});
