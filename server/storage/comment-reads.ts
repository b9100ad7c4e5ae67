/** One comment by its id, and the comments of a status as the site owner lists them. */
import type { Database } from 'better-sqlite3';
import type { CommentRow, ModeratedCommentRow, StoredStatus } from './rows.ts';

export function createCommentReads(db: Database) {
  const statements = {
    nextCommentId: db.prepare<[], { id: number }>(
      'SELECT coalesce(max(id), 0) + 1 AS id FROM comments',
    ),
    findComment: db.prepare<[number], CommentRow>('SELECT * FROM comments WHERE id = ?'),
    listByStatus: db.prepare<[StoredStatus, number, number], ModeratedCommentRow>(
      `SELECT comments.*, pages.key AS page_key, pages.url AS page_url, pages.title AS page_title
       FROM comments JOIN pages ON pages.id = comments.page_id
       WHERE comments.status = ? AND comments.id < ?
       ORDER BY comments.id DESC LIMIT ?`,
    ),
    findModerated: db.prepare<[number], ModeratedCommentRow>(
      `SELECT comments.*, pages.key AS page_key, pages.url AS page_url, pages.title AS page_title
       FROM comments JOIN pages ON pages.id = comments.page_id WHERE comments.id = ?`,
    ),
  };

  return {
    statements,
    findComment(id: number): CommentRow | null {
      return statements.findComment.get(id) ?? null;
    },
    /** The id the next stored comment will get (SQLite gives the largest so far plus one). */
    nextCommentId(): number {
      return (statements.nextCommentId.get() as { id: number }).id;
    },
    listByStatus(status: StoredStatus, limit: number, beforeId?: number): ModeratedCommentRow[] {
      return statements.listByStatus.all(status, beforeId ?? Number.MAX_SAFE_INTEGER, limit);
    },
    findModerated(id: number): ModeratedCommentRow | null {
      return statements.findModerated.get(id) ?? null;
    },
  };
}
