/**
 * `leave-a-reply import isso FILE.json`: the threads of Isso's "generic" import format, read
 * whole, then written all together, or not at all.
 */

import { createHash } from 'node:crypto';
import { normalisePageUrl } from '../../shared/page-key.ts';
import { ImportRefused } from '../errors.ts';
import type { StorageSettings } from '../storage/database-name.ts';
import {
  describeImport,
  type ImportResult,
  type ImportThread,
  readyEntry,
  readyIn,
  type ThreadEntry,
  writeThread,
} from './import-writer.ts';
import { type Importer, importFile, runImportCommand } from './importer.ts';
import { readJson } from './json-text.ts';

/** One comment, its fields as the file has them ('' when absent; parent '' when top-level). */
interface IssoComment {
  id: string;
  parent: string;
  author: string;
  email: string;
  website: string;
  created: string;
  text: string;
}

/** One thread: the page (`id`, a URL or a path) and its comments in file order. */
interface IssoThread {
  id: string;
  title: string;
  comments: IssoComment[];
}

export type IssoImportResult = ImportResult<'approved'>;

const field = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';

/**
 * The Isso importer: a page per thread, every comment approved. Thread ids that are paths need
 * `origin`, the site's address, to become pages.
 */
export function issoImporter(
  options: { origin?: string; now?: string } = {},
): Importer<ImportThread, IssoImportResult> {
  const now = options.now ?? new Date().toISOString();
  return {
    async *read(text) {
      const threads = parseIssoThreads(await readJson(text, 'cut short?'));
      const paths = threads.filter((t) => t.id.startsWith('/')).map((t) => t.id);
      if (paths.length > 0 && !options.origin)
        throw new ImportRefused(
          `Thread ids such as "${paths[0]}" are paths: give the site's address with --origin, e.g. "import isso FILE.json --origin https://blog.example.com".`,
        );
      const seen = new Set<string>();
      for (const thread of threads) yield readThread(thread, seen, options.origin, now);
    },
    commentsIn: readyIn,
    async write(threads, store) {
      const result: IssoImportResult = {
        pagesAdded: 0,
        imported: { approved: 0 },
        alreadyImported: 0,
        skipped: {},
      };
      for (const thread of threads) await writeThread(store, thread, result);
      return result;
    },
  };
}

/** The threads of the file: a JSON list of threads, each with a list of comments. */
function parseIssoThreads(parsed: unknown): IssoThread[] {
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

/**
 * A thread's comments, each ready to write or left out and why; `seen` holds the thread ids
 * read before. Each comment's token hash is a hash of its Isso identity (thread id and comment
 * id), so a second run adds nothing.
 */
function readThread(
  thread: IssoThread,
  seen: Set<string>,
  origin: string | undefined,
  now: string,
): ImportThread {
  const pageKey = pageKeyOf(thread.id, origin);
  const leaveOut = (reason: string) => ({
    entries: [],
    leftOut: { reason, count: thread.comments.length },
  });
  if (!thread.id) return leaveOut('on a thread without an id');
  if (seen.has(thread.id)) return leaveOut('on a repeated thread id');
  seen.add(thread.id);
  if (!pageKey) return leaveOut('on a thread whose id is not a web address');
  const page = { key: pageKey, url: pageKey, title: decodeTitle(thread.title) || null };
  const byId = new Map<string, IssoComment>();
  for (const c of thread.comments) if (c.id && !byId.has(c.id)) byId.set(c.id, c);
  const entries = thread.comments.map((comment): ThreadEntry => {
    const { id, parent: parentId } = comment;
    let reason: string | null = null;
    if (!id) reason = 'without a comment id';
    else if (byId.get(id) !== comment) reason = 'with a repeated comment id';
    else if (comment.text.trim() === '') reason = 'with an empty text';
    if (reason) return { id, parentId, skipped: reason };
    const website = comment.website.trim();
    return readyEntry(id, parentId, {
      page,
      status: 'approved',
      trashedFrom: null,
      name: comment.author.trim() || 'Anonymous',
      email: comment.email.trim(),
      website: /^https?:\/\/\S+$/i.test(website) ? website : null,
      body: comment.text.trim(),
      tokenHash: createHash('sha256').update(`import:isso:${thread.id}:${id}`).digest('hex'),
      createdAt: utcDate(comment.created) ?? now,
    });
  });
  return { entries };
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
export async function runIssoImport(settings: StorageSettings, args: string[]): Promise<number> {
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
  return runImportCommand(file, async () =>
    describeIssoImport(file, await importFile(settings, file, issoImporter({ origin }))),
  );
}
