/**
 * Paging a thread in every order and by every limit while comments and likes keep arriving: each
 * page is in its order, no comment shows twice, none that was there when the reading began is
 * skipped, and new ones turn up where their order puts them. Likes are given only to comments
 * already shown: a like that moves a comment the reader has not reached yet across the cursor
 * may show it twice or not at all, as README says.
 */
import { describe, expect, it } from 'vitest';
import { seedComment, type TestApp } from '../helpers/app.ts';
import { asAdmin, readThread } from '../helpers/requests.ts';
import { runSql } from '../helpers/scene.ts';
import { useTestApps } from '../helpers/test-apps.ts';

const setUp = useTestApps({ MODERATION: 'none', LIKE_RATE_LIMIT_PER_MINUTE: '0' });

type Sort = 'oldest' | 'newest' | 'best';
interface Shown {
  id: number;
  parent: number | null;
  created: string;
  likes: number;
  pinned?: boolean;
}

/** A small seeded generator (mulberry32): the same seed, the same run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Whether `a` comes before `b` among top-level comments in `sort`'s order. */
function comesBefore(a: Shown, b: Shown, sort: Sort): boolean {
  const byAge = a.created < b.created || (a.created === b.created && a.id < b.id);
  if (sort === 'oldest') return byAge;
  if (sort === 'newest') return !byAge && a.id !== b.id;
  return a.likes > b.likes || (a.likes === b.likes && byAge);
}

/** A thread that grows while it is read: posts, replies and likes by readers. */
async function growingThread(seed: number) {
  const next = random(seed);
  let now = Date.parse('2025-03-01T12:00:00.000Z');
  const test = await setUp({}, { clock: () => new Date(now) });
  const tops: number[] = [];
  let posts = 0;
  let voters = 0;

  const thread = {
    test,
    next,
    tops,
    /** A new top-level comment, sometimes in the same millisecond as the one before. */
    async post(): Promise<number> {
      if (next() < 0.7) now += Math.floor(next() * 2000);
      const id = await seedComment(test, { body: `Comment ${posts++}` });
      tops.push(id);
      return id;
    },
    async reply(): Promise<void> {
      now += Math.floor(next() * 2000);
      const parent = tops[Math.floor(next() * tops.length)] as number;
      await seedComment(test, { body: `Reply ${posts++}`, parent });
    },
    /** A like by a new voter; the clock then moves on a second, so the next read shows it. */
    async like(id: number): Promise<void> {
      const answer = await test.app.inject({
        method: 'POST',
        url: `/api/comments/${id}/like`,
        payload: { voter: `voter-${voters++}-0123456789abcdef` },
      });
      expect(answer.statusCode, answer.body).toBe(200);
      now += 1000;
    },
    /** Every comment readers see now. */
    async shownIds(): Promise<number[]> {
      const rows = await runSql<{ id: number }>(
        test,
        "SELECT id FROM comments WHERE status = 'approved'",
      );
      return rows.map((row) => row.id);
    },
  };
  return thread;
}

/**
 * Reads the whole thread in `sort`'s order, `limit` at a time; `between` runs after each page
 * that has another after it.
 */
async function pageThrough(
  test: TestApp,
  sort: Sort,
  limit: number,
  between: (seen: Shown[]) => Promise<void>,
) {
  const pages: Shown[][] = [];
  let after: string | null = null;
  do {
    const response = await readThread(test, undefined, {
      sort,
      limit: String(limit),
      ...(after ? { after } : {}),
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.sort).toBe(sort);
    pages.push(body.comments);
    after = body.next;
    if (after) await between(pages.flat());
    expect(pages.length).toBeLessThan(500);
  } while (after);
  return pages;
}

describe('paging a thread in every order while it grows', () => {
  for (const seed of [1, 2, 3]) {
    it(`keeps each order without repeats or gaps (seed ${seed})`, async () => {
      const thread = await growingThread(seed);
      const { test, next } = thread;
      for (let i = 0; i < 14; i++) await thread.post();
      for (let i = 0; i < 10; i++) await thread.reply();
      for (const id of thread.tops.slice(0, 8)) {
        const likes = Math.floor(next() * 4);
        for (let n = 0; n < likes; n++) await thread.like(id);
      }
      const pinned = thread.tops.slice(4, 6);
      for (const id of pinned) {
        const pin = await asAdmin(test, 'POST', `/comments/${id}/pin`);
        expect(pin.statusCode, pin.body).toBe(200);
      }

      for (const sort of ['oldest', 'newest', 'best'] as const) {
        for (const limit of [1, 2, 3, 5, 50]) {
          const before = new Set(await thread.shownIds());
          const added: number[] = [];
          const pages = await pageThrough(test, sort, limit, async (seen) => {
            const act = next();
            if (act < 0.25) added.push(await thread.post());
            else if (act < 0.4) await thread.reply();
            else if (act < 0.7) {
              // Only comments already shown: they move ahead of the cursor, never across it.
              const pool = sort === 'best' ? seen.map((comment) => comment.id) : thread.tops;
              await thread.like(pool[Math.floor(next() * pool.length)] as number);
            }
          });
          const label = `${sort}, limit ${limit}`;
          const shown = pages.flat();
          const ids = shown.map((comment) => comment.id);
          expect(new Set(ids).size, `${label}: repeats`).toBe(ids.length);
          for (const id of before) expect(ids, `${label}: gap`).toContain(id);

          // Pinned comments lead the first page, oldest first, and show nowhere else.
          expect(
            pages[0]?.filter((comment) => comment.pinned).map((comment) => comment.id),
          ).toEqual(pinned);
          const tops = shown.filter((comment) => comment.parent === null && !comment.pinned);
          for (let i = 1; i < tops.length; i++)
            expect(
              comesBefore(tops[i - 1] as Shown, tops[i] as Shown, sort),
              `${label}: ${tops[i - 1]?.id} before ${tops[i]?.id}`,
            ).toBe(true);
          // Each reply follows its own comment (or a reply to it), oldest first.
          for (const page of pages) {
            let root: Shown | undefined;
            let last: Shown | undefined;
            for (const comment of page) {
              if (comment.parent === null) root = comment;
              else {
                expect(root, label).toBeDefined();
                expect(comment.created >= (last as Shown).created, label).toBe(true);
              }
              last = comment;
            }
          }
          // Comments posted meanwhile come last in the oldest and best orders, before the
          // cursor in the newest.
          for (const id of added) {
            if (sort === 'newest') expect(ids, label).not.toContain(id);
            else expect(ids, label).toContain(id);
          }
        }
      }
    }, 120_000);
  }
});
