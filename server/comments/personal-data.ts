/** A reader's rights over what is stored about them: a copy of it, or its erasure. */
import type { MailStore } from '../storage/mail-store.ts';
import type { Store } from '../storage/store.ts';
import { toStoredRecord } from './present.ts';

/** Everything stored under one email address. */
export function exportPersonalData(store: Store, email: string) {
  return { email, comments: store.commentsByEmail(email).map(toStoredRecord) };
}

/**
 * Erases an address's comments, its subscription and its mail, in one transaction: a comment
 * posted meanwhile is either erased with its mail or left with it, never erased without it.
 * Returns how many comments.
 */
export function erasePersonalData(
  store: Store,
  mailStore: MailStore,
  email: string,
  now: Date,
): number {
  return store.inTransaction(() => {
    const ids = store.commentsByEmail(email).map((row) => row.id);
    const erased = store.eraseByEmail(email, now.toISOString());
    mailStore.eraseAddress(email, ids);
    return erased;
  });
}
