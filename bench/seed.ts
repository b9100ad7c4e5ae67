/**
 * Comments for the benchmark to read: a single thread through the store, as the server writes
 * them, or a whole site of a million comments in bulk, into SQLite (raw prepared INSERTs in big
 * transactions) or PostgreSQL (INSERTs of 10,000 rows each, sent as one array per column).
 */
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { renderCommentHtml } from '../server/comments/render.ts';
import { migrate } from '../server/storage/migrations.ts';
import { batchesOf } from '../server/storage/postgres/copy.ts';
import { openPostgres } from '../server/storage/postgres/pool.ts';
import type { Storage } from '../server/storage/storage.ts';
import { commentTextKey } from '../server/storage/text-key.ts';
import { LIMITS } from '../shared/limits.ts';

const SENTENCES = [
  'I tried this last weekend and it worked better than I expected.',
  'Thanks for writing this up, it answers a question I have had for years.',
  'One small thing: the second step took me twice as long as you describe.',
  'My grandmother did it exactly this way, and nobody in the family ever wrote it down.',
  'Has anyone tried it with wholemeal flour instead?',
  'Bookmarked. The part about timing is the bit every other guide leaves out.',
  'I disagree a little with the last paragraph, but the rest is spot on.',
  'Great post, as always.',
];

/** A comment's text, two or three sentences long (150–250 characters, like real ones). */
export function commentBody(n: number): string {
  const count = 2 + (n % 2);
  const parts: string[] = [];
  for (let i = 0; i < count; i++)
    parts.push(SENTENCES[(n * 7 + i * 3) % SENTENCES.length] as string);
  return `${parts.join(' ')} (#${n})`;
}

/** A small, seeded random number generator (mulberry32): the same site every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface ThreadPage {
  key: string;
  url: string;
  title: string;
}

/**
 * Stores `count` approved comments on one page through the store, oldest first, a minute
 * apart. A `replyShare` of them are replies, each to one of the three comments before it,
 * so threads nest a few levels deep; the others are top-level.
 */
export async function seedThread(
  store: Storage['store'],
  page: ThreadPage,
  count: number,
  replyShare: number,
): Promise<{ topLevel: number; replies: number }> {
  const start = Date.parse('2024-01-01T00:00:00Z');
  const recent: { id: number; depth: number }[] = [];
  let replies = 0;
  for (let i = 0; i < count; i++) {
    // Spreads the replies evenly: comment i is a reply when the running quota steps up.
    const isReply = i > 0 && Math.floor((i + 1) * replyShare) > Math.floor(i * replyShare);
    const parent = isReply ? recent[i % recent.length] : undefined;
    const body = commentBody(i);
    const row = await store.insertComment(page, {
      parentId: parent?.id ?? null,
      depth: parent ? Math.min(parent.depth + 1, LIMITS.depthMax) : 1,
      status: 'approved',
      name: `Reader ${i % 37}`,
      email: `reader${i % 37}@example.com`,
      website: i % 3 === 0 ? `https://reader${i % 37}.example.com` : null,
      body,
      html: renderCommentHtml(body),
      tokenHash: createHash('sha256').update(`${page.key}#${i}`).digest('hex'),
      ipHash: null,
      userAgent: null,
      createdAt: new Date(start + i * 60_000).toISOString(),
    });
    if (parent) replies++;
    recent.push({ id: row.id, depth: row.depth });
    if (recent.length > 3) recent.shift();
  }
  return { topLevel: count - replies, replies };
}

/** The address of page `n` of a seeded site. */
export function siteUrl(n: number): string {
  return `https://blog.example.com/posts/${n}`;
}

const SITE_BATCH = 10_000;
/** Share of a site's comments that are replies; the first comment of a page never is. */
const SITE_REPLY_SHARE = 0.4;
/** A reply answers one of the last few comments of its page, as people answer what they see. */
const SITE_RECENT = 4;

/** The columns of a seeded comment, in the order siteComments gives them. */
const SITE_COMMENT_COLUMNS = [
  'id',
  'page_id',
  'parent_id',
  'root_id',
  'depth',
  'status',
  'name',
  'email',
  'website',
  'body',
  'html',
  'token_hash',
  'ip_hash',
  'user_agent',
  'created_at',
  'text_key',
] as const;

type SiteComment = [
  id: number,
  pageId: number,
  parentId: number | null,
  rootId: number | null,
  depth: number,
  status: 'approved',
  name: string,
  email: string,
  website: string | null,
  body: string,
  html: string,
  tokenHash: null,
  ipHash: string,
  userAgent: string,
  createdAt: string,
  textKey: string,
];

/** Five years of comments ending before the benchmark's own: every page was made at the start. */
const SITE_START = Date.parse('2020-01-01T00:00:00Z');
const sitePage = (n: number) =>
  [n + 1, siteUrl(n), siteUrl(n), `Post ${n}`, new Date(SITE_START).toISOString()] as const;

/**
 * The comments of a whole site, oldest first: page n (see siteUrl) gets `commentsPerPage[n]`
 * approved comments. Comments of all pages are interleaved in time, as on a real site, so that
 * one page's rows are spread over the table rather than packed together. The same site every
 * run, whichever engine it goes into.
 */
function* siteComments(commentsPerPage: readonly number[]): Generator<SiteComment> {
  const pages = commentsPerPage.length;
  const total = commentsPerPage.reduce((sum, count) => sum + count, 0);
  // Evenly spaced, so created_at and id grow together.
  const step = (5 * 365 * 86_400_000) / total;

  // Which page each comment, in time order, belongs to: every page's share, shuffled.
  const random = seededRandom(42);
  const order = new Int32Array(total);
  for (let n = 0, i = 0; n < pages; n++) {
    for (let c = 0; c < (commentsPerPage[n] as number); c++) order[i++] = n;
  }
  for (let i = total - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }

  const depthOf = new Uint8Array(total + 1);
  const rootOf = new Int32Array(total + 1);
  const recent = new Int32Array(pages * SITE_RECENT);
  const seen = new Int32Array(pages);

  for (let i = 0; i < total; i++) {
    const id = i + 1;
    const n = order[i] as number;
    const earlier = seen[n] as number;
    let parent = 0;
    if (earlier > 0 && random() < SITE_REPLY_SHARE) {
      const choices = Math.min(earlier, SITE_RECENT);
      parent = recent[n * SITE_RECENT + Math.floor(random() * choices)] as number;
    }
    depthOf[id] = parent ? Math.min((depthOf[parent] as number) + 1, LIMITS.depthMax) : 1;
    rootOf[id] = parent ? rootOf[parent] || parent : 0;
    recent[n * SITE_RECENT + (earlier % SITE_RECENT)] = id;
    seen[n] = earlier + 1;

    const author = id % 5000;
    const body = commentBody(id);
    yield [
      id,
      n + 1,
      parent || null,
      rootOf[id] || null,
      depthOf[id] as number,
      'approved',
      `Reader ${author}`,
      `reader${author}@example.com`,
      author % 3 === 0 ? `https://reader${author}.example.com` : null,
      body,
      // What renderCommentHtml makes of this plain text, without paying for it a million times.
      `<p>${body}</p>`,
      // No author token: nothing on a reader's path reads it, old comments' tokens are long
      // expired (and imported ones have none), and a million random hashes in its UNIQUE
      // index would double the seeding time.
      null,
      createHash('sha256').update(`ip#${author}`).digest('hex').slice(0, 32),
      'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
      new Date(SITE_START + i * step).toISOString(),
      // What the server stores for the duplicate check, as the triggers set aside would.
      commentTextKey(body),
    ];
  }
}

/** Creates a database at `path` holding a whole site (see siteComments). */
export function seedSite(path: string, commentsPerPage: readonly number[]): { comments: number } {
  const db = new BetterSqlite3(path);
  // A bulk load that is thrown away on failure needs no journal and no fsync; the server turns
  // on WAL (and its own settings) when it opens the file. A large page cache lets the indexes be
  // built in memory.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1000000');
  migrate(db);

  const insertPage = db.prepare(
    'INSERT INTO pages (id, key, url, title, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const insertComment = db.prepare(
    `INSERT INTO comments (${SITE_COMMENT_COLUMNS.join(', ')})
     VALUES (${SITE_COMMENT_COLUMNS.map(() => '?').join(', ')})`,
  );

  // The table's indexes and triggers are set aside during the load and made again from their
  // own SQL afterwards: building an index from all its rows at once is many times faster than a
  // million random inserts into it, and gives the same index. The one trigger on inserts today
  // counts page versions and approved comments, which is done in one statement at the end.
  const deferred = db
    .prepare<[], { type: string; name: string; sql: string }>(
      `SELECT type, name, sql FROM sqlite_schema
       WHERE tbl_name = 'comments' AND type IN ('index', 'trigger') AND sql IS NOT NULL`,
    )
    .all();
  for (const { type, name } of deferred) db.exec(`DROP ${type} ${name}`);

  db.transaction(() => {
    for (let n = 0; n < commentsPerPage.length; n++) insertPage.run(...sitePage(n));
  })();
  const insertBatch = db.transaction((batch: SiteComment[]) => {
    for (const row of batch) insertComment.run(row);
  });
  let comments = 0;
  for (const batch of batchesOf(siteComments(commentsPerPage), SITE_BATCH)) {
    insertBatch(batch);
    comments += batch.length;
  }
  for (const { sql } of deferred) db.exec(sql);
  db.exec(PAGE_COUNTS);
  db.close();
  // Without a journal or fsync the file is still being written back by the kernel; flushed
  // now, that gigabyte of writing does not land in the middle of the measurements.
  const file = openSync(path, 'r+');
  fsyncSync(file);
  closeSync(file);
  return { comments };
}

/**
 * What the insert trigger would have counted, in SQL both engines take: one change of version
 * per comment inserted, every one approved.
 */
const PAGE_COUNTS = `UPDATE pages SET
  version = (SELECT count(*) FROM comments WHERE page_id = pages.id),
  approved_count = (SELECT count(*) FROM comments WHERE page_id = pages.id)`;

/** PostgreSQL's type of each seeded column, for unnest to read the arrays a batch is sent as. */
const SITE_COMMENT_TYPES: Record<(typeof SITE_COMMENT_COLUMNS)[number], string> = {
  id: 'bigint',
  page_id: 'bigint',
  parent_id: 'bigint',
  root_id: 'bigint',
  depth: 'integer',
  status: 'text',
  name: 'text',
  email: 'text',
  website: 'text',
  body: 'text',
  html: 'text',
  token_hash: 'text',
  ip_hash: 'text',
  user_agent: 'text',
  created_at: 'text',
  text_key: 'text',
};

/** One INSERT of many rows sent column by column: an array per column, whatever the batch size. */
function insertByColumns(table: string, columns: readonly string[], types: readonly string[]) {
  const arrays = types.map((type, i) => `$${i + 1}::${type}[]`).join(', ');
  return `INSERT INTO ${table} (${columns.join(', ')}) SELECT * FROM unnest(${arrays})`;
}

/** Rows as one array per column. */
function byColumn(rows: readonly (readonly unknown[])[], columns: number): unknown[][] {
  const arrays: unknown[][] = Array.from({ length: columns }, () => new Array(rows.length));
  rows.forEach((row, r) => {
    for (let c = 0; c < columns; c++) (arrays[c] as unknown[])[r] = row[c];
  });
  return arrays;
}

/**
 * The same site as seedSite, in the empty PostgreSQL database at `url`, migrated by the
 * server's own migrations; then vacuumed and analysed, as autovacuum leaves a table within a
 * minute of a bulk load (and would otherwise do in the middle of the measurements).
 */
export async function seedPostgresSite(
  url: string,
  commentsPerPage: readonly number[],
): Promise<{ comments: number }> {
  const pool = await openPostgres(url, { poolSize: 1 });
  const client = await pool.connect();
  try {
    await client.query('SET statement_timeout = 0');
    await client.query("SET maintenance_work_mem = '256MB'");
    // As seedSite: the indexes are built from all the rows at once afterwards, and neither the
    // triggers nor the foreign keys' checks run (replica: a superuser's bulk-load switch). Only
    // the primary key and the one UNIQUE stay, as constraints the table is made with.
    await client.query('SET session_replication_role = replica');
    const { rows: deferred } = await client.query<{ name: string; sql: string }>(
      `SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS sql
       FROM pg_index WHERE indrelid = 'comments'::regclass AND NOT indisunique`,
    );
    for (const { name } of deferred) await client.query(`DROP INDEX ${name}`);

    const pageColumns = ['id', 'key', 'url', 'title', 'created_at'];
    const insertPages = insertByColumns('pages', pageColumns, [
      'bigint',
      'text',
      'text',
      'text',
      'text',
    ]);
    const pages = commentsPerPage.map((_, n) => sitePage(n));
    for (const batch of batchesOf(pages, SITE_BATCH))
      await client.query(insertPages, byColumn(batch, pageColumns.length));

    const insertComments = insertByColumns(
      'comments',
      SITE_COMMENT_COLUMNS,
      SITE_COMMENT_COLUMNS.map((column) => SITE_COMMENT_TYPES[column]),
    );
    // Each batch is made while PostgreSQL stores the one before: the two share the work.
    let comments = 0;
    let stored: Promise<unknown> = Promise.resolve();
    for (const batch of batchesOf(siteComments(commentsPerPage), SITE_BATCH)) {
      await stored;
      stored = client.query(insertComments, byColumn(batch, SITE_COMMENT_COLUMNS.length));
      comments += batch.length;
    }
    await stored;
    for (const { sql } of deferred) await client.query(sql);
    await client.query(
      `UPDATE pages SET version = counted.comments, approved_count = counted.comments
       FROM (SELECT page_id, count(*) AS comments FROM comments GROUP BY page_id) AS counted
       WHERE counted.page_id = pages.id`,
    );
    // The ids were given: what the server numbers next comes after them.
    for (const table of ['pages', 'comments'])
      await client.query(
        `SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT max(id) FROM ${table}))`,
      );
    await client.query('RESET session_replication_role');
    await client.query('VACUUM (ANALYZE) pages, comments');
    return { comments };
  } finally {
    client.release();
    await pool.end();
  }
}
