/**
 * GET /api/admin/pages and /api/admin/sites: the dashboard's list of pages, a part at a time and
 * searchable, so that a site with 10,000 pages (1.7 MB in one answer before) costs each
 * dashboard a few kilobytes, and a request never reads more of the list than it answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminStore } from '../../server/storage/admin-store.ts';
import { openDatabase } from '../../server/storage/open.ts';
import { LIMITS } from '../../shared/limits.ts';
import { ADMIN_TOKEN, createTestApp, ON_POSTGRES, type TestApp } from '../helpers/app.ts';
import { insertRows, runSql } from '../helpers/scene.ts';

const PAGES = 10_000;
let test: TestApp;

interface Listed {
  pages: Array<{ key: string; url: string; title: string | null; count: number; site: string }>;
  next: string | null;
}

function get(url: string) {
  return test.app.inject({
    method: 'GET',
    url,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
}

async function list(query: Record<string, string>): Promise<Listed & { bytes: number }> {
  const response = await get(`/api/admin/pages?${new URLSearchParams(query)}`);
  expect(response.statusCode, response.body).toBe(200);
  return { ...(response.json() as Listed), bytes: response.rawPayload.length };
}

beforeAll(async () => {
  test = await createTestApp();
  const page = (key: string, url: string, title: string | null) => ({
    key,
    url,
    title,
    created_at: '2026-01-01T00:00:00.000Z',
  });
  const rows = [];
  for (let n = 0; n < PAGES; n++) {
    const url = `https://blog.example.com/${String(n).padStart(5, '0')}/a-post-about-nothing-much`;
    rows.push(page(url, url, `Post number ${n}`));
  }
  for (const [url, title] of [
    ['https://kitchen.example.org/recipes/rye-sourdough', 'Bread'],
    ['https://kitchen.example.org/recipes/100%_spelt', 'Spelt, all of it'],
    ['https://kitchen.example.org:8443/staging/rye', 'Staging'],
    ['https://blog.example.com.evil.example/copy', 'A lookalike site'],
  ] as const)
    rows.push(page(url, url, title));
  // A page with an explicit id (data-page-id) shares its address with the page it was.
  rows.push(page('page-42', 'https://kitchen.example.org/recipes/rye-sourdough', null));
  await insertRows(test, 'pages', rows);
});

afterAll(() => test.close());

describe('GET /api/admin/pages', () => {
  it('answers 50 pages by default and at most 200, with a cursor to the rest', async () => {
    const first = await list({});
    expect(first.pages).toHaveLength(LIMITS.adminPagesDefault);
    expect(first.next).toEqual(expect.any(String));
    expect(first.bytes).toBeLessThan(15_000);
    const largest = await list({ limit: String(LIMITS.adminPagesMax) });
    expect(largest.pages).toHaveLength(LIMITS.adminPagesMax);
    expect(largest.bytes).toBeLessThan(60_000);
    const tooMany = await get(`/api/admin/pages?limit=${LIMITS.adminPagesMax + 1}`);
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.fields).toHaveProperty('limit');
  });

  it('walks the whole list by its cursors, every page once, in the order of addresses', async () => {
    const seen: string[] = [];
    let after: string | null = '';
    let parts = 0;
    while (after !== null) {
      const part = await list({ limit: '200', ...(after ? { after } : {}) });
      seen.push(...part.pages.map((page) => page.key));
      after = part.next;
      parts++;
    }
    expect(parts).toBe(Math.ceil((PAGES + 5) / 200));
    expect(new Set(seen).size).toBe(PAGES + 5);
    const rows = await runSql<{ key: string }>(test, 'SELECT key FROM pages ORDER BY url, id');
    expect(seen).toEqual(rows.map((row) => row.key));
  });

  it('finds pages by part of the address or the title, ignoring case, % and _ as letters', async () => {
    const byAddress = await list({ q: 'RYE-sour' });
    expect(byAddress.pages.map((page) => page.key)).toEqual([
      'https://kitchen.example.org/recipes/rye-sourdough',
      'page-42',
    ]);
    expect(byAddress.next).toBeNull();
    expect((await list({ q: 'number 9999' })).pages.map((page) => page.title)).toEqual([
      'Post number 9999',
    ]);
    expect((await list({ q: '100%_' })).pages.map((page) => page.title)).toEqual([
      'Spelt, all of it',
    ]);
    expect((await list({ q: '0%1' })).pages).toEqual([]);
    // A search that matches many pages is answered a part at a time like the whole list.
    const many = await list({ q: 'nothing-much', limit: '10' });
    expect(many.pages).toHaveLength(10);
    const more = await list({ q: 'nothing-much', limit: '10', after: many.next as string });
    expect(more.pages[0]?.title).toBe('Post number 10');
  });

  it('lists one site’s pages only: not those of the same host on another port or a lookalike', async () => {
    const kitchen = await list({ site: 'https://kitchen.example.org' });
    expect(kitchen.pages.map((page) => page.title)).toEqual(['Spelt, all of it', 'Bread', null]);
    expect(kitchen.pages.every((page) => page.site === 'https://kitchen.example.org')).toBe(true);
    const blog = await list({ site: 'https://blog.example.com/any/page', limit: '200' });
    expect(blog.pages.every((page) => page.site === 'https://blog.example.com')).toBe(true);
    // The cursor goes on within the site.
    const rest = await list({ site: 'https://blog.example.com', after: blog.next as string });
    expect(rest.pages[0]?.title).toBe('Post number 200');
  });

  it('refuses a cursor it did not make', async () => {
    const response = await get('/api/admin/pages?after=not-a-cursor');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toHaveProperty('after');
  });
});

describe('GET /api/admin/sites', () => {
  it('names every site the pages are on, each once, without reading every page', async () => {
    const response = await get('/api/admin/sites');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      sites: [
        'https://blog.example.com',
        'https://blog.example.com.evil.example',
        'https://kitchen.example.org',
        'https://kitchen.example.org:8443',
      ],
    });
  });

  it('needs the admin token like the rest of the admin API', async () => {
    const response = await test.app.inject({ method: 'GET', url: '/api/admin/sites' });
    expect(response.statusCode).toBe(401);
  });
});

// SQLite's own plans for SQLite's own statements, on a database of its own: PostgreSQL runs
// statements of its own, planned by the table's statistics, so the check means nothing there.
describe.skipIf(ON_POSTGRES)('the list of pages in SQLite', () => {
  it('reads the list through the index of addresses, never sorting the whole table', () => {
    const db = openDatabase(':memory:');
    const sources = createAdminStore(db).statementSources();
    for (const name of ['pagesAfter', 'sitePagesAfter', 'firstUrlFrom']) {
      const plan = db
        .prepare(`EXPLAIN QUERY PLAN ${sources[name]}`)
        .all(
          name === 'firstUrlFrom' ? [''] : { url: '', id: 0, search: null, limit: 1, before: 'z' },
        )
        .map((row) => (row as { detail: string }).detail);
      expect(plan, name).toEqual([
        expect.stringMatching(/^SEARCH pages USING (COVERING )?INDEX pages_by_url /),
      ]);
    }
    db.close();
  });
});
