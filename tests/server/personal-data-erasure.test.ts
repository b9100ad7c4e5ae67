import { describe, expect, it } from 'vitest';
import { erasePersonalData } from '../../server/comments/personal-data.ts';
import { createMailStore } from '../../server/storage/mail-store.ts';
import { openDatabase } from '../../server/storage/open.ts';
import { createStore } from '../../server/storage/store.ts';
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
  return { db, store, mail };
}

describe('erasing what is stored for an address', () => {
  it('erases its comments and its subscription together', () => {
    const { db, store, mail } = siteWithReader();
    expect(erasePersonalData(store, mail, EMAIL, new Date())).toBe(1);
    expect(store.commentsByEmail(EMAIL)).toEqual([]);
    expect(mail.findSubscriber(EMAIL)).toBeNull();
    db.close();
  });

  it('erases none of its comments when its subscription cannot be erased', () => {
    const { db, store, mail } = siteWithReader();
    // A failure of the disk at that very write, as SQLite would report one.
    db.exec(`CREATE TEMP TRIGGER subscriber_stays BEFORE DELETE ON main.subscribers
             BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`);
    expect(() => erasePersonalData(store, mail, EMAIL, new Date())).toThrow(/disk I\/O error/);
    expect(store.commentsByEmail(EMAIL).map((row) => row.status)).toEqual(['approved']);
    expect(mail.findSubscriber(EMAIL)).not.toBeNull();
    db.close();
  });
});
