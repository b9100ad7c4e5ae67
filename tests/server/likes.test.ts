/**
 * Readers like comments: once per voter, taken back at will, only on comments they can see and
 * pages that take comments, stored as keyed hashes only, and limited per client apart from posts.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { seedComment, type TestApp } from '../helpers/app.ts';
import {
  approveComment,
  deleteOwnComment,
  type From,
  PAGE,
  postComment,
  readThread,
} from '../helpers/requests.ts';
import { rowCount, runSql } from '../helpers/scene.ts';
import { standingClock } from '../helpers/standing-clock.ts';
import { useTestApps } from '../helpers/test-apps.ts';

const setUp = useTestApps({ MODERATION: 'none' });

const VOTER = '0123456789abcdef0123456789abcdef';
const OTHER_VOTER = 'fedcba9876543210fedcba9876543210';

/** Gives (POST) or takes back (DELETE) `voter`'s like of comment `id`. */
function like(
  test: Pick<TestApp, 'app'>,
  id: number,
  voter: string = VOTER,
  method: 'POST' | 'DELETE' = 'POST',
  from: From = {},
) {
  return sendLike(test, id, { voter }, method, from);
}

/** Sends `payload` to comment `id`'s like route as it is, valid or not. */
function sendLike(
  test: Pick<TestApp, 'app'>,
  id: number,
  payload: object,
  method: 'POST' | 'DELETE' = 'POST',
  from: From = {},
) {
  return test.app.inject({ method, url: `/api/comments/${id}/like`, payload, ...from });
}

/** The likes the thread shows for comment `id`. */
async function shownLikes(test: Pick<TestApp, 'app'>, id: number): Promise<number | undefined> {
  const thread = (await readThread(test)).json();
  return thread.comments.find((comment: { id: number }) => comment.id === id)?.likes;
}

describe('liking a comment', () => {
  it('counts each voter once, however often they like, and takes a like back with DELETE', async () => {
    const time = standingClock();
    const test = await setUp({}, { clock: time.clock });
    const id = await seedComment(test);
    expect(await shownLikes(test, id)).toBe(0);

    const first = await like(test, id);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ likes: 1 });
    expect((await like(test, id)).json()).toEqual({ likes: 1 });
    expect((await like(test, id, OTHER_VOTER)).json()).toEqual({ likes: 2 });

    expect((await like(test, id, VOTER, 'DELETE')).json()).toEqual({ likes: 1 });
    // Taking back a like that is not there changes nothing.
    expect((await like(test, id, VOTER, 'DELETE')).json()).toEqual({ likes: 1 });
    time.moveOn(1000);
    expect(await shownLikes(test, id)).toBe(1);
    expect(await rowCount(test, 'likes')).toBe(1);
  });

  it('stores a keyed hash of the voter and of the address, never either itself', async () => {
    const test = await setUp();
    const id = await seedComment(test);
    await like(test, id, VOTER, 'POST', { remoteAddress: '203.0.113.7' });
    const rows = await runSql<Record<string, unknown>>(test, 'SELECT * FROM likes');
    const [row = {}] = rows;
    expect(row).toMatchObject({
      comment_id: id,
      voter_hash: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(row.ip_hash).toMatch(/^[0-9a-f]{32}$/);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(VOTER);
    expect(stored).not.toContain('203.0.113.7');
    // Keyed: not a plain hash anyone could work out from a voter id they guessed.
    const { createHash } = await import('node:crypto');
    expect(stored).not.toContain(createHash('sha256').update(VOTER).digest('hex').slice(0, 32));
  });

  it('stores no address hash for a like with STORE_IP=false', async () => {
    const test = await setUp({ STORE_IP: 'false' });
    const id = await seedComment(test);
    expect((await like(test, id)).statusCode).toBe(200);
    expect(await runSql(test, 'SELECT ip_hash FROM likes')).toEqual([{ ip_hash: null }]);
  });

  it('answers 404 not_found for a held, a deleted or an unknown comment, and stores nothing', async () => {
    const test = await setUp({ MODERATION: 'all' });
    const held = await seedComment(test, { body: 'Held for now.' });
    const heldAnswer = await like(test, held);
    expect(heldAnswer.statusCode).toBe(404);
    expect(heldAnswer.json().error.code).toBe('not_found');
    expect((await like(test, 999)).json().error.code).toBe('not_found');

    await approveComment(test, held);
    expect((await like(test, held)).statusCode).toBe(200);
    const posted = await postComment(test, { body: 'Soon gone.' });
    const { comment, token } = posted.json();
    await approveComment(test, comment.id);
    expect((await deleteOwnComment(test, comment.id, token)).statusCode).toBe(204);
    expect((await like(test, comment.id)).json().error.code).toBe('not_found');
    expect(await runSql(test, 'SELECT comment_id FROM likes')).toEqual([{ comment_id: held }]);
  });

  it('answers 403 likes_off with LIKES=false, and the thread says likes are off', async () => {
    const test = await setUp({ LIKES: 'false' });
    const id = await seedComment(test);
    const answer = await like(test, id);
    expect(answer.statusCode).toBe(403);
    expect(answer.json().error.code).toBe('likes_off');
    expect((await like(test, id, VOTER, 'DELETE')).json().error.code).toBe('likes_off');
    expect((await readThread(test)).json()).toMatchObject({ likes: false });
    const on = await setUp();
    expect((await readThread(on)).json()).toMatchObject({ likes: true });
  });

  it('answers 403 comments_closed on a page closed to comments', async () => {
    const test = await setUp();
    const id = await seedComment(test);
    await test.store.setPageOpen(PAGE, false);
    const answer = await like(test, id);
    expect(answer.statusCode).toBe(403);
    expect(answer.json().error).toMatchObject({
      code: 'comments_closed',
      message: 'Comments are closed on this page.',
    });
    expect(await rowCount(test, 'likes')).toBe(0);
  });

  it('refuses a like sent from a page outside SITE_ORIGINS', async () => {
    const test = await setUp();
    const id = await seedComment(test);
    const answer = await like(test, id, VOTER, 'POST', {
      headers: { origin: 'https://elsewhere.example' },
    });
    expect(answer.statusCode).toBe(403);
    expect(answer.json().error.code).toBe('site_not_allowed');
  });

  it('answers 400 naming voter for a voter id that is missing, too short or too long', async () => {
    const test = await setUp();
    const id = await seedComment(test);
    for (const payload of [{}, { voter: 'short' }, { voter: 'x'.repeat(101) }, { voter: null }]) {
      const answer = await sendLike(test, id, payload);
      expect(answer.statusCode, JSON.stringify(payload)).toBe(400);
      expect(answer.json().error).toMatchObject({
        code: 'invalid_input',
        fields: { voter: expect.any(String) },
      });
    }
    expect((await sendLike(test, id, { voter: 'short' })).json().error.fields.voter).toBe(
      'Must be at least 16 characters.',
    );
    expect(await rowCount(test, 'likes')).toBe(0);
  });
});

describe('LIKE_RATE_LIMIT_PER_MINUTE', () => {
  it('turns away a client’s likes beyond the limit, given or taken back, apart from its posts', async () => {
    const test = await setUp({ LIKE_RATE_LIMIT_PER_MINUTE: '3', RATE_LIMIT_PER_MINUTE: '5' });
    const id = await seedComment(test);
    const one = { remoteAddress: '198.51.100.1' };
    expect((await like(test, id, VOTER, 'POST', one)).statusCode).toBe(200);
    expect((await like(test, id, VOTER, 'DELETE', one)).statusCode).toBe(200);
    expect((await like(test, id, VOTER, 'POST', one)).statusCode).toBe(200);
    const refused = await like(test, id, OTHER_VOTER, 'POST', one);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('rate_limited');
    expect(refused.headers['retry-after']).toBeDefined();

    // Another client likes on, and the first one may still post.
    expect(
      (await like(test, id, OTHER_VOTER, 'POST', { remoteAddress: '198.51.100.2' })).statusCode,
    ).toBe(200);
    expect((await postComment(test, { body: 'Still posting.' }, one)).statusCode).toBe(201);
  });

  it('allows 30 likes a minute unless set, none at 0, and says what is wrong with a bad value', () => {
    expect(loadConfig({})).toMatchObject({ likes: true, likeRateLimitPerMinute: 30 });
    expect(loadConfig({ LIKE_RATE_LIMIT_PER_MINUTE: '0', LIKES: 'off' })).toMatchObject({
      likes: false,
      likeRateLimitPerMinute: 0,
    });
    expect(() => loadConfig({ LIKE_RATE_LIMIT_PER_MINUTE: 'lots' })).toThrow(
      /LIKE_RATE_LIMIT_PER_MINUTE must be a whole number from 0 to 100000, not "lots"/,
    );
    expect(() => loadConfig({ LIKES: 'maybe' })).toThrow(
      /LIKES must be true or false, not "maybe"/,
    );
  });

  it('counts likes apart from posts: a client at its posting limit still likes', async () => {
    const test = await setUp({ RATE_LIMIT_PER_MINUTE: '1' });
    const from = { remoteAddress: '198.51.100.3' };
    const id = await seedComment(test);
    expect((await postComment(test, { body: 'One.' }, from)).statusCode).toBe(201);
    expect((await postComment(test, { body: 'One more.' }, from)).statusCode).toBe(429);
    for (let i = 0; i < 5; i++)
      expect((await like(test, id, `voter-number-${i}-0123456789`, 'POST', from)).statusCode).toBe(
        200,
      );
  });
});
