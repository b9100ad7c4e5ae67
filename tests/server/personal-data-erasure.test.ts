import { describe, expect, it } from 'vitest';
import { erasePersonalData } from '../../server/comments/personal-data.ts';
import { openDatabase } from '../../server/storage/open.ts';
import { createSqliteStorage } from '../../server/storage/sqlite-storage.ts';
import { storedComment } from '../helpers/app.ts';

const EMAIL = 'ann@example.com';
const PAGE = { key: 'https://example.com/a', url: 'https://example.com/a', title: 'A' };

/** A database where EMAIL has a comment and a subscription to mail. */
async function siteWithReader() {
  const db = openDatabase(':memory:');
  const storage = createSqliteStorage(db, ':memory:');
  await storage.store.insertComment(PAGE, storedComment({ email: EMAIL }));
  await storage.mail.addSubscriber(EMAIL, 'confirm', 'unsubscribe', new Date().toISOString());
  return { db, storage, ...storage };
}

describe('erasing what is stored for an address', () => {
  it('erases its comments and its subscription together', async () => {
    const { storage, store, mail } = await siteWithReader();
    expect(await erasePersonalData(storage, EMAIL, new Date())).toBe(1);
    expect(await store.commentsByEmail(EMAIL)).toEqual([]);
    expect(await mail.findSubscriber(EMAIL)).toBeNull();
    await storage.close();
  });

  it('erases none of its comments when its subscription cannot be erased', async () => {
    const { db, storage, store, mail } = await siteWithReader();
    // A failure of the disk at that very write, as SQLite would report one.
    db.exec(`CREATE TEMP TRIGGER subscriber_stays BEFORE DELETE ON main.subscribers
             BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`);
    await expect(erasePersonalData(storage, EMAIL, new Date())).rejects.toThrow(/disk I\/O error/);
    expect((await store.commentsByEmail(EMAIL)).map((row) => row.status)).toEqual(['approved']);
    expect(await mail.findSubscriber(EMAIL)).not.toBeNull();
    await storage.close();
  });

  it('erases its verifications, confirmed or not, and no other address’s', async () => {
    const { storage, verifications } = await siteWithReader();
    const at = new Date().toISOString();
    const verification = (secretHash: string, email: string) => ({
      secretHash,
      email,
      linkHash: `link-${secretHash}`,
      createdAt: at,
      expiresAt: '2999-01-01T00:00:00.000Z',
    });
    await verifications.add(verification('ann-laptop', 'Ann@Example.com'));
    await verifications.add(verification('ann-phone', EMAIL));
    await verifications.add(verification('bob', 'bob@example.com'));
    await verifications.confirm('link-ann-laptop', at);
    await verifications.confirm('link-bob', at);

    await erasePersonalData(storage, EMAIL, new Date());
    expect(await verifications.hasConfirmed(EMAIL)).toBe(false);
    expect(await verifications.findByLink('link-ann-phone')).toBeNull();
    expect(await verifications.hasConfirmed('bob@example.com')).toBe(true);
    await storage.close();
  });
});
