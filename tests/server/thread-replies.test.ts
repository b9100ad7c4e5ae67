/**
 * One answer for a thread holds at most LIMITS.threadCommentsMax comments, whatever a page's
 * replies number: a top-level comment with more replies than fit continues in the next answer,
 * by the same `next` cursor, so every reply is reachable and none is sent twice.
 */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/storage/open.ts';
import { createStore } from '../../server/storage/store.ts';
import { LIMITS } from '../../shared/limits.ts';
import { ON_POSTGRES, type TestApp } from '../helpers/app.ts';
import { readThread } from '../helpers/requests.ts';
import { insertRows, runSql, type SqlValue } from '../helpers/scene.ts';
import { useTestApps } from '../helpers/test-apps.ts';

const PAGE = 'http://localhost:8080/posts/popular';
const setUp = useTestApps();

interface Shown {
  id: number;
  parent: number | null;
  deleted?: boolean;
}

/**
 * Comments as an import writes them, straight into the database: thousands in a moment. `add`
 * numbers each in turn (the database is fresh) and `write` stores those added since it last ran.
 */
async function seeder(test: TestApp) {
  const [page] = await runSql<{ id: number }>(
    test,
    "INSERT INTO pages (key, url, title, created_at) VALUES (?, ?, 'Popular', '2024-01-01') RETURNING id",
    [PAGE, PAGE],
  );
  let rows: Record<string, SqlValue>[] = [];
  let minute = 0;
  const add = (
    parent: { id: number; root: number } | null,
    options: { status?: string; pinned?: boolean; body?: string } = {},
  ): { id: number; root: number } => {
    const body = options.body ?? `Comment ${minute}: ${'a thought worth a reply. '.repeat(40)}`;
    const created = new Date(Date.UTC(2024, 0, 1) + minute++ * 60_000).toISOString();
    const id = minute;
    rows.push({
      id,
      page_id: page?.id as number,
      parent_id: parent?.id ?? null,
      root_id: parent?.root ?? null,
      depth: parent ? 2 : 1,
      status: options.status ?? 'approved',
      pinned: options.pinned ? 1 : 0,
      name: 'Reader',
      email: 'reader@example.com',
      body,
      html: `<p>${body}</p>`,
      created_at: created,
    });
    return { id, root: parent?.root ?? id };
  };
  const write = async () => {
    await insertRows(test, 'comments', rows);
    rows = [];
  };
  return { add, write };
}

/** Reads the thread from its first answer, following `next` to the end. */
async function readAll(test: TestApp, limit?: number) {
  const answers: { bytes: number; comments: Shown[] }[] = [];
  let after: string | null = null;
  do {
    const response = await readThread(test, PAGE, {
      ...(limit ? { limit: String(limit) } : {}),
      ...(after ? { after } : {}),
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    answers.push({ bytes: response.rawPayload.length, comments: body.comments });
    after = body.next;
    expect(answers.length).toBeLessThan(100);
  } while (after);
  return answers;
}

/** True when every comment's parent came before it, in this answer or an earlier one. */
function parentsComeFirst(comments: Shown[]): boolean {
  const seen = new Set<number>();
  return comments.every((comment) => {
    const ok = comment.parent === null || seen.has(comment.parent);
    seen.add(comment.id);
    return ok;
  });
}

describe('a page whose replies do not fit in one answer', () => {
  it('answers one comment with 3,000 replies in bounded pieces, every reply reachable by following next', async () => {
    const test = await setUp();
    const { add, write } = await seeder(test);
    const top = add(null);
    const replies = Array.from({ length: 3000 }, () => add(top).id);
    const after = add(null).id;

    await write();
    const answers = await readAll(test, 1);
    for (const answer of answers) {
      expect(answer.comments.length).toBeLessThanOrEqual(LIMITS.threadCommentsMax);
      // Some 1,100 bytes a comment: all 3,001 in one answer were 3.4 MB.
      expect(answer.bytes).toBeLessThan(700_000);
    }
    const shown = answers.flatMap((answer) => answer.comments);
    expect(shown.map((comment) => comment.id)).toEqual([top.id, ...replies, after]);
    expect(parentsComeFirst(shown)).toBe(true);
  });

  it('continues among the pinned comments that lead the first page, then shows the rest', async () => {
    const test = await setUp();
    const { add, write } = await seeder(test);
    const early = add(null);
    const pinned = add(null, { pinned: true });
    const pinnedReplies = Array.from({ length: 700 }, () => add(pinned).id);
    const alsoPinned = add(null, { pinned: true });
    const earlyReply = add(early).id;
    const late = add(null).id;

    await write();
    const answers = await readAll(test);
    expect(answers.length).toBe(2);
    const shown = answers.flatMap((answer) => answer.comments.map((comment) => comment.id));
    expect(shown).toEqual([pinned.id, ...pinnedReplies, alsoPinned.id, early.id, earlyReply, late]);
  });

  it('keeps a placeholder whose replies continue in the next answer', async () => {
    const test = await setUp();
    const { add, write } = await seeder(test);
    const top = add(null);
    for (let i = 0; i < LIMITS.threadCommentsMax - 2; i++) add(top);
    // The last reply in the first answer was deleted; the one answering it is in the second.
    const gone = add(top, { status: 'deleted', body: '' });
    add({ id: gone.id, root: top.id });

    await write();
    const answers = await readAll(test);
    expect(answers.length).toBe(2);
    expect(answers[0]?.comments.at(-1)).toMatchObject({ id: gone.id, deleted: true });
    expect(parentsComeFirst(answers.flatMap((answer) => answer.comments))).toBe(true);
  });

  it('still reads a cursor of the form it gave before answers were bounded', async () => {
    const test = await setUp();
    const { add, write } = await seeder(test);
    const first = add(null);
    const second = add(null).id;
    await write();
    const created = new Date(Date.UTC(2024, 0, 1)).toISOString();
    const cursor = Buffer.from(JSON.stringify([created, first.id])).toString('base64url');
    const response = await readThread(test, PAGE, { after: cursor });
    expect(response.json().comments.map((comment: Shown) => comment.id)).toEqual([second]);
  });
});

// SQLite's own plan for SQLite's own statement, on a database of its own: PostgreSQL runs a
// statement of its own, planned by the tables' statistics, so the check means nothing there.
describe.skipIf(ON_POSTGRES)('the replies in SQLite', () => {
  it('reads replies in the order of their index, so that an answer’s limit also stops the reading', () => {
    const db = openDatabase(':memory:');
    const sql = createStore(db).statementSources().repliesUnder as string;
    const plan = (
      db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('[1]', 501) as { detail: string }[]
    ).map((row) => row.detail);
    expect(plan[0]).toMatch(/^SEARCH comments USING INDEX comments_by_root /);
    expect(plan.join(' | ')).not.toMatch(/TEMP B-TREE/);
    db.close();
  });
});
