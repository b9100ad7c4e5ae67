/**
 * What readers see of a thread, read from PostgreSQL a page at a time, with thread-pages.ts's
 * rules and answers: the same statements, each one range of one index, read in the index's order
 * so that LIMIT stops the reading.
 *
 * PostgreSQL takes no index hints (SQLite's statements name their index), so the top-level
 * statements are written so that only their index gives their order. The planner does not take
 * `parent_id IS NULL` as fixing parent_id, so each ORDER BY names it, and page_id too, with the
 * page matched by `= ANY (ARRAY[$1])`, which, unlike `= $1`, leaves page_id in the order: else
 * the index on parent_id alone offers every top-level comment of the site "partly sorted", and an
 * incremental sort of them, which the planner misjudges as cheap, wins on first pages.
 */
import { LIMITS } from '../../../shared/limits.ts';
import type { ThreadSort } from '../../../shared/types.ts';
import type { CommentRow, Position, ThreadCursor } from '../rows.ts';
import type { Asynchronous } from '../storage.ts';
import type { createThreadPages } from '../thread-pages.ts';
import { all, type Connection, statement } from './connection.ts';

/** A position before every comment: the start of a comment's replies. */
const BEFORE_ALL: Position = { created: '', id: 0 };
/** A position after every comment, where newest first starts: no stored time sorts after it. */
const AFTER_ALL: Position = { created: '\u{10FFFF}', id: Number.MAX_SAFE_INTEGER };
/** More likes than any comment has: the best order starts below it. */
const MOST_LIKES = Number.MAX_SAFE_INTEGER;

const SHOWN_TOP_LEVEL = `page_id = ANY (ARRAY[$1::bigint]) AND parent_id IS NULL
       AND status IN ('approved', 'deleted') AND pinned = 0`;

export const THREAD_STATEMENTS = {
  threadRows: statement(
    'threads.threadRows',
    `SELECT * FROM comments WHERE page_id = $1 AND status IN ('approved', 'deleted')
     ORDER BY created_at, id`,
  ),
  topLevelPage: statement(
    'threads.topLevelPage',
    `SELECT * FROM comments
     WHERE ${SHOWN_TOP_LEVEL} AND (created_at, id) > ($2, $3)
     ORDER BY page_id, parent_id, created_at, id LIMIT $4`,
  ),
  topLevelNewest: statement(
    'threads.topLevelNewest',
    `SELECT * FROM comments
     WHERE ${SHOWN_TOP_LEVEL} AND (created_at, id) < ($2, $3)
     ORDER BY page_id DESC, parent_id DESC, created_at DESC, id DESC LIMIT $4`,
  ),
  // The best order in two ranges of comments_best, so that each page reads only its own rows:
  // the comments with as many likes as the cursor's that come after it, then those with fewer.
  topLevelTied: statement(
    'threads.topLevelTied',
    `SELECT * FROM comments
     WHERE ${SHOWN_TOP_LEVEL} AND likes = $2 AND (created_at, id) > ($3, $4)
     ORDER BY page_id, parent_id, created_at, id LIMIT $5`,
  ),
  topLevelBest: statement(
    'threads.topLevelBest',
    `SELECT * FROM comments
     WHERE ${SHOWN_TOP_LEVEL} AND likes < $2
     ORDER BY page_id, parent_id, likes DESC, created_at, id LIMIT $3`,
  ),
  // Few comments are pinned; the partial index comments_pinned holds just those.
  pinnedTopLevel: statement(
    'threads.pinnedTopLevel',
    `SELECT * FROM comments
     WHERE page_id = $1 AND pinned = 1 AND parent_id IS NULL AND status = 'approved'
     ORDER BY created_at, id`,
  ),
  // In comments_by_root's own order, so that LIMIT stops the reading: never more rows than one
  // answer may hold, however many replies the comments have.
  repliesUnder: statement(
    'threads.repliesUnder',
    `SELECT * FROM comments
     WHERE root_id = ANY ($1::bigint[]) AND status IN ('approved', 'deleted')
     ORDER BY root_id, created_at, id LIMIT $2`,
  ),
  repliesOf: statement(
    'threads.repliesOf',
    `SELECT * FROM comments
     WHERE root_id = $1 AND status IN ('approved', 'deleted') AND (created_at, id) > ($2, $3)
     ORDER BY created_at, id LIMIT $4`,
  ),
};

const statements = THREAD_STATEMENTS;

export type PgThreadPages = Asynchronous<Omit<ReturnType<typeof createThreadPages>, 'statements'>>;

/** Where a top-level comment stands in `sort`'s order, as a cursor names it. */
function positionOf(row: CommentRow, sort: ThreadSort): ThreadCursor {
  const position: ThreadCursor = { created: row.created_at, id: row.id };
  if (sort === 'best') position.likes = row.likes;
  return position;
}

/** Whether `row` comes after `position` in a thread's order (by time, then id), as SQL compares. */
function isAfter(row: CommentRow, position: Position): boolean {
  return (
    row.created_at > position.created ||
    (row.created_at === position.created && row.id > position.id)
  );
}

export function createPgThreadPages(connection: Connection): PgThreadPages {
  const read = (name: keyof typeof statements, values: readonly unknown[]) =>
    all<CommentRow>(connection, statements[name], values);

  /** Up to `count` unpinned top-level comments after `from` (the start when null) in `sort`. */
  async function topLevelAfter(
    pageId: number,
    from: ThreadCursor | null,
    sort: ThreadSort,
    count: number,
  ): Promise<CommentRow[]> {
    if (sort === 'newest') {
      const { created, id } = from ?? AFTER_ALL;
      return read('topLevelNewest', [pageId, created, id, count]);
    }
    if (sort === 'best') {
      if (!from) return read('topLevelBest', [pageId, MOST_LIKES, count]);
      const likes = from.likes ?? 0;
      const tied = await read('topLevelTied', [pageId, likes, from.created, from.id, count]);
      if (tied.length >= count) return tied;
      return tied.concat(await read('topLevelBest', [pageId, likes, count - tied.length]));
    }
    const { created, id } = from ?? BEFORE_ALL;
    return read('topLevelPage', [pageId, created, id, count]);
  }

  return {
    threadRows: (pageId) => read('threadRows', [pageId]),

    async threadPage(pageId, after, limit, sort = 'oldest', most = LIMITS.threadCommentsMax) {
      const rows: CommentRow[] = [];
      // The last top-level comment shown with all its replies: where a next page would start.
      let complete: ThreadCursor | null = after && { ...after, reply: undefined };

      /** Adds the replies to `top` after `from`; the cursor into them when not all of them fit. */
      const addReplies = async (
        top: ThreadCursor,
        from: Position | null,
      ): Promise<ThreadCursor | null> => {
        const room = most - rows.length;
        const replies = await read('repliesOf', [
          top.id,
          from?.created ?? '',
          from?.id ?? 0,
          room + 1,
        ]);
        if (replies.length <= room) {
          rows.push(...replies);
          return null;
        }
        replies.length = room;
        rows.push(...replies);
        const last = replies.at(-1);
        return {
          ...top,
          reply: last ? { created: last.created_at, id: last.id } : (from ?? BEFORE_ALL),
        };
      };
      const stop = (next: ThreadCursor | null, cut: number | null = null) => ({ rows, next, cut });

      if (after?.reply) {
        const inside = await addReplies(after, after.reply);
        if (inside) return stop(inside, after.id);
      }
      const tops: { row: CommentRow; pinned: boolean }[] = [];
      if (!after || after.pinned) {
        for (const row of await read('pinnedTopLevel', [pageId])) {
          if (!after || isAfter(row, after)) tops.push({ row, pinned: true });
        }
      }
      const from = after?.pinned ? null : after;
      const unpinned = await topLevelAfter(pageId, from, sort, limit + 1);
      const more = unpinned.length > limit;
      if (more) unpinned.pop();
      for (const row of unpinned) tops.push({ row, pinned: false });

      // Most pages: all these comments' replies fit, and one query reads them.
      const room = most - rows.length - tops.length;
      const replies =
        room >= 0 && tops.length > 0
          ? await read('repliesUnder', [tops.map(({ row }) => row.id), room + 1])
          : [];
      if (room >= 0 && replies.length <= room) {
        const byRoot = new Map<number, CommentRow[]>();
        for (const reply of replies) {
          const root = reply.root_id as number;
          const under = byRoot.get(root);
          if (under) under.push(reply);
          else byRoot.set(root, [reply]);
        }
        for (const { row } of tops) rows.push(row, ...(byRoot.get(row.id) ?? []));
        const last = unpinned.at(-1);
        return stop(more && last ? positionOf(last, sort) : null);
      }
      // Otherwise comment by comment, until the answer is full.
      for (const { row, pinned } of tops) {
        if (rows.length >= most) return stop(complete);
        rows.push(row);
        const top = positionOf(row, sort);
        if (pinned) top.pinned = true;
        const inside = await addReplies(top, null);
        if (inside) return stop(inside, row.id);
        complete = top;
      }
      return stop(more ? complete : null);
    },
  };
}
