/**
 * Comment feeds as Atom 1.0 documents (RFC 4287). Every value that reaches the XML, from a
 * reader's name to a page's title or address, goes through `escapeXml`, the one way text gets in.
 */
import { createHash } from 'node:crypto';
import type { FeedCommentRow } from '../storage/feeds.ts';

/** What a feed says of itself; its entries come from the stored comments. */
export interface FeedHead {
  /** What the feed's id is made from: the same name gives the same id on every request. */
  name: string;
  title: string;
  /** The feed's own address. */
  self: string;
  /** The page or the site whose comments it carries. */
  alternate: string;
  /** When nothing is in it: the time it gives as its last change. */
  emptySince: string;
}

/**
 * Characters XML 1.0 does not allow in a document at all, escaped or not: the C0 controls
 * but tab, newline and carriage return, lone surrogates, U+FFFE and U+FFFF. A reader's name or
 * an imported comment may hold them; a document holding one is no document to any parser.
 */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/**
 * Text fit for XML 1.0, between tags or inside a quoted attribute: forbidden characters dropped,
 * markup characters escaped (`>` too, so that `]]>` never appears).
 */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (character) => ESCAPES[character] ?? '');
}

type Attributes = Record<string, string | null | undefined>;

function attributesOf(attributes: Attributes): string {
  return Object.entries(attributes)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .map(([name, value]) => ` ${name}="${escapeXml(value)}"`)
    .join('');
}

/** An element holding text; `name` and the attributes' names are the code's own, never input. */
function textElement(name: string, text: string, attributes: Attributes = {}): string {
  return `<${name}${attributesOf(attributes)}>${escapeXml(text)}</${name}>`;
}

function emptyElement(name: string, attributes: Attributes): string {
  return `<${name}${attributesOf(attributes)}/>`;
}

/** Our own namespace for name-based UUIDs, so that no other system's names meet ours. */
const NAMESPACE = Buffer.from('17238f69f8024d9980bcbb27d36367a2', 'hex');

/**
 * A name-based UUID (version 5, RFC 9562) as a URN: an Atom id must never change, and one made
 * from what a feed or an entry is about stays the same across restarts and servers.
 */
export function uuidUrn(name: string): string {
  const bytes = createHash('sha1').update(NAMESPACE).update(name).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A stored time as RFC 3339, as Atom's dates must be. An import may have left a time in another
 * spelling; one that names no time at all becomes the epoch rather than an invalid feed.
 */
function atomDate(stored: string): string {
  const time = Date.parse(stored);
  return new Date(Number.isNaN(time) ? 0 : time).toISOString();
}

/** Where a comment is read: on its page, at the anchor the widget gives it. */
export function commentLink(row: Pick<FeedCommentRow, 'id' | 'page_url'>): string {
  return `${row.page_url}#comment-${row.id}`;
}

function entryOf(row: FeedCommentRow): string {
  const link = commentLink(row);
  const author = [
    textElement('name', row.name),
    row.website ? textElement('uri', row.website) : '',
  ].join('');
  return [
    '<entry>',
    textElement('id', uuidUrn(`comment ${link}`)),
    textElement('title', `${row.name} on ${row.page_title ?? row.page_url}`),
    emptyElement('link', { rel: 'alternate', type: 'text/html', href: link }),
    `<author>${author}</author>`,
    textElement('published', atomDate(row.created_at)),
    textElement('updated', atomDate(row.edited_at ?? row.created_at)),
    // The sanitised markup the thread shows, as escaped text; relative links in it are the page's.
    textElement('content', row.html, { type: 'html', 'xml:base': row.page_url }),
    '</entry>',
  ].join('\n');
}

/** The Atom document of `head` with `rows` (newest first) as its entries. */
export function atomFeed(head: FeedHead, rows: FeedCommentRow[]): string {
  const changes = rows.map((row) => atomDate(row.edited_at ?? row.created_at));
  const updated = changes.length > 0 ? changes.sort().at(-1) : atomDate(head.emptySince);
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    textElement('id', uuidUrn(head.name)),
    textElement('title', head.title),
    textElement('updated', updated as string),
    emptyElement('link', { rel: 'self', type: 'application/atom+xml', href: head.self }),
    emptyElement('link', { rel: 'alternate', type: 'text/html', href: head.alternate }),
    textElement('generator', 'Leave a Reply'),
    ...rows.map(entryOf),
    '</feed>',
    '',
  ].join('\n');
}
