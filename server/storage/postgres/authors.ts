/**
 * What is known of a comment's author, as authors.ts reads it in SQLite. SQLite compares emails
 * with COLLATE NOCASE; here nocase(email) = nocase($1) does the same (ASCII letters only), and
 * the schema's indices are on nocase(email), so every lookup stays one index seek.
 */
import type { createAuthors } from '../authors.ts';
import { nameKey } from '../authors.ts';
import type { CommentRow, ModeratedCommentRow } from '../rows.ts';
import type { Asynchronous } from '../storage.ts';
import { commentTextKey } from '../text-key.ts';
import { all, type Connection, one, statement } from './connection.ts';

export const AUTHOR_STATEMENTS = {
  findByToken: statement('authors.findByToken', 'SELECT * FROM comments WHERE token_hash = $1'),
  // One seek of comments_by_email per distinct name, as in SQLite: a regular's thousands of
  // comments under one name cost what one does (DISTINCT would read every one of them).
  approvedNamesFrom: statement(
    'authors.approvedNamesFrom',
    `WITH RECURSIVE names (name) AS (
       SELECT min(name) FROM comments WHERE nocase(email) = nocase($1) AND status = 'approved'
       UNION ALL
       SELECT (SELECT min(name) FROM comments
               WHERE nocase(email) = nocase($1) AND status = 'approved' AND name > names.name)
       FROM names WHERE names.name IS NOT NULL
     )
     SELECT name FROM names WHERE name IS NOT NULL`,
  ),
  anyApprovedFrom: statement(
    'authors.anyApprovedFrom',
    `SELECT EXISTS (SELECT FROM comments
       WHERE nocase(email) = nocase($1) AND status = 'approved') AS found`,
  ),
  findDuplicate: statement(
    'authors.findDuplicate',
    `SELECT 1 AS found FROM comments
     WHERE page_id = $1 AND text_key = $2 AND nocase(email) = nocase($3) AND status != 'deleted'
     LIMIT 1`,
  ),
  byEmail: statement(
    'authors.byEmail',
    `SELECT comments.*, pages.key AS page_key, pages.url AS page_url, pages.title AS page_title
     FROM comments JOIN pages ON pages.id = comments.page_id
     WHERE nocase(comments.email) = nocase($1) ORDER BY comments.id`,
  ),
};

const statements = AUTHOR_STATEMENTS;

export type PgAuthors = Asynchronous<Omit<ReturnType<typeof createAuthors>, 'statements'>>;

/** Everything stored under one email address, with each comment's page, oldest first. */
export function commentsByEmail(
  connection: Connection,
  email: string,
): Promise<ModeratedCommentRow[]> {
  return all<ModeratedCommentRow>(connection, statements.byEmail, [email]);
}

export function createPgAuthors(connection: Connection): PgAuthors {
  return {
    findByTokenHash: (tokenHash) =>
      one<CommentRow>(connection, statements.findByToken, [tokenHash]),
    async hasApprovedCommentFrom(email, name) {
      const wanted = nameKey(name);
      const names = await all<{ name: string }>(connection, statements.approvedNamesFrom, [email]);
      return names.some((row) => nameKey(row.name) === wanted);
    },
    async hasApprovedCommentFromAddress(email) {
      const found = await one<{ found: boolean }>(connection, statements.anyApprovedFrom, [email]);
      return found?.found === true;
    },
    async isDuplicate(pageId, email, body) {
      const found = await one(connection, statements.findDuplicate, [
        pageId,
        commentTextKey(body),
        email,
      ]);
      return found !== null;
    },
    commentsByEmail: (email) => commentsByEmail(connection, email),
  };
}
