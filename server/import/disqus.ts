/**
 * `leave-a-reply import disqus FILE.xml`: the posts of a Disqus export read as a stream, then
 * written in one immediate transaction, so a bad file changes nothing.
 */
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { SaxesParser } from 'saxes';
import { LIMITS } from '../../shared/limits.ts';
import { normalisePageUrl } from '../../shared/page-key.ts';
import { openDatabase } from '../db/open.ts';
import { renderCommentHtml } from '../render.ts';
import { convertCommentHtml } from './wordpress-html.ts';
import { streamXmlFile } from './xml-stream.ts';

/** A file that cannot be imported; nothing was written. */
export class DisqusImportError extends Error {}

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

export interface DisqusImportResult {
  pagesAdded: number;
  imported: Record<'approved' | 'spam', number>;
  alreadyImported: number;
  /** Disqus exports carry no email a site can rely on; every imported comment has none. */
  withoutEmail: number;
  /** Why posts were left out, and how many for each reason. */
  skipped: Record<string, number>;
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

  await streamXmlFile(file, parser, (message) => new DisqusImportError(message));
  if (!sawRoot) throw new DisqusImportError('The file is not a Disqus export: it has no <disqus>.');
  return result;
}

/** A stored comment, as a reply needs to know its parent. */
interface Placed {
  id: number;
  depth: number;
  rootId: number;
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
  const skip = (reason: string) => {
    result.skipped[reason] = (result.skipped[reason] ?? 0) + 1;
  };
  const findPage = db.prepare<[string], { id: number }>('SELECT id FROM pages WHERE key = ?');
  const insertPage = db.prepare<[string, string, string | null, string], { id: number }>(
    'INSERT INTO pages (key, url, title, created_at) VALUES (?, ?, ?, ?) RETURNING id',
  );
  const findImported = db.prepare<[string], { id: number; depth: number; root_id: number | null }>(
    'SELECT id, depth, root_id FROM comments WHERE token_hash = ?',
  );
  const insertComment = db.prepare<Record<string, string | number | null>, { id: number }>(
    `INSERT INTO comments (page_id, parent_id, root_id, depth, status, name, email, website,
       body, html, token_hash, created_at)
     VALUES (@pageId, @parentId, @rootId, @depth, @status, @name, '', NULL, @body, @html,
       @tokenHash, @createdAt)
     RETURNING id`,
  );

  const byId = new Map<string, DisqusPost>();
  for (const post of document.posts) if (post.id && !byId.has(post.id)) byId.set(post.id, post);
  const placed = new Map<DisqusPost, Placed | null>();
  const pageIds = new Map<string, number>();

  // Parents first, whatever the file's order; a reply to a skipped or missing post becomes top-level.
  const place = (post: DisqusPost, seen: Set<DisqusPost>): Placed | null => {
    if (placed.has(post)) return placed.get(post) ?? null;
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
      skip(reason ?? 'on a thread with no web address');
      placed.set(post, null);
      return null;
    }
    seen.add(post);
    const tokenHash = createHash('sha256')
      .update(`import:disqus:${thread.forum}:${post.id}`)
      .digest('hex');
    const existing = findImported.get(tokenHash);
    if (existing) {
      result.alreadyImported++;
      const done = {
        id: existing.id,
        depth: existing.depth,
        rootId: existing.root_id ?? existing.id,
      };
      placed.set(post, done);
      return done;
    }
    const parentPost = byId.get(post.parentId);
    const parent = parentPost && !seen.has(parentPost) ? place(parentPost, seen) : null;
    const createdAt = isoDate(post.createdAt) ?? now;
    let pageId = pageIds.get(pageUrl) ?? findPage.get(pageUrl)?.id;
    if (pageId === undefined) {
      pageId = (insertPage.get(pageUrl, pageUrl, thread.title || null, createdAt) as { id: number })
        .id;
      result.pagesAdded++;
    }
    pageIds.set(pageUrl, pageId);
    const status = post.isSpam.trim() === 'true' ? 'spam' : 'approved';
    const depth = parent ? Math.min(parent.depth + 1, LIMITS.depthMax) : 1;
    const row = insertComment.get({
      pageId,
      parentId: parent?.id ?? null,
      rootId: parent?.rootId ?? null,
      depth,
      status,
      name: post.name.trim() || post.username.trim() || 'Anonymous',
      body,
      html: renderCommentHtml(body),
      tokenHash,
      createdAt,
    }) as { id: number };
    result.imported[status]++;
    result.withoutEmail++;
    const done = { id: row.id, depth, rootId: parent?.rootId ?? row.id };
    placed.set(post, done);
    return done;
  };

  const run = db.transaction(() => {
    for (const post of document.posts) place(post, new Set());
  });
  try {
    run.immediate();
  } catch (error) {
    throw new DisqusImportError(
      `The import failed, and nothing was written: ${(error as Error).message}`,
    );
  }
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
  const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const total = result.imported.approved + result.imported.spam;
  const statuses = Object.entries(result.imported)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${status}`);
  const lines = [
    `Imported ${count(total, 'comment')}${statuses.length > 0 ? ` (${statuses.join(', ')})` : ''} on ${count(result.pagesAdded, 'new page')} from ${file}.`,
  ];
  if (result.withoutEmail > 0)
    lines.push(
      `Disqus exports no email addresses: ${count(result.withoutEmail, 'comment')} imported without one.`,
    );
  if (result.alreadyImported > 0)
    lines.push(
      `${count(result.alreadyImported, 'comment was', 'comments were')} already imported.`,
    );
  const skipped = Object.entries(result.skipped);
  if (skipped.length > 0)
    lines.push(`Skipped: ${skipped.map(([reason, n]) => `${n} ${reason}`).join(', ')}.`);
  return lines.join('\n');
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
  try {
    const document = await readDisqusExport(file);
    const db = openDatabase(databasePath);
    try {
      console.log(describeDisqusImport(file, importDisqus(db, document)));
    } finally {
      db.close();
    }
    return 0;
  } catch (error) {
    if (!(error instanceof DisqusImportError)) throw error;
    console.error(`Nothing was imported from ${file}. ${error.message}`);
    return 1;
  }
}
