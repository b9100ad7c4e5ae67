/**
 * One-time views of a held comment on PostgreSQL, as ../held-views.ts keeps them on SQLite: only
 * a token's hash is stored, and a token that is used, or expired, is gone.
 */
import { createToken, hashToken } from '../secrets.ts';
import type { Storage } from '../storage.ts';
import { type Connection, one, run, statement } from './connection.ts';

/** How long a reader has to follow the address they were sent back to (as on SQLite). */
const HELD_VIEW_MINUTES = 60;

const statements = {
  insert: statement(
    'heldViews.insert',
    'INSERT INTO held_views (token_hash, comment_id, expires_at) VALUES ($1, $2, $3)',
  ),
  // Deleted as it is read: two requests with one token cannot both see the comment.
  take: statement(
    'heldViews.take',
    'DELETE FROM held_views WHERE token_hash = $1 AND expires_at > $2 RETURNING comment_id',
  ),
  dropExpired: statement('heldViews.dropExpired', 'DELETE FROM held_views WHERE expires_at <= $1'),
};

export function createPgHeldViews(connection: Connection): Storage['heldViews'] {
  const heldViews: Storage['heldViews'] = {
    async issue(commentId, now) {
      const token = createToken();
      const expires = new Date(now.getTime() + HELD_VIEW_MINUTES * 60_000).toISOString();
      // Tokens nobody followed go as new ones come, so the table holds an hour's posts at most.
      await run(connection, statements.dropExpired, [now.toISOString()]);
      await run(connection, statements.insert, [hashToken(token), commentId, expires]);
      return token;
    },
    async take(token, now) {
      const row = await one<{ comment_id: number }>(connection, statements.take, [
        hashToken(token),
        now.toISOString(),
      ]);
      return row?.comment_id ?? null;
    },
  };
  return heldViews;
}
