/**
 * One shape for every import, whatever the format: the file is read as a stream into items (a
 * post and its comments, a thread, a row of the site's own export), which wait in a staging
 * database, read but not written, until the file has been read to its end; then they are
 * written, all in one write transaction. So a file that is cut short or refused half-way writes
 * nothing, and while a file is read (minutes, for a large one) the server's writes go on: the
 * database is locked only while the items already read are written.
 */
import { createReadStream, statSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { ImportRefused } from '../errors.ts';
import type { StorageSettings } from '../storage/database-name.ts';
import { createStaging } from '../storage/import-staging.ts';
import type { Storage } from '../storage/storage.ts';
import { openStorage } from '../storage/storage.ts';

/** What an import writes through: the storage of its one write transaction. */
export type ImportStore = Storage['imports'];

/** A format's importer: how its files are read into items, and how the items are written. */
export interface Importer<Item, Result> {
  /**
   * Reads a file of the format, as text chunk by chunk, into items, each handed out once it is
   * whole. A file cut short or not of the format throws ImportRefused. Touches no database.
   */
  read(text: AsyncIterable<string>): AsyncIterable<Item>;
  /** How many comments an item carries, for the progress shown while the file is read. */
  commentsIn(item: Item): number;
  /**
   * Writes the items read, in their order, and says what it did. It runs inside the import's
   * one write transaction, and awaits nothing but `store`; `items` may be walked more than once.
   */
  write(items: Iterable<Item>, store: ImportStore): Promise<Result>;
  /** What to say of a write that failed with `message`, where the format knows better. */
  explainFailure?(message: string): string | null;
}

/** How far an import has got: bytes of the file read so far, and the comments in them. */
export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
  comments: number;
}

export interface ImportOptions {
  /** The size of the input, when known, for progress. */
  totalBytes?: number;
  /** Told after each chunk of the input is read. */
  onProgress?: (progress: ImportProgress) => void;
}

/**
 * Reads `input` with `importer`, keeping its items aside, then writes them in one write
 * transaction. Any failure of the write is refused (ImportRefused) as a whole: nothing written.
 */
export async function runImport<Item, Result>(
  storage: Storage,
  importer: Importer<Item, Result>,
  input: AsyncIterable<Buffer | string>,
  options: ImportOptions = {},
): Promise<Result> {
  const progress: ImportProgress = {
    bytesRead: 0,
    totalBytes: options.totalBytes ?? 0,
    comments: 0,
  };
  const staging = createStaging();
  try {
    const text = decodeText(input, progress, () => options.onProgress?.(progress));
    for await (const item of importer.read(text)) {
      staging.keep(JSON.stringify(item));
      progress.comments += importer.commentsIn(item);
    }
    const staged = staging.items();
    const items: Iterable<Item> = {
      *[Symbol.iterator]() {
        for (const item of staged) yield JSON.parse(item) as Item;
      },
    };
    try {
      return await storage.transaction((tx) => importer.write(items, tx.imports));
    } catch (error) {
      if (error instanceof ImportRefused) throw error;
      const message = (error as Error).message;
      throw new ImportRefused(
        importer.explainFailure?.(message) ??
          `The import failed, and nothing was written: ${message}`,
      );
    }
  } finally {
    staging.discard();
  }
}

/**
 * The input as text (UTF-8, a character cut between two chunks put back together), counting
 * its bytes. `report` runs when the next chunk is asked for: the one before has been read.
 */
async function* decodeText(
  input: AsyncIterable<Buffer | string>,
  progress: ImportProgress,
  report: () => void,
): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of input) {
    progress.bytesRead += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text) yield text;
    report();
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/** Imports `file` into the database the settings name (a SQLite file created if there is none). */
export async function importFile<Item, Result>(
  settings: StorageSettings,
  file: string,
  importer: Importer<Item, Result>,
  onProgress?: (progress: ImportProgress) => void,
): Promise<Result> {
  const totalBytes = sizeOf(file);
  const storage = await openStorage(settings);
  try {
    return await runImport(storage, importer, readFile(file), { totalBytes, onProgress });
  } finally {
    await storage.close();
  }
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch (error) {
    throw new ImportRefused(`Cannot read ${file}: ${(error as Error).message}`);
  }
}

/** The bytes of `file`; a failure to read it is a refusal that names it. */
async function* readFile(file: string): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of createReadStream(file)) yield chunk as Buffer;
  } catch (error) {
    throw new ImportRefused(`Cannot read ${file}: ${(error as Error).message}`);
  }
}

/**
 * Runs an import command: `work` reads and writes, and its summary is printed. A file the
 * importer refuses (ImportRefused) is told, with exit code 1; anything else is a fault of the
 * program and is thrown.
 */
export async function runImportCommand(
  file: string,
  work: () => Promise<string> | string,
): Promise<number> {
  try {
    console.log(await work());
    return 0;
  } catch (error) {
    if (!(error instanceof ImportRefused)) throw error;
    console.error(`Nothing was imported from ${file}. ${error.message}`);
    return 1;
  }
}
