/**
 * The database schema as an append-only list: entry i brings PRAGMA user_version to i + 1.
 * Each entry lives in a file of its own in schema/; a shipped entry is never edited (a test pins
 * each one's SQL by its hash), and changes come as new entries.
 */
import type { Database } from 'better-sqlite3';
import { PAGES_AND_COMMENTS } from './schema/01-pages-and-comments.ts';
import { EDITED_AT } from './schema/02-edited-at.ts';
import { THREAD_ROOTS_AND_VERSIONS } from './schema/03-thread-roots-and-versions.ts';
import { OWNER_TOOLS_AND_MAIL } from './schema/04-owner-tools-and-mail.ts';
import { APPROVED_COUNTS } from './schema/05-approved-counts.ts';
import { NAMES_BY_EMAIL } from './schema/06-names-by-email.ts';
import { HELD_TITLES } from './schema/07-held-titles.ts';
import { TEXT_KEYS } from './schema/08-text-keys.ts';
import { PAGES_BY_URL } from './schema/09-pages-by-url.ts';
import { LIKES } from './schema/10-likes.ts';
import { PAGE_PUBLICATION } from './schema/11-page-publication.ts';
import { LANGUAGES } from './schema/12-languages.ts';
import { HELD_VIEWS } from './schema/13-held-views.ts';
import { SPENT_CHALLENGES } from './schema/14-spent-challenges.ts';
import { VERIFIED_ADDRESSES } from './schema/15-verified-addresses.ts';
import { JOBS } from './schema/16-jobs.ts';
import { AKISMET } from './schema/17-akismet.ts';
import { DEFENCE_COUNTS } from './schema/18-defence-counts.ts';
import { THROTTLES } from './schema/19-throttles.ts';
import { defineTextKey } from './text-key.ts';
import { writeTransaction } from './transaction.ts';

export const MIGRATIONS: readonly string[] = [
  PAGES_AND_COMMENTS,
  EDITED_AT,
  THREAD_ROOTS_AND_VERSIONS,
  OWNER_TOOLS_AND_MAIL,
  APPROVED_COUNTS,
  NAMES_BY_EMAIL,
  HELD_TITLES,
  TEXT_KEYS,
  PAGES_BY_URL,
  LIKES,
  PAGE_PUBLICATION,
  LANGUAGES,
  HELD_VIEWS,
  SPENT_CHALLENGES,
  VERIFIED_ADDRESSES,
  JOBS,
  AKISMET,
  DEFENCE_COUNTS,
  THROTTLES,
];

/**
 * Brings the database up to the newest schema (or to `target`), one immediate transaction per
 * step. Foreign keys are off while the steps run, as SQLite asks for when a table is rebuilt,
 * and every step must leave them intact before it commits.
 */
export function migrate(db: Database, target = MIGRATIONS.length): void {
  // Before anything else: the schema's triggers call it on every connection that writes.
  defineTextKey(db);
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `The database is at schema version ${current}, newer than this program knows (${MIGRATIONS.length}). Upgrade Leave a Reply before opening it.`,
    );
  }
  if (current >= target) return;
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    for (let version = current; version < target; version++) {
      writeTransaction(db, () => {
        db.exec(MIGRATIONS[version] as string);
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length > 0) {
          throw new Error(`Migration ${version + 1} would break ${broken.length} references.`);
        }
        db.pragma(`user_version = ${version + 1}`);
      });
    }
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
}
