/** count.js on an index page: every marked element gets its page's count, from one request. */
import { beforeAll, describe, expect, it } from 'vitest';
import { useBrowserAndServers } from '../helpers/browser-and-servers.ts';
import type { RunningServer } from '../helpers/server.ts';

const harness = useBrowserAndServers();
let server: RunningServer;

beforeAll(async () => {
  server = await harness.serve({ MODERATION: 'none' });
  const post = (url: string, body: string, page?: string) =>
    server.app.inject({
      method: 'POST',
      url: '/api/comments',
      payload: { url, page, name: 'Ann', email: `${body.replace(/\W/g, '')}@example.com`, body },
    });
  await post(`${server.origin}/`, 'one');
  await post(`${server.origin}/index.html`, 'two');
  await post(`${server.origin}/`, 'three');
  await post(`${server.origin}/second.html`, 'on the article', 'second-article');
  await post(`${server.origin}/spa.html?article=pans&utm_source=x`, 'on pans');
  await post(`${server.origin}/spa.html?article=pans`, 'more on pans');
}, 60_000);

describe('count.js', () => {
  it('fills every count on the archive page with one request', async () => {
    const { page } = await harness.open();
    const asked: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/api/')) asked.push(request.url());
    });
    await page.goto(`${server.origin}/archive.html`);
    const counts = page.locator('[data-comments-count]');
    await expect
      .poll(() => counts.allTextContents(), { timeout: 15_000 })
      .toEqual(['3 Comments', '1 Comment', 'No Comments', '2 Comments']);
    expect(asked).toHaveLength(1);
    expect(new URL(asked[0] as string).pathname).toBe('/api/counts');
  });
});
