/**
 * `leave-a-reply import isso FILE.json`: the threads of Isso's "generic" import format, written
 * in one immediate transaction, so a bad file changes nothing.
 */

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { normalisePageUrl } from '../../shared/page-key.ts';
import { ImportRefused } from '../errors.ts';
import { openDatabase } from '../storage/open.ts';
import { describeJsonError } from './export-json.ts';
import {
  countSkipped,
  createImportWriter,
  describeImport,
  type ImportResult,
  placeInThreadOrder,
  runImportCommand,
  writeAllOrNothing,
} from './import-writer.ts';

/** One comment, its fields as the file has them ('' when absent; parent '' when top-level). */
export interface IssoComment {
  id: string;
  parent: string;
  author: string;
  email: string;
  website: string;
  created: string;
  text: string;
}

/** One thread: the page (`id`, a URL or a path) and its comments in file order. */
export interface IssoThread {
  id: string;
  title: string;
  comments: IssoComment[];
}

export type IssoImportResult = ImportResult<'approved'>;

const field = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';

/** Parses the file: a JSON list of threads; a syntax error is named by line and column. */
export function parseIssoExport(text: string): IssoThread[] {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    throw new ImportRefused(
      `The file is not valid JSON (cut short?): ${describeJsonError(source, error)}.`,
    );
  }
  if (!Array.isArray(parsed))
    throw new ImportRefused('The file is not an Isso export: it is not a list of threads.');
  return parsed.map((thread, index) => {
    if (typeof thread !== 'object' || thread === null || !Array.isArray(thread.comments))
      throw new ImportRefused(`Thread ${index + 1} is not an object with a "comments" list.`);
    return {
      id: field(thread.id ?? thread.url).trim(),
      title: field(thread.title),
      comments: (thread.comments as unknown[]).map((raw) => {
        const c = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
        return {
          id: field(c.id).trim(),
          parent: c.parent === null || c.parent === undefined ? '' : field(c.parent).trim(),
          author: field(c.author),
          email: field(c.email),
          website: field(c.website),
          created: field(c.created),
          text: field(c.text),
        };
      }),
    };
  });
}

/** Isso's thread titles are often form-encoded (`Nat+%26+Miguel`); decoded when they decode. */
function decodeTitle(title: string): string {
  const trimmed = title.trim();
  if (!/[+%]/.test(trimmed)) return trimmed;
  try {
    return decodeURIComponent(trimmed.replace(/\+/g, ' '));
  } catch {
    return trimmed;
  }
}

/** The page key of a thread id: a URL, or a path read against `origin`. */
function pageKeyOf(id: string, origin: string | undefined): string | null {
  if (/^https?:\/\//i.test(id)) return normalisePageUrl(id);
  if (id.startsWith('/') && origin) return normalisePageUrl(id, origin);
  return null;
}

/**
 * Writes every thread's comments in one immediate transaction. Each comment's token_hash is a
 * hash of its Isso identity (thread id and comment id), so a second run adds nothing.
 */
export function importIsso(
  db: Database,
  threads: IssoThread[],
  options: { origin?: string; now?: string } = {},
): IssoImportResult {
  const now = options.now ?? new Date().toISOString();
  const paths = threads.filter((t) => t.id.startsWith('/')).map((t) => t.id);
  if (paths.length > 0 && !options.origin)
    throw new ImportRefused(
      `Thread ids such as "${paths[0]}" are paths: give the site's address with --origin, e.g. "import isso FILE.json --origin https://blog.example.com".`,
    );
  const result: IssoImportResult = {
    pagesAdded: 0,
    imported: { approved: 0 },
    alreadyImported: 0,
    skipped: {},
  };
  const writer = createImportWriter(db);

  const seenThreads = new Set<string>();
  const importThread = (thread: IssoThread) => {
    const pageKey = pageKeyOf(thread.id, options.origin);
    const n = thread.comments.length;
    if (!thread.id) return countSkipped(result, 'on a thread without an id', n);
    if (seenThreads.has(thread.id)) return countSkipped(result, 'on a repeated thread id', n);
    seenThreads.add(thread.id);
    if (!pageKey) return countSkipped(result, 'on a thread whose id is not a web address', n);

    const byId = new Map<string, IssoComment>();
    for (const c of thread.comments) if (c.id && !byId.has(c.id)) byId.set(c.id, c);
    result.alreadyImported += placeInThreadOrder(thread.comments, {
      accept: (comment) => {
        let reason: string | null = null;
        if (!comment.id) reason = 'without a comment id';
        else if (byId.get(comment.id) !== comment) reason = 'with a repeated comment id';
        else if (comment.text.trim() === '') reason = 'with an empty text';
        if (reason) {
          countSkipped(result, reason);
          return null;
        }
        const tokenHash = createHash('sha256')
          .update(`import:isso:${thread.id}:${comment.id}`)
          .digest('hex');
        return { tokenHash };
      },
      parentOf: (comment) => (comment.parent ? byId.get(comment.parent) : undefined),
      findImported: writer.findImported,
      write: (comment, { tokenHash }, parent) => {
        const createdAt = utcDate(comment.created) ?? now;
        const page = writer.findOrCreatePage(
          pageKey,
          pageKey,
          decodeTitle(thread.title) || null,
          createdAt,
        );
        if (page.created) result.pagesAdded++;
        result.imported.approved++;
        const website = comment.website.trim();
        return writer.insertComment({
          pageId: page.id,
          parent,
          status: 'approved',
          name: comment.author.trim() || 'Anonymous',
          email: comment.email.trim(),
          website: /^https?:\/\/\S+$/i.test(website) ? website : null,
          body: comment.text.trim(),
          tokenHash,
          createdAt,
        });
      },
    });
  };

  writeAllOrNothing(
    db,
    () => {
      for (const thread of threads) importThread(thread);
    },
    (message) => new ImportRefused(message),
  );
  return result;
}

/** Isso's `created` (`2005-02-24 04:03:37`, UTC, or ISO 8601) as ISO UTC, or null. */
function utcDate(value: string): string | null {
  const trimmed = value.trim();
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2}(?:\.\d+)?)(Z|[+-]\d{2}:?\d{2})?$/.exec(
    trimmed,
  );
  if (!match) return null;
  const date = new Date(`${match[1]}T${match[2]}${match[3] ?? 'Z'}`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The summary printed at the end: pages, comments, what was skipped and why. */
export function describeIssoImport(file: string, result: IssoImportResult): string {
  return describeImport(file, result);
}

/**
 * The `import isso FILE.json [--origin URL]` command, in one transaction or nothing. Returns the
 * process exit code (2 for a wrong command line, 1 for a bad file).
 */
export async function runIssoImport(databasePath: string, args: string[]): Promise<number> {
  const rest = [...args];
  let origin: string | undefined;
  const at = rest.indexOf('--origin');
  if (at >= 0) {
    origin = rest[at + 1];
    rest.splice(at, 2);
    if (!origin || !/^https?:\/\/[^/]+\/?$/i.test(origin)) {
      console.error('Use "import isso FILE.json [--origin https://blog.example.com]".');
      return 2;
    }
  }
  const file = rest[0];
  if (!file || rest.length > 1) {
    console.error('Use "import isso FILE.json [--origin https://blog.example.com]".');
    return 2;
  }
  return runImportCommand(file, () => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new ImportRefused(`It cannot be read: ${(error as Error).message}`);
    }
    const threads = parseIssoExport(text);
    const db = openDatabase(databasePath);
    try {
      return describeIssoImport(file, importIsso(db, threads, { origin }));
    } finally {
      db.close();
    }
  });
}
