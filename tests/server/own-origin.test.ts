/**
 * The server's own origin comes from its settings (PUBLIC_URL, or where it listens), never from
 * what a request says about where it was sent: Host, X-Forwarded-Host and X-Forwarded-Proto are
 * written by the sender, and were enough to make any site "our own".
 */
import { describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.ts';
import { postComment, readThread } from '../helpers/requests.ts';
import { useTestApps } from '../helpers/test-apps.ts';

const setUp = useTestApps({ MODERATION: 'none' });

function post(test: TestApp, url: string, headers: Record<string, string> = {}) {
  return postComment(
    test,
    { url, body: `On ${url}, with ${JSON.stringify(headers)}` },
    { headers },
  );
}

function thread(test: TestApp, url: string, headers: Record<string, string> = {}) {
  return readThread(test, url, {}, { headers });
}

/** Every way a request can claim to have been sent to another site. */
const FORGERIES: [string, string, Record<string, string>][] = [
  ['Host', 'http://evil.example/post', { host: 'evil.example' }],
  [
    'Host and Origin',
    'http://evil.example/post',
    { host: 'evil.example', origin: 'http://evil.example' },
  ],
  ['X-Forwarded-Host', 'http://evil.example/post', { 'x-forwarded-host': 'evil.example' }],
  [
    'X-Forwarded-Host and -Proto',
    'https://evil.example/post',
    { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' },
  ],
];

describe('the server’s own origin', () => {
  for (const trustProxy of ['', '1', '127.0.0.1']) {
    it.each(FORGERIES)(
      `refuses a post for an unlisted origin whatever %s says (TRUST_PROXY="${trustProxy}")`,
      async (_what, url, headers) => {
        const test = await setUp({ TRUST_PROXY: trustProxy });
        const response = await post(test, url, headers);
        expect(response.statusCode, response.body).toBe(403);
        expect(response.json().error.code).toBe('site_not_allowed');
        expect(await test.store.findPage(url)).toBeNull();
      },
    );
  }

  it('takes comments for PUBLIC_URL’s origin without SITE_ORIGINS, whatever Host says', async () => {
    const test = await setUp({ PUBLIC_URL: 'https://comments.example.com' });
    const own = 'https://comments.example.com/demo';
    expect((await post(test, own, { host: 'somewhere.example' })).statusCode).toBe(201);
    // The same server reached under another name does not make that name its own.
    expect(
      (await post(test, 'https://somewhere.example/demo', { host: 'somewhere.example' }))
        .statusCode,
    ).toBe(403);
  });

  it('keeps its own scheme: X-Forwarded-Proto does not make https its own when PUBLIC_URL is http', async () => {
    const test = await setUp({ PUBLIC_URL: 'http://comments.example.com', TRUST_PROXY: '1' });
    const headers = { host: 'comments.example.com', 'x-forwarded-proto': 'https' };
    expect((await post(test, 'https://comments.example.com/post', headers)).statusCode).toBe(403);
    expect((await post(test, 'http://comments.example.com/post', headers)).statusCode).toBe(201);
  });

  it('lists its own origin like any other once SITE_ORIGINS is set, whatever Host says', async () => {
    const test = await setUp({
      PUBLIC_URL: 'https://comments.example.com',
      SITE_ORIGINS: 'https://blog.example.com',
    });
    const own = 'https://comments.example.com/demo';
    expect((await post(test, own, { host: 'comments.example.com' })).statusCode).toBe(403);
    expect((await post(test, 'https://blog.example.com/post')).statusCode).toBe(201);
  });

  it('answers `open` the same whatever Host says, and a forged Host does not change the kept answer', async () => {
    const test = await setUp();
    const page = 'http://evil.example/post';
    const forged = await thread(test, page, { host: 'evil.example' });
    expect(forged.json().open).toBe(false);
    expect((await thread(test, page)).json().open).toBe(false);
    expect((await thread(test, page, { 'x-forwarded-host': 'evil.example' })).json().open).toBe(
      false,
    );

    const own = 'http://localhost:8080/post';
    expect((await thread(test, own, { host: 'evil.example' })).json().open).toBe(true);
    expect((await thread(test, own)).json().open).toBe(true);
  });

  it('answers `open` from PUBLIC_URL whoever asks, first or later', async () => {
    const test = await setUp({ PUBLIC_URL: 'https://comments.example.com' });
    const own = 'https://comments.example.com/demo';
    for (const host of ['other.example', 'comments.example.com', 'localhost'])
      expect((await thread(test, own, { host })).json().open, host).toBe(true);
  });

  it('names the port the system chose when it listens on PORT=0 without PUBLIC_URL', async () => {
    // 127.0.0.2 is a loopback address but not one of the local development hosts allowed on any
    // port: only its own origin is allowed, and that includes the port it really listens on.
    const test = await setUp({ HOST: '127.0.0.2', PORT: '0' });
    await test.app.listen({ host: '127.0.0.2', port: 0 });
    const { port } = test.app.server.address() as { port: number };
    expect((await post(test, `http://127.0.0.2:${port}/post`)).statusCode).toBe(201);
    expect((await post(test, `http://127.0.0.2:${port + 1}/post`)).statusCode).toBe(403);
    expect((await thread(test, `http://127.0.0.2:${port}/post`)).json().open).toBe(true);
  });
});
