/**
 * Several instances over one PostgreSQL database behind nginx, as README's "Running several
 * instances" sets them up: two instances against one, each setup behind its own nginx with
 * README's file for several instances (its upstream naming both instances, or the first alone).
 * The cached thread read, then comments posted, with the settings of the GET and POST parts and
 * TRUST_PROXY=127.0.0.1 (nginx's address), on a new database each.
 *
 * Both setups run side by side and are loaded in turns (one, two, one, two…), so that a
 * neighbour taking the machine for a while weighs on both alike. On a machine of two cores the
 * instances, nginx, PostgreSQL and autocannon share the same cores: what a second instance adds
 * there is bounded by what the machine has left.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openPostgresStorage } from '../server/storage/postgres/postgres-storage.ts';
import {
  COMMENTS,
  fetchBody,
  GET_LOAD,
  READ_SETTINGS,
  seedReadThread,
  THREAD_PATH,
} from './get-throughput.ts';
import {
  compareTurns,
  type LoadOptions,
  type LoadResult,
  loadInTurns,
  type TurnsCompared,
} from './load.ts';
import { NGINX, type NginxProcess, withNginx } from './nginx.ts';
import { POST_LOAD, POST_SETTINGS, preparePosts } from './post-throughput.ts';
import type { BenchPostgres } from './postgres.ts';
import { Skipped } from './report.ts';
import { type ServerProcess, type ServerUsage, withApp } from './server-process.ts';

/** Each setup: a warm-up, then two turns of 5 s, for the reads (50 connections) and the posts. */
export const INSTANCES_READ_LOAD = { ...GET_LOAD, rounds: 2 };
export const INSTANCES_POST_LOAD = { ...POST_LOAD, seconds: 5, rounds: 2 };

/** Two instances behind nginx against one: `ours` is two, `reference` one. */
export interface InstancesResult {
  reads: TurnsCompared;
  /** Compared by comments accepted (201) per second. */
  posts: TurnsCompared;
}

/** The instances' settings behind nginx: it is the one client they see, and they trust it. */
const BEHIND_NGINX = { TRUST_PROXY: '127.0.0.1' };

export async function measureInstances(
  workDir: string,
  postgres: BenchPostgres,
): Promise<InstancesResult> {
  if (!existsSync(NGINX)) throw new Skipped(`nginx is not installed (no ${NGINX})`);

  const readsUrl = await postgres.createDatabase();
  await seedReadThread(await openPostgresStorage(readsUrl));
  const readSettings = { ...READ_SETTINGS, ...BEHIND_NGINX, DATABASE_URL: readsUrl };
  const reads = await withSetups(join(workDir, 'nginx-reads'), readSettings, async (one, two) => {
    for (const setup of [one, two]) {
      const body = await fetchBody(`${setup.origin}${THREAD_PATH}`);
      const comments = (JSON.parse(body.toString('utf8')) as { comments: unknown[] }).comments;
      if (comments.length !== COMMENTS)
        throw new Error(`the thread shows ${comments.length} comments, not ${COMMENTS}`);
    }
    return inTurns(one, two, { path: THREAD_PATH, ...INSTANCES_READ_LOAD });
  });

  const postsUrl = await postgres.createDatabase();
  const postSettings = { ...POST_SETTINGS, ...BEHIND_NGINX, DATABASE_URL: postsUrl };
  const posts = await withSetups(join(workDir, 'nginx-posts'), postSettings, async (one, two) => {
    // One sequence of comments for both setups, so that no comment is another's duplicate; the
    // forms come through the two instances, and any instance takes the others' (one secret).
    const requests = await preparePosts(two.origin);
    return inTurns(
      one,
      two,
      { path: '/api/comments', ...INSTANCES_POST_LOAD, requests },
      (run) => (run.statuses['201'] ?? 0) / run.seconds,
    );
  });
  return { reads, posts };
}

async function inTurns(
  one: ServerProcess,
  two: ServerProcess,
  load: LoadOptions & { rounds: number },
  rate?: (run: LoadResult) => number,
): Promise<TurnsCompared> {
  const [oneRuns, twoRuns] = await loadInTurns([one, two], load);
  return compareTurns(twoRuns as LoadResult[], oneRuns as LoadResult[], rate);
}

/**
 * Two instances with `settings`, one nginx before the first alone and one before both, handed
 * to `use` as servers whose usage is their instances'; all stopped however `use` ends.
 */
function withSetups<T>(
  dir: string,
  settings: Record<string, string>,
  use: (one: ServerProcess, two: ServerProcess) => Promise<T>,
): Promise<T> {
  return withApp(settings, (first) =>
    withApp(settings, (second) =>
      withNginx(join(dir, 'one'), [portOf(first)], (nginxOne) =>
        withNginx(join(dir, 'two'), [portOf(first), portOf(second)], (nginxTwo) =>
          use(behind(nginxOne, [first]), behind(nginxTwo, [first, second])),
        ),
      ),
    ),
  );
}

const portOf = (server: ServerProcess) => Number(new URL(server.origin).port);

/** nginx as the load sees it, with the CPU time and memory of the instances behind it. */
function behind(nginx: NginxProcess, instances: ServerProcess[]): ServerProcess {
  return {
    origin: nginx.origin,
    pid: nginx.pid,
    usage: async () => {
      const usages = await Promise.all(instances.map((instance) => instance.usage()));
      return usages.reduce<ServerUsage>(
        (sum, usage) => ({
          rssBytes: sum.rssBytes + usage.rssBytes,
          cpuMicros: sum.cpuMicros + usage.cpuMicros,
        }),
        { rssBytes: 0, cpuMicros: 0 },
      );
    },
    // Stopped by withNginx.
    stop: async () => {},
  };
}
