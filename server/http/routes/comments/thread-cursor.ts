/**
 * The `next` cursor of a thread answer, as the reader's widget sends it back in `after`. Each
 * cursor holds the order that made it: one of another order would start its page in the wrong
 * place, so it is refused rather than followed.
 */
import type { ThreadSort } from '../../../../shared/types.ts';
import { problems } from '../../../errors.ts';
import { readerText } from '../../../i18n/message.ts';
import type { ThreadCursor } from '../../../storage/store.ts';

/**
 * A cursor names the last top-level comment shown, by time and id: `[created, id]`. A page that
 * ended inside that comment's replies adds the last reply shown, `[created, id, replyCreated,
 * replyId]`; one that ended among the pinned comments leading the first page adds `1` after
 * that (with nulls where no reply is named). Another order than the oldest first adds its name
 * after those five (with 0 where not pinned), and `best` the comment's likes after that: the
 * cursors made before there were orders read as they always did.
 */
export function encodeCursor(cursor: ThreadCursor, sort: ThreadSort): string {
  const parts: unknown[] = [cursor.created, cursor.id];
  const ordered = sort !== 'oldest';
  if (cursor.reply || cursor.pinned || ordered)
    parts.push(cursor.reply?.created ?? null, cursor.reply?.id ?? null);
  if (cursor.pinned || ordered) parts.push(cursor.pinned ? 1 : 0);
  if (ordered) parts.push(sort);
  if (sort === 'best') parts.push(cursor.likes ?? 0);
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/** The cursor `text` names, for a page in `sort`'s order; a 400 naming `after` when it is not one. */
export function decodeCursor(text: string, sort: ThreadSort): ThreadCursor {
  const cursor = parseCursor(text);
  if (!cursor) throw problems.invalidInput({ after: readerText('cursorInvalid') });
  if (cursor.sort !== sort)
    throw problems.invalidInput({
      after: readerText('cursorOtherOrder', { was: cursor.sort, asked: sort }),
    });
  return cursor.position;
}

function parseCursor(text: string): { position: ThreadCursor; sort: ThreadSort } | null {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    // A cursor is only ever one this server made: anything else is refused by the caller.
    return null;
  }
  if (!Array.isArray(parts) || parts.length > 7) return null;
  const [created, id, replyCreated = null, replyId = null, pinned = 0, sort = 'oldest', likes] =
    parts;
  const valid =
    typeof created === 'string' &&
    Number.isSafeInteger(id) &&
    (replyCreated === null) === (replyId === null) &&
    (replyCreated === null || typeof replyCreated === 'string') &&
    (replyId === null || Number.isSafeInteger(replyId)) &&
    (pinned === 0 || pinned === 1) &&
    (parts.length < 6 ? sort === 'oldest' : sort === 'newest' || sort === 'best') &&
    (sort === 'best' ? Number.isSafeInteger(likes) && (likes as number) >= 0 : likes === undefined);
  if (!valid) return null;
  const position: ThreadCursor = { created, id };
  if (replyCreated !== null) position.reply = { created: replyCreated, id: replyId };
  if (pinned === 1) position.pinned = true;
  if (sort === 'best') position.likes = likes;
  return { position, sort };
}
