/**
 * Every change the site owner makes to a comment, whichever door asked for it: the dashboard's
 * API (http/routes/admin/), a link in a notification mail (http/routes/mail.ts) or the command
 * line (cli.ts). Each door turns its request into one act here and words the outcome its own way;
 * what is written and who hears of it is decided here only, so the doors cannot drift apart.
 *
 * What each act does, where the doors used to disagree:
 * - approve: a pending, spam or trashed comment becomes approved, and readers hear of it
 *   (Notifier.commentApproved: the commenter's address confirmation, and the reply notice to
 *   the confirmed subscriber it answers), as the dashboard did. Approving a comment that is
 *   approved already changes nothing and sends nothing. The dashboard used to write it again
 *   and tell the notifier again, leaving it to the mail queue's dedupe keys not to mail twice;
 *   the mail link and the command line did not. An approve after an unapprove does tell the
 *   notifier again, and the dedupe keys (one confirmation per address, one notice per reply and
 *   reader) keep anyone from getting the same mail twice.
 * - unapprove: only an approved comment goes back to pending (WordPress's Unapprove); anything
 *   else is not applicable. No mail: nobody was promised one for a comment leaving the page.
 * - spam: any comment but a deleted one; one already spam is left as it is.
 * - trash: an approved, pending or spam comment, remembering where it came from. The mail link
 *   used a copy of the dashboard's statement; both now use the dashboard's.
 * - restore: from the trash to where it was, from spam to pending.
 * - delete: for good, or as an empty placeholder while it has replies.
 * - pin, unpin, edit: any comment but a deleted one; the owner's edit is not marked "edited".
 * None of these count metrics or log lines: none did before, and a page's version (which the
 * thread cache and ETags follow) moves by the database's triggers whenever readers' view changes.
 */

import { renderCommentHtml } from '../comments/render.ts';
import type { Storage } from '../storage/storage.ts';
import type { StoredStatus } from '../storage/store.ts';
import type { Notifier } from './notifier.ts';

export type ModerationAct =
  | 'approve'
  | 'unapprove'
  | 'spam'
  | 'trash'
  | 'restore'
  | 'delete'
  | 'pin'
  | 'unpin';

/** What became of an act: done, nothing to do, no such comment, or not for a comment there. */
export type ModerationOutcome =
  | { result: 'changed'; status: StoredStatus; removed: boolean }
  | { result: 'unchanged'; status: StoredStatus }
  | { result: 'missing' }
  | { result: 'not_applicable'; status: StoredStatus };

export interface ModerationOptions {
  /** Where the acts are written, each in a transaction of its own (a savepoint inside one). */
  storage: Storage;
  notifier: Notifier;
  now: () => Date;
}

export type Moderation = ReturnType<typeof createModeration>;

/** Where each act may start from; the statements below check the same again as they write. */
const FROM: Record<ModerationAct, readonly StoredStatus[]> = {
  approve: ['pending', 'approved', 'spam', 'trash'],
  unapprove: ['approved'],
  spam: ['pending', 'approved', 'spam', 'trash'],
  trash: ['pending', 'approved', 'spam'],
  restore: ['spam', 'trash'],
  delete: ['pending', 'approved', 'spam', 'trash', 'deleted'],
  pin: ['pending', 'approved', 'spam', 'trash'],
  unpin: ['pending', 'approved', 'spam', 'trash'],
};

/** The acts that leave a comment where it is when it is there already. */
const SETTLED: Partial<Record<ModerationAct, StoredStatus>> = {
  approve: 'approved',
  spam: 'spam',
};

/** The one moderation service of a database; stateless, so each door may build its own. */
export function createModeration({ storage, notifier, now }: ModerationOptions) {
  async function write(tx: Storage, id: number, act: ModerationAct, at: string): Promise<boolean> {
    switch (act) {
      case 'approve': {
        const row = await tx.store.setStatus(id, 'approved', at);
        // Only a comment that was not shown yet comes here (see SETTLED): readers hear once.
        if (row) await notifier.commentApproved(row, tx);
        return row !== null;
      }
      case 'unapprove':
        return (await tx.store.setStatus(id, 'pending', at)) !== null;
      case 'spam':
        return (await tx.store.setStatus(id, 'spam', at)) !== null;
      case 'trash':
        return tx.admin.trash(id, at);
      case 'restore':
        return tx.admin.restore(id, at);
      case 'pin':
      case 'unpin':
        return tx.admin.setPinned(id, act === 'pin', at);
      case 'delete':
        await tx.store.deleteComment(id, at);
        return true;
    }
  }

  /** One act on one comment, with its notifications, in the transaction `tx`. */
  async function actIn(tx: Storage, id: number, what: ModerationAct): Promise<ModerationOutcome> {
    const before = await tx.store.findComment(id);
    if (!before) return { result: 'missing' };
    const status = before.status as StoredStatus;
    // A deleted comment's placeholder is no comment to moderate, only to delete for good.
    if (status === 'deleted' && what !== 'delete') return { result: 'missing' };
    if (SETTLED[what] === status) return { result: 'unchanged', status };
    if (!FROM[what].includes(status) || !(await write(tx, id, what, now().toISOString())))
      return { result: 'not_applicable', status };
    const after = await tx.store.findComment(id);
    if (after?.status !== status || what === 'delete')
      await notifier.commentStatusChanged({ before, after }, tx);
    return {
      result: 'changed',
      status: (after?.status ?? 'deleted') as StoredStatus,
      removed: after === null,
    };
  }

  return {
    /** Carries out one act on one comment, in one transaction with its notifications. */
    act(id: number, what: ModerationAct): Promise<ModerationOutcome> {
      return storage.transaction((tx) => actIn(tx, id, what));
    },
    /** One act on many comments in one transaction; how many it changed or found done. */
    actOnMany(ids: readonly number[], what: ModerationAct): Promise<number> {
      return storage.transaction(async (tx) => {
        let done = 0;
        for (const id of new Set(ids)) {
          const { result } = await actIn(tx, id, what);
          if (result === 'changed' || result === 'unchanged') done++;
        }
        return done;
      });
    },
    /** The site owner's new text for a comment; false when there is no such comment. */
    edit(id: number, body: string): Promise<boolean> {
      return storage.admin.edit(id, body, renderCommentHtml(body), now().toISOString());
    },
  };
}
