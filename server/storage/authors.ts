/**
 * What is known of a comment's author: the names an address has had approved (first-time
 * moderation), the texts it already posted on a page (the duplicate check), its comment by its
 * author token, and everything stored under it (a request under the GDPR).
 */
import type { Database } from 'better-sqlite3';
import type { CommentRow, ModeratedCommentRow } from './rows.ts';
import { commentTextKey } from './text-key.ts';

export function createAuthors(db: Database) {
  const statements = {
    findByToken: db.prepare<[string], CommentRow>('SELECT * FROM comments WHERE token_hash = ?'),
    approvedNamesFrom: db.prepare<{ email: string }, { name: string }>(
      // From the index alone (migration 6 added the name to it), one seek per distinct name:
      // a regular's thousands of comments under one name cost what one does. (DISTINCT would
      // step through every one of them.)
      `WITH RECURSIVE names (name) AS (
         SELECT min(name) FROM comments WHERE email = @email COLLATE NOCASE AND status = 'approved'
         UNION ALL
         SELECT (SELECT min(name) FROM comments
                 WHERE email = @email COLLATE NOCASE AND status = 'approved' AND name > names.name)
         FROM names WHERE names.name IS NOT NULL
       )
       SELECT name FROM names WHERE name IS NOT NULL`,
    ),
    anyApprovedFrom: db
      .prepare<[string], number>(
        `SELECT count(*) FROM (SELECT 1 FROM comments
         WHERE email = ? COLLATE NOCASE AND status = 'approved' LIMIT 1)`,
      )
      .pluck(),
    findDuplicate: db.prepare<[number, string, string], { found: number }>(
      // One lookup in the index of page, text and email: neither the author's history nor the
      // page's length is read.
      `SELECT 1 AS found FROM comments
       WHERE page_id = ? AND text_key = ? AND email = ? COLLATE NOCASE AND status != 'deleted'
       LIMIT 1`,
    ),
    byEmail: db.prepare<[string], ModeratedCommentRow>(
      `SELECT comments.*, pages.key AS page_key, pages.url AS page_url, pages.title AS page_title
       FROM comments JOIN pages ON pages.id = comments.page_id
       WHERE comments.email = ? COLLATE NOCASE ORDER BY comments.id`,
    ),
  };

  return {
    statements,
    findByTokenHash(tokenHash: string): CommentRow | null {
      return statements.findByToken.get(tokenHash) ?? null;
    },
    /**
     * True when an approved comment has this email and this name, as WordPress asks before it
     * publishes a returning commenter's comment. The email is compared ignoring case, as mail
     * servers do; the name ignoring case, Unicode form and the spaces around and inside it, as a
     * person reads it ("ann  reader" is Ann Reader), but not accents ("Zoe" is not "Zoë").
     */
    hasApprovedCommentFrom(email: string, name: string): boolean {
      const wanted = nameKey(name);
      return statements.approvedNamesFrom
        .all({ email })
        .some((row) => nameKey(row.name) === wanted);
    },
    /**
     * True when an approved comment has this email, under any name: a verified commenter is
     * known by their address alone (server/verification/), as the name proves nothing.
     */
    hasApprovedCommentFromAddress(email: string): boolean {
      return (statements.anyApprovedFrom.get(email) ?? 0) > 0;
    },
    /**
     * True when this page already has this text from this email address: the texts compared as
     * normalised by `normaliseCommentText` (Unicode form, case, white space), the email ignoring
     * case.
     */
    isDuplicate(pageId: number, email: string, body: string): boolean {
      return statements.findDuplicate.get(pageId, commentTextKey(body), email) !== undefined;
    },
    /** Everything stored under one email address, with each comment's page. */
    commentsByEmail(email: string): ModeratedCommentRow[] {
      return statements.byEmail.all(email);
    },
  };
}

/** A name as first-time moderation compares it: NFKC, spaces collapsed, lower case. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}
