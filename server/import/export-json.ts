/**
 * `leave-a-reply export`: the whole site (pages, comments, settings, subscribers) as one
 * deterministic JSON document, and the checks a document passes before `import json` reads it
 * back (json-import.ts), losslessly.
 */

import { ImportRefused } from '../errors.ts';
import { MIGRATIONS } from '../storage/migrations.ts';
import {
  columnOfOlderExport,
  EXPORTED_TABLES,
  type Row,
  TABLE_NAMES,
} from '../storage/site-export.ts';
import type { Storage } from '../storage/storage.ts';

export const EXPORT_FORMAT = 'leave-a-reply/1';

export interface ExportDocument {
  format: typeof EXPORT_FORMAT;
  schemaVersion: number;
  settings: Row[];
  pages: Row[];
  comments: Row[];
  subscribers: Row[];
}

/** Reads everything that makes up the site, rows ordered by their key, as of one moment. */
export async function exportSite(storage: Pick<Storage, 'readSite'>): Promise<ExportDocument> {
  const { schemaVersion, tables } = await storage.readSite();
  return { format: EXPORT_FORMAT, schemaVersion, ...tables };
}

/** The export as text: stable key order and indentation, so equal sites give equal bytes. */
export function formatExport(document: ExportDocument): string {
  return JSON.stringify(document, null, 2);
}

/** The document `parsed` is, checked: its format, its schema version, each row's fields. */
export function checkDocument(parsed: unknown): ExportDocument {
  if (!isObject(parsed)) throw new ImportRefused('The file is not a Leave a Reply export.');
  if (parsed.format !== EXPORT_FORMAT)
    throw new ImportRefused(
      `The file is not a Leave a Reply export: its "format" is ${JSON.stringify(parsed.format)}, not "${EXPORT_FORMAT}".`,
    );
  const version = parsed.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    throw new ImportRefused('The file has no valid "schemaVersion".');
  if (version > MIGRATIONS.length)
    throw new ImportRefused(
      `The file comes from a newer Leave a Reply (schema version ${version}; this one knows ${MIGRATIONS.length}). Upgrade before importing it.`,
    );
  const document: ExportDocument = {
    format: EXPORT_FORMAT,
    schemaVersion: version,
    settings: [],
    pages: [],
    comments: [],
    subscribers: [],
  };
  for (const table of TABLE_NAMES) {
    const rows = parsed[table];
    if (!Array.isArray(rows)) throw new ImportRefused(`The file has no "${table}" list.`);
    const { columns } = EXPORTED_TABLES[table];
    rows.forEach((row: unknown, index) => {
      const where = `${table}[${index}]`;
      if (!isObject(row)) throw new ImportRefused(`${where} is not an object.`);
      for (const column of columns) {
        if (!(column in row)) {
          const older = columnOfOlderExport(table, column, row as Row, version);
          if (older === undefined) throw new ImportRefused(`${where} has no "${column}".`);
          row[column] = older;
        }
        const value = row[column];
        if (value !== null && typeof value !== 'string' && typeof value !== 'number')
          throw new ImportRefused(`${where}.${column} must be text, a number or null.`);
      }
      const extra = Object.keys(row).find((key) => !(columns as readonly string[]).includes(key));
      if (extra) throw new ImportRefused(`${where} has an unknown field "${extra}".`);
    });
    document[table] = rows as Row[];
  }
  return document;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
