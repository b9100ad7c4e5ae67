/** `leave-a-reply backup PATH`: a consistent copy of the live database, taken while it is written. */
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

export interface BackupResult {
  path: string;
  bytes: number;
  comments: number;
}

/** Thrown for a backup that must not start: no source, or a target that would be overwritten. */
export class BackupRefused extends Error {}

/**
 * Copies the database at `source` to `target` with SQLite's online backup API, which reads one
 * consistent snapshot even while the server writes (WAL lets it read without blocking them).
 * The copy is written beside the target under another name and renamed into place, so `target`
 * is never a half-written file.
 */
export async function backupDatabase(
  source: string,
  target: string,
  options: { force?: boolean } = {},
): Promise<BackupResult> {
  if (!existsSync(source)) throw new BackupRefused(`There is no database at ${source}.`);
  if (resolve(target) === resolve(source))
    throw new BackupRefused('The backup cannot replace the database it copies.');
  if (existsSync(target) && !options.force)
    throw new BackupRefused(`${target} already exists; add --force to overwrite it.`);
  // Opened as is, not through openDatabase: a backup must never migrate the live database.
  const db = new BetterSqlite3(source, { fileMustExist: true });
  mkdirSync(dirname(target), { recursive: true });
  const partial = join(dirname(target), `.${basename(target)}.partial-${process.pid}`);
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(partial, {
      // A write by another connection between two steps restarts the copy; after the first step
      // every step takes the whole file, so a busy server cannot keep it restarting for ever.
      progress: ({ totalPages }) => Math.max(totalPages, 100),
    });
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    db.close();
  }
  let comments: number;
  try {
    comments = countComments(partial);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  renameSync(partial, target);
  return { path: target, bytes: statSync(target).size, comments };
}

/** The comments in the copy: what the backup holds, counted from the file itself. */
function countComments(path: string): number {
  const copy = new BetterSqlite3(path, { fileMustExist: true });
  try {
    return (copy.prepare('SELECT count(*) AS n FROM comments').get() as { n: number }).n;
  } finally {
    // Closing the last connection checkpoints and removes the copy's -wal and -shm files.
    copy.close();
  }
}

/** A size as a person reads it: "812 bytes", "44.0 KB", "3.2 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
