/** A reader's rights over what is stored about them: a copy of it, or its erasure. */
import type { Storage } from '../storage/storage.ts';
import { toStoredRecord } from './present.ts';

/** Everything stored under one email address, with what Akismet keeps of its comments. */
export async function exportPersonalData(
  { store, akismet }: Pick<Storage, 'store' | 'akismet'>,
  email: string,
) {
  // Outside any transaction, so the reads may run side by side.
  const comments = await Promise.all(
    (await store.commentsByEmail(email)).map(async (row) => {
      const record = await akismet.find(row.id);
      if (!record) return toStoredRecord(row);
      const { verdict, facts } = record;
      return {
        ...toStoredRecord(row),
        akismet: { verdict, ip: null, userAgent: null, referrer: null, ...facts },
      };
    }),
  );
  return { email, comments };
}

/**
 * Erases an address's comments, its subscription, its mail, its verifications and the jobs
 * about its comments (webhooks, spam checks: they quote them), in one transaction: a comment
 * posted meanwhile is either erased with its mail or left with it, never erased without it.
 * Returns how many comments.
 */
export function erasePersonalData(storage: Storage, email: string, now: Date): Promise<number> {
  return storage.transaction(async (tx) => {
    const ids = (await tx.store.commentsByEmail(email)).map((row) => row.id);
    const erased = await tx.store.eraseByEmail(email, now.toISOString());
    await tx.mail.eraseAddress(email, ids);
    await tx.verifications.eraseAddress(email);
    await tx.jobs.eraseAbout(ids);
    return erased;
  });
}
