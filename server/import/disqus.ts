/**
 * `leave-a-reply import disqus FILE.xml`: the posts of a Disqus export read as a stream, then
 * written all together, or not at all.
 */

import { createHash } from 'node:crypto';
import { normalisePageUrl } from '../../shared/page-key.ts';
import { ImportRefused } from '../errors.ts';
import type { StorageSettings } from '../storage/database-name.ts';
import {
  count,
  describeImport,
  type ImportResult,
  readyEntry,
  type ThreadEntry,
  writeThread,
} from './import-writer.ts';
import { type Importer, importFile, runImportCommand } from './importer.ts';
import { convertCommentHtml } from './wordpress-html.ts';
import { collectElementText, createXmlParser, readXml } from './xml-stream.ts';

/** One `<thread>`: the page the posts were made on. */
interface DisqusThread {
  forum: string;
  link: string;
  title: string;
  /** When the thread was made: its page's publication, as near as Disqus knows it. */
  createdAt: string;
}

const THREAD_FIELDS = new Set(['forum', 'link', 'title', 'createdAt']);

/** One `<post>`, its fields as the file has them ('' when absent). */
interface DisqusPost {
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

export interface DisqusImportResult extends ImportResult<'approved' | 'spam'> {
  /** Disqus exports carry no email a site can rely on; every imported comment has none. */
  withoutEmail: number;
}

const DSQ = 'http://disqus.com/disqus-internals';
const POST_FIELDS = new Set(['message', 'createdAt', 'isDeleted', 'isSpam']);
const AUTHOR_FIELDS = new Set(['name', 'username']);

/**
 * The Disqus importer. A post names its thread by id, and the file may list the thread after
 * it, so the posts are made ready once the whole file is read; replies find their parents
 * anywhere in the file.
 */
export function disqusImporter(
  options: { now?: string } = {},
): Importer<ThreadEntry, DisqusImportResult> {
  const now = options.now ?? new Date().toISOString();
  return {
    async *read(text) {
      const threads = new Map<string, DisqusThread>();
      const posts: DisqusPost[] = [];
      for await (const found of readDisqusXml(text)) {
        if ('post' in found) posts.push(found.post);
        else {
          const { id, ...thread } = found.thread;
          if (id && !threads.has(id)) threads.set(id, thread);
        }
      }
      const byId = new Map<string, DisqusPost>();
      for (const post of posts) if (post.id && !byId.has(post.id)) byId.set(post.id, post);
      for (const post of posts) yield readPost(post, threads, byId, now);
    },
    commentsIn: (entry) => (entry.skipped === null ? 1 : 0),
    async write(entries, store) {
      const result: DisqusImportResult = {
        pagesAdded: 0,
        imported: { approved: 0, spam: 0 },
        alreadyImported: 0,
        withoutEmail: 0,
        skipped: {},
      };
      await writeThread(store, { entries: [...entries] }, result, () => {
        result.withoutEmail++;
      });
      return result;
    },
  };
}

/** What the file holds, handed out as each element closes. */
type DisqusElement = { thread: DisqusThread & { id: string } } | { post: DisqusPost };

/** Reads a Disqus export chunk by chunk; `<thread>` and `<post>` are children of `<disqus>`. */
async function* readDisqusXml(text: AsyncIterable<string>): AsyncGenerator<DisqusElement> {
  const parser = createXmlParser();
  const fieldText = collectElementText(parser);
  const closed: DisqusElement[] = [];
  const path: string[] = [];
  let thread: (DisqusThread & { id: string }) | null = null;
  let post: DisqusPost | null = null;
  let sawRoot = false;

  parser.on('opentag', (node) => {
    const name = node.local;
    const parent = path.at(-1);
    path.push(name);
    fieldText.opened();
    const dsqId = (node.attributes[`{${DSQ}}id`] ?? node.attributes['dsq:id']) as
      | { value: string }
      | undefined;
    const id = dsqId?.value.trim() ?? '';
    if (path.length === 1 && name === 'disqus') sawRoot = true;
    if (path.length === 2 && name === 'thread') {
      thread = { id, forum: '', link: '', title: '', createdAt: '' };
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
    else if (post && parent === 'post' && POST_FIELDS.has(name)) fieldText.keep();
    else if (post && parent === 'author' && path.length === 4 && AUTHOR_FIELDS.has(name))
      fieldText.keep();
    else if (thread && parent === 'thread' && THREAD_FIELDS.has(name)) fieldText.keep();
  });
  parser.on('closetag', (node) => {
    const name = node.local;
    path.pop();
    const value = fieldText.closed();
    if (value !== null) {
      if (post) post[name as 'message' | 'createdAt' | 'isDeleted' | 'isSpam' | 'name'] = value;
      else if (thread) thread[name as 'forum' | 'link' | 'title' | 'createdAt'] = value.trim();
    } else if (path.length === 1 && name === 'post' && post) {
      closed.push({ post });
      post = null;
    } else if (path.length === 1 && name === 'thread' && thread) {
      closed.push({ thread });
      thread = null;
    }
  });

  yield* readXml(text, parser, () => closed.splice(0));
  if (!sawRoot) throw new ImportRefused('The file is not a Disqus export: it has no <disqus>.');
}

/**
 * A post ready to write, or left out and why. Its token hash is a hash of its Disqus identity,
 * so a second run finds it and adds nothing.
 */
function readPost(
  post: DisqusPost,
  threads: Map<string, DisqusThread>,
  byId: Map<string, DisqusPost>,
  now: string,
): ThreadEntry {
  const { id, parentId } = post;
  const thread = threads.get(post.threadId);
  const pageUrl = thread ? normalisePageUrl(thread.link) : null;
  const body = convertCommentHtml(post.message);
  let reason: string | null = null;
  if (!id) reason = 'without a post id';
  else if (byId.get(id) !== post) reason = 'with a repeated post id';
  else if (post.isDeleted.trim() === 'true') reason = 'deleted on Disqus';
  else if (!thread) reason = 'on a thread missing from the file';
  else if (!pageUrl) reason = 'on a thread with no web address';
  else if (body.trim() === '') reason = 'with an empty message';
  if (reason !== null || !thread || !pageUrl)
    return { id, parentId, skipped: reason ?? 'on a thread with no web address' };
  return readyEntry(id, parentId, {
    page: {
      key: pageUrl,
      url: pageUrl,
      title: thread.title || null,
      published: isoDate(thread.createdAt),
    },
    status: post.isSpam.trim() === 'true' ? 'spam' : 'approved',
    trashedFrom: null,
    name: post.name.trim() || post.username.trim() || 'Anonymous',
    email: '',
    website: null,
    body,
    tokenHash: createHash('sha256').update(`import:disqus:${thread.forum}:${id}`).digest('hex'),
    createdAt: isoDate(post.createdAt) ?? now,
  });
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
 * The `import disqus FILE.xml` command: all of it, or nothing. Returns the process exit code
 * (2 for a wrong command line, 1 for a bad file).
 */
export async function runDisqusImport(settings: StorageSettings, args: string[]): Promise<number> {
  const file = args[0];
  if (!file || args.length > 1) {
    console.error('Use "import disqus FILE.xml".');
    return 2;
  }
  return runImportCommand(file, async () =>
    describeDisqusImport(file, await importFile(settings, file, disqusImporter())),
  );
}
