/**
 * `leave-a-reply import disqus FILE.xml`: the posts of a Disqus export read as a stream, then
 * written in one immediate transaction, so a bad file changes nothing.
 */

import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { SaxesParser } from 'saxes';
import { normalisePageUrl } from '../../shared/page-key.ts';
import { ImportRefused } from '../errors.ts';
import { openDatabase } from '../storage/open.ts';
import {
  count,
  countSkipped,
  createImportWriter,
  describeImport,
  type ImportResult,
  placeInThreadOrder,
  runImportCommand,
  writeAllOrNothing,
} from './import-writer.ts';
import { convertCommentHtml } from './wordpress-html.ts';
import { streamXmlFile } from './xml-stream.ts';

/** One `<thread>`: the page the posts were made on. */
export interface DisqusThread {
  forum: string;
  link: string;
  title: string;
}

/** One `<post>`, its fields as the file has them ('' when absent). */
export interface DisqusPost {
  id: string;
  threadId: string;
  parentId: string;
  message: string;
  createdAt: string;
  isDeleted: string;
  isSpam: string;
  name: string;
  username: string;
}

/** What the importer needs from a Disqus export: threads by dsq:id, and posts in file order. */
export interface DisqusExport {
  threads: Map<string, DisqusThread>;
  posts: DisqusPost[];
}

export interface DisqusImportResult extends ImportResult<'approved' | 'spam'> {
  /** Disqus exports carry no email a site can rely on; every imported comment has none. */
  withoutEmail: number;
}

const DSQ = 'http://disqus.com/disqus-internals';
const POST_FIELDS = new Set(['message', 'createdAt', 'isDeleted', 'isSpam']);
const AUTHOR_FIELDS = new Set(['name', 'username']);

/** Reads a Disqus export chunk by chunk; `<thread>` and `<post>` are children of `<disqus>`. */
export async function readDisqusExport(file: string): Promise<DisqusExport> {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const result: DisqusExport = { threads: new Map(), posts: [] };
  const path: string[] = [];
  let thread: (DisqusThread & { id: string }) | null = null;
  let post: DisqusPost | null = null;
  let text = '';
  let collecting = false;
  let sawRoot = false;

  parser.on('opentag', (node) => {
    const name = node.local;
    const parent = path.at(-1);
    path.push(name);
    text = '';
    collecting = false;
    const dsqId = (node.attributes[`{${DSQ}}id`] ?? node.attributes['dsq:id']) as
      | { value: string }
      | undefined;
    const id = dsqId?.value.trim() ?? '';
    if (path.length === 1 && name === 'disqus') sawRoot = true;
    if (path.length === 2 && name === 'thread') {
      thread = { id, forum: '', link: '', title: '' };
    } else if (path.length === 2 && name === 'post') {
      post = {
        id,
        threadId: '',
        parentId: '',
        message: '',
        createdAt: '',
        isDeleted: '',
        isSpam: '',
        name: '',
        username: '',
      };
    } else if (post && parent === 'post' && name === 'thread') post.threadId = id;
    else if (post && parent === 'post' && name === 'parent') post.parentId = id;
    else if (post && parent === 'post' && POST_FIELDS.has(name)) collecting = true;
    else if (post && parent === 'author' && path.length === 4 && AUTHOR_FIELDS.has(name))
      collecting = true;
    else if (thread && parent === 'thread' && ['forum', 'link', 'title'].includes(name))
      collecting = true;
  });
  const collect = (chunk: string) => {
    if (collecting) text += chunk;
  };
  parser.on('text', collect);
  parser.on('cdata', collect);
  parser.on('closetag', (node) => {
    const name = node.local;
    path.pop();
    if (collecting) {
      collecting = false;
      if (post) post[name as 'message' | 'createdAt' | 'isDeleted' | 'isSpam' | 'name'] = text;
      else if (thread) thread[name as 'forum' | 'link' | 'title'] = text.trim();
    } else if (path.length === 1 && name === 'post' && post) {
      result.posts.push(post);
      post = null;
    } else if (path.length === 1 && name === 'thread' && thread) {
      const { id, ...rest } = thread;
      if (id && !result.threads.has(id)) result.threads.set(id, rest);
      thread = null;
    }
  });

  await streamXmlFile(file, parser, (message) => new ImportRefused(message));
  if (!sawRoot) throw new ImportRefused('The file is not a Disqus export: it has no <disqus>.');
  return result;
}

/**
 * Writes the export's posts in one immediate transaction. Each comment's token_hash is a hash of
 * its Disqus identity, so a second run finds it and adds nothing.
 */
export function importDisqus(
  db: Database,
  document: DisqusExport,
  options: { now?: string } = {},
): DisqusImportResult {
  const now = options.now ?? new Date().toISOString();
  const result: DisqusImportResult = {
    pagesAdded: 0,
    imported: { approved: 0, spam: 0 },
    alreadyImported: 0,
    withoutEmail: 0,
    skipped: {},
  };
  const writer = createImportWriter(db);
  const byId = new Map<string, DisqusPost>();
  for (const post of document.posts) if (post.id && !byId.has(post.id)) byId.set(post.id, post);

  const writePosts = () =>
    placeInThreadOrder(document.posts, {
      accept: (post) => {
        const thread = document.threads.get(post.threadId);
        const pageUrl = thread ? normalisePageUrl(thread.link) : null;
        const body = convertCommentHtml(post.message);
        let reason: string | null = null;
        if (!post.id) reason = 'without a post id';
        else if (byId.get(post.id) !== post) reason = 'with a repeated post id';
        else if (post.isDeleted.trim() === 'true') reason = 'deleted on Disqus';
        else if (!thread) reason = 'on a thread missing from the file';
        else if (!pageUrl) reason = 'on a thread with no web address';
        else if (body.trim() === '') reason = 'with an empty message';
        if (reason !== null || !thread || !pageUrl) {
          countSkipped(result, reason ?? 'on a thread with no web address');
          return null;
        }
        const tokenHash = createHash('sha256')
          .update(`import:disqus:${thread.forum}:${post.id}`)
          .digest('hex');
        return { thread, pageUrl, body, tokenHash };
      },
      parentOf: (post) => byId.get(post.parentId),
      findImported: writer.findImported,
      write: (post, { thread, pageUrl, body, tokenHash }, parent) => {
        const createdAt = isoDate(post.createdAt) ?? now;
        const page = writer.findOrCreatePage(pageUrl, pageUrl, thread.title || null, createdAt);
        if (page.created) result.pagesAdded++;
        const status = post.isSpam.trim() === 'true' ? 'spam' : 'approved';
        result.imported[status]++;
        result.withoutEmail++;
        return writer.insertComment({
          pageId: page.id,
          parent,
          status,
          name: post.name.trim() || post.username.trim() || 'Anonymous',
          email: '',
          website: null,
          body,
          tokenHash,
          createdAt,
        });
      },
    });

  writeAllOrNothing(
    db,
    () => {
      result.alreadyImported += writePosts();
    },
    (message) => new ImportRefused(message),
  );
  return result;
}

/** An ISO 8601 date as Disqus writes it (`2013-10-10T19:20:29Z`), or null if it is not one. */
function isoDate(value: string): string | null {
  const trimmed = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})$/.test(trimmed))
    return null;
  const date = new Date(trimmed);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The summary printed at the end: pages, comments per status, what was skipped and why. */
export function describeDisqusImport(file: string, result: DisqusImportResult): string {
  const notes =
    result.withoutEmail > 0
      ? [
          `Disqus exports no email addresses: ${count(result.withoutEmail, 'comment')} imported without one.`,
        ]
      : [];
  return describeImport(file, result, notes);
}

/**
 * The `import disqus FILE.xml` command: read as a stream, then written in one transaction, or
 * nothing. Returns the process exit code (2 for a wrong command line, 1 for a bad file).
 */
export async function runDisqusImport(databasePath: string, args: string[]): Promise<number> {
  const file = args[0];
  if (!file || args.length > 1) {
    console.error('Use "import disqus FILE.xml".');
    return 2;
  }
  return runImportCommand(file, async () => {
    const document = await readDisqusExport(file);
    const db = openDatabase(databasePath);
    try {
      return describeDisqusImport(file, importDisqus(db, document));
    } finally {
      db.close();
    }
  });
}
