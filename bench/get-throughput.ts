/**
 * Reading a thread under load: our server answering GET /api/comments for a page of 100
 * comments, against a bare Fastify route sending the very same bytes. The ratio is what our
 * hooks, plugins, queries and serialisation cost compared with the least any route costs.
 *
 * Both servers run side by side and are loaded in turns (ours, bare, ours, bare…), so that a
 * neighbour taking the machine for a while weighs on both alike.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../server/storage/open.ts';
import { createStore } from '../server/storage/store.ts';
import { combineLoads, type LoadResult, measureLoad } from './load.ts';
import { seedThread } from './seed.ts';
import { withApp, withBareFastify } from './server-process.ts';

/** Loaded as readers would: 50 connections, 3 s to warm up, then 3 turns of 5 s each. */
export const GET_LOAD = { connections: 50, seconds: 5, warmUpSeconds: 3, rounds: 3 };
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
  /** Our requests per second over the bare route's, all turns together. */
  ratio: number;
  /** The same, turn by turn. */
  roundRatios: number[];
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
  const bodyFile = join(workDir, 'thread.json');
  const { body, oursRuns, bareRuns } = await withApp(settings, async (app) => {
    const response = await fetch(`${app.origin}${path}`);
    const body = Buffer.from(await response.arrayBuffer());
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${body}`);
    writeFileSync(bodyFile, body);
    return withBareFastify(bodyFile, async (bare) => {
      const oursRuns: LoadResult[] = [];
      const bareRuns: LoadResult[] = [];
      for (let round = 0; round < GET_LOAD.rounds; round++) {
        const load = { path, ...GET_LOAD, warmUpSeconds: round === 0 ? GET_LOAD.warmUpSeconds : 0 };
        oursRuns.push(await measureLoad(app, load));
        bareRuns.push(await measureLoad(bare, load));
      }
      return { body, oursRuns, bareRuns };
    });
  });
  const comments = (JSON.parse(body.toString('utf8')) as { comments: unknown[] }).comments.length;
  if (comments !== COMMENTS)
    throw new Error(`the thread shows ${comments} comments, not ${COMMENTS}`);

  const ours = combineLoads(oursRuns);
  const bare = combineLoads(bareRuns);
  return {
    bodyBytes: body.length,
    comments,
    ours,
    bare,
    ratio: ours.requestsPerSecond / bare.requestsPerSecond,
    roundRatios: oursRuns.map(
      (run, round) => run.requestsPerSecond / (bareRuns[round] as LoadResult).requestsPerSecond,
    ),
    cpuRatio: bare.serverCpuMsPerRequest / ours.serverCpuMsPerRequest,
  };
}
