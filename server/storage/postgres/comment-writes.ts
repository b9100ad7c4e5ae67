/**
 * Every change to a comment, written to PostgreSQL as comment-writes.ts writes it to SQLite: each
 * one atomically (a transaction of its own, or a savepoint inside one already open), with the
 * same statements in the same order, so that the schema's triggers move page versions and counts
 * alike in both engines.
 */
import type { createCommentWrites } from '../comment-writes.ts';
import type { CommentRow, NewCommentRow, PageRef } from '../rows.ts';
import type { Asynchronous } from '../storage.ts';
import { commentTextKey } from '../text-key.ts';
import { commentsByEmail } from './authors.ts';
import { findComment, findModerated } from './comment-reads.ts';
import { type Connection, one, run, statement } from './connection.ts';
import { approveTitle, ensurePage, keepHeldTitle, pageById } from './pages.ts';

export const WRITE_STATEMENTS = {
  insertComment: statement(
    'writes.insertComment',
    `INSERT INTO comments (page_id, parent_id, root_id, depth, status, name, email, website,
       body, html, token_hash, ip_hash, user_agent, created_at, notify, text_key, lang, verified)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
     RETURNING *`,
  ),
  // A deleted comment stays deleted: approving its placeholder would show an empty comment.
  setStatus: statement(
    'writes.setStatus',
    "UPDATE comments SET status = $1, updated_at = $2 WHERE id = $3 AND status != 'deleted'",
  ),
  hasReplies: statement(
    'writes.hasReplies',
    'SELECT 1 AS found FROM comments WHERE parent_id = $1 LIMIT 1',
  ),
  eraseComment: statement(
    'writes.eraseComment',
    `UPDATE comments SET status = 'deleted', name = '', email = '', website = NULL, body = '',
       html = '', token_hash = NULL, ip_hash = NULL, user_agent = NULL, verified = 0,
       updated_at = $1
     WHERE id = $2`,
  ),
  removeComment: statement('writes.removeComment', 'DELETE FROM comments WHERE id = $1'),
  markByOwner: statement('writes.markByOwner', 'UPDATE comments SET by_owner = 1 WHERE id = $1'),
  // The row as the edit left it, read by the same statement: SQLite reads it back after.
  editComment: statement(
    'writes.editComment',
    `UPDATE comments SET body = $1, text_key = $2, html = $3, status = $4, edited_at = $5,
       updated_at = $5
     WHERE id = $6
     RETURNING *`,
  ),
};

const statements = WRITE_STATEMENTS;

export type PgCommentWrites = Asynchronous<
  Omit<ReturnType<typeof createCommentWrites>, 'statements'>
>;

async function deleteOne(
  connection: Connection,
  id: number,
  now: string,
): Promise<'removed' | 'erased'> {
  if (await one(connection, statements.hasReplies, [id])) {
    await run(connection, statements.eraseComment, [now, id]);
    return 'erased';
  }
  await run(connection, statements.removeComment, [id]);
  return 'removed';
}

async function insertComment(
  connection: Connection,
  page: PageRef,
  comment: Omit<NewCommentRow, 'pageId'>,
): Promise<CommentRow> {
  const shown = comment.status === 'approved';
  const row = await ensurePage(connection, page, shown, comment.createdAt);
  const parent = comment.parentId === null ? null : await findComment(connection, comment.parentId);
  const rootId = parent ? (parent.root_id ?? parent.id) : null;
  const stored = (await one<CommentRow>(connection, statements.insertComment, [
    row.id,
    comment.parentId,
    rootId,
    comment.depth,
    comment.status,
    comment.name,
    comment.email,
    comment.website,
    comment.body,
    comment.html,
    comment.tokenHash,
    comment.ipHash,
    comment.userAgent,
    comment.createdAt,
    comment.notify ? 1 : 0,
    commentTextKey(comment.body),
    comment.lang ?? null,
    comment.verified ? 1 : 0,
  ])) as CommentRow;
  // A held comment's title waits beside it for the site owner's approval (see approveTitle).
  if (!shown && page.title) await keepHeldTitle(connection, stored.id, row.id, page.title);
  return stored;
}

export function createPgCommentWrites(connection: Connection): PgCommentWrites {
  return {
    insertComment: (page, comment) => connection.atomically((c) => insertComment(c, page, comment)),
    insertOwnerReply: (page, comment) =>
      connection.atomically(async (c) => {
        const row = await insertComment(c, page, comment);
        await run(c, statements.markByOwner, [row.id]);
        return { ...row, by_owner: 1 as const };
      }),
    setStatus: (id, status, now) =>
      connection.atomically(async (c) => {
        const before = await findComment(c, id);
        const page = before && (await pageById(c, before.page_id));
        if ((await run(c, statements.setStatus, [status, now, id])) === 0) return null;
        if (before && page && status === 'approved') await approveTitle(c, before, page);
        return findModerated(c, id);
      }),
    deleteComment: (id, now) => connection.atomically((c) => deleteOne(c, id, now)),
    // One statement, atomic by itself: no transaction of its own to open.
    editComment: (id, change, now) =>
      one<CommentRow>(connection, statements.editComment, [
        change.body,
        commentTextKey(change.body),
        change.html,
        change.status,
        now,
        id,
      ]),
    eraseByEmail: (email, now) =>
      connection.atomically(async (c) => {
        const rows = await commentsByEmail(c, email);
        // Newest first, so that replies go before the comments they answer.
        for (const row of [...rows].reverse()) await deleteOne(c, row.id, now);
        return rows.length;
      }),
  };
}
