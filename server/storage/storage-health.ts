/**
 * Whether the database can be read and written right now, for GET /api/health. Health checks
 * come every few seconds, so nothing here writes or takes a lock: one indexed read, then system
 * calls and PRAGMAs that read no table (about 20 µs in all), each for one way writes fail:
 * SQLite's read-only state, its size limit, the file system's read-only flag and free space,
 * and the database file being deleted or replaced while open. A write tried and rolled back
 * would not find a full disk (SQLite writes to disk only at commit, often into room its log
 * already has) and would take the write lock from other processes every few seconds.
 */
import { accessSync, constants, type Stats, statfsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Database } from 'better-sqlite3';

/**
 * Less room than this, on the disk or under SQLite's size limit, counts as full: a few
 * comments (64 KB of request at most each) and the index pages they touch would not fit.
 */
export const FREE_SPACE_MIN_BYTES = 1024 * 1024;

export interface StorageHealth {
  reads: boolean;
  writes: boolean;
  /** What is wrong, in a sentence that names no path; null while both work. */
  problem: string | null;
}

export type StorageHealthCheck = () => StorageHealth;

/** Checks `db`, opened from `path` (or ':memory:'). */
export function createStorageHealth(db: Database, path: string): StorageHealthCheck {
  const file = db.memory ? null : resolve(path);
  // The file SQLite opened: a path that later names another file (a backup put in place while
  // the server runs) or none (deleted) no longer leads to what the server writes.
  const opened = file ? statSync(file) : null;
  const read = db.prepare('SELECT (SELECT max(id) FROM comments), (SELECT count(*) FROM settings)');
  const queryOnly = db.prepare<[], number>('PRAGMA query_only').pluck();
  const pageSize = db.prepare<[], number>('PRAGMA page_size').pluck();
  const pageCount = db.prepare<[], number>('PRAGMA page_count').pluck();
  const maxPageCount = db.prepare<[], number>('PRAGMA max_page_count').pluck();
  const freePages = db.prepare<[], number>('PRAGMA freelist_count').pluck();

  /** Why nothing can be written, or null when nothing stands in the way. */
  function writeBlocker(): string | null {
    if (db.readonly)
      return 'The database is on a read-only file system: comments are served, but nothing can be saved until it is writable and the server restarted.';
    if (queryOnly.get() === 1) return 'The database is read-only: nothing can be saved.';
    const pages = (maxPageCount.get() as number) - (pageCount.get() as number);
    const room = (pages + (freePages.get() as number)) * (pageSize.get() as number);
    if (room < FREE_SPACE_MIN_BYTES)
      return 'The database has reached its size limit (PRAGMA max_page_count): nothing more can be saved.';
    if (!file || !opened) return null;
    if (!isSameFile(statSync(file, { throwIfNoEntry: false }), opened))
      return 'The database file was deleted or replaced while the server had it open: what it saves now would be lost. Restart the server.';
    const folder = dirname(file);
    try {
      accessSync(folder, constants.W_OK);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EROFS')
        return 'The file system that holds the database is read-only: nothing can be saved.';
      // Any other refusal (permissions) does not stop SQLite, whose files are already open.
    }
    const { bavail, bsize } = statfsSync(folder);
    if (bavail * bsize < FREE_SPACE_MIN_BYTES)
      return `The disk that holds the database is full (${Math.floor((bavail * bsize) / 1024)} KB free): nothing can be saved.`;
    return null;
  }

  return () => {
    try {
      read.get();
    } catch (error) {
      return {
        reads: false,
        writes: false,
        problem: `The database cannot be read: ${(error as Error).message}.`,
      };
    }
    const problem = writeBlocker();
    return { reads: true, writes: problem === null, problem };
  };
}

function isSameFile(now: Stats | undefined, opened: Stats): boolean {
  return now !== undefined && now.ino === opened.ino && now.dev === opened.dev;
}
