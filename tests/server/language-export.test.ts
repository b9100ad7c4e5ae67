/**
 * The language a comment was written in, and the one an address confirmed in, travel with the
 * site's own export; an export made before there were languages still imports, its comments and
 * addresses then of no known language (read as English).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { importFile } from '../../server/import/importer.ts';
import { jsonImporter } from '../../server/import/json-import.ts';
import { createMailStore } from '../../server/storage/mail-store.ts';
import { openDatabase } from '../../server/storage/open.ts';
import { createStore } from '../../server/storage/store.ts';
import { storedComment } from '../helpers/app.ts';
import { sqliteAt } from '../helpers/database.ts';
import { runCliQuietly } from '../helpers/requests.ts';
import { useFolders } from '../helpers/test-apps.ts';

const folder = useFolders('language-export');
const PAGE = {
  key: 'https://blog.example.com/post',
  url: 'https://blog.example.com/post',
  title: null,
};

/** A database with a German comment, an English one from before languages, and a German address. */
function seededDatabase(): string {
  const path = join(folder(), 'comments.db');
  const db = openDatabase(path);
  const store = createStore(db);
  store.insertComment(PAGE, storedComment({ body: 'Auf Deutsch.', lang: 'de' }));
  store.insertComment(PAGE, storedComment({ body: 'From before.' }));
  createMailStore(db).addSubscriber(
    'ann@example.com',
    'confirm',
    'unsubscribe',
    '2026-11-26',
    'de',
  );
  db.close();
  return path;
}

function languagesIn(path: string) {
  const db = openDatabase(path);
  const comments = db.prepare('SELECT body, lang FROM comments ORDER BY id').all();
  const subscribers = db.prepare('SELECT email, lang FROM subscribers').all();
  db.close();
  return { comments, subscribers };
}

describe('languages in the site’s own export', () => {
  it('carries each comment’s and each address’s language, and imports it back', async () => {
    const source = seededDatabase();
    const exported = await runCliQuietly(['export'], loadConfig({ DATABASE_PATH: source }));
    expect(exported.code).toBe(0);
    const document = JSON.parse(exported.said) as {
      comments: { lang: string | null }[];
      subscribers: { lang: string | null }[];
    };
    expect(document.comments.map((row) => row.lang)).toEqual(['de', null]);
    expect(document.subscribers.map((row) => row.lang)).toEqual(['de']);

    const file = join(folder(), 'site.json');
    writeFileSync(file, exported.said);
    const target = join(folder(), 'comments.db');
    await importFile(sqliteAt(target), file, jsonImporter);
    expect(languagesIn(target)).toEqual(languagesIn(source));
  });

  it('imports an export from before languages, with no language for its rows', async () => {
    const file = join(folder(), 'old-export.json');
    const comment = {
      id: 1,
      page_id: 1,
      parent_id: null,
      root_id: null,
      depth: 1,
      status: 'approved',
      trashed_from: null,
      pinned: 0,
      by_owner: 0,
      notify: 0,
      name: 'Ann',
      email: 'ann@example.com',
      website: null,
      body: 'Hello.',
      html: '<p>Hello.</p>',
      token_hash: 'token',
      ip_hash: null,
      user_agent: null,
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: null,
      edited_at: null,
    };
    const subscriber = {
      email: 'ann@example.com',
      confirm_token_hash: null,
      unsubscribe_token_hash: 'unsubscribe',
      confirmed_at: '2026-01-01T00:01:00.000Z',
      unsubscribed_at: null,
      created_at: '2026-01-01T00:00:30.000Z',
    };
    const page = { ...PAGE, id: 1, created_at: '2026-01-01T00:00:00.000Z', version: 1 };
    writeFileSync(
      file,
      JSON.stringify({
        format: 'leave-a-reply/1',
        schemaVersion: 11,
        settings: [],
        pages: [{ ...page, published_at: page.created_at, open_override: null }],
        comments: [comment],
        subscribers: [subscriber],
      }),
    );
    const target = join(folder(), 'comments.db');
    await importFile(sqliteAt(target), file, jsonImporter);
    expect(languagesIn(target)).toEqual({
      comments: [{ body: 'Hello.', lang: null }],
      subscribers: [{ email: 'ann@example.com', lang: null }],
    });
  });
});
