/** A reader's rights over what is stored about them: a copy of it, or its erasure. */
import type { AkismetStore } from '../storage/akismet-store.ts';
import type { JobStore } from '../storage/job-store.ts';
import type { MailStore } from '../storage/mail-store.ts';
import type { Store } from '../storage/store.ts';
import type { VerifiedAddresses } from '../storage/verified-addresses.ts';
import { toStoredRecord } from './present.ts';

/** Everything stored under one email address, with what Akismet keeps of its comments. */
export function exportPersonalData(
  store: Store,
  email: string,
  akismet?: Pick<AkismetStore, 'find'>,
) {
  const comments = store.commentsByEmail(email).map((row) => {
    const record = akismet?.find(row.id);
    if (!record) return toStoredRecord(row);
    const { verdict, facts } = record;
    return {
      ...toStoredRecord(row),
      akismet: { verdict, ip: null, userAgent: null, referrer: null, ...facts },
    };
  });
  return { email, comments };
}

/**
 * Erases an address's comments, its subscription, its mail, its verifications and the jobs
 * about its comments (webhooks, spam checks: they quote them), in one transaction: a comment
 * posted meanwhile is either erased with its mail or left with it, never erased without it.
 * Returns how many comments.
 */
export function erasePersonalData(
  store: Store,
  mailStore: MailStore,
  email: string,
  now: Date,
  verifications: Pick<VerifiedAddresses, 'eraseAddress'>,
  jobStore?: Pick<JobStore, 'eraseAbout'>,
): number {
  return store.inTransaction(() => {
    const ids = store.commentsByEmail(email).map((row) => row.id);
    const erased = store.eraseByEmail(email, now.toISOString());
    mailStore.eraseAddress(email, ids);
    verifications.eraseAddress(email);
    jobStore?.eraseAbout(ids);
    return erased;
  });
}
