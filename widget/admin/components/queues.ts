/**
 * The four moderation queues: their names, what each says when it is empty, what may be done
 * with a comment in each, and which action takes a move out of one back.
 */
import type { AdminComment, BulkAction, CommentAction, QueueStatus } from '../api.ts';

/** Each queue by the name its link in the navigation gives it, in the navigation's order. */
export const QUEUE_NAMES: Record<QueueStatus, string> = {
  pending: 'Pending',
  approved: 'Approved',
  spam: 'Spam',
  trash: 'Trash',
};

/** What a queue with no comments in it says, before any filter narrows it. */
export const EMPTY_QUEUE: Record<QueueStatus, string> = {
  pending: 'No comments are waiting for moderation.',
  approved: 'No approved comments yet.',
  spam: 'No spam.',
  trash: 'The trash is empty.',
};

/** Who wrote a comment where, as the selection announcements name it. */
export function describeComment(comment: AdminComment): string {
  return `${comment.name} on ${comment.page.title || comment.page.url}`;
}

/**
 * The action that puts back comments that `action` took out of the `from` queue, or null when
 * it offers no Undo (approving, pinning and restoring are undone with the buttons at hand).
 * Spam from the trash goes back to the trash; its way out of the trash then leads to spam.
 */
export function undoAction(action: BulkAction, from: QueueStatus): CommentAction | null {
  if (action === 'trash') return 'restore';
  if (action !== 'spam') return null;
  if (from === 'approved') return 'approve';
  return from === 'trash' ? 'trash' : 'restore';
}

/** What may be done with a comment where it is now, in the order the buttons are shown. */
export function availableActions(comment: AdminComment): CommentAction[] {
  switch (comment.status) {
    case 'pending':
      return ['approve', 'spam', 'trash'];
    case 'approved':
      return ['unapprove', comment.pinned ? 'unpin' : 'pin', 'spam', 'trash'];
    case 'spam':
      return ['approve', 'restore', 'trash'];
    case 'trash':
      return ['approve', 'restore', 'spam'];
  }
}
