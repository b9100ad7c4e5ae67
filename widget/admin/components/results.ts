/** What the live region says after an action, e.g. "Approved 1 comment." */
import type { BulkAction } from '../api.ts';

const DONE: Record<BulkAction, (comments: string) => string> = {
  approve: (comments) => `Approved ${comments}.`,
  unapprove: (comments) => `Unapproved ${comments}.`,
  spam: (comments) => `Marked ${comments} as spam.`,
  trash: (comments) => `Moved ${comments} to the trash.`,
  restore: (comments) => `Restored ${comments}.`,
  delete: (comments) => `Deleted ${comments} forever.`,
  pin: (comments) => `Pinned ${comments}.`,
  unpin: (comments) => `Unpinned ${comments}.`,
};

export function describeResult(action: BulkAction, count: number): string {
  return DONE[action](`${count} ${count === 1 ? 'comment' : 'comments'}`);
}

/** Button labels, in the site owner's words. */
export const ACTION_LABELS: Record<BulkAction, string> = {
  approve: 'Approve',
  unapprove: 'Unapprove',
  spam: 'Spam',
  trash: 'Trash',
  restore: 'Restore',
  delete: 'Delete forever',
  pin: 'Pin',
  unpin: 'Unpin',
};
