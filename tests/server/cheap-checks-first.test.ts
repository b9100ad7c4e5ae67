/**
 * A post is checked for everything cheap (its form token, bound to its page and a few hours
 * old at most; flood control; the block lists) before its text is rendered: rendering 10 KB of
 * markdown takes milliseconds, and a stream of forged posts must not take them from readers.
 */
import MarkdownIt from 'markdown-it';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFormTokens } from '../../server/comments/defences.ts';
import type { TestApp } from '../helpers/app.ts';
import { postComment, readThread } from '../helpers/requests.ts';
import { useTestApps } from '../helpers/test-apps.ts';

const PAGE_A = 'http://localhost:8080/posts/hello';
const PAGE_B = 'http://localhost:8080/posts/other';
/** 10,000 characters of links and text: one of the slower texts to render. */
const HEAVY_BODY = 'see https://a.example.com/x and www.b.example.org '
  .repeat(200)
  .slice(0, 10_000);

const setUp = useTestApps({ MODERATION: 'none', MIN_SUBMIT_SECONDS: '3' });
afterEach(() => {
  vi.restoreAllMocks();
});

function post(test: TestApp, changes: object, ip = '203.0.113.7') {
  return postComment(test, changes, { remoteAddress: ip });
}

/** A form token as the server signs it, issued `secondsAgo` before now for `page`. */
async function formToken(test: TestApp, page: string, secondsAgo: number): Promise<string> {
  const key = (await test.store.getSetting('form_key')) as string;
  return createFormTokens(key).issue(new Date(Date.now() - secondsAgo * 1000), page);
}

/** Counts the comments markdown-it renders from here on (the renderer every comment goes through). */
function countRenders(): () => number {
  const render = vi.spyOn(MarkdownIt.prototype, 'render');
  return () => render.mock.calls.length;
}

describe('posts refused before their text is rendered', () => {
  it('renders none of a stream of forged 10 KB posts, and renders a real one', async () => {
    const test = await setUp();
    const renders = countRenders();
    const issued = Math.floor(Date.now() / 1000) - 60;
    for (let i = 0; i < 20; i++) {
      const response = await post(
        test,
        { body: HEAVY_BODY, form: `${issued}.forged-signature-${i}` },
        `198.51.100.${i + 1}`,
      );
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('form_unverified');
    }
    expect((await post(test, { body: HEAVY_BODY })).json().error.code).toBe('form_unverified');
    expect(renders()).toBe(0);

    const real = await post(test, { body: HEAVY_BODY, form: await formToken(test, PAGE_A, 10) });
    expect(real.statusCode).toBe(201);
    expect(renders()).toBe(1);
  });

  it('renders no post refused by flood control or a block list', async () => {
    const test = await setUp({ FLOOD_SECONDS: '60', BLOCK_WORDS: 'cheap pills' });
    const form = await formToken(test, PAGE_A, 10);
    expect((await post(test, { body: 'The first, rendered.', form })).statusCode).toBe(201);
    const renders = countRenders();
    const flooded = await post(test, { body: HEAVY_BODY, form });
    expect(flooded.statusCode).toBe(429);
    const blocked = await post(
      test,
      { body: `${HEAVY_BODY.slice(0, 9000)} cheap pills`, form },
      '192.0.2.9',
    );
    expect(blocked.statusCode).toBe(403);
    expect(renders()).toBe(0);
  });
});

describe('form tokens', () => {
  it('are refused on a page other than the one they were issued for', async () => {
    const test = await setUp();
    const forA = await formToken(test, PAGE_A, 10);
    const onB = await post(test, {
      url: PAGE_B,
      body: 'Posted with the form of another page.',
      form: forA,
    });
    expect(onB.statusCode).toBe(400);
    expect(onB.json().error.code).toBe('form_unverified');
    expect(await test.store.findPage(PAGE_B)).toBeNull();
    expect(
      (await post(test, { url: PAGE_A, body: 'On its own page.', form: forA })).statusCode,
    ).toBe(201);
  });

  it('are bound to the page the thread answer was for', async () => {
    const test = await setUp();
    const thread = await readThread(test, `${PAGE_B}#comments`);
    const { form } = thread.json();
    const key = (await test.store.getSetting('form_key')) as string;
    const tokens = createFormTokens(key);
    expect(tokens.ageOf(form, PAGE_B, new Date())).toEqual(expect.any(Number));
    expect(tokens.ageOf(form, PAGE_A, new Date())).toBeNull();
  });

  it('expire after 4 hours, with a message that says so', async () => {
    const test = await setUp();
    const old = await post(test, {
      body: 'Written slowly.',
      form: await formToken(test, PAGE_A, 4 * 3600 + 60),
    });
    expect(old.statusCode).toBe(400);
    expect(old.json().error).toEqual({
      code: 'form_expired',
      message:
        'This form has been open for more than 4 hours, so it was renewed. Please post your comment again.',
    });
    const young = await post(test, {
      body: 'Written in time.',
      form: await formToken(test, PAGE_A, 4 * 3600 - 60),
    });
    expect(young.statusCode).toBe(201);
  });
});
