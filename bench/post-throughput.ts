/**
 * Posting under load with the spam defences on: the form's minimum age, link counting, hold and
 * block words, the duplicate check and the honeypot all run for every comment. Two defences are
 * set aside, because one client on loopback is not what they guard against: the per-client
 * flood pause (FLOOD_SECONDS=0) and the per-minute write limit (RATE_LIMIT_PER_MINUTE=0).
 *
 * Twice: comments from many authors, then every comment from one regular (the site owner, say)
 * whose history grows by thousands during the run. The work per post must not grow with it.
 */
import { join } from 'node:path';
import type { Request } from 'autocannon';
import BetterSqlite3 from 'better-sqlite3';
import { loadConfig } from '../server/config.ts';
import { openSqliteStorage } from '../server/storage/sqlite-storage.ts';
import { type LoadResult, measureLoad } from './load.ts';
import type { BenchPostgres } from './postgres.ts';
import { commentBody } from './seed.ts';
import { delay, type ServerProcess, withApp } from './server-process.ts';

export const POST_LOAD = { connections: 50, seconds: 10, warmUpSeconds: 3 };
/** Comments go to this many pages, from this many authors, so no page or author is special. */
const PAGES = 500;
const AUTHORS = 1000;
/** The one author of the second run: a regular, with an approved comment before it starts. */
const REGULAR = { name: 'Reader 0', email: 'reader0@example.com' };

export const POST_SETTINGS = {
  // One client posting links without pause is what CHALLENGE=suspicious asks to prove itself:
  // the challenge's own part (bench/challenge.ts) measures posting with it on.
  CHALLENGE: 'off',
  FLOOD_SECONDS: '0',
  RATE_LIMIT_PER_MINUTE: '0',
  HOLD_WORDS: 'casino,crypto giveaway,payday loan',
  BLOCK_WORDS: 'buy followers,cheap pills',
  BLOCK_EMAILS: '@spam.example',
};

export interface PostRunResult extends LoadResult {
  /** 201s per second in the measured run: comments stored, published or held. */
  acceptedPerSecond: number;
  /** 201s counted in all: the first probe, the warm-up and the measured run. */
  acceptedInAll: number;
  /** Rows in the database once the server has stopped, by status. */
  stored: Record<string, number>;
  storedTotal: number;
}

export interface PostThroughputResult extends PostRunResult {
  /** The same load with every comment from one address (REGULAR). */
  oneAddress: PostRunResult;
}

type Author = (n: number) => { name: string; email: string; website: string };

const manyAuthors: Author = (n) => {
  const author = n % AUTHORS;
  return {
    name: `Reader ${author}`,
    email: `reader${author}@example.com`,
    website: n % 4 === 0 ? `https://reader${author}.example.com` : '',
  };
};
const oneAuthor: Author = () => ({ ...REGULAR, website: '' });

const pageUrl = (n: number) => `http://localhost:8080/posts/${n % PAGES}`;

/** The n-th comment of the load test: its own text, so that none is a duplicate. */
function newComment(n: number, author: Author, forms: string[]) {
  const page = n % PAGES;
  let body = commentBody(n);
  // One in ten carries a link (rendered and counted), one in fifty a held word.
  if (n % 10 === 0) body += ` More on this at https://notes.example.com/${n}.`;
  if (n % 50 === 0) body += ' Also: casino bonus inside.';
  return {
    url: pageUrl(n),
    title: `Post ${page}`,
    ...author(n),
    body,
    form: forms[page] as string,
  };
}

export async function measurePostThroughput(workDir: string): Promise<PostThroughputResult> {
  const distinct = await measurePosts(join(workDir, 'post-throughput.db'), manyAuthors);
  const regular = join(workDir, 'post-throughput-one-address.db');
  // The regular's first comment, approved: first-time moderation publishes the rest at once, so
  // the run also asks, for every post, which names the address has approved comments under.
  const storage = openSqliteStorage(regular);
  await storage.store.insertComment(
    { key: pageUrl(0), url: pageUrl(0), title: 'Post 0' },
    {
      parentId: null,
      depth: 1,
      status: 'approved',
      ...REGULAR,
      website: null,
      body: 'My first comment here.',
      html: '<p>My first comment here.</p>',
      tokenHash: 'bench-regular',
      ipHash: null,
      userAgent: null,
      createdAt: new Date(Date.now() - 86_400_000).toISOString(),
    },
  );
  await storage.close();
  return { ...distinct, oneAddress: await measurePosts(regular, oneAuthor) };
}

/** How many comments of one status were stored, counted once the server has stopped. */
interface StatusCount {
  status: string;
  count: number;
}

async function measurePosts(databasePath: string, author: Author): Promise<PostRunResult> {
  const started = new Date().toISOString();
  const measured = await withApp({ DATABASE_PATH: databasePath, ...POST_SETTINGS }, (server) =>
    measurePostLoad(server, author),
  );
  // Read after the server has closed the database, so that every commit is in the file. Only
  // this run's comments: the regular's earlier one is not one of them.
  const db = new BetterSqlite3(databasePath, { readonly: true });
  const rows = db.prepare<[string], StatusCount>(storedSince('?')).all(started);
  db.close();
  return postRunResult(measured, rows);
}

/** This run's comments by status: those made at or after the time `placeholder` stands for. */
const storedSince = (placeholder: string) =>
  `SELECT status, count(*) AS count FROM comments WHERE created_at >= ${placeholder} GROUP BY status`;

function postRunResult(measured: LoadResult, rows: StatusCount[]): PostRunResult {
  const stored = Object.fromEntries(rows.map((row) => [row.status, row.count]));
  const accepted = measured.statuses['201'] ?? 0;
  return {
    ...measured,
    acceptedPerSecond: accepted / measured.seconds,
    // The probe, the warm-up and the run.
    acceptedInAll: 1 + (measured.warmUpStatuses['201'] ?? 0) + accepted,
    stored,
    storedTotal: rows.reduce((sum, row) => sum + row.count, 0),
  };
}

/**
 * Posting comments from `author` to `origin`: every page's form fetched once and left to age past
 * MIN_SUBMIT_SECONDS, a first post that must be answered 201, then the requests autocannon sends,
 * each a new comment (numbered on from every earlier one, so that none is a duplicate).
 */
export async function preparePosts(
  origin: string,
  author: Author = manyAuthors,
): Promise<Request[]> {
  const minSubmitSeconds = loadConfig(POST_SETTINGS).minSubmitSeconds;
  // A form token says when the form was shown and for which page; the server takes no comment
  // from a form younger than MIN_SUBMIT_SECONDS. One token per page, once old enough, serves
  // every request to that page.
  const forms: string[] = [];
  for (let page = 0; page < PAGES; page++) {
    const thread = await fetch(`${origin}/api/comments?url=${encodeURIComponent(pageUrl(page))}`);
    forms.push(((await thread.json()) as { form: string }).form);
  }
  const issuedAt = Math.max(...forms.map((form) => Number(form.split('.')[0]) * 1000));
  await delay(Math.max(0, issuedAt + minSubmitSeconds * 1000 + 100 - Date.now()));

  let posted = 0;
  const probe = await fetch(`${origin}/api/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(newComment(posted++, author, forms)),
  });
  if (probe.status !== 201)
    throw new Error(`a first post got ${probe.status}: ${await probe.text()}`);
  return [
    {
      method: 'POST',
      path: '/api/comments',
      headers: { 'content-type': 'application/json' },
      setupRequest: (request) => ({
        ...request,
        body: JSON.stringify(newComment(posted++, author, forms)),
      }),
    },
  ];
}

/** POST_LOAD against `server`, with comments from `author`. */
async function measurePostLoad(server: ServerProcess, author: Author): Promise<LoadResult> {
  const requests = await preparePosts(server.origin, author);
  return measureLoad(server, { path: '/api/comments', ...POST_LOAD, requests });
}

/**
 * The many-author run on PostgreSQL: a new database, the default DATABASE_POOL_SIZE, the same
 * settings and load; the rows stored counted there once the server has stopped.
 */
export async function measurePostgresPostThroughput(
  postgres: BenchPostgres,
): Promise<PostRunResult> {
  const databaseUrl = await postgres.createDatabase();
  const started = new Date().toISOString();
  const measured = await withApp({ DATABASE_URL: databaseUrl, ...POST_SETTINGS }, (server) =>
    measurePostLoad(server, manyAuthors),
  );
  return postRunResult(
    measured,
    await postgres.query<StatusCount>(databaseUrl, storedSince('$1'), [started]),
  );
}
