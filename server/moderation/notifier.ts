/** The moments around a comment that someone may want to hear about, by mail or otherwise. */
import type { CommentRow } from '../storage/store.ts';

export interface Notifier {
  /** A comment was stored, shown at once or held for moderation. */
  commentPosted(comment: CommentRow): void;
  /** A comment became visible to readers: posted approved, or approved later. */
  commentApproved(comment: CommentRow): void;
}

/** For a server that sends no mail. */
export const SILENT_NOTIFIER: Notifier = {
  commentPosted: () => {},
  commentApproved: () => {},
};
