/**
 * The per-client defences hold across instances that share one database: flood control, the
 * rate limit, the sign-in lockout and the challenge's "posting again" count a client's requests
 * to either of two instances together (the second opening the first's folder: one SQLite file,
 * or in the PostgreSQL run one database). Then the throttles store itself: the same answers on
 * both engines, and two PostgreSQL connections hitting one client at once, of which one passes.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { clientKey, clientSubject } from '../../server/comments/defences.ts';
import { FLOOD_SCOPE } from '../../server/comments/policy.ts';
import { openDatabase } from '../../server/storage/open.ts';
import { inTransaction, poolConnection } from '../../server/storage/postgres/connection.ts';
import { openPostgres } from '../../server/storage/postgres/pool.ts';
import { createPgThrottles } from '../../server/storage/postgres/throttles.ts';
import { createSqliteStorage } from '../../server/storage/sqlite-storage.ts';
import type { Storage } from '../../server/storage/storage.ts';
import { newComment, type TestApp } from '../helpers/app.ts';
import { solveChallenge } from '../helpers/challenge.ts';
import { createTestDatabase, describePostgres, type TestDatabase } from '../helpers/postgres.ts';
import { sendComment, signIn } from '../helpers/requests.ts';
import { standingClock } from '../helpers/standing-clock.ts';
import { type Settings, useFolders, useTestApps } from '../helpers/test-apps.ts';

// Folders first: their removal then runs after the apps in them are closed.
const folder = useFolders('shared-throttles');
const start = useTestApps({ MODERATION: 'none' });

const CLIENT = '203.0.113.5';
const OTHER = '203.0.113.6';
const PASSWORD = 'correct horse battery staple';

/** Two instances on one database, A and B (which opens A's folder), on one clock. */
async function twoInstances(env: Settings, clock = standingClock().clock) {
  const dir = folder();
  const a = await start(env, { dir, clock });
  const b = await start(env, { dir, clock });
  return [a, b] as const;
}

function post(test: TestApp, body: string, ip: string, changes: object = {}) {
  return sendComment(test, newComment({ body, ...changes }), { remoteAddress: ip });
}

describe('two instances on one database', () => {
  it('refuse on B a post from the client that has just posted through A, and only that client', async () => {
    const [a, b] = await twoInstances({ FLOOD_SECONDS: '60' });
    expect((await post(a, 'One', CLIENT)).statusCode).toBe(201);
    const again = await post(b, 'Two', CLIENT);
    expect(again.statusCode).toBe(429);
    expect(again.json().error.code).toBe('flood');
    expect(again.headers['retry-after']).toBe('60');
    expect((await post(b, 'Three', OTHER)).statusCode).toBe(201);
  });

  it('let one of two posts sent at once through A and B from one client through', async () => {
    const [a, b] = await twoInstances({ FLOOD_SECONDS: '60' });
    const answers = await Promise.all([post(a, 'One', CLIENT), post(b, 'Two', CLIENT)]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([201, 429]);
    expect(await b.store.listByStatus('approved', 10)).toHaveLength(1);
  });

  it('count a client’s requests to A and B against one RATE_LIMIT_PER_MINUTE, for a minute from the first', async () => {
    const time = standingClock();
    const [a, b] = await twoInstances({ RATE_LIMIT_PER_MINUTE: '3' }, time.clock);
    for (const [n, test] of [a, b, a].entries())
      expect((await post(test, `Comment ${n}`, CLIENT)).statusCode).toBe(201);
    time.moveOn(20_000);
    const limited = await post(b, 'One too many', CLIENT);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
    expect(limited.json().error.message).toMatch(/try again in 40 seconds/);
    expect(limited.headers['retry-after']).toBe('40');
    expect((await post(a, 'Still one too many', CLIENT)).statusCode).toBe(429);
    expect((await post(a, 'Elsewhere', OTHER)).statusCode).toBe(201);
    time.moveOn(40_000);
    expect((await post(a, 'A minute on', CLIENT)).statusCode).toBe(201);
  });

  it('hold on B a sign-in lockout made on A, and still let the right password in on B', async () => {
    const time = standingClock();
    const [a, b] = await twoInstances({ ADMIN_PASSWORD: PASSWORD }, time.clock);
    const from = { remoteAddress: CLIENT };
    for (let i = 0; i < 10; i++)
      expect((await signIn(i % 2 === 0 ? a : b, `guess ${i}`, from)).statusCode).toBe(401);
    time.moveOn(60_000);
    const locked = await signIn(b, 'guess 10', from);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('rate_limited');
    expect(locked.headers['retry-after']).toBe(String(14 * 60));
    expect((await signIn(a, 'guess 11', from)).statusCode).toBe(429);
    expect((await signIn(b, PASSWORD, from)).statusCode).toBe(200);
    expect((await signIn(b, 'a guess from elsewhere', { remoteAddress: OTHER })).statusCode).toBe(
      401,
    );
    // Fifteen minutes after the first wrong one, on either instance, the window is over.
    time.moveOn(14 * 60_000);
    expect((await signIn(a, 'guess 12', from)).statusCode).toBe(401);
    // Fourteen scrypt checks of a password: seconds on a busy machine.
  }, 30_000);

  it('ask on B for a challenge from a client that posted through A within the minute', async () => {
    const time = standingClock();
    const [a, b] = await twoInstances(
      { CHALLENGE: 'suspicious', CHALLENGE_COST: '50' },
      time.clock,
    );
    expect((await post(a, 'One.', CLIENT)).statusCode).toBe(201);
    time.moveOn(30_000);
    const asked = await post(b, 'Two.', CLIENT);
    expect(asked.statusCode).toBe(428);
    expect((await post(b, 'Elsewhere.', OTHER)).statusCode).toBe(201);
    // Solved, the post goes through the other instance: the key that signs is shared too.
    const challenge = solveChallenge(asked.json().error.challenge);
    expect((await post(a, 'Two.', CLIENT, { challenge })).statusCode).toBe(201);
    time.moveOn(59_000);
    expect((await post(b, 'Three.', CLIENT)).statusCode).toBe(428);
    time.moveOn(1_000);
    expect((await post(b, 'Three.', CLIENT)).statusCode).toBe(201);
  });

  it('keep a client by a keyed hash of its address (an IPv6 client’s /64), never the address', async () => {
    const [a, b] = await twoInstances({ FLOOD_SECONDS: '60' });
    expect((await post(a, 'One', '2001:db8:1:2::5')).statusCode).toBe(201);
    const key = await b.storage.secrets.ipHashKey();
    const kept = await b.storage.throttles.find(FLOOD_SCOPE, clientSubject('2001:db8:1:2::9', key));
    expect(kept).toMatchObject({ hits: 1 });
    for (const raw of ['2001:db8:1:2::5', clientKey('2001:db8:1:2::5')])
      expect(await b.storage.throttles.find(FLOOD_SCOPE, raw)).toBeNull();
  });
});

const T0 = Date.parse('2030-01-01T00:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms);
const iso = (ms: number) => at(ms).toISOString();

/**
 * Hits, reads and purges in an order that meets every case: a new window, a hit in it, another
 * subject and scope, a window ended, one of no length kept longer, and purges. The hit at 60 s
 * purges on its own (the store's once a minute): the window it ends goes, and starts again.
 */
async function throttleScript(throttles: Storage['throttles']) {
  return [
    await throttles.find('s', 'x'),
    await throttles.hit('s', 'x', at(0), 60_000),
    await throttles.hit('s', 'x', at(59_999), 60_000),
    await throttles.hit('s', 'y', at(1_000), 60_000),
    await throttles.hit('r', 'x', at(1_000), 60_000),
    await throttles.find('s', 'x'),
    await throttles.hit('s', 'x', at(60_000), 60_000),
    await throttles.hit('k', 'x', at(60_000), 0, 60_000),
    await throttles.hit('k', 'x', at(60_000), 0, 60_000),
    await throttles.purge(at(61_000)),
    await throttles.find('s', 'y'),
    await throttles.find('r', 'x'),
    await throttles.find('k', 'x'),
    await throttles.purge(at(120_000)),
    await throttles.find('s', 'x'),
  ];
}

const SCRIPT_ANSWERS = [
  null,
  { hits: 1, started_at: iso(0) },
  { hits: 2, started_at: iso(0) },
  { hits: 1, started_at: iso(1_000) },
  { hits: 1, started_at: iso(1_000) },
  { hits: 2, started_at: iso(0) },
  { hits: 1, started_at: iso(60_000) },
  { hits: 1, started_at: iso(60_000) },
  { hits: 1, started_at: iso(60_000) },
  2,
  null,
  null,
  { hits: 1, started_at: iso(60_000) },
  2,
  null,
];

describe('the throttles store', () => {
  it('counts hits in windows from the first, per scope and client, and purges what is past', async () => {
    const storage = createSqliteStorage(openDatabase(':memory:'), ':memory:');
    try {
      expect(await throttleScript(storage.throttles)).toEqual(SCRIPT_ANSWERS);
    } finally {
      await storage.close();
    }
  });
});

describePostgres('the throttles store on PostgreSQL, shared by two pools', () => {
  let database: TestDatabase;
  let pools: pg.Pool[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    pools = [await openPostgres(database.url), await openPostgres(database.url)];
  });
  afterAll(async () => {
    for (const pool of pools) await pool.end();
    await database?.drop();
  });

  /** How many connections to the test database wait on a lock now. */
  async function waitingOnLocks(): Promise<number> {
    const { rows } = await (pools[0] as pg.Pool).query<{ waiting: number }>(
      `SELECT count(*)::int AS waiting FROM pg_stat_activity
       WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    return rows[0]?.waiting ?? 0;
  }

  /**
   * Hits `subject` in a transaction of the first pool, then, while that transaction is still
   * open, in one of the second: the second must wait for the first to end. `end` says how the
   * first's transaction ends. Answers how both transactions settled.
   */
  async function race(subject: string, end: 'commit' | 'roll back') {
    const [first, second] = pools as [pg.Pool, pg.Pool];
    let hit!: () => void;
    let release!: () => void;
    const hitDone = new Promise<void>((resolve) => {
      hit = resolve;
    });
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const one = inTransaction(first, async (connection) => {
      const window = await createPgThrottles(connection).hit('posts', subject, at(600_000), 60_000);
      hit();
      await released;
      if (end === 'roll back') throw new Error('The comment was not stored.');
      return window;
    });
    await hitDone;
    const two = inTransaction(second, (connection) =>
      createPgThrottles(connection).hit('posts', subject, at(600_001), 60_000),
    );
    await vi.waitFor(async () => expect(await waitingOnLocks()).toBe(1), { timeout: 10_000 });
    release();
    return Promise.allSettled([one, two]);
  }

  it('answers every call as SQLite does', async () => {
    expect(await throttleScript(createPgThrottles(poolConnection(pools[1] as pg.Pool)))).toEqual(
      SCRIPT_ANSWERS,
    );
  });

  it('lets exactly one of two hits of one client at once through: the second waits for the first’s commit', async () => {
    const [one, two] = await race('client-a', 'commit');
    expect(one).toEqual({ status: 'fulfilled', value: { hits: 1, started_at: iso(600_000) } });
    expect(two).toEqual({ status: 'fulfilled', value: { hits: 2, started_at: iso(600_000) } });
  });

  it('lets the second through when the first’s transaction rolls back', async () => {
    const [one, two] = await race('client-b', 'roll back');
    expect(one).toMatchObject({
      status: 'rejected',
      reason: { message: 'The comment was not stored.' },
    });
    expect(two).toEqual({ status: 'fulfilled', value: { hits: 1, started_at: iso(600_001) } });
  });
});
