/**
 * Readers' likes on PostgreSQL, as ../likes.ts keeps them on SQLite: each voter named by a keyed
 * hash only. The counts on comments and the page's `likes_version` follow by the schema's
 * triggers on likes, in the same transaction.
 */
import type { LikeVote } from '../likes.ts';
import type { PageRow } from '../rows.ts';
import type { Storage } from '../storage.ts';
import { type Connection, one, run, sourcesOf, statement } from './connection.ts';

const statements = {
  pageOfShown: statement(
    'likes.pageOfShown',
    `SELECT pages.* FROM comments JOIN pages ON pages.id = comments.page_id
     WHERE comments.id = $1 AND comments.status = 'approved'`,
  ),
  // SQLite writes one transaction at a time; here the comment is locked from the check on, so
  // that it cannot be held or deleted before the like is counted. NO KEY UPDATE is the lock the
  // trigger's update of its likes takes anyway.
  lockShown: statement(
    'likes.lockShown',
    "SELECT likes FROM comments WHERE id = $1 AND status = 'approved' FOR NO KEY UPDATE",
  ),
  likesOf: statement('likes.likesOf', 'SELECT likes FROM comments WHERE id = $1'),
  addLike: statement(
    'likes.addLike',
    `INSERT INTO likes (comment_id, voter_hash, ip_hash, created_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (comment_id, voter_hash) DO NOTHING`,
  ),
  removeLike: statement(
    'likes.removeLike',
    'DELETE FROM likes WHERE comment_id = $1 AND voter_hash = $2',
  ),
  likesVersion: statement('likes.likesVersion', 'SELECT likes_version FROM pages WHERE id = $1'),
};

/**
 * The likes of `connection`. SQLite's module hands out its prepared statements (for the query
 * plan test); these are PostgreSQL's, so their SQL is given by name instead.
 */
export function createPgLikes(
  connection: Connection,
): Omit<Storage['likes'], 'statements'> & Pick<Storage['admin'], 'statementSources'> {
  /**
   * Runs `change` on a comment readers see, in one transaction with the count it leaves; null,
   * and nothing written, for a comment that is not shown (held, deleted, unknown).
   */
  const onShown = (commentId: number, change: (c: Connection) => Promise<unknown>) =>
    connection.atomically(async (c) => {
      if (!(await one(c, statements.lockShown, [commentId]))) return null;
      await change(c);
      return (
        (await one<{ likes: number }>(c, statements.likesOf, [commentId])) as { likes: number }
      ).likes;
    });

  return {
    async statementSources() {
      return sourcesOf(statements);
    },
    pageOfShown: (commentId) => one<PageRow>(connection, statements.pageOfShown, [commentId]),
    like: (vote: LikeVote) =>
      onShown(vote.commentId, (c) =>
        run(c, statements.addLike, [vote.commentId, vote.voterHash, vote.ipHash, vote.createdAt]),
      ),
    unlike: (commentId, voterHash) =>
      onShown(commentId, (c) => run(c, statements.removeLike, [commentId, voterHash])),
    async likesVersion(pageId) {
      const row = await one<{ likes_version: number }>(connection, statements.likesVersion, [
        pageId,
      ]);
      return row?.likes_version ?? 0;
    },
  };
}
