/**
 * Readers' likes: given and taken back one voter at a time, each voter named by a keyed hash only
 * (made by the caller, see hashVoter in secrets.ts). The counts on comments and the page's
 * `likes_version` follow by the triggers of schema/10-likes.ts, in the same transaction.
 */
import type { Database } from 'better-sqlite3';
import type { PageRow } from './rows.ts';
import { writeTransaction } from './transaction.ts';

/** A like as the store takes it: whose (keyed hashes only) and when. */
export interface LikeVote {
  commentId: number;
  voterHash: string;
  /** The keyed hash of the voter's address; null with STORE_IP=false. */
  ipHash: string | null;
  createdAt: string;
}

export type Likes = ReturnType<typeof createLikes>;

export function createLikes(db: Database) {
  const statements = {
    pageOfShown: db.prepare<[number], PageRow>(
      `SELECT pages.* FROM comments JOIN pages ON pages.id = comments.page_id
       WHERE comments.id = ? AND comments.status = 'approved'`,
    ),
    shownComment: db.prepare<[number], { likes: number }>(
      "SELECT likes FROM comments WHERE id = ? AND status = 'approved'",
    ),
    addLike: db.prepare<[number, string, string | null, string]>(
      `INSERT INTO likes (comment_id, voter_hash, ip_hash, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (comment_id, voter_hash) DO NOTHING`,
    ),
    removeLike: db.prepare<[number, string]>(
      'DELETE FROM likes WHERE comment_id = ? AND voter_hash = ?',
    ),
    likesVersion: db
      .prepare<[number], number>('SELECT likes_version FROM pages WHERE id = ?')
      .pluck(),
  };

  /**
   * Runs `change` on a comment readers see, in one transaction with the count it leaves; null,
   * and nothing written, for a comment that is not shown (held, deleted, unknown).
   */
  function onShown(commentId: number, change: () => void): number | null {
    return writeTransaction(db, () => {
      if (!statements.shownComment.get(commentId)) return null;
      change();
      return (statements.shownComment.get(commentId) as { likes: number }).likes;
    });
  }

  return {
    statements,
    /** The page of comment `id`, if readers see that comment; null if not (held, deleted…). */
    pageOfShown(commentId: number): PageRow | null {
      return statements.pageOfShown.get(commentId) ?? null;
    },
    /** Adds `vote`'s like, once however often the voter asks; the comment's likes after it. */
    like(vote: LikeVote): number | null {
      return onShown(vote.commentId, () =>
        statements.addLike.run(vote.commentId, vote.voterHash, vote.ipHash, vote.createdAt),
      );
    },
    /** Takes the voter's like back, if they gave one; the comment's likes after it. */
    unlike(commentId: number, voterHash: string): number | null {
      return onShown(commentId, () => statements.removeLike.run(commentId, voterHash));
    },
    /** How often likes on the page's comments have changed: names what a thread shows of them. */
    likesVersion(pageId: number): number {
      return statements.likesVersion.get(pageId) ?? 0;
    },
  };
}
