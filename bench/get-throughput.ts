/**
 * Reading a thread under load: our server answering GET /api/comments for a page of 100
 * comments, against a bare Fastify route sending the very same bytes. The ratio is what our
 * hooks, plugins, queries and serialisation cost compared with the least any route costs. A
 * third run reads the same thread while readers like its comments, 20 likes a second: what the
 * likes cost the cached reads (each renews the kept answer at most once a second). Then the
 * same thread as HTML (GET /api/comments.html), against the bare route sending those bytes.
 *
 * Both servers run side by side and are loaded in turns (ours, bare, ours, bare…), so that a
 * neighbour taking the machine for a while weighs on both alike.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openPostgresStorage } from '../server/storage/postgres/postgres-storage.ts';
import { openSqliteStorage } from '../server/storage/sqlite-storage.ts';
import type { Storage } from '../server/storage/storage.ts';
import {
  combineLoads,
  compareTurns,
  type LoadResult,
  loadInTurns,
  measureLoad,
  type TurnsCompared,
} from './load.ts';
import type { BenchPostgres } from './postgres.ts';
import { seedThread } from './seed.ts';
import { withApp, withBareFastify } from './server-process.ts';

/** Loaded as readers would: 50 connections, 3 s to warm up, then 3 turns of 5 s each. */
export const GET_LOAD = { connections: 50, seconds: 5, warmUpSeconds: 3, rounds: 3 };
export const COMMENTS = 100;
/** Likes given to the thread's comments per second during the third run. */
export const LIKES_PER_SECOND = 20;

/** The thread read. */
export const PAGE = {
  key: 'https://blog.example.com/posts/a-busy-post',
  url: 'https://blog.example.com/posts/a-busy-post',
  title: 'A busy post',
};
export const THREAD_PATH = `/api/comments?url=${encodeURIComponent(PAGE.url)}`;

/** The server's settings for reading the thread, but for its database. */
export const READ_SETTINGS = {
  MODERATION: 'none',
  MIN_SUBMIT_SECONDS: '0',
  FLOOD_SECONDS: '0',
  RATE_LIMIT_PER_MINUTE: '0',
  // The thread's page takes likes (and comments) only from a site the server serves.
  SITE_ORIGINS: new URL(PAGE.url).origin,
  // Every like comes from 127.0.0.1, standing for many readers.
  LIKE_RATE_LIMIT_PER_MINUTE: '0',
  PAGE_SIZE: String(COMMENTS),
};

export interface GetThroughputResult {
  /** The answer's size (uncompressed: autocannon sends no Accept-Encoding) and comment count. */
  bodyBytes: number;
  comments: number;
  ours: LoadResult;
  bare: LoadResult;
  /** Ours again, while LIKES_PER_SECOND likes arrive. */
  liked: LoadResult;
  /** Likes answered 200 during the liked runs, and the seconds they ran. */
  likes: { given: number; seconds: number };
  /** Our requests per second over the bare route's, all turns together. */
  ratio: number;
  /** The same while likes arrive, and turn by turn. */
  likedRatio: number;
  likedRoundRatios: number[];
  /** The same, turn by turn. */
  roundRatios: number[];
  /** The bare route's server CPU time per request over ours: the same ratio, less noisy. */
  cpuRatio: number;
  /** The same thread as HTML: its size, ours and bare, and their ratio, all turns and each. */
  html: {
    bodyBytes: number;
    ours: LoadResult;
    bare: LoadResult;
    ratio: number;
    roundRatios: number[];
  };
}

export async function measureGetThroughput(workDir: string): Promise<GetThroughputResult> {
  const databasePath = join(workDir, 'get-throughput.db');
  await seedReadThread(openSqliteStorage(databasePath));

  const path = THREAD_PATH;
  const htmlPath = `/api/comments.html?url=${encodeURIComponent(PAGE.url)}`;
  const settings = { ...READ_SETTINGS, DATABASE_PATH: databasePath };
  const bodyFile = join(workDir, 'thread.json');
  const htmlFile = join(workDir, 'thread.html');
  const measured = await withApp(settings, async (app) => {
    const body = await fetchBody(`${app.origin}${path}`);
    writeFileSync(bodyFile, body);
    const html = await fetchBody(`${app.origin}${htmlPath}`);
    writeFileSync(htmlFile, html);
    const ids = (JSON.parse(body.toString('utf8')) as { comments: { id: number }[] }).comments.map(
      (comment) => comment.id,
    );
    return withBareFastify(
      bodyFile,
      async (bare) => {
        const oursRuns: LoadResult[] = [];
        const bareRuns: LoadResult[] = [];
        const likedRuns: LoadResult[] = [];
        const likes = { given: 0, seconds: 0 };
        for (let round = 0; round < GET_LOAD.rounds; round++) {
          const load = {
            path,
            ...GET_LOAD,
            warmUpSeconds: round === 0 ? GET_LOAD.warmUpSeconds : 0,
          };
          oursRuns.push(await measureLoad(app, load));
          bareRuns.push(await measureLoad(bare, load));
          const liker = startLiking(app.origin, ids, round);
          likedRuns.push(await measureLoad(app, { ...load, warmUpSeconds: 0 }));
          const { given, seconds } = await liker.stop();
          likes.given += given;
          likes.seconds += seconds;
        }
        const htmlOurs: LoadResult[] = [];
        const htmlBare: LoadResult[] = [];
        for (let round = 0; round < GET_LOAD.rounds; round++) {
          const load = { path: htmlPath, ...GET_LOAD, warmUpSeconds: round === 0 ? 1 : 0 };
          htmlOurs.push(await measureLoad(app, load));
          htmlBare.push(await measureLoad(bare, load));
        }
        return { body, html, oursRuns, bareRuns, likedRuns, likes, htmlOurs, htmlBare };
      },
      htmlFile,
    );
  });
  const { body, oursRuns, bareRuns, likedRuns, likes, htmlOurs, htmlBare } = measured;
  const comments = (JSON.parse(body.toString('utf8')) as { comments: unknown[] }).comments.length;
  if (comments !== COMMENTS)
    throw new Error(`the thread shows ${comments} comments, not ${COMMENTS}`);

  const ours = combineLoads(oursRuns);
  const bare = combineLoads(bareRuns);
  const liked = combineLoads(likedRuns);
  return {
    bodyBytes: body.length,
    comments,
    ours,
    bare,
    liked,
    likes,
    ratio: ours.requestsPerSecond / bare.requestsPerSecond,
    likedRatio: liked.requestsPerSecond / bare.requestsPerSecond,
    likedRoundRatios: likedRuns.map(
      (run, round) => run.requestsPerSecond / (bareRuns[round] as LoadResult).requestsPerSecond,
    ),
    roundRatios: oursRuns.map(
      (run, round) => run.requestsPerSecond / (bareRuns[round] as LoadResult).requestsPerSecond,
    ),
    cpuRatio: bare.serverCpuMsPerRequest / ours.serverCpuMsPerRequest,
    html: {
      bodyBytes: measured.html.length,
      ours: combineLoads(htmlOurs),
      bare: combineLoads(htmlBare),
      ratio: combineLoads(htmlOurs).requestsPerSecond / combineLoads(htmlBare).requestsPerSecond,
      roundRatios: htmlOurs.map(
        (run, round) => run.requestsPerSecond / (htmlBare[round] as LoadResult).requestsPerSecond,
      ),
    },
  };
}

/** The thread read, through the store as the server writes comments; then closes `storage`. */
export async function seedReadThread(storage: Storage): Promise<void> {
  try {
    await seedThread(storage.store, PAGE, COMMENTS, 0.3);
  } finally {
    await storage.close();
  }
}

/** The JSON read on PostgreSQL: ours against bare Fastify, in turns, as on SQLite. */
export interface PostgresGetResult extends TurnsCompared {
  bodyBytes: number;
  comments: number;
}

/**
 * The same thread's JSON, read again and again from a server on PostgreSQL (a new database, the
 * default DATABASE_POOL_SIZE), against bare Fastify sending its bytes, in turns.
 */
export async function measurePostgresGetThroughput(
  workDir: string,
  postgres: BenchPostgres,
): Promise<PostgresGetResult> {
  const databaseUrl = await postgres.createDatabase();
  await seedReadThread(await openPostgresStorage(databaseUrl));
  const bodyFile = join(workDir, 'postgres-thread.json');
  return withApp({ ...READ_SETTINGS, DATABASE_URL: databaseUrl }, async (app) => {
    const body = await fetchBody(`${app.origin}${THREAD_PATH}`);
    writeFileSync(bodyFile, body);
    const comments = (JSON.parse(body.toString('utf8')) as { comments: unknown[] }).comments.length;
    if (comments !== COMMENTS)
      throw new Error(`the thread shows ${comments} comments, not ${COMMENTS}`);
    return withBareFastify(bodyFile, async (bare) => {
      const [oursRuns, bareRuns] = await loadInTurns([app, bare], {
        path: THREAD_PATH,
        ...GET_LOAD,
      });
      return {
        bodyBytes: body.length,
        comments,
        ...compareTurns(oursRuns as LoadResult[], bareRuns as LoadResult[]),
      };
    });
  });
}

export async function fetchBody(url: string): Promise<Buffer> {
  const response = await fetch(url);
  const body = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200) throw new Error(`GET ${url}: ${response.status} ${body}`);
  return body;
}

/**
 * Likes the thread's comments at LIKES_PER_SECOND, each by a voter of its own, until stopped;
 * `stop` says how many were answered 200 and over how many seconds.
 */
function startLiking(origin: string, ids: number[], round: number) {
  const started = performance.now();
  let sent = 0;
  let given = 0;
  const refusals: string[] = [];
  const pending = new Set<Promise<void>>();
  const timer = setInterval(() => {
    const id = ids[sent % ids.length] as number;
    const voter = `bench-voter-${round}-${sent++}-0123456789`;
    const like = fetch(`${origin}/api/comments/${id}/like`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ voter }),
    })
      .then(async (response) => {
        const text = await response.text();
        if (response.status === 200) given++;
        else refusals.push(`${response.status} ${text}`);
      })
      .catch((error: unknown) => {
        refusals.push(String(error));
      })
      .finally(() => pending.delete(like));
    pending.add(like);
  }, 1000 / LIKES_PER_SECOND);
  return {
    async stop(): Promise<{ given: number; seconds: number }> {
      clearInterval(timer);
      const seconds = (performance.now() - started) / 1000;
      await Promise.all(pending);
      if (refusals.length > 0)
        throw new Error(`${refusals.length} likes failed, the first: ${refusals[0]}`);
      return { given, seconds };
    },
  };
}
