/**
 * What the duplicate check compares of a comment: its text as a reader reads it, hashed. Stored
 * with every comment (comments.text_key) and indexed with its page and email, so that asking
 * whether a post repeats an earlier one is one index lookup, however many comments its author
 * has written.
 */
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';

/**
 * A text as the duplicate check compares it: Unicode NFKC (so ｆｕｌｌ-width letters and ligatures
 * are their plain letters), case folded (upper then lower case, so that "ß" and "ss", "ς" and
 * "σ" are one), and runs of white space one space, none at the ends.
 */
export function normaliseCommentText(text: string): string {
  return text
    .normalize('NFKC')
    .toUpperCase()
    .toLowerCase()
    .normalize('NFKC')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** The key stored for a comment's text: a SHA-256 of its normalised form. */
export function commentTextKey(text: string): string {
  return createHash('sha256').update(normaliseCommentText(text)).digest('base64url');
}

/**
 * Makes `comment_text_key(body)` known to SQL on this connection. The schema's triggers call it
 * for every writer that stores a text without its key (the importers, the site owner's edits),
 * and a migration fills the key of comments stored before there was one.
 */
export function defineTextKey(db: Database): void {
  db.function('comment_text_key', { deterministic: true }, (body: unknown) =>
    typeof body === 'string' ? commentTextKey(body) : null,
  );
}
