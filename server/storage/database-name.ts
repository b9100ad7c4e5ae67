/**
 * Which database the settings name, and how it is named to the site owner. Apart from the
 * engines, so that the command line can name it without loading either.
 */
import { resolve } from 'node:path';

/** Where the data lives: a PostgreSQL database when `databaseUrl` is set, else SQLite's file. */
export interface StorageSettings {
  databasePath: string;
  databaseUrl: string | null;
  databasePoolSize: number;
}

/**
 * The database as the server and the command line name it: SQLite's file by its full path, a
 * PostgreSQL database by its address without the password.
 */
export function databaseName(settings: StorageSettings): string {
  if (!settings.databaseUrl) return resolve(settings.databasePath);
  try {
    const address = new URL(settings.databaseUrl);
    if (address.password) address.password = '***';
    return address.toString();
  } catch {
    return 'the PostgreSQL database at DATABASE_URL';
  }
}
