import { describe, expect, it } from 'vitest';
import { newComment, type TestApp } from '../helpers/app.ts';
import { PAGE, readThread, sendComment } from '../helpers/requests.ts';
import { useTestApps } from '../helpers/test-apps.ts';

const setUp = useTestApps({ MODERATION: 'none' });

function post(test: TestApp, body: object, headers: Record<string, string> = {}, ip?: string) {
  return sendComment(test, body, { headers, ...(ip ? { remoteAddress: ip } : {}) });
}

async function formToken(test: TestApp): Promise<string> {
  return (await readThread(test)).json().form;
}

async function storedCount(test: TestApp): Promise<number> {
  const page = await test.store.findPage(PAGE);
  return page
    ? (await test.store.threadRows(page.id)).length +
        (await test.store.listByStatus('pending', 1000)).length
    : 0;
}

describe('MIN_SUBMIT_SECONDS', () => {
  it('refuses a post without the form’s signed timestamp', async () => {
    const test = await setUp({ MIN_SUBMIT_SECONDS: '3' });
    const response = await post(test, newComment());
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('form_unverified');
    expect(response.json().error.message).toMatch(/reload the page/);
  });

  it('refuses a forged or altered timestamp', async () => {
    const test = await setUp({ MIN_SUBMIT_SECONDS: '3' });
    const [issued, signature] = (await formToken(test)).split('.');
    const earlier = `${Number(issued) - 60}.${signature}`;
    expect((await post(test, newComment({ form: earlier }))).json().error.code).toBe(
      'form_unverified',
    );
    expect(
      (await post(test, newComment({ form: `${Number(issued) - 60}.forged` }))).statusCode,
    ).toBe(400);
  });

  it('refuses a post sooner than the minimum after the form rendered, saying how long to wait', async () => {
    const test = await setUp({ MIN_SUBMIT_SECONDS: '30' });
    const response = await post(test, newComment({ form: await formToken(test) }));
    expect(response.statusCode).toBe(429);
    expect(response.json().error.code).toBe('too_fast');
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(25);
    expect(await storedCount(test)).toBe(0);
  });

  it('accepts a post once the minimum has passed', async () => {
    const test = await setUp({ MIN_SUBMIT_SECONDS: '2' });
    const { createFormTokens } = await import('../../server/comments/defences.ts');
    const key = (await test.store.getSetting('form_key')) as string;
    const rendered = createFormTokens(key).issue(new Date(Date.now() - 5_000), PAGE);
    expect((await post(test, newComment({ form: rendered }))).statusCode).toBe(201);
  });

  it('accepts posts without a timestamp when set to 0', async () => {
    const test = await setUp({ MIN_SUBMIT_SECONDS: '0' });
    expect((await post(test, newComment())).statusCode).toBe(201);
  });
});

describe('FLOOD_SECONDS', () => {
  it('allows one comment per window from one client, and tells the next one to wait', async () => {
    const test = await setUp({ FLOOD_SECONDS: '15' });
    expect((await post(test, newComment(), {}, '203.0.113.5')).statusCode).toBe(201);
    const second = await post(test, newComment({ body: 'Again' }), {}, '203.0.113.5');
    expect(second.statusCode).toBe(429);
    expect(second.json().error.message).toBe(
      `You are posting comments too quickly. Please wait ${second.headers['retry-after']} seconds before posting again.`,
    );
    expect((await post(test, newComment({ body: 'Other' }), {}, '203.0.113.6')).statusCode).toBe(
      201,
    );
  });

  it('is off at 0', async () => {
    const test = await setUp({ FLOOD_SECONDS: '0' });
    expect((await post(test, newComment())).statusCode).toBe(201);
    expect((await post(test, newComment({ body: 'Again' }))).statusCode).toBe(201);
  });
});

describe('the duplicate check', () => {
  it("refuses the same text from the same address on the same page, in WordPress's words", async () => {
    const test = await setUp();
    expect((await post(test, newComment())).statusCode).toBe(201);
    const again = await post(test, newComment());
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe(
      "Duplicate comment detected; it looks as though you've already said that!",
    );
    expect((await post(test, newComment({ url: 'http://localhost:8080/other' }))).statusCode).toBe(
      201,
    );
    expect((await post(test, newComment({ email: 'bob@example.com' }))).statusCode).toBe(201);
  });
});

describe('MAX_LINKS', () => {
  const links = (n: number) =>
    Array.from({ length: n }, (_, i) => `https://example.org/${i}`).join(' ');

  it('holds a comment with more than two links, and approves one with two', async () => {
    const test = await setUp();
    expect((await post(test, newComment({ body: links(2) }))).json().comment.status).toBe(
      'approved',
    );
    expect((await post(test, newComment({ body: links(3) }))).json().comment.status).toBe(
      'pending',
    );
  });

  it('follows the setting, and is off at 0', async () => {
    const strict = await setUp({ MAX_LINKS: '1' });
    expect((await post(strict, newComment({ body: links(2) }))).json().comment.status).toBe(
      'pending',
    );
    await strict.close();
    const off = await setUp({ MAX_LINKS: '0' });
    expect((await post(off, newComment({ body: links(30) }))).json().comment.status).toBe(
      'approved',
    );
  });
});

describe('the honeypot', () => {
  it('answers a bot that fills it as if its comment were held, and stores nothing', async () => {
    const test = await setUp();
    const response = await post(test, newComment({ homepage: 'http://spam.example' }));
    expect(response.statusCode).toBe(201);
    expect(response.json().comment.status).toBe('pending');
    expect(await test.store.findPage(PAGE)).toBeNull();
  });
});

describe('blocklists', () => {
  it('holds comments with a held word, email, domain or network', async () => {
    const test = await setUp({
      HOLD_WORDS: 'casino, cheap pills',
      HOLD_EMAILS: 'watch@example.com,@suspicious.example',
      HOLD_IPS: '198.51.100.0/24',
    });
    const status = async (changes: object, ip?: string) =>
      (await post(test, newComment(changes), {}, ip)).json().comment.status;
    expect(await status({ body: 'Best CASINO in town' })).toBe('pending');
    expect(await status({ name: 'Cheap Pills Inc', body: 'Hello there' })).toBe('pending');
    expect(await status({ email: 'Watch@Example.com', body: 'x1' })).toBe('pending');
    expect(await status({ email: 'a@suspicious.example', body: 'x2' })).toBe('pending');
    expect(await status({ body: 'x3' }, '198.51.100.77')).toBe('pending');
    expect(await status({ body: 'An ordinary comment' }, '192.0.2.1')).toBe('approved');
  });

  it('refuses comments with a blocked word, email or network, saying so', async () => {
    const test = await setUp({
      BLOCK_WORDS: 'viagra',
      BLOCK_EMAILS: '@spam.example',
      BLOCK_IPS: '2001:db8::/32, 192.0.2.9',
    });
    for (const [changes, ip] of [
      [{ body: 'Buy VIAGRA' }, undefined],
      [{ email: 'x@spam.example' }, undefined],
      [{}, '2001:db8::1'],
      [{}, '192.0.2.9'],
    ] as const) {
      const response = await post(test, newComment(changes), {}, ip);
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('blocked');
    }
    expect(await test.store.findPage(PAGE)).toBeNull();
  });
});

describe('RATE_LIMIT_PER_MINUTE', () => {
  it('answers 429 with Retry-After after the limit, per client', async () => {
    const test = await setUp({ RATE_LIMIT_PER_MINUTE: '5' });
    for (let i = 0; i < 5; i++) {
      expect(
        (await post(test, newComment({ body: `Comment ${i}` }), {}, '203.0.113.1')).statusCode,
      ).toBe(201);
    }
    const limited = await post(test, newComment({ body: 'One too many' }), {}, '203.0.113.1');
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json().error).toMatchObject({ code: 'rate_limited' });
    expect(limited.json().error.message).toMatch(/try again in \d+ seconds?/);
    expect(
      (await post(test, newComment({ body: 'Elsewhere' }), {}, '203.0.113.2')).statusCode,
    ).toBe(201);
  });

  it('tells clients apart by X-Forwarded-For only with TRUST_PROXY', async () => {
    const send = (test: TestApp, forwarded: string, body: string) =>
      post(test, newComment({ body }), { 'x-forwarded-for': forwarded }, '127.0.0.1');

    const direct = await setUp({ RATE_LIMIT_PER_MINUTE: '1' });
    expect((await send(direct, '198.51.100.1', 'a')).statusCode).toBe(201);
    // Without TRUST_PROXY the header is ignored: both come from 127.0.0.1.
    expect((await send(direct, '198.51.100.2', 'b')).statusCode).toBe(429);
    await direct.close();

    const proxied = await setUp({ RATE_LIMIT_PER_MINUTE: '1', TRUST_PROXY: 'true' });
    expect((await send(proxied, '198.51.100.1', 'a')).statusCode).toBe(201);
    expect((await send(proxied, '198.51.100.2', 'b')).statusCode).toBe(201);
    expect((await send(proxied, '198.51.100.1', 'c')).statusCode).toBe(429);
  });
});
