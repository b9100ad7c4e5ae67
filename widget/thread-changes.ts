/**
 * How a loaded thread changes with what its reader does. Each change is made by the module that
 * does the act (posting, the author's tools, more comments), so that readers who never do it
 * download none of it.
 */

import type { ShownComment } from '../shared/thread-tree.ts';
import type { OwnComment, Thread } from '../shared/types.ts';
import type { OwnText } from './components/CommentItem.tsx';
import type { LoadedThread } from './load-thread.ts';

/** The reader's own comment as the thread shows it: marked while it is held. */
export function asShown(comment: OwnComment): ShownComment {
  const { status, body: _body, ...shown } = comment;
  return status === 'approved' ? shown : { ...shown, held: true };
}

/** Changes the thread, if it is still loaded (it may be loading again meanwhile). */
export type ChangeThread = (change: (thread: LoadedThread) => LoadedThread) => void;

/** The reader's new comment, with what they hold for it; counted once it is shown to all. */
export const withComment =
  (shown: ShownComment, mine: OwnText) =>
  (thread: LoadedThread): LoadedThread => ({
    ...thread,
    count: thread.count + (shown.held ? 0 : 1),
    comments: [...thread.comments, shown],
    own: new Map(thread.own).set(shown.id, mine),
  });

/** The reader's comment as they edited it: it may be held again, or shown again. */
export const withEdit =
  (before: ShownComment, edited: OwnComment, token: string) =>
  (thread: LoadedThread): LoadedThread => {
    const shown = asShown(edited);
    return {
      ...thread,
      count: thread.count - (before.held ? 0 : 1) + (shown.held ? 0 : 1),
      comments: thread.comments.map((each) => (each.id === edited.id ? shown : each)),
      own: new Map(thread.own).set(edited.id, { token, body: edited.body }),
    };
  };

/** The thread's next part; a comment posted meanwhile stays, and none is shown twice. */
export const withPart =
  (part: Thread) =>
  (thread: LoadedThread): LoadedThread => {
    const known = new Set(thread.comments.map((comment) => comment.id));
    return {
      ...thread,
      count: part.count,
      next: part.next,
      comments: [...thread.comments, ...part.comments.filter((comment) => !known.has(comment.id))],
    };
  };

/** A fresh form token, for a form left open so long that the server renewed it. */
export const withForm =
  (form: string) =>
  (thread: LoadedThread): LoadedThread => ({ ...thread, form });
