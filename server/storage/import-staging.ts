/**
 * Where an import's items wait, read but not written, until its whole file has been read: a
 * private SQLite database of its own, on disk (SQLite's temporary files) so that a large file's
 * items do not fill memory, and apart from the site's database, whichever engine that is, so
 * that keeping an item takes no lock a server would wait for. It is gone once discarded, and
 * with the process if the import is stopped.
 */
import BetterSqlite3 from 'better-sqlite3';

/** How many staged items one read brings back: bounded memory, few statements. */
const STAGED_PER_READ = 200;

export interface ImportStaging {
  keep(item: string): void;
  /** Every item kept, in order; each walk reads them afresh, a few hundred at a time. */
  items(): Iterable<string>;
  /** Forgets every item kept, for good. */
  discard(): void;
}

export function createStaging(): ImportStaging {
  // An empty name: a temporary database, deleted when it is closed.
  const db = new BetterSqlite3('');
  db.exec('CREATE TABLE items (seq INTEGER PRIMARY KEY, item TEXT NOT NULL)');
  const keep = db.prepare<[string]>('INSERT INTO items (item) VALUES (?)');
  const after = db.prepare<[number, number], { seq: number; item: string }>(
    'SELECT seq, item FROM items WHERE seq > ? ORDER BY seq LIMIT ?',
  );
  return {
    keep(item) {
      keep.run(item);
    },
    items: () => ({
      *[Symbol.iterator]() {
        // A page at a time rather than one open cursor: a walk may stop half-way (a refusal),
        // and an open cursor would keep the database busy until it is collected.
        let last = 0;
        for (;;) {
          const rows = after.all(last, STAGED_PER_READ);
          for (const row of rows) yield row.item;
          if (rows.length < STAGED_PER_READ) return;
          last = (rows.at(-1) as { seq: number }).seq;
        }
      },
    }),
    discard() {
      if (db.open) db.close();
    },
  };
}
