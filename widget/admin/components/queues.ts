/**
 * The four moderation queues: their names, what each says when it is empty, what may be done
 * with a comment in each, and which action takes a move out of one back.
 */
import type { AdminComment, BulkAction, CommentAction, QueueStatus } from '../api.ts';
import { type AdminKey, say } from '../say.ts';

/** The key of each queue's name, as its link says it, in the navigation's order. */
export const QUEUE_NAMES = {
  pending: 'queuePending',
  approved: 'queueApproved',
  spam: 'queueSpam',
  trash: 'queueTrash',
} as const satisfies Record<QueueStatus, AdminKey>;

/** The key of the name of each queue's list, for screen readers. */
export const QUEUE_LISTS = {
  pending: 'pendingComments',
  approved: 'approvedComments',
  spam: 'spamComments',
  trash: 'trashComments',
} as const satisfies Record<QueueStatus, AdminKey>;

/** The key of what a queue with no comments in it says, before any filter narrows it. */
export const EMPTY_QUEUE = {
  pending: 'emptyPending',
  approved: 'emptyApproved',
  spam: 'emptySpam',
  trash: 'emptyTrash',
} as const satisfies Record<QueueStatus, AdminKey>;

/** Who wrote a comment where, as the selection announcements name it. */
export function describeComment(comment: AdminComment): string {
  return say('commentOn', { name: comment.name, page: comment.page.title || comment.page.url });
}

/** Where the keyboard selection went: to `comment`, at `index` (from 0) of `total`. */
export function describeSelection(index: number, total: number, comment: AdminComment): string {
  return say('selectedAt', { position: index + 1, n: total, comment: describeComment(comment) });
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
