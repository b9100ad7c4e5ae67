/**
 * POST /api/comments/own: the widget sends the tokens of the reader's comments on the page it
 * shows, as many as it keeps (LIMITS.ownCommentsMax), and the server looks each one up. It took
 * 100 at most, so a reader with more comments on one page lost sight of their held ones; and it
 * had no rate limit, so one client could have the server hash and look up tokens without end.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { OWN_COMMENTS_PER_MINUTE } from '../../server/http/routes/comments/own.ts';
import { LIMITS } from '../../shared/limits.ts';
import { loadOwnComments, rememberOwnComment } from '../../widget/storage.ts';
import type { TestApp } from '../helpers/app.ts';
import { postComment } from '../helpers/requests.ts';
import { useTestApps } from '../helpers/test-apps.ts';

const setUp = useTestApps({ MODERATION: 'all' });
afterEach(() => {
  Reflect.deleteProperty(globalThis, 'localStorage');
});

/** Posts `count` held comments on one page; their ids and tokens, oldest first. */
async function postMany(
  test: TestApp,
  count: number,
): Promise<Array<{ id: number; token: string }>> {
  const posted = [];
  for (let n = 0; n < count; n++) {
    const response = await postComment(test, { body: `Thought number ${n}.` });
    expect(response.statusCode, response.body).toBe(201);
    const { comment, token } = response.json() as { comment: { id: number }; token: string };
    posted.push({ id: comment.id, token });
  }
  return posted;
}

function askOwn(test: TestApp, tokens: unknown[], remoteAddress = '203.0.113.5') {
  return test.app.inject({
    method: 'POST',
    url: '/api/comments/own',
    payload: { tokens },
    remoteAddress,
  });
}

/** The part of the browser's localStorage the widget uses, for the widget's storage module. */
class MemoryStorage {
  private readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

describe('POST /api/comments/own', () => {
  it('answers every comment of as many tokens as the widget keeps for a page', async () => {
    const test = await setUp();
    const posted = await postMany(test, LIMITS.ownCommentsMax + 10);
    Object.defineProperty(globalThis, 'localStorage', {
      value: new MemoryStorage(),
      configurable: true,
    });
    const server = 'http://localhost:8080';
    const page = 'http://localhost:8080/posts/hello';
    for (const { id, token } of posted) rememberOwnComment(server, { id, token, page });

    // The widget keeps the newest ones, and sends them all.
    const kept = loadOwnComments(server, page);
    expect(kept).toHaveLength(LIMITS.ownCommentsMax);
    const response = await askOwn(
      test,
      kept.map((record) => record.token),
    );
    expect(response.statusCode, response.body).toBe(200);
    const ids = (response.json().comments as Array<{ id: number; status: string }>).map(
      (comment) => comment.id,
    );
    expect(ids).toEqual(posted.slice(-LIMITS.ownCommentsMax).map((comment) => comment.id));
  });

  it('refuses more tokens than the widget ever keeps, naming the field', async () => {
    const test = await setUp();
    const tokens = Array.from({ length: LIMITS.ownCommentsMax + 1 }, (_, n) => `token-${n}`);
    const response = await askOwn(test, tokens);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toHaveProperty('tokens');
  });

  it('allows each client a reader’s pace, then answers 429 with Retry-After', async () => {
    // Rate limits on, as a site has them by default.
    const test = await setUp({ RATE_LIMIT_PER_MINUTE: '5' });
    const [mine] = await postMany(test, 1);
    const tokens = [
      mine?.token,
      ...Array.from({ length: LIMITS.ownCommentsMax - 1 }, (_, n) => `guess-${n}`),
    ];
    for (let n = 0; n < OWN_COMMENTS_PER_MINUTE; n++) {
      const response = await askOwn(test, tokens);
      expect(response.statusCode, `request ${n + 1}`).toBe(200);
    }
    const refused = await askOwn(test, tokens);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.json().error.code).toBe('rate_limited');
    // Another client reads as before, and the limit is not the one on posting.
    expect((await askOwn(test, tokens, '198.51.100.8')).statusCode).toBe(200);
    const post = await postComment(
      test,
      { body: 'Still allowed to post.' },
      { remoteAddress: '203.0.113.5' },
    );
    expect(post.statusCode, post.body).toBe(201);
  });

  it('is not limited while RATE_LIMIT_PER_MINUTE=0 turns rate limits off', async () => {
    const test = await setUp({ RATE_LIMIT_PER_MINUTE: '0' });
    for (let n = 0; n <= OWN_COMMENTS_PER_MINUTE; n++)
      expect((await askOwn(test, ['any-token'])).statusCode).toBe(200);
  });
});
