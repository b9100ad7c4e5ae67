/** How commands open the database, and what the command line says when storage refuses. */
import BetterSqlite3 from 'better-sqlite3';
import type { Config } from '../config.ts';
import { StorageProblem } from '../errors.ts';
import { openStorage, type Storage } from '../storage/storage.ts';

/** Runs `work` on the stores of the database the settings name, closed when it is done. */
export async function withStorage<T>(
  config: Config,
  work: (storage: Storage) => Promise<T>,
): Promise<T> {
  const storage = await openStorage(config);
  try {
    return await work(storage);
  } finally {
    await storage.close();
  }
}

/** Refuses a write before anything is looked for, as the write itself would be refused. */
export function refuseWritesWhenReadOnly(storage: Storage): void {
  if (storage.readonly)
    throw new BetterSqlite3.SqliteError('attempt to write a readonly database', 'SQLITE_READONLY');
}

/**
 * What to tell the owner when `command` failed on `database` because of its storage (a file it
 * cannot use, a read-only database); undefined for any other failure, a fault of the program.
 */
export function describeStorageFailure(
  error: unknown,
  command: string | undefined,
  database: string,
): string | undefined {
  if (error instanceof StorageProblem) return error.message;
  if (!(error instanceof BetterSqlite3.SqliteError && error.code.startsWith('SQLITE_READONLY')))
    return undefined;
  if (command === 'serve')
    return (
      `Cannot start on the database ${database}: it is read-only, and this start has to write to it ` +
      '(the keys and admin token of a first start, or a changed ADMIN_PASSWORD). Start the server once with it writable, ' +
      'or set DATABASE_PATH to a writable copy.'
    );
  return `Cannot change the database ${database}: it is read-only, so nothing was changed. Make it writable, or set DATABASE_PATH to a writable copy.`;
}
