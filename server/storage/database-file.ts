/**
 * The database's file and folder on disk: created private to the server's user, and checked
 * before SQLite opens them, so that every reason they cannot be used is told in one line naming
 * the path, the cause and the fix (SQLite itself says only "unable to open database file").
 */
import {
  accessSync,
  chmodSync,
  closeSync,
  constants,
  existsSync,
  fchmodSync,
  mkdirSync,
  openSync,
  statSync,
} from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { StorageProblem } from '../errors.ts';

/** The database holds commenters' email addresses and the server's keys: its owner's alone. */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_FOLDER_MODE = 0o700;

/** How the database can be opened: as usual, or only for reading, from a read-only medium. */
export type DatabaseAccess = 'read-write' | 'read-only medium';

/**
 * Makes sure the database at `path` can be opened: creates its folder (0700) and an empty file
 * (0600) when missing, whatever the umask, and checks that the file, its folder and SQLite's
 * companion files (`-wal`, `-shm`, kept beside it) can be written. A database that exists on a
 * read-only file system can still be read. Anything else throws a StorageProblem.
 *
 * Existing folders and files keep the modes their owner gave them: changing them behind the
 * owner's back could break what else reads them (a backup job, a group of admins).
 */
export function prepareDatabaseFile(path: string): DatabaseAccess {
  const file = resolve(path);
  const folder = dirname(file);
  if (!existsSync(folder)) createFolder(folder);
  else if (!statSync(folder).isDirectory())
    throw new StorageProblem(
      `Cannot create the database ${file}: ${folder} is a file, not a folder. Set DATABASE_PATH to a file in a folder.`,
    );
  if (!existsSync(file)) {
    createDatabaseFile(file);
    return 'read-write';
  }
  if (statSync(file).isDirectory())
    throw new StorageProblem(
      `Cannot open the database ${file}: it is a folder. Set DATABASE_PATH to a file, such as ${join(file, 'comments.db')}.`,
    );
  const unreadable = accessError(file, constants.R_OK);
  if (unreadable) throw problem(`Cannot read the database ${file}`, unreadable, file, 'readable');
  // SQLite writes its write-ahead log and its index beside the database, as files of their own.
  const companions = [file, folder, `${file}-wal`, `${file}-shm`].filter(existsSync);
  for (const companion of companions) {
    const error = accessError(companion, constants.W_OK);
    if (error?.code === 'EROFS') return 'read-only medium';
    if (!error) continue;
    const what =
      companion === file
        ? `Cannot write the database ${file}`
        : companion === folder
          ? `Cannot write in the database folder ${folder}, where SQLite keeps the database's -wal and -shm files`
          : `Cannot write ${companion}, a file SQLite keeps beside the database`;
    throw problem(what, error, companion, 'writable');
  }
  return 'read-write';
}

/** Whether `path`'s folder is on a file system mounted read-only. */
export function isOnReadOnlyMedium(path: string): boolean {
  return accessError(dirname(resolve(path)), constants.W_OK)?.code === 'EROFS';
}

/**
 * Creates an empty file readable and writable by its owner only; false if it already exists.
 * SQLite gives the database's `-wal` and `-shm` files the database's own mode, so they follow.
 */
export function createPrivateFile(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', PRIVATE_FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    // The umask only takes bits away; setting the mode again makes it exact whatever the umask.
    fchmodSync(fd, PRIVATE_FILE_MODE);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** A warning when other users of the machine may open the database, or null when they may not. */
export function describeOpenModes(path: string): string | null {
  const file = resolve(path);
  const mode = statSync(file, { throwIfNoEntry: false })?.mode;
  if (mode === undefined || (mode & 0o077) === 0) return null;
  return (
    `Warning: the database ${file} is open to other users of this machine (mode ${(mode & 0o777).toString(8)}), ` +
    `and it holds commenters' email addresses and the server's keys: run "chmod 600 ${file}" to keep it private.`
  );
}

/** The line the server prints when it serves a database from a read-only medium. */
export function describeReadOnly(path: string): string {
  return (
    `The database ${resolve(path)} is on a read-only file system: serving comments read-only. ` +
    'Posting, moderation and other writes answer 503, and no mail is sent, until it is writable again and the server restarted.'
  );
}

function createFolder(folder: string): void {
  let first: string | undefined;
  try {
    first = mkdirSync(folder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  } catch (error) {
    // A recursive mkdir under a read-only or forbidden folder may say only ENOENT: the folder
    // it would have made the first one in says why.
    const parent = nearestExisting(folder);
    const cause = accessError(parent, constants.W_OK | constants.X_OK) ?? error;
    throw problem(
      `Cannot create the database folder ${folder}`,
      cause as NodeJS.ErrnoException,
      parent,
      'writable',
    );
  }
  if (first === undefined) return;
  // Every folder made here, from the deepest up to the first one created, gets the exact mode.
  for (let made = folder; ; made = dirname(made)) {
    chmodSync(made, PRIVATE_FOLDER_MODE);
    if (made === first || dirname(made) === made) break;
  }
}

function createDatabaseFile(file: string): void {
  const folder = dirname(file);
  const error = accessError(folder, constants.W_OK | constants.X_OK);
  if (error) throw problem(`Cannot create the database ${file}`, error, folder, 'writable');
  try {
    createPrivateFile(file);
  } catch (failure) {
    throw problem(
      `Cannot create the database ${file}`,
      failure as NodeJS.ErrnoException,
      folder,
      'writable',
    );
  }
}

function accessError(path: string, mode: number): NodeJS.ErrnoException | null {
  try {
    accessSync(path, mode);
    return null;
  } catch (error) {
    return error as NodeJS.ErrnoException;
  }
}

function nearestExisting(path: string): string {
  let folder = dirname(path);
  while (!existsSync(folder) && dirname(folder) !== folder) folder = dirname(folder);
  return folder;
}

/** One line: what could not be done, why, and what the site owner can do about it. */
function problem(
  what: string,
  error: NodeJS.ErrnoException,
  target: string,
  needed: 'readable' | 'writable',
): StorageProblem {
  const place = 'or set DATABASE_PATH to a writable place';
  const user = serverUser();
  const remedy = needed === 'readable' ? 'readable and writable' : 'writable';
  switch (error.code) {
    case 'EACCES':
      return new StorageProblem(
        `${what}: permission denied. Make ${target} ${remedy} by ${user}, ${place}.`,
      );
    case 'EPERM':
      return new StorageProblem(
        `${what}: operation not permitted. Make ${target} ${remedy} by ${user} (if it is immutable: chattr -i ${target}), ${place}.`,
      );
    case 'EROFS':
      return new StorageProblem(
        `${what}: the file system is read-only. Remount it read-write, or set DATABASE_PATH to a place on a writable disk.`,
      );
    case 'ENOSPC':
    case 'EDQUOT':
      return new StorageProblem(
        `${what}: the disk is full. Free some space, or set DATABASE_PATH to a place on another disk.`,
      );
    case 'ENOTDIR':
      return new StorageProblem(
        `${what}: a part of that path is a file, not a folder. Set DATABASE_PATH to a file in a folder.`,
      );
    default:
      return new StorageProblem(`${what}: ${error.message}. Check ${target}, ${place}.`);
  }
}

/** Who the server runs as, in the words a site owner would use with chown. */
export function serverUser(): string {
  try {
    return `user ${userInfo().username}`;
  } catch {
    // A uid without an entry in /etc/passwd (common in containers) has no name to give.
    return `the user with uid ${process.getuid?.() ?? '?'}`;
  }
}
