/**
 * Reading a thread under load: our server answering GET /api/comments for a page of 100
 * comments, against a bare Fastify route sending the very same bytes. The ratio is what our
 * hooks, plugins, queries and serialisation cost compared with the least any route costs.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../server/db/open.ts';
import { createStore } from '../server/db/store.ts';
import { type LoadResult, measureLoad } from './load.ts';
import { seedThread } from './seed.ts';
import { withApp, withServer } from './server-process.ts';

/** Loaded as readers would: 50 connections for 10 s, after 3 s to warm up. */
export const GET_LOAD = { connections: 50, seconds: 10, warmUpSeconds: 3 };
const COMMENTS = 100;

const PAGE = {
  key: 'https://blog.example.com/posts/a-busy-post',
  url: 'https://blog.example.com/posts/a-busy-post',
  title: 'A busy post',
};

export interface GetThroughputResult {
  /** The answer's size (uncompressed: autocannon sends no Accept-Encoding) and comment count. */
  bodyBytes: number;
  comments: number;
  ours: LoadResult;
  bare: LoadResult;
  /** Our requests per second over the bare route's. */
  ratio: number;
  /** The bare route's server CPU time per request over ours: the same ratio, less noisy. */
  cpuRatio: number;
}

export async function measureGetThroughput(workDir: string): Promise<GetThroughputResult> {
  const databasePath = join(workDir, 'get-throughput.db');
  const db = openDatabase(databasePath);
  seedThread(createStore(db), PAGE, COMMENTS, 0.3);
  db.close();

  const path = `/api/comments?url=${encodeURIComponent(PAGE.url)}`;
  const settings = {
    DATABASE_PATH: databasePath,
    MODERATION: 'none',
    MIN_SUBMIT_SECONDS: '0',
    FLOOD_SECONDS: '0',
    RATE_LIMIT_PER_MINUTE: '0',
    PAGE_SIZE: String(COMMENTS),
  };
  const { body, ours } = await withApp(settings, async (server) => {
    const response = await fetch(`${server.origin}${path}`);
    const body = Buffer.from(await response.arrayBuffer());
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${body}`);
    return { body, ours: await measureLoad(server, { path, ...GET_LOAD }) };
  });
  const comments = (JSON.parse(body.toString('utf8')) as { comments: unknown[] }).comments.length;
  if (comments !== COMMENTS)
    throw new Error(`the thread shows ${comments} comments, not ${COMMENTS}`);

  const bodyFile = join(workDir, 'thread.json');
  writeFileSync(bodyFile, body);
  const bare = await withServer('serve-bare.ts', { BENCH_BODY_FILE: bodyFile }, (server) =>
    measureLoad(server, { path, ...GET_LOAD }),
  );

  return {
    bodyBytes: body.length,
    comments,
    ours,
    bare,
    ratio: ours.requestsPerSecond / bare.requestsPerSecond,
    cpuRatio: bare.serverCpuMsPerRequest / ours.serverCpuMsPerRequest,
  };
}
