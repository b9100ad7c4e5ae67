/**
 * Page versions answered from memory while the database has not changed.
 *
 * Every read SQLite starts in WAL mode takes and releases a lock on the shared-memory file, two
 * system calls that cost more than the rest of answering a thread from the cache. So the
 * versions read are kept until something writes: this connection's own writes show in
 * `total_changes()`, which costs no lock, and other processes' (the command line, an import)
 * in `PRAGMA data_version`, which is read once per turn of the event loop. A request handled
 * in a turn arrived before that turn began, so answering it from the database as it was when
 * the turn began is what it would have got had it been handled on arrival. The comment feeds keep
 * their sites' versions (storage/feeds.ts) the same way.
 */
import type { Database } from 'better-sqlite3';
import type { PageVersion } from './store.ts';

/** More pages than any site reads between two writes; beyond it the memory starts afresh. */
const MAX_KEPT = 10_000;

export function createPageVersions<Version = PageVersion>(
  db: Database,
  read: (key: string) => Version | null,
): (key: string) => Version | null {
  const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  const ownChanges = db.prepare<[], number>('SELECT total_changes()').pluck();
  const kept = new Map<string, Version | null>();
  let othersMark = -1;
  let ownMark = -1;
  let checkedThisTurn = false;

  function forgetIfChanged(): void {
    const own = ownChanges.get() as number;
    if (own !== ownMark) {
      ownMark = own;
      kept.clear();
    }
    if (checkedThisTurn) return;
    checkedThisTurn = true;
    setImmediate(() => {
      checkedThisTurn = false;
    });
    const others = dataVersion.get() as number;
    if (others !== othersMark) {
      othersMark = others;
      kept.clear();
    }
  }

  return (key) => {
    forgetIfChanged();
    let version = kept.get(key);
    if (version === undefined) {
      version = read(key);
      if (kept.size >= MAX_KEPT) kept.clear();
      kept.set(key, version);
    }
    return version;
  };
}
