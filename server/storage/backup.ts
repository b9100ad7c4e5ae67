/** `leave-a-reply backup PATH`: a consistent copy of the live database, taken while it is written. */
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { BackupRefused } from '../errors.ts';
import { createPrivateFile } from './database-file.ts';
import { openAsIs } from './open.ts';

export interface BackupResult {
  path: string;
  bytes: number;
  comments: number;
}

/**
 * Copies the database at `source` to `target` with SQLite's online backup API, which reads one
 * consistent snapshot even while the server writes (WAL lets it read without blocking them).
 * The copy is written beside the target under another name and renamed into place, so `target`
 * is never a half-written file. It is created 0600, as private as the database.
 */
export async function backupDatabase(
  source: string,
  target: string,
  options: { force?: boolean } = {},
): Promise<BackupResult> {
  const from = resolve(source);
  const to = resolve(target);
  if (!existsSync(from)) throw new BackupRefused(`There is no database at ${from}.`);
  if (to === from) throw new BackupRefused('The backup cannot replace the database it copies.');
  const folder = dirname(to);
  if (!existsSync(folder))
    throw new BackupRefused(
      `The folder ${folder} does not exist: create it first (mkdir -p ${folder}), or give another PATH.`,
    );
  if (existsSync(to) && statSync(to).isDirectory())
    throw new BackupRefused(
      `${to} is a folder: give the backup's file name, such as ${join(to, 'comments.db')}.`,
    );
  if (existsSync(to) && !options.force)
    throw new BackupRefused(`${target} already exists; add --force to overwrite it.`);
  const partial = join(folder, `.${basename(to)}.partial-${process.pid}`);
  try {
    rmSync(partial, { force: true });
    createPrivateFile(partial);
  } catch (error) {
    throw new BackupRefused(`Cannot write the backup in ${folder}: ${describeCause(error)}.`);
  }
  // Opened as is, not through openDatabase: a backup must never migrate the live database.
  let db: BetterSqlite3.Database;
  try {
    db = openAsIs(from);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
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
  renameSync(partial, to);
  return { path: target, bytes: statSync(to).size, comments };
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

/** Why a file could not be made, in words: "permission denied", not "EACCES: …, open '…'". */
function describeCause(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EPERM') return 'operation not permitted';
  if (code === 'EROFS') return 'the file system is read-only';
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'the disk is full';
  return (error as Error).message;
}

/** A size as a person reads it: "812 bytes", "44.0 KB", "3.2 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
