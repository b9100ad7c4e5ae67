/** The server's settings table: keys it makes once and keeps (secrets, hashes), by name. */
import type { Database } from 'better-sqlite3';

export function createSettings(db: Database) {
  const statements = {
    getSetting: db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?'),
    setSetting: db.prepare<[string, string]>(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ),
    deleteSetting: db.prepare<[string]>('DELETE FROM settings WHERE key = ?'),
    keepSetting: db.prepare<[string, string]>(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING',
    ),
  };
  return {
    statements,
    getSetting(key: string): string | null {
      return statements.getSetting.get(key)?.value ?? null;
    },
    setSetting(key: string, value: string): void {
      statements.setSetting.run(key, value);
    },
    deleteSetting(key: string): void {
      statements.deleteSetting.run(key);
    },
    /**
     * Stores `value` under `key` unless another is there already, and answers the value kept:
     * of two processes making a key at once, both go on with the first one stored.
     */
    keepSetting(key: string, value: string): string {
      statements.keepSetting.run(key, value);
      return statements.getSetting.get(key)?.value as string;
    },
  };
}
