/**
 * A thread in the order a reader picks: oldest first (the default), newest first, or most liked
 * first. Replies stay under their comment, oldest first; pinned comments lead the first page.
 */
import { describe, expect, it } from 'vitest';
import { seedComment, type TestApp } from '../helpers/app.ts';
import { asAdmin, readThread } from '../helpers/requests.ts';
import { useTestApps } from '../helpers/test-apps.ts';

const setUp = useTestApps({ MODERATION: 'none', LIKE_RATE_LIMIT_PER_MINUTE: '0' });

/** A clock that goes on by a minute at each reading: every comment has a time of its own. */
function minuteClock() {
  let now = Date.parse('2025-03-01T12:00:00.000Z');
  return () => {
    now += 60_000;
    return new Date(now);
  };
}

async function likeBy(test: TestApp, id: number, voters: number) {
  for (let n = 0; n < voters; n++) {
    const answer = await test.app.inject({
      method: 'POST',
      url: `/api/comments/${id}/like`,
      payload: { voter: `voter-${n}-0123456789abcdef` },
    });
    expect(answer.statusCode).toBe(200);
  }
}

async function idsIn(test: TestApp, query: Record<string, string> = {}) {
  const response = await readThread(test, undefined, query);
  expect(response.statusCode, response.body).toBe(200);
  const body = response.json();
  return { ids: body.comments.map((comment: { id: number }) => comment.id), body };
}

describe('the order of a thread', () => {
  it('sends the oldest first unless asked, and says which order it sent', async () => {
    const test = await setUp({}, { clock: minuteClock() });
    const a = await seedComment(test, { body: 'A' });
    const b = await seedComment(test, { body: 'B' });
    const plain = await idsIn(test);
    expect(plain.ids).toEqual([a, b]);
    expect(plain.body.sort).toBe('oldest');
    expect((await idsIn(test, { sort: 'oldest' })).body.sort).toBe('oldest');
  });

  it('sends top-level comments newest first with sort=newest, each reply under its comment oldest first', async () => {
    const test = await setUp({}, { clock: minuteClock() });
    const a = await seedComment(test, { body: 'A' });
    const b = await seedComment(test, { body: 'B' });
    const a1 = await seedComment(test, { body: 'A1', parent: a });
    const a2 = await seedComment(test, { body: 'A2', parent: a });
    const c = await seedComment(test, { body: 'C' });
    const { ids, body } = await idsIn(test, { sort: 'newest' });
    expect(ids).toEqual([c, b, a, a1, a2]);
    expect(body.sort).toBe('newest');
  });

  it('sends the most liked first with sort=best, then the oldest, with pinned comments leading', async () => {
    const test = await setUp({}, { clock: minuteClock() });
    const a = await seedComment(test, { body: 'A' });
    const b = await seedComment(test, { body: 'B' });
    const c = await seedComment(test, { body: 'C' });
    const d = await seedComment(test, { body: 'D' });
    const pinned = await seedComment(test, { body: 'Pinned' });
    const c1 = await seedComment(test, { body: 'C1', parent: c });
    await likeBy(test, c, 3);
    await likeBy(test, b, 1);
    await likeBy(test, d, 1);
    await likeBy(test, c1, 5);
    const pin = await asAdmin(test, 'POST', `/comments/${pinned}/pin`);
    expect(pin.statusCode, pin.body).toBe(200);

    const { ids, body } = await idsIn(test, { sort: 'best' });
    expect(ids).toEqual([pinned, c, c1, b, d, a]);
    expect(body.sort).toBe('best');
    expect(body.comments.map((comment: { likes: number }) => comment.likes)).toEqual([
      0, 3, 5, 1, 1, 0,
    ]);
    for (const sort of ['oldest', 'newest'])
      expect((await idsIn(test, { sort })).ids[0]).toBe(pinned);
  });

  it('refuses a cursor made for another order with 400 naming after', async () => {
    const test = await setUp({}, { clock: minuteClock() });
    for (let i = 0; i < 3; i++) await seedComment(test, { body: `Top ${i}` });
    const sorts = ['oldest', 'newest', 'best'];
    for (const made of sorts) {
      const next = (await idsIn(test, { sort: made, limit: '1' })).body.next;
      expect(next).toEqual(expect.any(String));
      for (const used of sorts) {
        const answer = await readThread(test, undefined, { sort: used, limit: '1', after: next });
        if (used === made) expect(answer.statusCode).toBe(200);
        else {
          expect(answer.statusCode, `${made} → ${used}`).toBe(400);
          expect(answer.json().error.fields).toEqual({ after: expect.stringContaining(made) });
        }
      }
    }
  });

  it('answers 400 naming sort for an order it does not know', async () => {
    const test = await setUp();
    const answer = await readThread(test, undefined, { sort: 'random' });
    expect(answer.statusCode).toBe(400);
    expect(answer.json().error.fields).toHaveProperty('sort');
  });

  it('reads a cursor of the oldest order made before there were orders', async () => {
    const test = await setUp({}, { clock: minuteClock() });
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push(await seedComment(test, { body: `Top ${i}` }));
    const created = (await test.store.findComment(ids[0] as number))?.created_at as string;
    expect(created).toEqual(expect.any(String));
    const old = Buffer.from(JSON.stringify([created, ids[0]])).toString('base64url');
    expect((await idsIn(test, { after: old })).ids).toEqual(ids.slice(1));
  });
});
