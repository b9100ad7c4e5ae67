/**
 * What readers see of a thread: its approved comments and placeholders, a page at a time, each
 * top-level comment followed by its replies, pinned ones first. Top-level comments come in the
 * order asked for (oldest or newest first, or most liked first, then oldest); replies always
 * follow their comment oldest first, and pinned comments lead the first page, oldest first.
 */
import type { Database } from 'better-sqlite3';
import { LIMITS } from '../../shared/limits.ts';
import type { ThreadSort } from '../../shared/types.ts';
import type { CommentRow, Position, ThreadCursor } from './rows.ts';

/** A position before every comment: the start of a comment's replies. */
const BEFORE_ALL: Position = { created: '', id: 0 };
/** A position after every comment, where newest first starts: no stored time sorts after it. */
const AFTER_ALL: Position = { created: '\u{10FFFF}', id: Number.MAX_SAFE_INTEGER };
/** More likes than any comment has: the best order starts below it. */
const MOST_LIKES = Number.MAX_SAFE_INTEGER;

/**
 * Where a top-level comment stands in `sort`'s order, as a cursor names it. In the best order
 * that is its likes as shown: a like given while a reader pages on may move a comment across
 * the cursor, so that it shows on two pages or on none (the widget drops repeats).
 */
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

export function createThreadPages(db: Database) {
  const statements = {
    threadRows: db.prepare<[number], CommentRow>(
      `SELECT * FROM comments WHERE page_id = ? AND status IN ('approved', 'deleted')
       ORDER BY created_at, id`,
    ),
    topLevelPage: db.prepare<[number, string, number, number], CommentRow>(
      `SELECT * FROM comments
       WHERE page_id = ? AND parent_id IS NULL AND status IN ('approved', 'deleted') AND pinned = 0
         AND (created_at, id) > (?, ?)
       ORDER BY created_at, id LIMIT ?`,
    ),
    topLevelNewest: db.prepare<[number, string, number, number], CommentRow>(
      `SELECT * FROM comments
       WHERE page_id = ? AND parent_id IS NULL AND status IN ('approved', 'deleted') AND pinned = 0
         AND (created_at, id) < (?, ?)
       ORDER BY created_at DESC, id DESC LIMIT ?`,
    ),
    // The best order in two ranges of its index, so that each page reads only its own rows: the
    // comments with as many likes as the cursor's that come after it, then those with fewer.
    topLevelTied: db.prepare<[number, number, string, number, number], CommentRow>(
      `SELECT * FROM comments INDEXED BY comments_best
       WHERE page_id = ? AND parent_id IS NULL AND status IN ('approved', 'deleted') AND pinned = 0
         AND likes = ? AND (created_at, id) > (?, ?)
       ORDER BY created_at, id LIMIT ?`,
    ),
    topLevelBest: db.prepare<[number, number, number], CommentRow>(
      `SELECT * FROM comments INDEXED BY comments_best
       WHERE page_id = ? AND parent_id IS NULL AND status IN ('approved', 'deleted') AND pinned = 0
         AND likes < ?
       ORDER BY likes DESC, created_at, id LIMIT ?`,
    ),
    pinnedTopLevel: db.prepare<[number], CommentRow>(
      // Few comments are pinned; the partial index holds just those.
      `SELECT * FROM comments INDEXED BY comments_pinned
       WHERE page_id = ? AND pinned = 1 AND parent_id IS NULL AND status = 'approved'
       ORDER BY created_at, id`,
    ),
    repliesUnder: db.prepare<[string, number], CommentRow>(
      // In the index's own order, so that LIMIT stops the reading: never more rows than one
      // answer may hold, however many replies the comments have.
      `SELECT * FROM comments
       WHERE root_id IN (SELECT value FROM json_each(?)) AND +status IN ('approved', 'deleted')
       ORDER BY root_id, created_at, id LIMIT ?`,
    ),
    repliesOf: db.prepare<[number, string, number, number], CommentRow>(
      // The unary + keeps the planner off the status index: by root there are few rows to check.
      `SELECT * FROM comments
       WHERE root_id = ? AND +status IN ('approved', 'deleted') AND (created_at, id) > (?, ?)
       ORDER BY created_at, id LIMIT ?`,
    ),
  };

  /** Up to `count` unpinned top-level comments after `from` (the start when null) in `sort`. */
  function topLevelAfter(
    pageId: number,
    from: ThreadCursor | null,
    sort: ThreadSort,
    count: number,
  ): CommentRow[] {
    if (sort === 'newest') {
      const { created, id } = from ?? AFTER_ALL;
      return statements.topLevelNewest.all(pageId, created, id, count);
    }
    if (sort === 'best') {
      if (!from) return statements.topLevelBest.all(pageId, MOST_LIKES, count);
      const likes = from.likes ?? 0;
      const tied = statements.topLevelTied.all(pageId, likes, from.created, from.id, count);
      if (tied.length >= count) return tied;
      return tied.concat(statements.topLevelBest.all(pageId, likes, count - tied.length));
    }
    const { created, id } = from ?? BEFORE_ALL;
    return statements.topLevelPage.all(pageId, created, id, count);
  }

  return {
    statements,
    /** Approved comments and the deleted ones kept as placeholders, oldest first. */
    threadRows(pageId: number): CommentRow[] {
      return statements.threadRows.all(pageId);
    },
    /**
     * One page of a thread: up to `limit` top-level comments after the cursor, in `sort`'s order,
     * each followed by its replies, and never more than `most` comments in all. Pinned comments
     * lead the first page, outside the paging order. When a comment's replies do not all fit,
     * the page ends inside them and `next` continues there; `next` is null after the last.
     * `cut` names the top-level comment whose replies continue on the next page.
     */
    threadPage(
      pageId: number,
      after: ThreadCursor | null,
      limit: number,
      sort: ThreadSort = 'oldest',
      most: number = LIMITS.threadCommentsMax,
    ): { rows: CommentRow[]; next: ThreadCursor | null; cut: number | null } {
      const rows: CommentRow[] = [];
      // The last top-level comment shown with all its replies: where a next page would start.
      let complete: ThreadCursor | null = after && { ...after, reply: undefined };

      /** Adds the replies to `top` after `from`; the cursor into them when not all of them fit. */
      const addReplies = (top: ThreadCursor, from: Position | null): ThreadCursor | null => {
        const room = most - rows.length;
        const replies = statements.repliesOf.all(
          top.id,
          from?.created ?? '',
          from?.id ?? 0,
          room + 1,
        );
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
        const inside = addReplies(after, after.reply);
        if (inside) return stop(inside, after.id);
      }
      const tops: { row: CommentRow; pinned: boolean }[] = [];
      if (!after || after.pinned) {
        for (const row of statements.pinnedTopLevel.all(pageId)) {
          if (!after || isAfter(row, after)) tops.push({ row, pinned: true });
        }
      }
      const from = after?.pinned ? null : after;
      const unpinned = topLevelAfter(pageId, from, sort, limit + 1);
      const more = unpinned.length > limit;
      if (more) unpinned.pop();
      for (const row of unpinned) tops.push({ row, pinned: false });

      // Most pages: all these comments' replies fit, and one query reads them.
      const room = most - rows.length - tops.length;
      const replies =
        room >= 0 && tops.length > 0
          ? statements.repliesUnder.all(JSON.stringify(tops.map(({ row }) => row.id)), room + 1)
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
        const inside = addReplies(top, null);
        if (inside) return stop(inside, row.id);
        complete = top;
      }
      return stop(more ? complete : null);
    },
  };
}
