/**
 * PostgreSQL going away under a running server, and coming back: the real `leave-a-reply serve`
 * process on a cluster of this file's own, whose server is stopped and started (the run's shared
 * cluster serves other files meanwhile, and must never be stopped).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_TOKEN, DEFENCES_OFF, newComment } from '../helpers/app.ts';
import { describePostgres } from '../helpers/postgres.ts';
import {
  createCluster,
  findPostgresBinaries,
  type PostgresCluster,
  removeCluster,
  startPostgres,
  stopPostgres,
} from '../helpers/postgres-setup.ts';
import { useServerProcesses } from '../helpers/server-process.ts';

/** Longer than any answer may take (a connection gets 2 s to open): past it, a request hangs. */
const ANSWER_BOUND_MS = 15_000;
/** How long the server has to notice that PostgreSQL is back. */
const RECOVERY_BOUND_MS = 20_000;
/** How long PostgreSQL stays away: the pool tries again with each request meanwhile. */
const OUTAGE_MS = 3_000;

const PAGE = newComment().url;
const OTHER_PAGE = 'http://localhost:8080/posts/never-read';
const WAITING_PAGE = 'http://localhost:8080/posts/read-while-locked';

const UNAVAILABLE = {
  code: 'storage_unavailable',
  message:
    'Comments cannot be saved right now: the server’s storage is unavailable. Please try again in a few minutes.',
};

describePostgres('while PostgreSQL is away', () => {
  let cluster: PostgresCluster;
  let folder: string;
  beforeAll(async () => {
    cluster = await createCluster(findPostgresBinaries() as string);
    // For the prepared transaction that holds a lock across the server's stop.
    await directly('ALTER SYSTEM SET max_prepared_transactions = 1');
    await stopPostgres(cluster);
    await startPostgres(cluster);
    folder = mkdtempSync(join(tmpdir(), 'leave-a-reply-outage-'));
  }, 60_000);
  afterAll(async () => {
    if (folder) rmSync(folder, { recursive: true, force: true });
    if (cluster) await removeCluster(cluster);
  });
  const servers = useServerProcesses();

  /** Runs `sql` on a connection of its own, as another program using the database would. */
  async function directly<Row extends pg.QueryResultRow>(sql: string) {
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    try {
      return (await client.query<Row>(sql)).rows;
    } finally {
      await client.end();
    }
  }

  /** Waits until `check` holds, asking again every 100 ms; fails after `bound` ms. */
  async function waitUntil(what: string, check: () => Promise<boolean>, bound: number) {
    const until = Date.now() + bound;
    while (!(await check())) {
      if (Date.now() > until) throw new Error(`Not within ${bound / 1000} s: ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('answers 503 with the usual error at once, keeps running, and recovers by itself once it is back', {
    timeout: 120_000,
  }, async () => {
    const server = await servers.start(folder, {
      DATABASE_URL: cluster.url,
      ADMIN_TOKEN,
      MODERATION: 'none',
      LOG_FORMAT: 'json',
      ...DEFENCES_OFF,
    });

    /** Sends a request to the server; fails, rather than waits, if no answer comes. */
    async function ask(path: string, init: RequestInit = {}) {
      const response = await fetch(`${server.address}${path}`, {
        ...init,
        signal: AbortSignal.timeout(ANSWER_BOUND_MS),
      });
      const body = (await response.json()) as Record<string, unknown>;
      return { status: response.status, headers: response.headers, body };
    }
    const post = (changes: object) =>
      ask('/api/comments', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(newComment(changes)),
      });
    const read = (url = PAGE) => ask(`/api/comments?url=${encodeURIComponent(url)}`);
    const bodies = (answer: { body: Record<string, unknown> }) =>
      (answer.body.comments as Array<{ html: string }>).map((comment) => comment.html);

    expect((await post({ body: 'Before the outage.' })).status).toBe(201);
    // Read twice: the second answer is the one the server keeps for the page's version.
    expect((await read()).status).toBe(200);
    const before = await read();
    expect(before.status).toBe(200);
    expect(bodies(before)).toEqual(['<p>Before the outage.</p>']);

    // Requests waiting on the database when it goes: a write and a read held up by a lock that
    // a prepared transaction keeps, which the server's going cannot release before they end.
    const holder = new pg.Client({ connectionString: cluster.url });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE pages IN ACCESS EXCLUSIVE MODE');
    await holder.query("PREPARE TRANSACTION 'outage'");
    await holder.end();
    const waitingPost = post({ body: 'Waiting when PostgreSQL goes.' });
    const waitingRead = read(WAITING_PAGE);
    await waitUntil(
      'both requests wait for the lock',
      async () =>
        (
          await directly<{ n: number }>(
            "SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'",
          )
        )[0]?.n === 2,
      RECOVERY_BOUND_MS,
    );

    await stopPostgres(cluster);
    for (const waiting of [await waitingPost, await waitingRead]) {
      expect(waiting.status).toBe(503);
      expect(waiting.body).toEqual({ error: UNAVAILABLE });
    }

    const health = await ask('/api/health');
    expect(health.status).toBe(503);
    expect(health.headers.get('retry-after')).toBe('30');
    expect(health.body).toEqual({
      status: 'unavailable',
      reads: false,
      writes: false,
      error: {
        code: 'storage_unavailable',
        message: expect.stringMatching(/^The PostgreSQL database cannot be reached: /),
      },
    });

    const refused = await post({ body: 'While PostgreSQL is away.' });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('30');
    expect(refused.body).toEqual({ error: UNAVAILABLE });

    const unread = await read(OTHER_PAGE);
    expect(unread.status).toBe(503);
    expect(unread.headers.get('retry-after')).toBe('30');
    expect(unread.body).toEqual({ error: UNAVAILABLE });

    // The page read before: its answer is kept, but its version is asked of the database for
    // every read, and cannot be had.
    const kept = await read();
    expect(kept.status).toBe(503);
    expect(kept.body).toEqual({ error: UNAVAILABLE });

    // Away for a while, not a blink: every request asked a few times a second is still answered
    // at once.
    const away = Date.now() + OUTAGE_MS;
    while (Date.now() < away) {
      expect((await ask('/api/health')).status).toBe(503);
      expect((await post({ body: 'Still away.' })).status).toBe(503);
      expect((await read()).status).toBe(503);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(server.child.exitCode).toBeNull();

    await startPostgres(cluster);
    // The prepared transaction outlived the restart, and its lock with it.
    await directly("ROLLBACK PREPARED 'outage'");

    await waitUntil(
      'GET /api/health answers 200',
      async () => (await ask('/api/health')).status === 200,
      RECOVERY_BOUND_MS,
    );
    expect((await post({ body: 'After the outage.' })).status).toBe(201);
    const after = await read();
    expect(after.status).toBe(200);
    expect(bodies(after)).toEqual(['<p>Before the outage.</p>', '<p>After the outage.</p>']);

    // Back, the server keeps answers by version once more: a change another program makes
    // reaches the very next read.
    expect((await read()).status).toBe(200);
    await directly(
      "UPDATE comments SET body = 'Changed in the database.', html = '<p>Changed in the database.</p>' WHERE body = 'Before the outage.'",
    );
    expect(bodies(await read())[0]).toBe('<p>Changed in the database.</p>');

    expect(server.child.exitCode).toBeNull();
    expect(server.output()).not.toMatch(/unhandled|uncaught/i);
  });
});
