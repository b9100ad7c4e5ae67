/**
 * TRUST_PROXY: which X-Forwarded-For a client's address is read from. The leftmost address of
 * that header is whatever the client wrote; believing it let one client pass for a new one on
 * every request, past the flood pause, the rate limit and the sign-in lockout.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import type { TestApp } from '../helpers/app.ts';
import { postComment, signIn } from '../helpers/requests.ts';
import { useTestApps } from '../helpers/test-apps.ts';

const setUp = useTestApps({ MODERATION: 'none' });

/** The one reader, at an address of their own, whatever the header they write says. */
const READER = '198.51.100.7';
/** The proxy in front of the server, on the same machine. */
const PROXY = '127.0.0.1';

/**
 * Posts `count` comments, each with an X-Forwarded-For that names a new address at its left, as
 * a client that writes the header itself sends it, from the socket at `remoteAddress`; `append`
 * is what a proxy that adds the address it saw puts after it.
 */
async function forgedPosts(
  test: TestApp,
  count: number,
  remoteAddress: string,
  append: string[] = [],
): Promise<number[]> {
  const statuses: number[] = [];
  for (let n = 1; n <= count; n++) {
    const forwarded = [`203.0.113.${n}`, ...append].join(', ');
    const response = await postComment(
      test,
      { body: `Comment number ${n}.` },
      { headers: { 'x-forwarded-for': forwarded }, remoteAddress },
    );
    statuses.push(response.statusCode);
  }
  return statuses;
}

describe('TRUST_PROXY', () => {
  it.each([
    ['true, read as the one proxy in front', 'true', [READER]],
    ['a hop count', '1', [READER]],
    ['two hops', '2', [READER, '10.0.0.2']],
    ['the proxy’s address', PROXY, [READER]],
    ['the proxies’ range', '127.0.0.0/8, 10.0.0.0/8', [READER, '10.0.0.2']],
  ])(
    'keeps a client’s flood pause whatever X-Forwarded-For it writes, behind proxies that append, with %s',
    async (_form, trustProxy, appended) => {
      const test = await setUp({ TRUST_PROXY: trustProxy, FLOOD_SECONDS: '15' });
      expect(await forgedPosts(test, 5, PROXY, appended)).toEqual([201, 429, 429, 429, 429]);
    },
  );

  it('keeps the rate limit to the client whatever X-Forwarded-For it writes', async () => {
    const test = await setUp({ TRUST_PROXY: 'true', RATE_LIMIT_PER_MINUTE: '2' });
    expect(await forgedPosts(test, 4, PROXY, [READER])).toEqual([201, 201, 429, 429]);
  });

  it('ignores X-Forwarded-For from a client that reaches the server around the proxies named', async () => {
    const test = await setUp({ TRUST_PROXY: PROXY, FLOOD_SECONDS: '15' });
    expect(await forgedPosts(test, 5, READER)).toEqual([201, 429, 429, 429, 429]);
  });

  it('still tells two readers behind the proxy apart', async () => {
    const test = await setUp({ TRUST_PROXY: 'true', FLOOD_SECONDS: '15' });
    const from = (address: string, body: string) =>
      postComment(
        test,
        { body },
        { headers: { 'x-forwarded-for': address }, remoteAddress: PROXY },
      );
    expect((await from('198.51.100.1', 'Ann')).statusCode).toBe(201);
    expect((await from('198.51.100.2', 'Bob')).statusCode).toBe(201);
    expect((await from('198.51.100.1', 'Ann again')).statusCode).toBe(429);
  });

  it('keeps the sign-in lockout to the client whatever X-Forwarded-For it writes', async () => {
    const test = await setUp({ TRUST_PROXY: 'true', ADMIN_PASSWORD: 'the right password' });
    const statuses: number[] = [];
    for (let n = 1; n <= 15; n++) {
      const response = await signIn(test, `guess number ${n}`, {
        headers: { 'x-forwarded-for': `203.0.113.${n}, ${READER}` },
        remoteAddress: PROXY,
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('TRUST_PROXY’s forms', () => {
  const read = (value: string) => loadConfig({ TRUST_PROXY: value }).trustProxy;

  it('reads a hop count, the proxies’ addresses, and true as one hop', () => {
    expect(read('true')).toBe(1);
    expect(read('TRUE')).toBe(1);
    expect(read('2')).toBe(2);
    expect(read('127.0.0.1')).toEqual(['127.0.0.1']);
    expect(read('127.0.0.1, 10.0.0.0/8, ::1, fd00::/8')).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
      'fd00::/8',
    ]);
  });

  it('is off when unset, empty, false or 0', () => {
    for (const value of ['', 'false', '0', ' ']) expect(read(value)).toBe(false);
    expect(loadConfig({}).trustProxy).toBe(false);
  });

  it('refuses anything else, saying what to write', () => {
    for (const value of ['yes', 'nginx', '10.0.0.0/33', '::1/129', '1.2.3.4/8/8', '-1'])
      expect(() => read(value), value).toThrow(
        /TRUST_PROXY must be the number of proxies in front of the server \(1, 2\) or their addresses \(127\.0\.0\.1, 10\.0\.0\.0\/8, ::1\)/,
      );
  });
});
