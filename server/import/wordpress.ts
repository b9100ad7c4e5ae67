/**
 * `leave-a-reply import wordpress FILE.xml`: the comments of a WordPress export (WXR) read as a
 * stream and written item by item inside one immediate transaction, so memory stays bounded by
 * one item and a bad file changes nothing.
 */

import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { SaxesParser } from 'saxes';
import { normalisePageUrl } from '../../shared/page-key.ts';
import { ImportRefused } from '../errors.ts';
import {
  count,
  countImported,
  countSkipped,
  createImportWriter,
  describeImport,
  type ImportResult,
  placeInThreadOrder,
} from './import-writer.ts';
import { convertCommentHtml, decodeEntities } from './wordpress-html.ts';
import { streamXmlFile } from './xml-stream.ts';

/** One `<wp:comment>`, its fields as the file has them (absent fields are undefined). */
export interface WordPressComment {
  fields: Record<string, string>;
}

/** One `<item>` (a post, a page…) with its comments. */
export interface WordPressItem {
  link: string;
  title: string;
  /** `wp:post_password`: not empty when only readers given the password may see the post. */
  password: string;
  /** `wp:status`: `publish`, `private`, `draft`… */
  status: string;
  comments: WordPressComment[];
}

/** The item's own fields we read, by local name: RSS's and the `wp:` namespace's. */
const ITEM_FIELDS: Record<
  'rss' | 'wp',
  Record<string, 'link' | 'title' | 'password' | 'status'>
> = {
  rss: { link: 'link', title: 'title' },
  wp: { post_password: 'password', status: 'status' },
};

/** How far an import has got: bytes of the file read so far, and comments written. */
export interface WordPressImportProgress {
  bytesRead: number;
  totalBytes: number;
  comments: number;
}

export interface WordPressImportOptions {
  /** `https://old.example.com` → `https://new.example.com`: where the pages live now. */
  mapOrigin?: { from: string; to: string };
  /** Pingbacks and trackbacks are notices from other sites, skipped unless asked for. */
  withPingbacks?: boolean;
  /** Stands in for a comment's missing date. */
  now?: string;
}

export type WordPressImportResult = ImportResult<'approved' | 'pending' | 'spam' | 'trash'> & {
  /** Approved comments of password-protected or private posts, imported as held instead. */
  heldOnProtectedPosts: number;
};

const COMMENT_FIELDS = new Set([
  'comment_id',
  'comment_author',
  'comment_author_email',
  'comment_author_url',
  'comment_date',
  'comment_date_gmt',
  'comment_content',
  'comment_approved',
  'comment_type',
  'comment_parent',
]);

/**
 * Streams a WXR file into the database. One `BEGIN IMMEDIATE` spans the whole read (a
 * `db.transaction()` cannot span awaits; a raw BEGIN can, as nothing else uses this connection
 * meanwhile); each `<item>`'s comments are written as soon as the item closes, so only one
 * item is ever held in memory. Any error — a damaged file, a failed insert — rolls back.
 * Elements are matched by local name: the `wp:` namespace is
 * `http(s)://wordpress.org/export/1.0/`, `1.1/` or `1.2/` depending on the exporter.
 */
export async function importWordPressFile(
  db: Database,
  file: string,
  options: WordPressImportOptions = {},
  onProgress?: (progress: WordPressImportProgress) => void,
): Promise<WordPressImportResult> {
  let totalBytes: number;
  try {
    totalBytes = statSync(file).size;
  } catch (error) {
    throw new ImportRefused(`Cannot read ${file}: ${(error as Error).message}`);
  }
  const site = { link: '' };
  const importer = createItemImporter(db, site, options);
  const parser = new SaxesParser({ xmlns: true, position: true });
  // Local names of the open elements, and whether each is an RSS element (no namespace).
  const path: { name: string; rss: boolean }[] = [];
  // Items closed during the current chunk; written after the parser step, so a database error
  // is not mistaken for an XML one.
  const closed: WordPressItem[] = [];
  let item: WordPressItem | null = null;
  let comment: WordPressComment | null = null;
  let text = '';
  let collecting = false;
  let sawChannel = false;

  parser.on('opentag', (node) => {
    const name = node.local;
    const rss = node.uri === '';
    const parent = path.at(-1);
    path.push({ name, rss });
    text = '';
    collecting = false;
    if (rss && name === 'channel') sawChannel = true;
    if (rss && name === 'item' && parent?.name === 'channel') {
      item = { link: '', title: '', password: '', status: '', comments: [] };
    } else if (!rss && name === 'comment' && item && parent?.name === 'item') {
      comment = { fields: {} };
    } else if (comment && parent?.name === 'comment' && COMMENT_FIELDS.has(name)) {
      collecting = true;
    } else if (rss && (name === 'link' || name === 'title') && parent?.rss) {
      collecting = parent.name === 'item' || (parent.name === 'channel' && name === 'link');
    } else if (!rss && item && parent?.name === 'item' && Object.hasOwn(ITEM_FIELDS.wp, name)) {
      collecting = true;
    }
  });
  const collect = (chunk: string) => {
    if (collecting) text += chunk;
  };
  parser.on('text', collect);
  parser.on('cdata', collect);
  parser.on('closetag', (node) => {
    const name = node.local;
    path.pop();
    const parent = path.at(-1);
    if (collecting) {
      collecting = false;
      if (comment && parent?.name === 'comment') comment.fields[name] = text;
      else if (item && parent?.name === 'item') {
        const field = ITEM_FIELDS[node.uri === '' ? 'rss' : 'wp'][name];
        if (field) item[field] = text.trim();
      } else if (parent?.name === 'channel') site.link = text.trim();
    } else if (comment && name === 'comment' && parent?.name === 'item') {
      item?.comments.push(comment);
      comment = null;
    } else if (item && name === 'item') {
      if (item.comments.length > 0) closed.push(item);
      item = null;
    }
  });
  const writeClosedItems = () => {
    for (const done of closed.splice(0)) {
      try {
        importer.importItem(done);
      } catch (error) {
        throw new ImportRefused(
          `The import failed, and nothing was written: ${(error as Error).message}`,
        );
      }
    }
  };

  db.exec('BEGIN IMMEDIATE');
  try {
    await streamXmlFile(
      file,
      parser,
      (message) => new ImportRefused(message),
      (bytesRead) => {
        writeClosedItems();
        onProgress?.({ bytesRead, totalBytes, comments: importer.written() });
      },
    );
    writeClosedItems();
    if (!sawChannel)
      throw new ImportRefused('The file is not a WordPress export: it has no <channel>.');
    db.exec('COMMIT');
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
  return importer.result;
}

type Status = keyof WordPressImportResult['imported'];

const STATUS_OF: Record<string, Status> = {
  '1': 'approved',
  approve: 'approved',
  '0': 'pending',
  hold: 'pending',
  spam: 'spam',
  trash: 'trash',
};

/**
 * Writes one item's comments, parents before replies, with the caller's transaction open. Each
 * comment's token_hash is a hash of its WordPress identity, so a second run finds it.
 */
function createItemImporter(
  db: Database,
  site: { link: string },
  options: WordPressImportOptions,
): {
  importItem: (item: WordPressItem) => void;
  written: () => number;
  result: WordPressImportResult;
} {
  const now = options.now ?? new Date().toISOString();
  const result: WordPressImportResult = {
    pagesAdded: 0,
    imported: { approved: 0, pending: 0, spam: 0, trash: 0 },
    alreadyImported: 0,
    skipped: {},
    heldOnProtectedPosts: 0,
  };
  const writer = createImportWriter(db);

  const importItem = (item: WordPressItem) => {
    const pageUrl = normalisePageUrl(mapOrigin(item.link, options.mapOrigin));
    if (!pageUrl) {
      countSkipped(result, 'on an item with no web address', item.comments.length);
      return;
    }
    // Only readers given the password (or the site's own users) could see these comments:
    // the owner decides whether they become public here.
    const protectedPost = item.password !== '' || item.status === 'private';
    const byId = new Map<string, WordPressComment>();
    for (const comment of item.comments) {
      const id = comment.fields.comment_id?.trim() ?? '';
      if (id && !byId.has(id)) byId.set(id, comment);
    }
    result.alreadyImported += placeInThreadOrder(item.comments, {
      accept: (comment) => {
        const fields = comment.fields;
        const wordPressId = fields.comment_id?.trim() ?? '';
        const type = (fields.comment_type ?? '').trim();
        // A file without the field gives no verdict; holding the comment lets the owner decide.
        const approved = (fields.comment_approved ?? '0').trim();
        const given = STATUS_OF[approved];
        const heldForPost = protectedPost && given === 'approved';
        const status = heldForPost ? 'pending' : given;
        let reason: string | null = null;
        if (!wordPressId) reason = 'without a comment id';
        else if (byId.get(wordPressId) !== comment) reason = 'with a repeated comment id';
        else if (type === 'pingback' || type === 'trackback') {
          if (!options.withPingbacks) reason = `${type}s`;
        } else if (type === 'note') reason = 'editorial notes (not public comments)';
        else if (type !== '' && type !== 'comment') reason = `of unknown type "${type}"`;
        if (reason !== null || !status) {
          countSkipped(result, reason ?? `with unknown status "${approved}"`);
          return null;
        }
        const tokenHash = createHash('sha256')
          .update(`import:wordpress:${site.link}:${item.link}:${wordPressId}`)
          .digest('hex');
        return { status, tokenHash, heldForPost };
      },
      parentOf: (comment) => byId.get(comment.fields.comment_parent?.trim() ?? ''),
      findImported: writer.findImported,
      write: ({ fields }, { status, tokenHash, heldForPost }, parent) => {
        const createdAt =
          wordPressDate(fields.comment_date_gmt) ?? wordPressDate(fields.comment_date) ?? now;
        const page = writer.findOrCreatePage(
          pageUrl,
          pageUrl,
          decodeEntities(item.title) || null,
          createdAt,
        );
        if (page.created) result.pagesAdded++;
        result.imported[status]++;
        if (heldForPost) result.heldOnProtectedPosts++;
        return writer.insertComment({
          pageId: page.id,
          parent,
          status,
          trashedFrom: status === 'trash' ? 'approved' : null,
          name: decodeEntities(fields.comment_author ?? '').trim() || 'Anonymous',
          email: (fields.comment_author_email ?? '').trim(),
          website: webAddress(fields.comment_author_url),
          body: convertCommentHtml(fields.comment_content ?? ''),
          tokenHash,
          createdAt,
        });
      },
    });
  };

  return { importItem, written: () => countImported(result), result };
}

/** `YYYY-MM-DD HH:MM:SS` (UTC for the _gmt field) as ISO; null for WordPress's zero date. */
function wordPressDate(value: string | undefined): string | null {
  const match = /^\s*(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})\s*$/.exec(value ?? '');
  if (!match || match[1] === '0000') return null;
  const [, year, month, day, hour, minute, second] = match;
  const date = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}.000Z`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The author's site, if it is a web address; anything else is no link a reader needs. */
function webAddress(value: string | undefined): string | null {
  const url = (value ?? '').trim();
  return /^https?:\/\/[^/\s]/i.test(url) ? url : null;
}

function mapOrigin(link: string, map: WordPressImportOptions['mapOrigin']): string {
  const trimmed = link.trim();
  if (!map) return trimmed;
  const from = map.from.replace(/\/+$/, '');
  if (trimmed === from || trimmed.startsWith(`${from}/`) || trimmed.startsWith(`${from}?`))
    return map.to.replace(/\/+$/, '') + trimmed.slice(from.length);
  return trimmed;
}

/**
 * The summary printed at the end: pages, comments per status, how many were held because their
 * post was password-protected or private, and what was skipped, why.
 */
export function describeWordPressImport(file: string, result: WordPressImportResult): string {
  const held = result.heldOnProtectedPosts;
  const notes =
    held > 0
      ? [
          `${count(held, 'comment')} of password-protected or private posts ${held === 1 ? 'was' : 'were'} imported as held.`,
        ]
      : [];
  return describeImport(file, result, notes);
}

/**
 * One progress line: bytes read of the total (percent), comments written, and an ETA from the
 * byte rate so far (comments per item vary too much to predict from).
 */
export function describeWordPressProgress(
  { bytesRead, totalBytes, comments }: WordPressImportProgress,
  elapsedMs: number,
): string {
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  const percent = totalBytes > 0 ? Math.floor((bytesRead / totalBytes) * 100) : 100;
  const rate = elapsedMs > 0 ? bytesRead / elapsedMs : 0;
  const left = rate > 0 ? Math.round((totalBytes - bytesRead) / rate / 1000) : null;
  const eta =
    left === null ? '…' : `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
  return `${mb(bytesRead)} / ${mb(totalBytes)} MB (${percent}%), ${comments} comments imported, ETA ${eta}`;
}
