import { describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, newComment, type TestApp } from '../helpers/app.ts';
import { asAdmin, PAGE, postComment, readThread } from '../helpers/requests.ts';
import { useTestApps } from '../helpers/test-apps.ts';

const READER_IP = '203.0.113.77';
const setUp = useTestApps({ MODERATION: 'first-time' });

interface Seeded {
  test: TestApp;
  approved: { id: number; token: string };
  held: { id: number; token: string };
}

/** A thread with an approved comment and a held one, posted from a known address. */
async function seed(env: Record<string, string> = {}): Promise<Seeded> {
  const test = await setUp(env);
  const post = async (changes: object) => {
    const response = await postComment(test, changes, {
      remoteAddress: READER_IP,
      headers: { 'user-agent': 'PrivacyTest/1.0' },
    });
    const { comment, token } = response.json();
    return { id: comment.id as number, token: token as string };
  };
  const approved = await post({ email: 'ann.secret@example.com' });
  await test.store.setStatus(approved.id, 'approved', new Date().toISOString());
  const held = await post({ email: 'bob.secret@example.com', name: 'Bob', body: 'Held text' });
  return { test, approved, held };
}

describe('what public responses never contain', () => {
  it('walks every public route and finds no email, no IP and no other comment’s token', async () => {
    // Two posts while seeding and eight in the walk: the last one is over the limit.
    const { test, approved, held } = await seed({ RATE_LIMIT_PER_MINUTE: '9' });
    const secrets = [
      'ann.secret@example.com',
      'bob.secret@example.com',
      READER_IP,
      approved.token,
      held.token,
    ];
    const hashes = [(await test.store.findComment(approved.id))?.ip_hash as string];

    const requests: {
      method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'OPTIONS';
      url: string;
      payload?: unknown;
      headers?: Record<string, string>;
    }[] = [
      { method: 'GET', url: `/api/comments?url=${PAGE}` },
      { method: 'GET', url: '/api/comments?url=javascript:alert(1)' },
      { method: 'GET', url: '/api/comments' },
      {
        method: 'POST',
        url: '/api/comments',
        payload: newComment({ email: 'new.one@example.com', body: 'Fresh' }),
      },
      {
        method: 'POST',
        url: '/api/comments',
        payload: newComment({ email: 'ann.secret@example.com' }),
      },
      {
        method: 'POST',
        url: '/api/comments',
        payload: { url: PAGE, name: '', email: 'bob.secret@example.com', body: '' },
      },
      {
        method: 'POST',
        url: '/api/comments',
        payload: newComment({ url: 'https://elsewhere.example/' }),
      },
      {
        method: 'POST',
        url: '/api/comments',
        payload: newComment({ parent: held.id, body: 'Reply to held' }),
      },
      { method: 'POST', url: '/api/comments', payload: newComment({ body: 'x'.repeat(70_000) }) },
      {
        method: 'POST',
        url: '/api/comments',
        payload: 'email=ann.secret@example.com',
        headers: { 'content-type': 'text/plain' },
      },
      {
        method: 'POST',
        url: '/api/comments',
        payload: newComment({ body: 'Over the rate limit' }),
      },
      { method: 'POST', url: '/api/comments/own', payload: { tokens: ['not-mine'] } },
      {
        method: 'PATCH',
        url: `/api/comments/${approved.id}`,
        payload: { token: 'wrong', body: 'x' },
      },
      { method: 'DELETE', url: `/api/comments/${held.id}`, payload: { token: 'wrong' } },
      { method: 'PATCH', url: '/api/comments/99999', payload: { token: 'wrong', body: 'x' } },
      { method: 'GET', url: '/api/health' },
      { method: 'GET', url: '/' },
      { method: 'GET', url: '/embed.js' },
      { method: 'GET', url: '/no/such/page' },
      { method: 'GET', url: '/api/admin/comments?status=pending' },
      {
        method: 'GET',
        url: '/api/admin/data?email=ann.secret@example.com',
        headers: { authorization: 'Bearer wrong-token-wrong' },
      },
      {
        method: 'OPTIONS',
        url: '/api/comments',
        headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST' },
      },
    ];

    const statuses = new Set<number>();
    for (const request of requests) {
      const response = await test.app.inject({
        method: request.method,
        url: request.url,
        payload: request.payload as string,
        headers: request.headers,
        remoteAddress: READER_IP,
      });
      statuses.add(response.statusCode);
      const everything = `${JSON.stringify(response.headers)}\n${response.body}`;
      for (const secret of [...secrets, ...hashes]) {
        expect(everything, `${request.method} ${request.url} leaks ${secret}`).not.toContain(
          secret,
        );
      }
      expect(
        response.headers['set-cookie'],
        `${request.method} ${request.url} sets a cookie`,
      ).toBeUndefined();
    }
    // The walk covered successes and every kind of refusal.
    expect([...statuses].sort(), JSON.stringify([...statuses])).toEqual([
      200, 201, 204, 400, 401, 403, 404, 409, 413, 415, 429,
    ]);
  });

  it('stores the IP only as a keyed hash, and not at all with STORE_IP=false', async () => {
    const { test, approved } = await seed();
    const row = await test.store.findComment(approved.id);
    expect(row?.ip_hash).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(row)).not.toContain(READER_IP);
    await test.close();

    const { test: private_, approved: second } = await seed({ STORE_IP: 'false' });
    expect(await private_.store.findComment(second.id)).toMatchObject({
      ip_hash: null,
      user_agent: null,
    });
  });
});

describe('security headers and cookies', () => {
  it('sends security headers on pages and API, and lets other sites load the widget', async () => {
    const { test } = await seed();
    const page = await test.app.inject({ method: 'GET', url: '/' });
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(page.headers['cross-origin-opener-policy']).toBe('same-origin');
    const api = await readThread(test);
    expect(api.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      'cross-origin-resource-policy': 'cross-origin',
      'strict-transport-security': expect.stringContaining('max-age='),
    });
    const missing = await test.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['x-content-type-options']).toBe('nosniff');
    const script = await test.app.inject({ method: 'GET', url: '/embed.js' });
    expect(script.headers['cross-origin-resource-policy']).toBe('cross-origin');
  });
});

describe('the admin token', () => {
  it('answers a client’s wrong tokens 429 after ten, and still lets its right one through', async () => {
    const { test } = await seed();
    const attempt = (token: string, ip = '192.0.2.50') =>
      test.app.inject({
        method: 'GET',
        url: '/api/admin/comments',
        headers: { authorization: `Bearer ${token}` },
        remoteAddress: ip,
      });
    for (let i = 0; i < 10; i++)
      expect((await attempt(`guess-${i}-abcdefgh`)).statusCode).toBe(401);
    const locked = await attempt('guess-10-abcdefgh');
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(60);
    expect((await attempt(ADMIN_TOKEN)).statusCode).toBe(200);
    expect((await attempt('guess-11-abcdefgh', '192.0.2.51')).statusCode).toBe(401);
  });
});

describe('personal data (GDPR)', () => {
  it('exports everything stored for an email address, and erases it', async () => {
    const { test, approved } = await seed();
    await postComment(test, {
      parent: approved.id,
      email: 'carol@example.com',
      body: 'A reply to Ann',
    });

    const exported = await asAdmin(test, 'GET', '/data?email=ANN.secret@example.com');
    expect(exported.statusCode).toBe(200);
    expect(exported.json().comments).toEqual([
      expect.objectContaining({
        id: approved.id,
        email: 'ann.secret@example.com',
        body: 'A first thought.',
        userAgent: 'PrivacyTest/1.0',
        ipHash: expect.stringMatching(/^[0-9a-f]{32}$/),
        page: expect.objectContaining({ url: PAGE }),
      }),
    ]);

    const erased = await asAdmin(test, 'DELETE', '/data?email=ann.secret@example.com');
    expect(erased.json()).toEqual({ erased: 1 });
    const after = await asAdmin(test, 'GET', '/data?email=ann.secret@example.com');
    expect(after.json().comments).toEqual([]);
    // Carol's reply stays, under a placeholder that holds nothing of Ann's.
    const row = await test.store.findComment(approved.id);
    expect(row).toMatchObject({
      status: 'deleted',
      name: '',
      email: '',
      body: '',
      ip_hash: null,
      user_agent: null,
    });
  });
});
