/**
 * Sending a like, or taking it back, as this browser's voter. Loaded on demand
 * (widget/on-demand/likes.ts) with a reader's first click on Like.
 */
import { R } from '../shared/i18n/reader-text.ts';
import { likeComment } from './api.ts';
import type { Client } from './client.ts';
import { failureMessage } from './request.ts';
import { voterId } from './storage.ts';

/**
 * Sends the like (or takes it back): `counted` hears the comment's likes after it, or `refused`
 * the words that tell the reader why it was refused, found here, since a failure is known for
 * what it is only by this module's own request code.
 */
export async function sendLike(
  client: Client,
  id: number,
  like: boolean,
  counted: (id: number, likes: number) => void,
  refused: (why: string) => void,
): Promise<void> {
  try {
    counted(id, (await likeComment(client, id, voterId(), like)).likes);
  } catch (error) {
    refused(failureMessage(error, client.say(R.LikeFailed)));
  }
}
