import { describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.ts';
import { postComment, readThread } from '../helpers/requests.ts';
import { useTestApps } from '../helpers/test-apps.ts';

const setUp = useTestApps();

const DEMO_PAGES = [
  '/index.html',
  '/second.html',
  '/spa.html',
  '/archive.html',
  '/style.css',
  '/spa.js',
  '/favicon.svg',
];

function get(test: TestApp, url: string, headers: Record<string, string> = {}) {
  return test.app.inject({ method: 'GET', url, headers });
}

describe('the demo', () => {
  it('is served at / while neither DEMO nor SITE_ORIGINS is set', async () => {
    const test = await setUp();
    expect(test.config.demo).toBe(true);
    const home = await get(test, '/');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('<script src="/embed.js" async></script>');
    for (const path of DEMO_PAGES) expect((await get(test, path)).statusCode, path).toBe(200);
  });

  it('is off by default once SITE_ORIGINS is set, and on again with DEMO=true', async () => {
    const off = await setUp({ SITE_ORIGINS: 'https://blog.example.com' });
    expect(off.config.demo).toBe(false);
    expect((await get(off, '/index.html')).statusCode).toBe(404);
    await off.close();

    const on = await setUp({ SITE_ORIGINS: 'https://blog.example.com', DEMO: 'true' });
    expect((await get(on, '/index.html')).statusCode).toBe(200);
  });

  it('with DEMO=false, answers / with a short page naming the server and linking to /admin', async () => {
    const test = await setUp({ DEMO: 'false' });
    const home = await get(test, '/');
    expect(home.statusCode).toBe(200);
    expect(home.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = home.body;
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<title>Leave a Reply</title>');
    expect(html).toContain('<h1>Leave a Reply</h1>');
    expect(html).toMatch(/version \d+\.\d+\.\d+/);
    expect(html).toContain('<a href="/admin">dashboard</a>');
    // Under the server's CSP (no 'unsafe-inline'): no inline script, style or handler at all.
    expect(home.headers['content-security-policy']).toContain("script-src 'self'");
    expect(html).not.toMatch(/<script|<style|\sstyle=|\son\w+=/i);
    expect(html).not.toContain('embed.js');
    expect(html.length).toBeLessThan(2_000);
  });

  it('with DEMO=false, answers 404 for every demo page', async () => {
    const test = await setUp({ DEMO: 'false' });
    for (const path of DEMO_PAGES) {
      const response = await get(test, path);
      expect(response.statusCode, path).toBe(404);
      expect(response.json().error.code).toBe('not_found');
    }
  });

  it('with DEMO=false, still serves the widget, the API and the dashboard', async () => {
    const test = await setUp({ DEMO: 'false', MODERATION: 'none' });
    for (const path of ['/embed.js', '/count.js', '/admin', '/api/health']) {
      expect((await get(test, path)).statusCode, path).toBe(200);
    }
    const posted = await postComment(test);
    expect(posted.statusCode).toBe(201);
    const thread = await get(test, '/api/comments?url=http://localhost:8080/posts/hello');
    expect(thread.json().count).toBe(1);
  });
});

describe("the server's own origin", () => {
  const ownPage = 'http://comments.example.com/posts/hello';
  const fromOwnOrigin = (test: TestApp) =>
    postComment(
      test,
      { url: ownPage },
      { headers: { host: 'comments.example.com', origin: 'http://comments.example.com' } },
    );

  // Its own origin is PUBLIC_URL's: the Host a request names has no say.
  it('may post while SITE_ORIGINS is unset', async () => {
    const test = await setUp({ PUBLIC_URL: 'http://comments.example.com' });
    expect((await fromOwnOrigin(test)).statusCode).toBe(201);
  });

  it('may not post when SITE_ORIGINS is set without it, like any other origin', async () => {
    const test = await setUp({ SITE_ORIGINS: 'https://blog.example.com', DEMO: 'true' });
    const refused = await fromOwnOrigin(test);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('SITE_ORIGINS');
    const thread = await readThread(
      test,
      ownPage,
      {},
      { headers: { host: 'comments.example.com' } },
    );
    expect(thread.json().open).toBe(false);
  });

  it('may post when SITE_ORIGINS lists it', async () => {
    const test = await setUp({
      SITE_ORIGINS: 'https://blog.example.com, http://comments.example.com',
    });
    expect((await fromOwnOrigin(test)).statusCode).toBe(201);
  });
});
