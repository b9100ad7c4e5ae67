/**
 * `leave-a-reply import json FILE`: a file made by `leave-a-reply export` read back, every id
 * kept so that parents and roots stay right, all of it or nothing.
 */

import { ImportRefused } from '../errors.ts';
import type { StorageSettings } from '../storage/database-name.ts';
import { EXPORTED_TABLES, type Row, TABLE_NAMES, type TableName } from '../storage/site-export.ts';
import { checkDocument } from './export-json.ts';
import { count } from './import-writer.ts';
import { type Importer, type ImportStore, importFile, runImportCommand } from './importer.ts';
import { readJson } from './json-text.ts';

/** One row of the file, and its table. */
export interface SiteRow {
  table: TableName;
  row: Row;
}

export interface SiteImportResult {
  added: Record<TableName, number>;
  /** Rows already in the database, identical: a re-run import skips them. */
  skipped: Record<TableName, number>;
}

/**
 * The importer of the site's own export. A row whose key is already there must be identical
 * (it is skipped); any difference, or comments in the database that the file lacks, stops the
 * import with nothing written.
 */
export const jsonImporter: Importer<SiteRow, SiteImportResult> = {
  async *read(text) {
    const document = checkDocument(await readJson(text, 'cut short, or not an export'));
    for (const table of TABLE_NAMES) for (const row of document[table]) yield { table, row };
  },
  commentsIn: ({ table }) => (table === 'comments' ? 1 : 0),
  async write(rows, store) {
    const result: SiteImportResult = {
      added: { settings: 0, pages: 0, comments: 0, subscribers: 0 },
      skipped: { settings: 0, pages: 0, comments: 0, subscribers: 0 },
    };
    await store.deferForeignKeys();
    await refuseForeignComments(rows, store);
    const addedPages: Row[] = [];
    for (const { table, row } of rows) {
      const { key, columns } = EXPORTED_TABLES[table];
      const existing = await store.findSiteRow(table, row[key] ?? null);
      if (existing) {
        // A page's version only counts changes for HTTP caches; it is not content.
        const differs = columns.find(
          (column) => column !== 'version' && existing[column] !== row[column],
        );
        if (differs)
          throw new ImportRefused(
            `${table} ${key} ${JSON.stringify(row[key])} is already in the database with a different ${differs}` +
              (table === 'settings'
                ? '; the server made its own secrets when it first started, so import into a database it has not opened yet.'
                : '.'),
          );
        result.skipped[table]++;
        continue;
      }
      try {
        await store.insertSiteRow(table, row);
      } catch (error) {
        throw new ImportRefused(
          `${table} ${key} ${JSON.stringify(row[key])} cannot be stored: ${(error as Error).message}.`,
        );
      }
      if (table === 'pages') addedPages.push(row);
      result.added[table]++;
    }
    // Inserting comments bumped their pages' versions; put back the versions exported.
    for (const page of addedPages)
      await store.setPageVersion(page.id ?? null, page.version ?? null);
    await store.continueIds();
    return result;
  },
  explainFailure: (message) =>
    /FOREIGN KEY/i.test(message)
      ? 'The file refers to pages or comments it does not contain; nothing was imported.'
      : null,
};

/** Refuses a database that holds comments the file does not: the file is not this site's. */
async function refuseForeignComments(rows: Iterable<SiteRow>, store: ImportStore): Promise<void> {
  const ids = new Set<unknown>();
  for (const { table, row } of rows) if (table === 'comments') ids.add(row.id);
  const foreign = (await store.commentIds()).filter((id) => !ids.has(id));
  if (foreign.length > 0)
    throw new ImportRefused(
      `The database already has ${foreign.length} comment${foreign.length === 1 ? '' : 's'} that the file does not (the first is #${foreign[0]}); import into a new database.`,
    );
}

/** The summary printed at the end: what was added, and how many rows were there already. */
export function describeJsonImport(file: string, { added, skipped }: SiteImportResult): string {
  const already = skipped.comments + skipped.pages + skipped.settings + skipped.subscribers;
  return (
    `Imported ${count(added.comments, 'comment')}, ${count(added.pages, 'page')}, ` +
    `${count(added.settings, 'setting')} and ${count(added.subscribers, 'subscriber')} from ${file}` +
    (already > 0 ? `; ${count(already, 'row was', 'rows were')} already there, identical.` : '.')
  );
}

/**
 * The `import json FILE` command: all of it in one transaction, or nothing. Returns the process
 * exit code (1 for a file it refuses).
 */
export function runJsonImport(settings: StorageSettings, file: string): Promise<number> {
  return runImportCommand(file, async () =>
    describeJsonImport(file, await importFile(settings, file, jsonImporter)),
  );
}
