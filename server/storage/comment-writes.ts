/**
 * Every change to a comment the store makes: a reader's new comment and edit, the site owner's
 * reply, a moderation decision, a deletion. Each is one write transaction of its own (a
 * savepoint inside one already open, as when posts are written together).
 */
import type { Database } from 'better-sqlite3';
import type { createAuthors } from './authors.ts';
import type { createCommentReads } from './comment-reads.ts';
import type { PageNaming } from './pages.ts';
import type {
  CommentRow,
  ModeratedCommentRow,
  NewCommentRow,
  PageRef,
  StoredStatus,
} from './rows.ts';
import { commentTextKey } from './text-key.ts';
import { asWriteTransaction } from './transaction.ts';

interface Reads {
  comments: Pick<ReturnType<typeof createCommentReads>, 'findComment' | 'findModerated'>;
  authors: Pick<ReturnType<typeof createAuthors>, 'commentsByEmail'>;
  pages: PageNaming;
}

export function createCommentWrites(db: Database, { comments, authors, pages }: Reads) {
  const statements = {
    insertComment: db.prepare<
      Omit<NewCommentRow, 'notify' | 'lang' | 'verified'> & {
        rootId: number | null;
        notify: 0 | 1;
        verified: 0 | 1;
        textKey: string;
        lang: string | null;
      },
      CommentRow
    >(
      `INSERT INTO comments (page_id, parent_id, root_id, depth, status, name, email, website,
         body, html, token_hash, ip_hash, user_agent, created_at, notify, text_key, lang,
         verified)
       VALUES (@pageId, @parentId, @rootId, @depth, @status, @name, @email, @website,
         @body, @html, @tokenHash, @ipHash, @userAgent, @createdAt, @notify, @textKey, @lang,
         @verified)
       RETURNING *`,
    ),
    setStatus: db.prepare<[StoredStatus, string, number]>(
      // A deleted comment stays deleted: approving its placeholder would show an empty comment.
      "UPDATE comments SET status = ?, updated_at = ? WHERE id = ? AND status != 'deleted'",
    ),
    hasReplies: db.prepare<[number], { found: number }>(
      'SELECT 1 AS found FROM comments WHERE parent_id = ? LIMIT 1',
    ),
    eraseComment: db.prepare<[string, number]>(
      `UPDATE comments SET status = 'deleted', name = '', email = '', website = NULL, body = '',
         html = '', token_hash = NULL, ip_hash = NULL, user_agent = NULL, verified = 0,
         updated_at = ?
       WHERE id = ?`,
    ),
    removeComment: db.prepare<[number]>('DELETE FROM comments WHERE id = ?'),
    markByOwner: db.prepare<[number]>('UPDATE comments SET by_owner = 1 WHERE id = ?'),
    editComment: db.prepare<[string, string, string, string, string, string, number]>(
      `UPDATE comments SET body = ?, text_key = ?, html = ?, status = ?, edited_at = ?,
         updated_at = ?
       WHERE id = ?`,
    ),
  };

  function deleteOne(id: number, now: string): 'removed' | 'erased' {
    if (statements.hasReplies.get(id)) {
      statements.eraseComment.run(now, id);
      return 'erased';
    }
    statements.removeComment.run(id);
    return 'removed';
  }

  function insertComment(page: PageRef, comment: Omit<NewCommentRow, 'pageId'>): CommentRow {
    const shown = comment.status === 'approved';
    const row = pages.ensurePage(page, shown, comment.createdAt);
    const parent = comment.parentId === null ? null : comments.findComment(comment.parentId);
    const rootId = parent ? (parent.root_id ?? parent.id) : null;
    const stored = statements.insertComment.get({
      ...comment,
      pageId: row.id,
      rootId,
      notify: comment.notify ? 1 : 0,
      textKey: commentTextKey(comment.body),
      lang: comment.lang ?? null,
      verified: comment.verified ? 1 : 0,
    }) as CommentRow;
    // A held comment's title waits beside it for the site owner's approval (see approveTitle).
    if (!shown && page.title) pages.keepHeldTitle(stored.id, row.id, page.title);
    return stored;
  }

  return {
    statements,
    /** Stores a comment, creating its page on the first one, in one transaction. */
    insertComment: asWriteTransaction(db, insertComment),
    /** Stores the site owner's reply, approved and marked as theirs. */
    insertOwnerReply: asWriteTransaction(
      db,
      (page: PageRef, comment: Omit<NewCommentRow, 'pageId'>): CommentRow => {
        const row = insertComment(page, comment);
        statements.markByOwner.run(row.id);
        return { ...row, by_owner: 1 };
      },
    ),
    /** A moderation decision, whichever door it came through; an approval may name the page. */
    setStatus: asWriteTransaction(
      db,
      (id: number, status: StoredStatus, now: string): ModeratedCommentRow | null => {
        const before = comments.findComment(id);
        const page = before && pages.pageById(before.page_id);
        if (statements.setStatus.run(status, now, id).changes === 0) return null;
        if (before && page && status === 'approved') pages.approveTitle(before, page);
        return comments.findModerated(id);
      },
    ),
    /**
     * Deletes a comment. One with replies keeps its row, emptied of everything its author
     * wrote, so that the thread below it stays in place.
     */
    deleteComment: asWriteTransaction(db, (id: number, now: string) => deleteOne(id, now)),
    /** Replaces a comment's text, as its author edited it. */
    editComment: asWriteTransaction(
      db,
      (
        id: number,
        change: { body: string; html: string; status: StoredStatus },
        now: string,
      ): CommentRow | null => {
        statements.editComment.run(
          change.body,
          commentTextKey(change.body),
          change.html,
          change.status,
          now,
          now,
          id,
        );
        return comments.findComment(id);
      },
    ),
    /** Erases everything stored under one email address, in one transaction; returns how many. */
    eraseByEmail: asWriteTransaction(db, (email: string, now: string): number => {
      const rows = authors.commentsByEmail(email);
      // Newest first, so that replies go before the comments they answer.
      for (const row of [...rows].reverse()) deleteOne(row.id, now);
      return rows.length;
    }),
  };
}
