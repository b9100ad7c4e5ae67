/**
 * Whether reading a thread stays as fast on a big site as on a small one: the same reads, timed
 * on a database of 1,000 comments and on one of 1,000,000.
 *
 * The server keeps recent answers (its thread cache, keyed by page, cursor and limit, valid for
 * one version of the page), so reading one URL again and again measures that cache, not the
 * database. Each read is therefore timed twice: repeated, as a popular page is read, and with
 * every request a cache miss, as the long tail of a big site is read.
 */
import { join } from 'node:path';
import type { Request } from 'autocannon';
import { type LoadResult, measureLoad } from './load.ts';
import type { BenchPostgres } from './postgres.ts';
import { seedPostgresSite, seedSite, siteUrl } from './seed.ts';
import { type ServerProcess, withApp } from './server-process.ts';

/** Latency, not throughput: a few readers at once, each read timed. */
export const SCALE_LOAD = { connections: 10, seconds: 5, warmUpSeconds: 2 };
/** The cache misses run second, on a server already warmed up by the repeated reads. */
const MISS_WARM_UP_SECONDS = 1;

interface SiteShape {
  name: string;
  comments: number;
  pages: number;
  /** Comments on the site's longest thread (page 0). Pages 1 to 50 have 10 each. */
  longest: number;
}

export const SMALL_SITE: SiteShape = { name: 'small', comments: 1_000, pages: 51, longest: 500 };
export const BIG_SITE: SiteShape = {
  name: 'big',
  comments: 1_000_000,
  pages: 100_000,
  longest: 10_000,
};

/** One read, repeated and missing the cache; `comments` is how many its answer holds. */
export interface ReadTimes {
  comments: number;
  repeated: LoadResult;
  cacheMiss: LoadResult;
}

export interface SiteReads {
  shape: SiteShape;
  seedSeconds: number;
  /** GET of a page with 10 comments. */
  shortThread: ReadTimes;
  /** GET of the first page (default PAGE_SIZE) of the longest thread. */
  longThreadFirstPage: ReadTimes;
}

export interface ScaleResult {
  small: SiteReads;
  big: SiteReads;
}

const TEN_COMMENT_PAGES = 50;
/** Limits from 10 to 200 all give a 10-comment page whole, each under its own cache entry. */
const LIMITS_FOR_TEN = Array.from({ length: 191 }, (_, i) => 10 + i);

const threadPath = (page: number, query = '') =>
  `/api/comments?url=${encodeURIComponent(siteUrl(page))}${query}`;

/**
 * Comments per page: the longest thread first, then the rest shared evenly; both shapes give
 * pages 1 to 50 exactly 10 comments.
 */
function commentsPerPage({ comments, pages, longest }: SiteShape): number[] {
  const rest = comments - longest;
  const others = pages - 1;
  const counts = [longest];
  for (let n = 0; n < others; n++) {
    counts.push(Math.floor(rest / others) + (n < rest % others ? 1 : 0));
  }
  return counts;
}

/**
 * Paths that each ask for the same answer under a name the cache has not kept: the 10-comment
 * pages in turn with every limit from 10 up (9,550 names), or the longest thread's first page
 * through a cursor that lies before its first comment ('' sorts before every date), with a new
 * id each time. Either sequence repeats only after far more requests than the cache holds.
 */
function cacheMissingPaths(read: 'short' | 'long'): () => string {
  let n = 0;
  return () => {
    n++;
    if (read === 'long') {
      const cursor = Buffer.from(JSON.stringify(['', -(n % 10_000)])).toString('base64url');
      return threadPath(0, `&after=${cursor}`);
    }
    const page = 1 + (n % TEN_COMMENT_PAGES);
    const limit = LIMITS_FOR_TEN[Math.floor(n / TEN_COMMENT_PAGES) % LIMITS_FOR_TEN.length];
    return threadPath(page, `&limit=${limit}`);
  };
}

/** How many comments the answer at `path` holds; fails on anything but 200. */
async function commentsAt(server: ServerProcess, path: string): Promise<number> {
  const response = await fetch(`${server.origin}${path}`);
  if (response.status !== 200) throw new Error(`GET ${path}: ${response.status}`);
  return ((await response.json()) as { comments: unknown[] }).comments.length;
}

async function timeRead(server: ServerProcess, read: 'short' | 'long'): Promise<ReadTimes> {
  const path = read === 'short' ? threadPath(1) : threadPath(0);
  const nextMissingPath = cacheMissingPaths(read);
  const comments = await commentsAt(server, path);
  // The cache-missing requests must ask for the very same answer.
  const missPath = nextMissingPath();
  const missComments = await commentsAt(server, missPath);
  if (missComments !== comments)
    throw new Error(`${missPath} holds ${missComments} comments, ${path} ${comments}`);
  const cacheMissing: Request[] = [
    { method: 'GET', setupRequest: (request) => ({ ...request, path: nextMissingPath() }) },
  ];
  return {
    comments,
    repeated: await measureLoad(server, { path, ...SCALE_LOAD }),
    cacheMiss: await measureLoad(server, {
      path,
      ...SCALE_LOAD,
      warmUpSeconds: MISS_WARM_UP_SECONDS,
      requests: cacheMissing,
    }),
  };
}

/**
 * Makes a site of `commentsPerPage` comments in a database of its own, named after `shape`, and
 * gives the server's settings for it.
 */
type SiteSeeder = (
  shape: SiteShape,
  commentsPerPage: readonly number[],
) => Promise<Record<string, string>>;

async function measureSite(shape: SiteShape, seed: SiteSeeder): Promise<SiteReads> {
  const started = performance.now();
  const database = await seed(shape, commentsPerPage(shape));
  const seedSeconds = (performance.now() - started) / 1000;

  // The shipped settings, apart from the database and the thread cache: default page size. The
  // cache gets 1 MB, which holds the one answer read again and again but not the thousands of
  // names the cache-missing reads go through: at the default 64 MB it would keep them all, and
  // those reads would no longer miss.
  return withApp({ ...database, THREAD_CACHE_MB: '1' }, async (server) => ({
    shape,
    seedSeconds,
    shortThread: await timeRead(server, 'short'),
    longThreadFirstPage: await timeRead(server, 'long'),
  }));
}

async function measureSites(seed: SiteSeeder): Promise<ScaleResult> {
  const small = await measureSite(SMALL_SITE, seed);
  const big = await measureSite(BIG_SITE, seed);
  return { small, big };
}

/** On SQLite: files in `workDir`, never analysed (SQLite gathers no statistics by itself). */
export function measureScale(workDir: string): Promise<ScaleResult> {
  return measureSites(async (shape, commentsPerPage) => {
    const databasePath = join(workDir, `scale-${shape.name}.db`);
    seedSite(databasePath, commentsPerPage);
    return { DATABASE_PATH: databasePath };
  });
}

/**
 * On PostgreSQL: a new database for each site, the default DATABASE_POOL_SIZE; vacuumed and
 * analysed after the load, as autovacuum leaves it (seedPostgresSite).
 */
export function measurePostgresScale(postgres: BenchPostgres): Promise<ScaleResult> {
  return measureSites(async (_shape, commentsPerPage) => {
    const databaseUrl = await postgres.createDatabase();
    await seedPostgresSite(databaseUrl, commentsPerPage);
    return { DATABASE_URL: databaseUrl };
  });
}
