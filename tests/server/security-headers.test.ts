/**
 * `upgrade-insecure-requests` tells a browser to fetch every resource of a page over https. On a
 * page that came over plain http from a server without TLS (a first try on a LAN address, a
 * small site without a proxy), the page's own scripts and styles then fail, and the dashboard
 * and the demo stay blank. It belongs to pages that came over https only.
 */
import { describe, expect, it } from 'vitest';
import type { From } from '../helpers/requests.ts';
import { type Settings, useTestApps } from '../helpers/test-apps.ts';

const serve = useTestApps({ DEMO: 'true' });

/** The directives of a Content-Security-Policy header, by name. */
function directives(header: unknown): Map<string, string> {
  return new Map(
    String(header)
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const [name = '', ...values] = part.split(/\s+/);
        return [name, values.join(' ')];
      }),
  );
}

/** Whether `path`, asked for as `from` says, tells the browser to fetch everything over https. */
async function upgraded(env: Settings, path: string, from: From = {}): Promise<boolean> {
  const test = await serve(env);
  const response = await test.app.inject({ method: 'GET', url: path, ...from });
  return directives(response.headers['content-security-policy']).has('upgrade-insecure-requests');
}

describe('upgrade-insecure-requests', () => {
  it('is left out of pages served over plain http, which keep the rest of the policy', async () => {
    const test = await serve();
    for (const url of ['/', '/admin', '/second.html', '/embed.js']) {
      const response = await test.app.inject({ method: 'GET', url, remoteAddress: '192.0.2.9' });
      expect(response.statusCode, url).toBe(200);
      const policy = directives(response.headers['content-security-policy']);
      expect(policy.has('upgrade-insecure-requests'), url).toBe(false);
      expect(policy.get('script-src'), url).toBe("'self'");
      expect(policy.get('default-src'), url).toBe("'self'");
    }
  });

  it('is sent when a proxy that TRUST_PROXY names says the request came over https', async () => {
    const fromProxy = {
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '198.51.100.4' },
    };
    expect(await upgraded({ TRUST_PROXY: '127.0.0.1' }, '/admin', fromProxy)).toBe(true);
  });

  it('is not sent when a client that is not a trusted proxy claims https', async () => {
    const fromClient = { remoteAddress: '203.0.113.7', headers: { 'x-forwarded-proto': 'https' } };
    expect(await upgraded({ TRUST_PROXY: '127.0.0.1' }, '/admin', fromClient)).toBe(false);
  });

  it('is sent whatever the proxy says while PUBLIC_URL is https', async () => {
    expect(await upgraded({ PUBLIC_URL: 'https://comments.example.com' }, '/')).toBe(true);
  });

  it('never reaches the API, whose policy stays the same over http and https', async () => {
    const test = await serve({ TRUST_PROXY: 'true' });
    const policies = new Set<string>();
    for (const proto of ['http', 'https']) {
      const response = await test.app.inject({
        method: 'GET',
        url: '/api/health',
        headers: { 'x-forwarded-proto': proto },
      });
      policies.add(String(response.headers['content-security-policy']));
    }
    expect([...policies]).toEqual(["default-src 'none'; frame-ancestors 'none'"]);
  });
});
