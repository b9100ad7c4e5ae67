/** The server's settings table in PostgreSQL, as settings.ts keeps it in SQLite. */
import type { createSettings } from '../settings.ts';
import type { Asynchronous } from '../storage.ts';
import { type Connection, one, run, statement } from './connection.ts';

/**
 * The setting that names this database's life (Storage's lifeId): the database's own, never the
 * site's, so that no export carries it and a database a site is imported into keeps its own.
 */
export const LIFE_ID_SETTING = 'life_id';

export const SETTING_STATEMENTS = {
  getSetting: statement('settings.getSetting', 'SELECT value FROM settings WHERE key = $1'),
  setSetting: statement(
    'settings.setSetting',
    'INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ),
  deleteSetting: statement('settings.deleteSetting', 'DELETE FROM settings WHERE key = $1'),
  keepSetting: statement(
    'settings.keepSetting',
    'INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING',
  ),
};

export type PgSettings = Asynchronous<Omit<ReturnType<typeof createSettings>, 'statements'>>;

export function createPgSettings(connection: Connection): PgSettings {
  const statements = SETTING_STATEMENTS;
  return {
    async getSetting(key) {
      return (
        (await one<{ value: string }>(connection, statements.getSetting, [key]))?.value ?? null
      );
    },
    async setSetting(key, value) {
      await run(connection, statements.setSetting, [key, value]);
    },
    async deleteSetting(key) {
      await run(connection, statements.deleteSetting, [key]);
    },
    async keepSetting(key, value) {
      // The read is a statement of its own: one made at once with the insert would not see a
      // row another instance committed while the insert waited for it.
      await run(connection, statements.keepSetting, [key, value]);
      return (await one<{ value: string }>(connection, statements.getSetting, [key]))
        ?.value as string;
    },
  };
}
