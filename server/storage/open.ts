/** Opening the SQLite database with the settings every connection needs. */
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { StorageProblem } from '../errors.ts';
import { isOnReadOnlyMedium, prepareDatabaseFile, serverUser } from './database-file.ts';
import { MIGRATIONS, migrate } from './migrations.ts';

/**
 * Opens (creating if needed, private to its owner) the database at `path`, or in memory for
 * ':memory:', migrated. A database on a read-only file system opens read-only (`db.readonly`):
 * it serves reads, and every write fails with SQLITE_READONLY. A file or folder that cannot be
 * used throws a StorageProblem whose message says what to do.
 */
export function openDatabase(path: string): Database {
  if (path === ':memory:') return configure(new BetterSqlite3(path));
  const file = resolve(path);
  const access = prepareDatabaseFile(file);
  let db: Database | undefined;
  try {
    db =
      access === 'read-write' ? new BetterSqlite3(file, { fileMustExist: true }) : readOnly(file);
    if (db.readonly) requireCurrentSchema(db, file);
    return checkTablesReadAtStart(configure(db), file);
  } catch (error) {
    db?.close();
    throw describeSqliteFailure(error, file) ?? error;
  }
}

/**
 * Opens an existing database as it is, never migrated nor configured (for copying it): read-only
 * when it lies on a read-only medium.
 */
export function openAsIs(path: string): Database {
  const file = resolve(path);
  try {
    return isOnReadOnlyMedium(file)
      ? readOnly(file)
      : new BetterSqlite3(file, { fileMustExist: true });
  } catch (error) {
    throw describeSqliteFailure(error, file) ?? error;
  }
}

function configure(db: Database): Database {
  if (!db.memory && !db.readonly) db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // WAL makes NORMAL durable against application crashes; only a power cut may lose the last commit.
  db.pragma('synchronous = NORMAL');
  // What is deleted or replaced (a secret an older version kept in clear, an erased address) is
  // zeroed in its page rather than left in the file's free space; FAST costs no extra writes.
  db.pragma('secure_delete = FAST');
  migrate(db);
  return db;
}

/** Byte 18 of an SQLite file's header: 2 when the database is in WAL mode. */
const HEADER_WAL_BYTE = 18;

/**
 * A database on a read-only medium. SQLite reads a WAL database through its `-shm` index, which
 * cannot be created there, and better-sqlite3 cannot open a file as `immutable` (its URI file
 * names are off). So without a `-shm` the file is read into memory and opened from there,
 * read-only: nothing on a read-only medium changes under the copy.
 */
function readOnly(file: string): Database {
  const header = Buffer.alloc(100);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  if (header[HEADER_WAL_BYTE] !== 2 || existsSync(`${file}-shm`))
    return new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  const wal = `${file}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0)
    throw new StorageProblem(
      `Cannot read the database ${file}: it is on a read-only file system, and its write-ahead log ${wal} holds changes that SQLite can only fold in with write access. Mount it read-write once and start the server, or set DATABASE_PATH to a copy on a writable disk.`,
    );
  const image = readFileSync(file);
  // SQLite refuses a WAL database from memory, and this copy has no log to read: say "legacy".
  image[HEADER_WAL_BYTE] = 1;
  image[HEADER_WAL_BYTE + 1] = 1;
  return new BetterSqlite3(image, { readonly: true });
}

/**
 * The tables every start reads (the server's keys, the admin token, the password, sessions),
 * checked page by page: damage there would otherwise stop the start with SQLite's bare
 * "database disk image is malformed". They are a few pages, so this costs about 0.1 ms; a check
 * of the whole file would cost about 2 ms per megabyte (0.4 s for 200,000 comments) at every
 * start, so damage elsewhere is found when it is read, and GET /api/health reports it.
 */
const TABLES_READ_AT_START = ['settings', 'admin_sessions'] as const;

function checkTablesReadAtStart(db: Database, file: string): Database {
  for (const table of TABLES_READ_AT_START) {
    const found = db.pragma(`quick_check(${table})`, { simple: true }) as string;
    if (found !== 'ok')
      throw damaged(
        file,
        found.replace(/^\*\*\* in database main \*\*\*\s*/, '').replace(/\s+/g, ' '),
      );
  }
  return db;
}

/** The SQLite file format's first 16 bytes (https://www.sqlite.org/fileformat.html). */
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

function startsAsSqlite(file: string): boolean {
  const start = Buffer.alloc(SQLITE_MAGIC.length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, start, 0, start.length, 0);
  } finally {
    closeSync(fd);
  }
  return start.equals(SQLITE_MAGIC);
}

/**
 * A damaged database, in one line: which file, what SQLite found, and the two ways out: the last
 * backup, or SQLite's recovery of whatever it can still read into a new file.
 */
function damaged(file: string, found: string): StorageProblem {
  const recovered = file.endsWith('.db')
    ? `${file.slice(0, -3)}-recovered.db`
    : `${file}-recovered`;
  return new StorageProblem(
    `Cannot open the database ${file}: it is damaged (${found}). Restore your last backup (see "Backups" in README.md), or save what SQLite can still read into a new file: sqlite3 ${file} ".recover" | sqlite3 ${recovered}, then set DATABASE_PATH to ${recovered}.`,
  );
}

function requireCurrentSchema(db: Database, file: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version >= MIGRATIONS.length) return;
  throw new StorageProblem(
    `Cannot upgrade the database ${file} from schema version ${version} to ${MIGRATIONS.length}: it is on a read-only file system. Mount it read-write once and start the server, or set DATABASE_PATH to a writable copy.`,
  );
}

/**
 * SQLite's failures at opening that come from the disk, as one line that says what to do; null
 * for anything else (a failing migration is a bug to report, not a setting to change).
 */
function describeSqliteFailure(error: unknown, file: string): StorageProblem | null {
  if (error instanceof StorageProblem) return error;
  if (!(error instanceof BetterSqlite3.SqliteError)) return null;
  // A file that begins as an SQLite database does but cannot be read as one is a damaged one.
  if (error.code === 'SQLITE_NOTADB' && !startsAsSqlite(file))
    return new StorageProblem(
      `Cannot open the database ${file}: it is not an SQLite database. Set DATABASE_PATH to your site's database.`,
    );
  if (error.code === 'SQLITE_NOTADB' || error.code.startsWith('SQLITE_CORRUPT'))
    return damaged(file, error.message);
  if (error.code === 'SQLITE_FULL')
    return new StorageProblem(
      `Cannot write the database ${file}: the disk is full. Free some space, or set DATABASE_PATH to a place on another disk.`,
    );
  if (error.code.startsWith('SQLITE_BUSY'))
    return new StorageProblem(
      `Cannot open the database ${file}: another program has held it locked for over 5 seconds (${error.message}). Try again once it is done.`,
    );
  if (!/^SQLITE_(CANTOPEN|IOERR|READONLY|PERM|AUTH|NOLFS)/.test(error.code)) return null;
  return new StorageProblem(
    `Cannot open the database ${file}: ${error.message}. Make it and its folder readable and writable by ${serverUser()}, or set DATABASE_PATH to a writable place.`,
  );
}
