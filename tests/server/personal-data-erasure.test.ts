import { describe, expect, it } from 'vitest';
import { erasePersonalData } from '../../server/comments/personal-data.ts';
import { createMailStore } from '../../server/storage/mail-store.ts';
import { openDatabase } from '../../server/storage/open.ts';
import { createStore } from '../../server/storage/store.ts';
import { createVerifiedAddresses } from '../../server/storage/verified-addresses.ts';
import { storedComment } from '../helpers/app.ts';

const EMAIL = 'ann@example.com';
const PAGE = { key: 'https://example.com/a', url: 'https://example.com/a', title: 'A' };

/** A database where EMAIL has a comment and a subscription to mail. */
function siteWithReader() {
  const db = openDatabase(':memory:');
  const store = createStore(db);
  const mail = createMailStore(db);
  store.insertComment(PAGE, storedComment({ email: EMAIL }));
  mail.addSubscriber(EMAIL, 'confirm', 'unsubscribe', new Date().toISOString());
  const verifications = createVerifiedAddresses(db);
  return { db, store, mail, verifications };
}

describe('erasing what is stored for an address', () => {
  it('erases its comments and its subscription together', () => {
    const { db, store, mail, verifications } = siteWithReader();
    expect(erasePersonalData(store, mail, EMAIL, new Date(), verifications)).toBe(1);
    expect(store.commentsByEmail(EMAIL)).toEqual([]);
    expect(mail.findSubscriber(EMAIL)).toBeNull();
    db.close();
  });

  it('erases none of its comments when its subscription cannot be erased', () => {
    const { db, store, mail, verifications } = siteWithReader();
    // A failure of the disk at that very write, as SQLite would report one.
    db.exec(`CREATE TEMP TRIGGER subscriber_stays BEFORE DELETE ON main.subscribers
             BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`);
    expect(() => erasePersonalData(store, mail, EMAIL, new Date(), verifications)).toThrow(
      /disk I\/O error/,
    );
    expect(store.commentsByEmail(EMAIL).map((row) => row.status)).toEqual(['approved']);
    expect(mail.findSubscriber(EMAIL)).not.toBeNull();
    db.close();
  });

  it('erases its verifications, confirmed or not, and no other address’s', () => {
    const { db, store, mail, verifications } = siteWithReader();
    const at = new Date().toISOString();
    const verification = (secretHash: string, email: string) => ({
      secretHash,
      email,
      linkHash: `link-${secretHash}`,
      createdAt: at,
      expiresAt: '2999-01-01T00:00:00.000Z',
    });
    verifications.add(verification('ann-laptop', 'Ann@Example.com'));
    verifications.add(verification('ann-phone', EMAIL));
    verifications.add(verification('bob', 'bob@example.com'));
    verifications.confirm('link-ann-laptop', at);
    verifications.confirm('link-bob', at);

    erasePersonalData(store, mail, EMAIL, new Date(), verifications);
    expect(verifications.hasConfirmed(EMAIL)).toBe(false);
    expect(verifications.findByLink('link-ann-phone')).toBeNull();
    expect(verifications.hasConfirmed('bob@example.com')).toBe(true);
    db.close();
  });
});
