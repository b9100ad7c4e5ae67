/** The reader's own comments on a page, fetched by the tokens their browser keeps. */
import { fetchOwnComments } from '../api.ts';
import type { Client } from '../client.ts';
import type { LoadedThread } from '../load-thread.ts';
import type { OwnCommentRecord } from '../storage.ts';
import { asShown } from '../thread-changes.ts';

/** What adds the reader's own comments to the thread's first part. */
export async function ownComments(
  client: Client,
  records: OwnCommentRecord[],
): Promise<(thread: LoadedThread) => LoadedThread> {
  const mine = await fetchOwnComments(
    client,
    records.map((record) => record.token),
  );
  const tokens = new Map(records.map((record) => [record.id, record.token]));
  return (thread) => {
    const shownIds = new Set(thread.comments.map((comment) => comment.id));
    // Held comments only their author sees. An approved one a shared cache has not caught up
    // with yet belongs at the end, so it is added once the whole thread is shown.
    const missing = mine.comments.filter(
      (comment) =>
        !shownIds.has(comment.id) && (comment.status !== 'approved' || thread.next === null),
    );
    return {
      ...thread,
      comments: [...thread.comments, ...missing.map(asShown)],
      own: new Map(
        mine.comments.map((comment) => [
          comment.id,
          { token: tokens.get(comment.id) as string, body: comment.body },
        ]),
      ),
    };
  };
}
