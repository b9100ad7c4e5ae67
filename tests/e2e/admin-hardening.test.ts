import { describe, expect, it } from 'vitest';
import type { Storage } from '../../server/storage/storage.ts';
import { LIMITS } from '../../shared/limits.ts';
import { newComment, storedComment } from '../helpers/app.ts';
import { useBrowserAndServers } from '../helpers/browser-and-servers.ts';
import { CY, PASSWORD, signedIn } from '../helpers/dashboard.ts';
import type { RunningServer } from '../helpers/server.ts';
import { visible, WAIT } from '../helpers/widget-page.ts';

const harness = useBrowserAndServers();

function serve(): Promise<RunningServer> {
  return harness.serve({ ADMIN_PASSWORD: PASSWORD, MODERATION: 'all' });
}

let stored = 0;

/** A stored comment, as an import writes one: nothing checks the address. */
function storeComment(
  store: Storage['store'],
  page: { key: string; url: string; title: string | null },
  fields: { name: string; email: string; body: string },
) {
  return store.insertComment(
    page,
    storedComment({ status: 'pending', tokenHash: `imported-${++stored}`, ...fields }),
  );
}

/** What a mail program makes of a mailto: link (RFC 6068): its recipients and its headers. */
function readMailto(href: string): { to: string[]; headers: string[] } {
  expect(href.startsWith('mailto:')).toBe(true);
  const [to = '', headers = ''] = href.slice('mailto:'.length).split(/\?(.*)/s);
  return {
    to: to.split(',').map((address) => decodeURIComponent(address)),
    headers: headers
      ? headers.split('&').map((field) => decodeURIComponent(field.split('=')[0] ?? ''))
      : [],
  };
}

describe('the dashboard under attack', () => {
  it('links each commenter’s address to a mail to that address alone, never adding a copy or a text', async () => {
    const server = await serve();
    // Posted through the API, which takes it: one "@", and "?", "&", "=" are allowed there.
    const posted = 'a?body=Please%20reply&cc=evil@x.example';
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/comments',
      payload: newComment({ name: 'Posted Attacker', email: posted }),
    });
    expect(response.statusCode, response.body).toBe(201);
    // As an import may store it, with a second "@".
    const imported = 'a?cc=evil@x.example&body=hi@example.com';
    await storeComment(
      server.store,
      {
        key: 'http://localhost:8080/posts/hello',
        url: 'http://localhost:8080/posts/hello',
        title: 'Hello',
      },
      { name: 'Imported Attacker', email: imported, body: 'From an old export.' },
    );

    const { page } = await signedIn(harness, server);
    for (const [name, email] of [
      ['Posted Attacker', posted],
      ['Imported Attacker', imported],
    ] as const) {
      const card = page.getByRole('article', { name, exact: true });
      await visible(card);
      const link = card.getByRole('link', { name: email, exact: true });
      const href = (await link.getAttribute('href')) as string;
      expect(readMailto(href), href).toEqual({ to: [email], headers: [] });
      // The browser's own reading of the link agrees: no query, no fragment.
      const parsed = await page.evaluate((value) => {
        const url = new URL(value);
        return { search: url.search, hash: url.hash, to: decodeURIComponent(url.pathname) };
      }, href);
      expect(parsed).toEqual({ search: '', hash: '', to: email });
    }
  });

  it('lists 10,000 pages a part at a time, and finds one by part of its address or title as the owner types', async () => {
    const server = await serve();
    const pages = 10_000;
    await server.storage.transaction(async (tx) => {
      for (let n = 0; n < pages; n++) {
        const url = `https://blog.example.com/${String(n).padStart(5, '0')}/a-post-about-nothing-much`;
        await storeComment(
          tx.store,
          { key: url, url, title: `Post number ${n}` },
          { name: `Reader ${n}`, email: `reader${n}@example.com`, body: `Comment ${n}.` },
        );
      }
    });
    const bread = 'https://kitchen.example.org/recipes/rye-sourdough';
    await storeComment(
      server.store,
      { key: bread, url: bread, title: 'Bread' },
      { ...CY, body: 'Rye or spelt?' },
    );

    const answered: number[] = [];
    const { page } = await signedIn(harness, server);
    page.on('response', (response) => {
      if (new URL(response.url()).pathname === '/api/admin/pages')
        response.body().then(
          (body) => answered.push(body.length),
          () => answered.push(-1),
        );
    });
    await page.reload();
    await visible(page.getByRole('button', { name: 'Sign out' }));

    const options = page.getByLabel('Page').locator('option');
    await expect.poll(() => options.count(), { timeout: WAIT }).toBe(LIMITS.adminPagesDefault + 1);
    await page.getByRole('button', { name: 'More pages' }).click();
    await expect
      .poll(() => options.count(), { timeout: WAIT })
      .toBe(2 * LIMITS.adminPagesDefault + 1);
    expect(await options.nth(1).textContent()).toBe('Post number 0');

    // Both sites are offered, though the pages listed so far are all on the first.
    expect(await page.getByLabel('Site').locator('option').allTextContents()).toEqual([
      'All sites',
      'https://blog.example.com',
      'https://kitchen.example.org',
    ]);

    await page.getByLabel('Address or title').fill('rye-sour');
    await expect
      .poll(() => options.allTextContents(), { timeout: WAIT })
      .toEqual(['All pages', 'Bread']);
    await expect(page.getByRole('button', { name: 'More pages' }).count()).resolves.toBe(0);
    await page.getByLabel('Page').selectOption({ label: 'Bread' });
    await expect
      .poll(() => page.locator('article .author').allTextContents(), { timeout: WAIT })
      .toEqual(['Cy Baker']);

    await page.getByLabel('Address or title').fill('number 9999');
    await expect
      .poll(() => options.allTextContents(), { timeout: WAIT })
      .toEqual(['All pages', 'Bread', 'Post number 9999']);
    // The page chosen stays chosen while another search lists other pages.
    expect(await page.getByLabel('Page').inputValue()).toBe(bread);

    // Every answer is one part of the list: a few kilobytes, not the whole site.
    expect(answered.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...answered)).toBeLessThan(20_000);
  });
});
