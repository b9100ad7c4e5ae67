/** One comment by its id, and the comments of a status as the site owner lists them. */
import type { createCommentReads } from '../comment-reads.ts';
import type { CommentRow, ModeratedCommentRow } from '../rows.ts';
import type { Asynchronous } from '../storage.ts';
import { all, type Connection, one, statement } from './connection.ts';

export const READ_STATEMENTS = {
  // SQLite gives a new row the largest id plus one; PostgreSQL's identity takes its sequence's
  // next value, which never goes back: after the newest comment is removed, SQLite reuses its
  // id and PostgreSQL does not. This reads what the next insert here will get.
  nextCommentId: statement(
    'comments.nextCommentId',
    'SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END AS id FROM comments_id_seq',
  ),
  findComment: statement('comments.findComment', 'SELECT * FROM comments WHERE id = $1'),
  listByStatus: statement(
    'comments.listByStatus',
    `SELECT comments.*, pages.key AS page_key, pages.url AS page_url, pages.title AS page_title
     FROM comments JOIN pages ON pages.id = comments.page_id
     WHERE comments.status = $1 AND comments.id < $2
     ORDER BY comments.id DESC LIMIT $3`,
  ),
  findModerated: statement(
    'comments.findModerated',
    `SELECT comments.*, pages.key AS page_key, pages.url AS page_url, pages.title AS page_title
     FROM comments JOIN pages ON pages.id = comments.page_id WHERE comments.id = $1`,
  ),
};

const statements = READ_STATEMENTS;

export type PgCommentReads = Asynchronous<
  Omit<ReturnType<typeof createCommentReads>, 'statements'>
>;

export function findComment(connection: Connection, id: number): Promise<CommentRow | null> {
  return one<CommentRow>(connection, statements.findComment, [id]);
}

export function findModerated(
  connection: Connection,
  id: number,
): Promise<ModeratedCommentRow | null> {
  return one<ModeratedCommentRow>(connection, statements.findModerated, [id]);
}

export function createPgCommentReads(connection: Connection): PgCommentReads {
  return {
    findComment: (id) => findComment(connection, id),
    async nextCommentId() {
      return ((await one<{ id: number }>(connection, statements.nextCommentId)) as { id: number })
        .id;
    },
    listByStatus: (status, limit, beforeId) =>
      all<ModeratedCommentRow>(connection, statements.listByStatus, [
        status,
        beforeId ?? Number.MAX_SAFE_INTEGER,
        limit,
      ]),
    findModerated: (id) => findModerated(connection, id),
  };
}
