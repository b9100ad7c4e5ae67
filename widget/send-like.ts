/**
 * Sending a like, or taking it back, as this browser's voter. Loaded on demand
 * (widget/on-demand/likes.ts) with a reader's first click on Like.
 */
import { likeComment } from './api.ts';
import { failureMessage } from './request.ts';
import { voterId } from './storage.ts';

/** What the reader is told when a like fails and the server said nothing of its own. */
export const LIKE_FAILED = 'Your like could not be saved.';

/**
 * The comment's likes after this one, or the words that tell the reader why it was refused:
 * said here, since a failure is known for what it is only by this module's own request code.
 */
export async function sendLike(
  server: string,
  id: number,
  like: boolean,
): Promise<{ likes: number } | { refused: string }> {
  try {
    return await likeComment(server, id, voterId(), like);
  } catch (error) {
    return { refused: failureMessage(error, LIKE_FAILED) };
  }
}
