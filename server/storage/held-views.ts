/**
 * One-time views of a held comment (schema/13-held-views.ts): a token given to the reader who
 * posted it from the page without JavaScript, good for one look within a while. Only its hash is
 * stored; a token that is used, or expired, is gone.
 */
import type { Database } from 'better-sqlite3';
import { createToken, hashToken } from './secrets.ts';

/** How long a reader has to follow the address they were sent back to. */
const HELD_VIEW_MINUTES = 60;

export type HeldViews = ReturnType<typeof createHeldViews>;

export function createHeldViews(db: Database) {
  const statements = {
    insert: db.prepare<[string, number, string]>(
      'INSERT INTO held_views (token_hash, comment_id, expires_at) VALUES (?, ?, ?)',
    ),
    take: db
      .prepare<[string, string], number>(
        'DELETE FROM held_views WHERE token_hash = ? AND expires_at > ? RETURNING comment_id',
      )
      .pluck(),
    dropExpired: db.prepare<[string]>('DELETE FROM held_views WHERE expires_at <= ?'),
  };
  return {
    /** A token that shows comment `commentId` once, until HELD_VIEW_MINUTES after `now`. */
    issue(commentId: number, now: Date): string {
      const token = createToken();
      const expires = new Date(now.getTime() + HELD_VIEW_MINUTES * 60_000).toISOString();
      // Tokens nobody followed go as new ones come, so the table holds an hour's posts at most.
      statements.dropExpired.run(now.toISOString());
      statements.insert.run(hashToken(token), commentId, expires);
      return token;
    },
    /** The comment `token` shows, if it is still good; it shows it this once. */
    take(token: string, now: Date): number | null {
      return statements.take.get(hashToken(token), now.toISOString()) ?? null;
    },
  };
}
