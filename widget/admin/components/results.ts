/** What the live region says after an action, e.g. "Approved 1 comment."; the buttons' names. */
import type { BulkAction } from '../api.ts';
import { type AdminKey, say } from '../say.ts';

/** What is said once an action is done, by the number of comments it changed. */
const DONE = {
  approve: 'approved',
  unapprove: 'unapproved',
  spam: 'markedSpam',
  trash: 'trashed',
  restore: 'restored',
  delete: 'deleted',
  pin: 'pinned',
  unpin: 'unpinned',
} as const satisfies Record<BulkAction, AdminKey>;

export function describeResult(action: BulkAction, count: number): string {
  return say(DONE[action], { n: count });
}

/** The key of each action's button label, in the site owner's words. */
export const ACTION_LABELS = {
  approve: 'approve',
  unapprove: 'unapprove',
  spam: 'spam',
  trash: 'trash',
  restore: 'restore',
  delete: 'deleteForever',
  pin: 'pin',
  unpin: 'unpin',
} as const satisfies Record<BulkAction, AdminKey>;
