/** The moments around a comment that someone may want to hear about, by mail or otherwise. */
import type { Storage } from '../storage/storage.ts';
import type { CommentRow } from '../storage/store.ts';

/** A comment whose status changed after it was posted, or that was deleted. */
export interface StatusChange {
  /** The comment as it was before the change. */
  before: CommentRow;
  /** The comment as it is now; null once it is deleted for good. */
  after: CommentRow | null;
}

/**
 * Each method writes what it queues through the `storage` it is given, never one it kept: inside
 * a transaction that is the transaction's, so the queued work is written with the change or not
 * at all.
 */
export interface Notifier {
  /** A comment was stored, shown at once or held for moderation. */
  commentPosted(comment: CommentRow, storage: Storage): Promise<void>;
  /** A comment became visible to readers: posted approved, or approved later. */
  commentApproved(comment: CommentRow, storage: Storage): Promise<void>;
  /**
   * The site owner moved a comment (approved, unapproved, spam, trash, restored) or deleted it;
   * called in the transaction that made the change, after it, so that whatever a listener queues
   * is written with the change or not at all. An approval also calls `commentApproved`.
   */
  commentStatusChanged(change: StatusChange, storage: Storage): Promise<void>;
}

/** For a server that sends no mail. */
export const SILENT_NOTIFIER: Notifier = {
  commentPosted: async () => {},
  commentApproved: async () => {},
  commentStatusChanged: async () => {},
};

/**
 * One notifier that tells each of `notifiers` in turn, in the order given: one after the other,
 * as a transaction's calls must be.
 */
export function combineNotifiers(...notifiers: Notifier[]): Notifier {
  return {
    async commentPosted(comment, storage) {
      for (const notifier of notifiers) await notifier.commentPosted(comment, storage);
    },
    async commentApproved(comment, storage) {
      for (const notifier of notifiers) await notifier.commentApproved(comment, storage);
    },
    async commentStatusChanged(change, storage) {
      for (const notifier of notifiers) await notifier.commentStatusChanged(change, storage);
    },
  };
}
