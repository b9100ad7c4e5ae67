/**
 * The importers, `import json` and `export` on PostgreSQL: each file imported into a database of
 * the test cluster and into a SQLite file gives the same site, row for row, ids included, and
 * the command line with DATABASE_URL writes to PostgreSQL, never to DATABASE_PATH's file.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { runCli } from '../../server/cli.ts';
import { type Config, loadConfig } from '../../server/config.ts';
import { disqusImporter } from '../../server/import/disqus.ts';
import { type ExportDocument, exportSite, formatExport } from '../../server/import/export-json.ts';
import { type Importer, importFile } from '../../server/import/importer.ts';
import { issoImporter } from '../../server/import/isso.ts';
import { wordPressImporter } from '../../server/import/wordpress.ts';
import type { StorageSettings } from '../../server/storage/database-name.ts';
import { openStorage } from '../../server/storage/storage.ts';
import { fixturePath } from '../helpers/cli-sandbox.ts';
import { sqliteAt } from '../helpers/database.ts';
import { createTestDatabase, describePostgres, type TestDatabase } from '../helpers/postgres.ts';

/** When the imports run, for the comments and pages a file leaves undated. */
const NOW = '2026-03-01T12:00:00.000Z';
const ORIGIN = 'https://kitchen.example.com';

/** Each format's importer and a file of it. */
const FORMATS: [string, () => Importer<unknown, unknown>, string][] = [
  ['a WordPress', () => wordPressImporter({ now: NOW }), 'wordpress-site.xml'],
  ['a Disqus', () => disqusImporter({ now: NOW }), 'disqus.xml'],
  ['an Isso', () => issoImporter({ origin: ORIGIN, now: NOW }), 'isso.json'],
];

describePostgres('imports and the export on PostgreSQL', () => {
  let dir: string;
  const databases: TestDatabase[] = [];
  let files = 0;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'leave-a-reply-postgres-imports-'));
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  afterAll(async () => {
    for (const database of databases) await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Settings for a new, empty database of the cluster; DATABASE_PATH names a file never made. */
  async function postgresConfig(): Promise<Config> {
    const database = await createTestDatabase();
    databases.push(database);
    return loadConfig({
      DATABASE_URL: database.url,
      DATABASE_PATH: join(dir, `unused-${++files}.db`),
    });
  }
  const sqliteConfig = (): StorageSettings => sqliteAt(join(dir, `site-${++files}.db`));

  async function exported(settings: StorageSettings): Promise<ExportDocument> {
    const storage = await openStorage(settings);
    try {
      return await exportSite(storage);
    } finally {
      await storage.close();
    }
  }

  /** Runs the command line; its exit code and what it printed. */
  async function cli(args: string[], config: Config): Promise<{ code: number; said: string }> {
    const output: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...parts) => output.push(parts.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...parts) => output.push(parts.join(' ')));
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      return { code: await runCli(args, config), said: output.join('\n') };
    } finally {
      vi.restoreAllMocks();
    }
  }

  for (const [format, importer, file] of FORMATS) {
    it(`imports ${format} file as SQLite does, row for row, and finds it all again on a second run`, async () => {
      const sqlite = sqliteConfig();
      const postgres = await postgresConfig();
      const intoSqlite = await importFile(sqlite, fixturePath(file), importer());
      const intoPostgres = await importFile(postgres, fixturePath(file), importer());
      expect(intoPostgres).toEqual(intoSqlite);
      const site = await exported(sqlite);
      expect(site.comments.length).toBeGreaterThan(5);
      expect(await exported(postgres)).toEqual(site);

      const again = (await importFile(postgres, fixturePath(file), importer())) as {
        alreadyImported: number;
        pagesAdded: number;
      };
      expect(again.alreadyImported).toBe(site.comments.length);
      expect(again.pagesAdded).toBe(0);
      expect(await exported(postgres)).toEqual(site);
    });
  }

  it('reads back with import json what export wrote, ids kept, and new rows take the next ids', async () => {
    // A site of every format, exported from SQLite.
    const source = sqliteConfig();
    for (const [, importer, file] of FORMATS)
      await importFile(source, fixturePath(file), importer());
    const site = await exported(source);
    const path = join(dir, 'site.json');
    writeFileSync(path, formatExport(site));

    const postgres = await postgresConfig();
    const read = await cli(['import', 'json', path], postgres);
    expect(read, read.said).toMatchObject({ code: 0 });
    expect(read.said).toContain(`Imported ${site.comments.length} comments`);
    expect(await exported(postgres)).toEqual(site);
    // `export` on PostgreSQL prints the very document SQLite's gave.
    const printed = await cli(['export'], postgres);
    expect(printed.code).toBe(0);
    expect(printed.said).toBe(formatExport(site));

    // What comes after takes the ids SQLite would give: the highest plus one, with no clash.
    const sqlite = sqliteConfig();
    expect(
      (await cli(['import', 'json', path], loadConfig({ DATABASE_PATH: sqlite.databasePath })))
        .code,
    ).toBe(0);
    const more = fixturePath('wordpress-statuses.xml');
    await importFile(sqlite, more, wordPressImporter({ now: NOW }));
    await importFile(postgres, more, wordPressImporter({ now: NOW }));
    const grown = await exported(sqlite);
    expect(grown.comments.length).toBeGreaterThan(site.comments.length);
    expect(await exported(postgres)).toEqual(grown);
  });

  it('writes every import of the command line to DATABASE_URL, none to DATABASE_PATH', async () => {
    const postgres = await postgresConfig();
    const imported = await cli(['import', 'disqus', fixturePath('disqus.xml')], postgres);
    expect(imported, imported.said).toMatchObject({ code: 0 });
    expect(imported.said).toContain('Imported 8 comments (7 approved, 1 spam) on 3 new pages');
    const isso = await cli(
      ['import', 'isso', fixturePath('isso.json'), '--origin', ORIGIN],
      postgres,
    );
    expect(isso, isso.said).toMatchObject({ code: 0 });
    expect((await exported(postgres)).comments).toHaveLength(8 + 7);
    expect(existsSync(postgres.databasePath)).toBe(false);
  });

  it('writes nothing of a file cut short, and says so', async () => {
    const postgres = await postgresConfig();
    const refused = await cli(
      ['import', 'wordpress', fixturePath('wordpress-cut-short.xml')],
      postgres,
    );
    expect(refused.code).toBe(1);
    expect(refused.said).toMatch(/^Nothing was imported from .*wordpress-cut-short\.xml\./);
    const site = await exported(postgres);
    expect({ pages: site.pages.length, comments: site.comments.length }).toEqual({
      pages: 0,
      comments: 0,
    });
  });
});
