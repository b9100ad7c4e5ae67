/**
 * The lockout after wrong credentials, the sign-in rate limit and the cap on passwords checked at
 * once, attacked as an outsider would: from the owner's own browser through a page's <img>, from
 * one client guessing, and from many addresses of one IPv6 /64.
 */
import { describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, type TestApp } from '../helpers/app.ts';
import { signIn } from '../helpers/requests.ts';
import { useTestApps } from '../helpers/test-apps.ts';

const PASSWORD = 'correct horse battery staple';
const setUp = useTestApps({ ADMIN_PASSWORD: PASSWORD });

/** Signs in with `password` from the client at `ip`. */
function signInFrom(test: TestApp, password: string, ip: string) {
  return signIn(test, password, { remoteAddress: ip });
}

function counts(test: TestApp, ip: string, headers: Record<string, string> = {}) {
  return test.app.inject({ method: 'GET', url: '/api/admin/counts', headers, remoteAddress: ip });
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const sessionOf = (response: { headers: Record<string, unknown> }) =>
  String(response.headers['set-cookie']).split(';')[0] as string;

describe('the lockout after wrong credentials', () => {
  it('counts no request without credentials: thirty <img> requests from the owner’s browser leave the password and the token working', async () => {
    const test = await setUp();
    const owner = '192.0.2.10';
    // What <img src="…/api/admin/counts"> on any page the owner visits sends: no cookie
    // (SameSite=Strict), no Authorization.
    for (let i = 0; i < 30; i++) expect((await counts(test, owner)).statusCode).toBe(401);

    const signedIn = await signInFrom(test, PASSWORD, owner);
    expect(signedIn.statusCode).toBe(200);
    expect((await counts(test, owner, { cookie: sessionOf(signedIn) })).statusCode).toBe(200);
    expect((await counts(test, owner, bearer(ADMIN_TOKEN))).statusCode).toBe(200);
    // None of the thirty was counted: the owner still has all ten wrong attempts.
    for (let i = 0; i < 10; i++)
      expect((await signInFrom(test, `typo number ${i}`, owner)).statusCode).toBe(401);
  });

  it('answers wrong passwords 429 after ten, and still signs the owner in with the right one', async () => {
    const test = await setUp();
    const client = '192.0.2.20';
    for (let i = 0; i < 10; i++) {
      const wrong = await signInFrom(test, `guess number ${i}`, client);
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json().error.code).toBe('wrong_password');
    }
    const locked = await signInFrom(test, 'guess number 10', client);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('rate_limited');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(14 * 60);

    const right = await signInFrom(test, PASSWORD, client);
    expect(right.statusCode).toBe(200);
    expect((await counts(test, client, { cookie: sessionOf(right) })).statusCode).toBe(200);
    expect((await counts(test, client, bearer(ADMIN_TOKEN))).statusCode).toBe(200);
    expect((await signInFrom(test, 'guess number 11', client)).statusCode).toBe(429);
  });

  it('counts wrong tokens and unknown session cookies, and lets the right token through the lockout', async () => {
    const test = await setUp();
    const client = '192.0.2.30';
    const unknownSession = { cookie: 'lar_admin=made-up-session-token' };
    for (let i = 0; i < 4; i++)
      expect((await counts(test, client, bearer(`guess-${i}-abcdefgh`))).statusCode).toBe(401);
    for (let i = 0; i < 3; i++) {
      const unknown = await counts(test, client, unknownSession);
      expect(unknown.statusCode).toBe(401);
      // The browser is told to forget it, so that a stale cookie is not counted again and again.
      expect(String(unknown.headers['set-cookie'])).toMatch(/^lar_admin=;/);
    }
    for (let i = 0; i < 3; i++) {
      const asked = await test.app.inject({
        method: 'GET',
        url: '/api/admin/session',
        headers: unknownSession,
        remoteAddress: client,
      });
      expect(asked.statusCode).toBe(401);
    }
    expect((await counts(test, client, unknownSession)).statusCode).toBe(429);
    const wrongToken = await counts(test, client, bearer('one-more-guess-abcdefgh'));
    expect(wrongToken.statusCode).toBe(429);
    expect(Number(wrongToken.headers['retry-after'])).toBeGreaterThan(14 * 60);
    expect((await counts(test, client, bearer(ADMIN_TOKEN))).statusCode).toBe(200);
    expect((await signInFrom(test, PASSWORD, client)).statusCode).toBe(200);
    // Another client is not affected.
    expect((await counts(test, '192.0.2.31', bearer('a-wrong-token-abcdefgh'))).statusCode).toBe(
      401,
    );
  });

  it('locks out a whole IPv6 /64: forty guesses from forty addresses of one /64 are refused after ten', async () => {
    const test = await setUp();
    const statuses: number[] = [];
    for (let i = 1; i <= 40; i++) {
      const address = `2001:db8:7:8:${i.toString(16)}:0:0:${(i * 7).toString(16)}`;
      statuses.push((await counts(test, address, bearer(`guess-${i}-abcdefgh`))).statusCode);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual(Array(30).fill(429));
    // The same /64 written another way is the same client; the next /64 is another.
    const sameNetwork = '2001:0db8:0007:0008:ffff::1';
    expect((await counts(test, sameNetwork, bearer('guess-41-abcdefgh'))).statusCode).toBe(429);
    expect((await counts(test, sameNetwork, bearer(ADMIN_TOKEN))).statusCode).toBe(200);
    expect((await counts(test, '2001:db8:7:9::1', bearer('guess-42-abcdefgh'))).statusCode).toBe(
      401,
    );
  });
});

describe('signing in under attack', () => {
  it('rate-limits sign-ins to twenty a minute per client, IPv6 by /64, before any password is checked', async () => {
    const test = await setUp();
    for (let i = 1; i <= 20; i++)
      expect((await signInFrom(test, PASSWORD, `2001:db8:5:6::${i.toString(16)}`)).statusCode).toBe(
        200,
      );
    const limited = await signInFrom(test, PASSWORD, '2001:db8:5:6::99');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await signInFrom(test, PASSWORD, '2001:db8:5:7::1')).statusCode).toBe(200);
  });

  it('checks at most two passwords at once and answers the rest 429 with Retry-After at once', async () => {
    const test = await setUp();
    const attempts = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        signInFrom(test, `guess number ${i}`, `198.51.100.${i + 1}`),
      ),
    );
    const statuses = attempts.map((attempt) => attempt.statusCode).sort();
    expect(statuses).toEqual([401, 401, 429, 429, 429, 429]);
    const busy = attempts.find((attempt) => attempt.statusCode === 429);
    expect(busy?.json().error.code).toBe('busy');
    expect(busy?.headers['retry-after']).toBe('1');
    // Once those checks are done, the owner signs in.
    expect((await signInFrom(test, PASSWORD, '198.51.100.50')).statusCode).toBe(200);
  });
});
