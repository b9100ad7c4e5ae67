/** The moments around a comment that someone may want to hear about, by mail or otherwise. */
import type { CommentRow } from '../storage/store.ts';

/** A comment whose status changed after it was posted, or that was deleted. */
export interface StatusChange {
  /** The comment as it was before the change. */
  before: CommentRow;
  /** The comment as it is now; null once it is deleted for good. */
  after: CommentRow | null;
}

export interface Notifier {
  /** A comment was stored, shown at once or held for moderation. */
  commentPosted(comment: CommentRow): void;
  /** A comment became visible to readers: posted approved, or approved later. */
  commentApproved(comment: CommentRow): void;
  /**
   * The site owner moved a comment (approved, unapproved, spam, trash, restored) or deleted it;
   * called in the transaction that made the change, after it, so that whatever a listener queues
   * is written with the change or not at all. An approval also calls `commentApproved`.
   */
  commentStatusChanged(change: StatusChange): void;
}

/** For a server that sends no mail. */
export const SILENT_NOTIFIER: Notifier = {
  commentPosted: () => {},
  commentApproved: () => {},
  commentStatusChanged: () => {},
};

/** One notifier that tells each of `notifiers` in turn, in the order given. */
export function combineNotifiers(...notifiers: Notifier[]): Notifier {
  return {
    commentPosted: (comment) => {
      for (const notifier of notifiers) notifier.commentPosted(comment);
    },
    commentApproved: (comment) => {
      for (const notifier of notifiers) notifier.commentApproved(comment);
    },
    commentStatusChanged: (change) => {
      for (const notifier of notifiers) notifier.commentStatusChanged(change);
    },
  };
}
