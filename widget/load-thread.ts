/** Fetching one page's thread together with the reader's own comments on it. */
import type { OwnComment, Thread, ThreadSort } from '../shared/types.ts';
import { fetchOwnComments, fetchThread } from './api.ts';
import type { WidgetConfig } from './config.ts';
import { loadOwnComments } from './storage.ts';
import type { ShownComment } from './thread.ts';

/** A thread as the reader's widget holds it. */
export interface LoadedThread
  extends Pick<
    Thread,
    'count' | 'next' | 'open' | 'notify' | 'form' | 'editWindowMinutes' | 'sort' | 'likes'
  > {
  comments: ShownComment[];
  /** The reader's own comments on this page: id → token and text. */
  own: Map<number, { token: string; body: string }>;
}

/** The reader's own comment as the thread shows it: marked while it is held. */
export function asShown(comment: OwnComment): ShownComment {
  const { status, body: _body, ...shown } = comment;
  return status === 'approved' ? shown : { ...shown, held: true };
}

/**
 * The first part of the thread, with the reader's own comments that it leaves out. Their own
 * comments are a bonus: when they cannot be fetched, the thread loads without them.
 */
export async function loadThread(config: WidgetConfig, sort: ThreadSort): Promise<LoadedThread> {
  const records = loadOwnComments(config.server, config.page.key);
  const [thread, mine] = await Promise.all([
    fetchThread(config.server, config.page, sort),
    records.length > 0
      ? fetchOwnComments(
          config.server,
          records.map((record) => record.token),
        ).catch(() => ({ comments: [] }))
      : { comments: [] },
  ]);
  const tokens = new Map(records.map((record) => [record.id, record.token]));
  const own = new Map(
    mine.comments.map((comment) => [
      comment.id,
      { token: tokens.get(comment.id) as string, body: comment.body },
    ]),
  );
  const shownIds = new Set(thread.comments.map((comment) => comment.id));
  // Held comments only their author sees. An approved one a shared cache has not caught up with
  // yet belongs at the end, so it is added once the whole thread is shown.
  const missing = mine.comments.filter(
    (comment) =>
      !shownIds.has(comment.id) && (comment.status !== 'approved' || thread.next === null),
  );
  return {
    count: thread.count,
    next: thread.next,
    open: thread.open,
    notify: thread.notify,
    form: thread.form,
    editWindowMinutes: thread.editWindowMinutes,
    sort: thread.sort,
    likes: thread.likes,
    comments: [...thread.comments, ...missing.map(asShown)],
    own,
  };
}
