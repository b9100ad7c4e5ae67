/**
 * Likes and the kept thread answers: a like shows within a second, a page liked many times in a
 * second is serialised again once for all of them, and a post still shows at once.
 */
import { describe, expect, it } from 'vitest';
import { seedComment, type TestApp } from '../helpers/app.ts';
import { readThread } from '../helpers/requests.ts';
import { runSql } from '../helpers/scene.ts';
import { standingClock } from '../helpers/standing-clock.ts';
import { useTestApps } from '../helpers/test-apps.ts';

const METRICS_TOKEN = 'metrics-token-0123456789';
const setUp = useTestApps({ MODERATION: 'none', LIKE_RATE_LIMIT_PER_MINUTE: '0', METRICS_TOKEN });

/** How many thread answers the server has serialised, from GET /metrics. */
async function serialisations(test: TestApp): Promise<number> {
  const metrics = await test.app.inject({
    method: 'GET',
    url: '/metrics',
    headers: { authorization: `Bearer ${METRICS_TOKEN}` },
  });
  const count = /^leave_a_reply_thread_serialisations_total (\d+)$/m.exec(metrics.body)?.[1];
  expect(count, metrics.body.slice(0, 500)).toBeDefined();
  return Number(count);
}

function like(test: TestApp, id: number, voter: string) {
  return test.app.inject({ method: 'POST', url: `/api/comments/${id}/like`, payload: { voter } });
}

const likesOf = (body: { comments: { id: number; likes: number }[] }, id: number) =>
  body.comments.find((comment) => comment.id === id)?.likes;

describe('likes and the kept thread answers', () => {
  it('shows a like in the first read a second after it, and changes the ETag with it', async () => {
    const time = standingClock();
    const test = await setUp({}, { clock: time.clock });
    const id = await seedComment(test);
    const before = await readThread(test);
    const etag = before.headers.etag as string;

    expect((await like(test, id, 'voter-0123456789abcdef')).json()).toEqual({ likes: 1 });
    time.moveOn(1000);
    const after = await readThread(test, undefined, {}, { headers: { 'if-none-match': etag } });
    expect(after.statusCode).toBe(200);
    expect(likesOf(after.json(), id)).toBe(1);
    expect(after.headers.etag).not.toBe(etag);
    // And the new ETag holds until something changes again.
    const again = await readThread(
      test,
      undefined,
      {},
      { headers: { 'if-none-match': after.headers.etag as string } },
    );
    expect(again.statusCode).toBe(304);
  });

  it('serialises a page liked 20 times within one second again once, not 20 times', async () => {
    const time = standingClock();
    const test = await setUp({}, { clock: time.clock });
    const id = await seedComment(test);
    await readThread(test);
    const start = await serialisations(test);

    for (let n = 0; n < 20; n++) {
      expect((await like(test, id, `voter-${n}-0123456789abcdef`)).statusCode).toBe(200);
      expect((await readThread(test)).statusCode).toBe(200);
      time.moveOn(40);
    }
    time.moveOn(1000);
    const shown = (await readThread(test)).json();
    expect(likesOf(shown, id)).toBe(20);
    expect(await serialisations(test)).toBeLessThanOrEqual(start + 1);
  });

  it('shows a new comment at once, in the same second as likes', async () => {
    const time = standingClock();
    const test = await setUp({}, { clock: time.clock });
    const first = await seedComment(test, { body: 'The first.' });
    await readThread(test);
    await like(test, first, 'voter-0123456789abcdef');
    const second = await seedComment(test, { body: 'The second.' });
    const shown = (await readThread(test)).json();
    expect(shown.comments.map((comment: { id: number }) => comment.id)).toEqual([first, second]);
  });

  it('leaves the page’s version as it is when a comment is liked or the like taken back', async () => {
    const test = await setUp();
    const id = await seedComment(test);
    const version = async () => {
      const pages = await runSql<{ version: number; likes: number }>(
        test,
        'SELECT version, likes_version AS likes FROM pages',
      );
      expect(pages).toHaveLength(1);
      return pages[0] as { version: number; likes: number };
    };
    const before = await version();
    await like(test, id, 'voter-0123456789abcdef');
    await test.app.inject({
      method: 'DELETE',
      url: `/api/comments/${id}/like`,
      payload: { voter: 'voter-0123456789abcdef' },
    });
    expect(await version()).toEqual({ version: before.version, likes: before.likes + 2 });
  });
});
