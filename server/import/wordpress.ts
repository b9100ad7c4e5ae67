/**
 * `leave-a-reply import wordpress FILE.xml`: the comments of a WordPress export (WXR), read as
 * a stream a post at a time (each post's comments converted as it is read, so memory stays
 * bounded by one chunk's posts), then written all together, or not at all.
 */

import { createHash } from 'node:crypto';
import { normalisePageUrl } from '../../shared/page-key.ts';
import type { StorageSettings } from '../storage/database-name.ts';
import {
  count,
  describeImport,
  type ImportResult,
  type ImportThread,
  type ReadyComment,
  readyEntry,
  readyIn,
  type ThreadEntry,
  writeThread,
} from './import-writer.ts';
import { type Importer, type ImportProgress, importFile } from './importer.ts';
import { convertCommentHtml, decodeEntities } from './wordpress-html.ts';
import { readWordPressItems, type WordPressComment, type WordPressItem } from './wordpress-xml.ts';

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

type Status = keyof WordPressImportResult['imported'];

/** A comment ready to write, and whether it was held because of its post. */
type WordPressReady = ReadyComment & { heldForPost: boolean };

const STATUS_OF: Record<string, Status> = {
  '1': 'approved',
  approve: 'approved',
  '0': 'pending',
  hold: 'pending',
  spam: 'spam',
  trash: 'trash',
};

/** The WordPress importer: posts with their comments, a page per post. */
export function wordPressImporter(
  options: WordPressImportOptions = {},
): Importer<ImportThread<WordPressReady>, WordPressImportResult> {
  const now = options.now ?? new Date().toISOString();
  return {
    async *read(text) {
      for await (const item of readWordPressItems(text)) yield readPost(item, options, now);
    },
    commentsIn: readyIn,
    async write(posts, store) {
      const result: WordPressImportResult = {
        pagesAdded: 0,
        imported: { approved: 0, pending: 0, spam: 0, trash: 0 },
        alreadyImported: 0,
        skipped: {},
        heldOnProtectedPosts: 0,
      };
      for (const post of posts)
        await writeThread(store, post, result, (ready) => {
          if (ready.heldForPost) result.heldOnProtectedPosts++;
        });
      return result;
    },
  };
}

/**
 * A post's comments, each ready to write or left out and why. Each comment's token hash is a
 * hash of its WordPress identity, so a second run finds it.
 */
function readPost(
  item: WordPressItem,
  options: WordPressImportOptions,
  now: string,
): ImportThread<WordPressReady> {
  const pageUrl = normalisePageUrl(mapOrigin(item.link, options.mapOrigin));
  if (!pageUrl)
    return {
      entries: [],
      leftOut: { reason: 'on an item with no web address', count: item.comments.length },
    };
  const page = {
    key: pageUrl,
    url: pageUrl,
    title: decodeEntities(item.title) || null,
    // Read as the comments' dates are: the UTC field, else the site's local one.
    published: wordPressDate(item.dateGmt) ?? wordPressDate(item.date),
  };
  // Only readers given the password (or the site's own users) could see these comments:
  // the owner decides whether they become public here.
  const protectedPost = item.password !== '' || item.status === 'private';
  const byId = new Map<string, WordPressComment>();
  for (const comment of item.comments) {
    const id = comment.fields.comment_id?.trim() ?? '';
    if (id && !byId.has(id)) byId.set(id, comment);
  }
  const entries = item.comments.map((comment): ThreadEntry<WordPressReady> => {
    const { fields } = comment;
    const id = fields.comment_id?.trim() ?? '';
    const parentId = fields.comment_parent?.trim() ?? '';
    const type = (fields.comment_type ?? '').trim();
    // A file without the field gives no verdict; holding the comment lets the owner decide.
    const approved = (fields.comment_approved ?? '0').trim();
    const given = STATUS_OF[approved];
    const heldForPost = protectedPost && given === 'approved';
    const status = heldForPost ? 'pending' : given;
    let reason: string | null = null;
    if (!id) reason = 'without a comment id';
    else if (byId.get(id) !== comment) reason = 'with a repeated comment id';
    else if (type === 'pingback' || type === 'trackback') {
      if (!options.withPingbacks) reason = `${type}s`;
    } else if (type === 'note') reason = 'editorial notes (not public comments)';
    else if (type !== '' && type !== 'comment') reason = `of unknown type "${type}"`;
    if (reason !== null || !status)
      return { id, parentId, skipped: reason ?? `with unknown status "${approved}"` };
    return readyEntry<WordPressReady>(id, parentId, {
      page,
      status,
      trashedFrom: status === 'trash' ? 'approved' : null,
      name: decodeEntities(fields.comment_author ?? '').trim() || 'Anonymous',
      email: (fields.comment_author_email ?? '').trim(),
      website: webAddress(fields.comment_author_url),
      body: convertCommentHtml(fields.comment_content ?? ''),
      tokenHash: createHash('sha256')
        .update(`import:wordpress:${item.site}:${item.link}:${id}`)
        .digest('hex'),
      createdAt:
        wordPressDate(fields.comment_date_gmt) ?? wordPressDate(fields.comment_date) ?? now,
      heldForPost,
    });
  });
  return { entries };
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

/** Imports a WXR file into the database the settings name: all of it, or nothing. */
export function importWordPressFile(
  settings: StorageSettings,
  file: string,
  options: WordPressImportOptions = {},
  onProgress?: (progress: ImportProgress) => void,
): Promise<WordPressImportResult> {
  return importFile(settings, file, wordPressImporter(options), onProgress);
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
 * One progress line: bytes read of the total (percent), comments read, and an ETA from the byte
 * rate so far (comments per item vary too much to predict from). They are written once the
 * whole file has been read.
 */
export function describeWordPressProgress(
  { bytesRead, totalBytes, comments }: ImportProgress,
  elapsedMs: number,
): string {
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  const percent = totalBytes > 0 ? Math.floor((bytesRead / totalBytes) * 100) : 100;
  const rate = elapsedMs > 0 ? bytesRead / elapsedMs : 0;
  const left = rate > 0 ? Math.round((totalBytes - bytesRead) / rate / 1000) : null;
  const eta =
    left === null ? '…' : `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
  return `${mb(bytesRead)} / ${mb(totalBytes)} MB (${percent}%), ${comments} comments read, ETA ${eta}`;
}
