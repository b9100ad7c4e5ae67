/**
 * The PostgreSQL twins of the guarding stores (Akismet, the job queue, the feeds, the defences'
 * counts, spent challenges, verified addresses) and of the site's export answer every call as
 * SQLite's do: the same calls on both engines, seeded with the same rows, give equal answers.
 */
import type { Database } from 'better-sqlite3';
import type pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../server/storage/migrations.ts';
import { openDatabase } from '../../server/storage/open.ts';
import { createPgAkismetStore } from '../../server/storage/postgres/akismet-store.ts';
import {
  type Connection,
  inTransaction,
  poolConnection,
  statement,
} from '../../server/storage/postgres/connection.ts';
import { createPgDefenceCounts } from '../../server/storage/postgres/defence-counts.ts';
import { createPgFeedStore, type PgFeedStore } from '../../server/storage/postgres/feeds.ts';
import { createPgJobStore } from '../../server/storage/postgres/job-store.ts';
import { POSTGRES_MIGRATIONS } from '../../server/storage/postgres/migrations.ts';
import { openPostgres } from '../../server/storage/postgres/pool.ts';
import { readPgSite } from '../../server/storage/postgres/site-rows.ts';
import { createPgSpentChallenges } from '../../server/storage/postgres/spent-challenges.ts';
import { createPgVerifiedAddresses } from '../../server/storage/postgres/verified-addresses.ts';
import { createSqliteStorage } from '../../server/storage/sqlite-storage.ts';
import type { Storage } from '../../server/storage/storage.ts';
import { createTestDatabase, describePostgres, type TestDatabase } from '../helpers/postgres.ts';

/** What the stores under test offer, on either engine. */
type Engine = Pick<
  Storage,
  'akismet' | 'jobs' | 'defenceCounts' | 'spentChallenges' | 'verifications' | 'readSite'
> & { feeds: PgFeedStore };

function pgEngine(pool: pg.Pool): Engine {
  const connection = poolConnection(pool);
  return {
    akismet: createPgAkismetStore(connection),
    jobs: createPgJobStore(connection),
    feeds: createPgFeedStore(connection),
    defenceCounts: createPgDefenceCounts(connection),
    spentChallenges: createPgSpentChallenges(connection),
    verifications: createPgVerifiedAddresses(connection),
    readSite: () => readPgSite(pool),
  };
}

/** Pages (two sharing an address, some on look-alike origins) and comments of every status. */
const SITE = 'https://site.example';
const SEED = `
  INSERT INTO pages (id, key, url, title, created_at) VALUES
    (1, 'a', '${SITE}/a', 'Page A', '2024-01-01T00:00:00.000Z'),
    (2, 'b', '${SITE}/b', NULL, '2024-01-02T00:00:00.000Z'),
    (3, 'a-again', '${SITE}/a', 'Page A again', '2024-01-03T00:00:00.000Z'),
    (4, 'near', '${SITE}.evil/x', 'Look-alike', '2024-01-04T00:00:00.000Z'),
    (5, 'after', '${SITE}0/x', 'After the range', '2024-01-05T00:00:00.000Z'),
    (6, 'root', '${SITE}', 'No slash', '2024-01-06T00:00:00.000Z');
  INSERT INTO comments (id, page_id, parent_id, root_id, depth, status, name, email, website,
      body, html, created_at, edited_at) VALUES
    (1, 1, NULL, NULL, 1, 'approved', 'Ann', 'ann@x.example', 'https://ann.example',
      'First', '<p>First</p>', '2024-02-01T10:00:00.000Z', NULL),
    (2, 1, 1, 1, 2, 'approved', 'Bob', 'bob@x.example', NULL,
      'Reply', '<p>Reply</p>', '2024-02-01T11:00:00.000Z', '2024-02-01T12:00:00.000Z'),
    (3, 1, NULL, NULL, 1, 'pending', 'Cat', 'cat@x.example', NULL,
      'Held', '<p>Held</p>', '2024-02-01T12:00:00.000Z', NULL),
    (4, 2, NULL, NULL, 1, 'approved', 'Dan', 'dan@x.example', NULL,
      'Tie one', '<p>Tie one</p>', '2024-02-01T11:00:00.000Z', NULL),
    (5, 2, NULL, NULL, 1, 'spam', 'Eve', 'eve@x.example', NULL,
      'Buy', '<p>Buy</p>', '2024-02-02T00:00:00.000Z', NULL),
    (6, 3, NULL, NULL, 1, 'approved', 'Fay', 'fay@x.example', NULL,
      'Tie two', '<p>Tie two</p>', '2024-02-01T11:00:00.000Z', NULL),
    (7, 4, NULL, NULL, 1, 'approved', 'Gus', 'gus@x.example', NULL,
      'Elsewhere', '<p>Elsewhere</p>', '2024-03-01T00:00:00.000Z', NULL),
    (8, 5, NULL, NULL, 1, 'approved', 'Hal', 'hal@x.example', NULL,
      'Beyond', '<p>Beyond</p>', '2024-03-01T00:00:00.000Z', NULL),
    (9, 1, NULL, NULL, 1, 'deleted', '', '', NULL, '', '', '2024-02-03T00:00:00.000Z', NULL),
    (10, 1, NULL, NULL, 1, 'trash', 'Ivy', 'ivy@x.example', NULL,
      'Binned', '<p>Binned</p>', '2024-02-04T00:00:00.000Z', NULL);
  INSERT INTO settings (key, value) VALUES ('b', '2'), ('B', '1'), ('é', '3'), ('a', '0');
  INSERT INTO subscribers (email, unsubscribe_token_hash, created_at) VALUES
    ('b@x.example', 'u1', '2024-01-01T00:00:00.000Z'),
    ('A@x.example', 'u2', '2024-01-01T00:00:00.000Z'),
    ('c@x.example', 'u3', '2024-01-01T00:00:00.000Z');
`;

/** The error's code, as each driver names it: SQLITE_CONSTRAINT_… or PostgreSQL's SQLSTATE. */
async function codeOf(answer: Promise<unknown>): Promise<string> {
  const error = await answer.then(
    () => expect.unreachable('it should have failed'),
    (failure: unknown) => failure,
  );
  return (error as { code?: string }).code ?? String(error);
}

describePostgres('the PostgreSQL guard stores', () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  let db: Database;
  let sqlite: Engine;
  let postgres: Engine;

  /** Runs `call` on SQLite, then on PostgreSQL; both answer alike. SQLite's answer. */
  async function agree<T>(call: (engine: Engine) => Promise<T>): Promise<T> {
    const expected = await call(sqlite);
    expect(await call(postgres)).toStrictEqual(expected);
    return expected;
  }

  /** Both engines refuse `call`; each one's error code. */
  async function bothRefuse(call: (engine: Engine) => Promise<unknown>) {
    return { sqlite: await codeOf(call(sqlite)), postgres: await codeOf(call(postgres)) };
  }

  /** Runs raw SQL (no parameters) on both databases, to set a scene or change it behind a store. */
  async function onBoth(sql: string): Promise<void> {
    db.exec(sql);
    await pool.query(sql);
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = await openPostgres(database.url, { poolSize: 4 });
    postgres = pgEngine(pool);
  });
  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });
  beforeEach(async () => {
    db?.close();
    db = openDatabase(':memory:');
    sqlite = createSqliteStorage(db, ':memory:');
    const { rows } = await pool.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_version'",
    );
    await pool.query(
      `TRUNCATE ${rows.map((row) => row.tablename).join(', ')} RESTART IDENTITY CASCADE`,
    );
    await onBoth(SEED);
  });

  it('names the same statements, each with its store before it', async () => {
    for (const store of ['akismet', 'jobs', 'verifications'] as const) {
      const names = Object.keys(await sqlite[store].statementSources());
      const twins = Object.keys(await postgres[store].statementSources());
      expect(twins.map((name) => name.replace(`${store}.`, ''))).toEqual(names);
    }
  });

  describe('Akismet', () => {
    const facts = { ip: '192.0.2.1', userAgent: 'Browser/1', referrer: null };

    it('records verdicts with and without facts, and finds them; null for a comment never asked about', async () => {
      await agree((e) => e.akismet.record(1, 'unchecked', facts, '2024-03-01T00:00:00.000Z', 'n'));
      await agree((e) =>
        e.akismet.record(2, 'spam', { ...facts, referrer: 'https://r.example' }, '2024-04', 'now'),
      );
      await agree((e) => e.akismet.record(4, 'ham', null, '2024-03-01', '2024-02-01'));
      expect(await agree((e) => e.akismet.find(1))).toEqual({
        verdict: 'unchecked',
        told: null,
        moderated: false,
        facts,
      });
      expect((await agree((e) => e.akismet.find(2)))?.told).toBe('spam');
      expect((await agree((e) => e.akismet.find(4)))?.facts).toBeNull();
      expect(await agree((e) => e.akismet.find(3))).toBeNull();
      const row = 'SELECT checked_at FROM akismet_verdicts WHERE comment_id = 4';
      expect((await pool.query(row)).rows).toEqual([db.prepare(row).get()]);
    });

    it('settles only an unchecked verdict, once, and marks only an unchecked one moderated', async () => {
      await agree((e) => e.akismet.record(1, 'unchecked', facts, '2024-03-01', 'n'));
      await agree((e) => e.akismet.record(2, 'ham', null, '2024-03-01', 'n'));
      expect(await agree((e) => e.akismet.settle(1, 'spam', '2024-02-05'))).toBe(true);
      expect(await agree((e) => e.akismet.settle(1, 'ham', '2024-02-06'))).toBe(false);
      expect(await agree((e) => e.akismet.settle(3, 'ham', '2024-02-06'))).toBe(false);
      await agree((e) => e.akismet.markModerated(1));
      await agree((e) => e.akismet.markModerated(2));
      await agree((e) => e.akismet.record(4, 'unchecked', null, '2024-03-01', 'n'));
      await agree((e) => e.akismet.markModerated(4));
      await agree((e) => e.akismet.tell(2, 'spam'));
      await agree((e) => e.akismet.tell(3, 'spam'));
      for (const id of [1, 2, 4]) await agree((e) => e.akismet.find(id));
      expect((await agree((e) => e.akismet.find(4)))?.moderated).toBe(true);
      expect((await agree((e) => e.akismet.find(2)))?.moderated).toBe(false);
    });

    it('forgets facts one by one, purges those kept until now or before, and drops an erased comment’s', async () => {
      await agree((e) => e.akismet.record(1, 'unchecked', facts, '2024-03-01T00:00:00.000Z', 'n'));
      await agree((e) => e.akismet.record(2, 'unchecked', facts, '2024-03-02T00:00:00.000Z', 'n'));
      await agree((e) => e.akismet.record(4, 'unchecked', facts, '2024-03-03T00:00:00.000Z', 'n'));
      await agree((e) => e.akismet.record(6, 'unchecked', facts, '2024-03-09T00:00:00.000Z', 'n'));
      await agree((e) => e.akismet.forgetFacts(4));
      await agree((e) => e.akismet.forgetFacts(3));
      expect(await agree((e) => e.akismet.purgeFacts('2024-03-02T00:00:00.000Z'))).toBe(2);
      expect(await agree((e) => e.akismet.purgeFacts('2024-03-02T00:00:00.000Z'))).toBe(0);
      await onBoth("UPDATE comments SET status = 'deleted' WHERE id = 6");
      for (const id of [1, 2, 4, 6])
        expect((await agree((e) => e.akismet.find(id)))?.facts).toBeNull();
      await onBoth('DELETE FROM comments WHERE id = 2');
      expect(await agree((e) => e.akismet.find(2))).toBeNull();
    });

    it('refuses a second record of a comment, and one of a comment that does not exist', async () => {
      await agree((e) => e.akismet.record(1, 'ham', null, '2024-03-01', 'n'));
      expect(await bothRefuse((e) => e.akismet.record(1, 'spam', null, '2024', 'n'))).toEqual({
        sqlite: 'SQLITE_CONSTRAINT_PRIMARYKEY',
        postgres: '23505',
      });
      expect(await bothRefuse((e) => e.akismet.record(99, 'spam', null, '2024', 'n'))).toEqual({
        sqlite: 'SQLITE_CONSTRAINT_FOREIGNKEY',
        postgres: '23503',
      });
      expect(await agree((e) => e.akismet.find(99))).toBeNull();
    });
  });

  describe('the job queue', () => {
    const queue = (e: Engine, dedupeKey: string, kind = 'webhook', commentId?: number | null) =>
      e.jobs.queueJob(
        { kind, dedupeKey, payload: { dedupeKey }, commentId },
        '2024-01-01T00:00:00.000Z',
      );

    it('queues each event once and claims due jobs in order, by kind, attempts and lease', async () => {
      expect(await agree((e) => queue(e, 'one', 'webhook', 1))).toBe(true);
      expect(await agree((e) => queue(e, 'two', 'akismet-check', 2))).toBe(true);
      expect(
        await agree((e) =>
          e.jobs.queueJob(
            { kind: 'webhook', dedupeKey: 'three', payload: undefined },
            '2024-01-01T00:00:00.000Z',
          ),
        ),
      ).toBe(true);
      const t = (minute: number) => `2024-01-01T00:${String(minute).padStart(2, '0')}:00.000Z`;
      // Not due yet: queued at minute 0.
      expect(await agree((e) => e.jobs.claimDue('2023-12-31T23:59:59.000Z', t(1), 3))).toBeNull();
      expect(await agree((e) => e.jobs.claimDue(t(0), t(5), 3, []))).toBeNull();
      const check = await agree((e) => e.jobs.claimDue(t(0), t(5), 3, ['akismet-check']));
      expect(check).toMatchObject({ id: 2, attempts: 1, running_until: t(5), comment_id: 2 });
      const first = await agree((e) => e.jobs.claimDue(t(0), t(5), 3));
      expect(first).toMatchObject({ id: 1, payload: '{"dedupeKey":"one"}' });
      const third = await agree((e) => e.jobs.claimDue(t(0), t(5), 3, ['webhook', 'other']));
      expect(third).toMatchObject({ id: 3, payload: 'null', comment_id: null });
      // Every one is leased until minute 5: nothing until then, and each again from then on.
      expect(await agree((e) => e.jobs.claimDue(t(4), t(9), 3))).toBeNull();
      await agree((e) => e.jobs.markFailed(1, `${'x'.repeat(998)}😀 and more`, t(6)));
      await agree((e) => e.jobs.markFailed(3, 'refused', t(5)));
      await agree((e) => e.jobs.markDone(2, t(3)));
      expect(await agree((e) => e.jobs.claimDue(t(5), t(10), 3))).toMatchObject({ id: 3 });
      expect(await agree((e) => e.jobs.claimDue(t(6), t(10), 3))).toMatchObject({ id: 1 });
      expect(await agree((e) => e.jobs.claimDue(t(20), t(30), 2))).toBeNull();
      expect(await agree((e) => e.jobs.countUnsent(2))).toEqual({ waiting: 0, givenUp: 2 });
      expect(await agree((e) => e.jobs.countUnsent(3))).toEqual({ waiting: 2, givenUp: 0 });
      // An event queued again, even after its job was done, queues nothing.
      expect(await agree((e) => queue(e, 'one'))).toBe(false);
      expect(await agree((e) => queue(e, 'two'))).toBe(false);
      const rows = 'SELECT * FROM jobs ORDER BY id';
      expect((await pool.query(rows)).rows).toStrictEqual(db.prepare(rows).all());
    });

    it('counts nothing unsent in an empty queue, and erases the jobs about given comments', async () => {
      expect(await agree((e) => e.jobs.countUnsent(3))).toEqual({ waiting: 0, givenUp: 0 });
      for (const [key, comment] of [
        ['a', 1],
        ['b', 2],
        ['c', null],
        ['d', 2],
        ['e', 4],
      ] as const)
        await agree((e) => queue(e, key, 'webhook', comment));
      await agree((e) => e.jobs.eraseAbout([]));
      await agree((e) => e.jobs.eraseAbout([2, 99]));
      expect(await agree((e) => e.jobs.countUnsent(3))).toEqual({ waiting: 3, givenUp: 0 });
      await agree((e) => e.jobs.eraseAbout([1, 4]));
      expect(await agree((e) => e.jobs.claimDue('2024-02-01', '2024-02-02', 3))).toMatchObject({
        dedupe_key: 'c',
      });
      expect(await agree((e) => e.jobs.claimDue('2024-02-01', '2024-02-02', 3))).toBeNull();
    });

    it('purges jobs done 7 days ago and jobs queued 30 days ago that no worker holds', async () => {
      const day = (n: number) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString();
      for (const key of ['done-long-ago', 'done-lately', 'stale', 'stale-but-held', 'fresh'])
        await agree((e) => queue(e, key));
      await onBoth(`UPDATE jobs SET created_at = '${day(10)}' WHERE dedupe_key = 'fresh'`);
      await agree((e) => e.jobs.markDone(1, day(2)));
      await agree((e) => e.jobs.markDone(2, day(30)));
      await onBoth(
        `UPDATE jobs SET running_until = '${day(31)}' WHERE dedupe_key = 'stale-but-held'`,
      );
      expect(await agree((e) => e.jobs.purge(day(8)))).toBe(0);
      expect(await agree((e) => e.jobs.purge(day(9)))).toBe(1);
      expect(await agree((e) => e.jobs.purge(day(30)))).toBe(1);
      expect(await agree((e) => e.jobs.purge(day(31)))).toBe(1);
      const left = 'SELECT dedupe_key FROM jobs ORDER BY id';
      expect((await pool.query(left)).rows).toEqual(db.prepare(left).all());
      expect((await pool.query(left)).rows).toEqual([
        { dedupe_key: 'done-lately' },
        { dedupe_key: 'fresh' },
      ]);
      expect(await bothRefuse((e) => e.jobs.purge('not a time'))).toEqual({
        sqlite: 'RangeError: Invalid time value',
        postgres: 'RangeError: Invalid time value',
      });
    });

    it('gives a job another instance is taking to nobody else, without waiting for it', async () => {
      for (const key of ['one', 'two', 'three']) await queue(postgres, key);
      // The claim waits for no lock: had it to wait, it would fail at once instead.
      const noWaiting = statement(
        'test.noWaiting',
        "SELECT set_config('lock_timeout', '1s', true)",
      );
      const claim = (connection: Connection) =>
        createPgJobStore(connection).claimDue('2024-01-02', '2024-01-03', 3);
      const [first, second] = await inTransaction(pool, async (holding) => {
        const taken = await claim(holding);
        const other = await inTransaction(pool, async (c) => {
          await c.query(noWaiting);
          return claim(c);
        });
        return [taken, other];
      });
      expect(first?.id).toBe(1);
      expect(second?.id).toBe(2);
      expect((await claim(poolConnection(pool)))?.id).toBe(3);
    });

    it('never gives two connections claiming at once the same job', async () => {
      const jobs = 40;
      for (let n = 0; n < jobs; n++) await queue(postgres, `job-${n}`);
      const pools = await Promise.all(
        [1, 2].map(() => openPostgres(database.url, { poolSize: 1 })),
      );
      try {
        const worker = async (of: pg.Pool) => {
          const store = createPgJobStore(poolConnection(of));
          const taken: number[] = [];
          for (;;) {
            const job = await store.claimDue('2024-01-02', '2024-01-03', 3);
            if (!job) return taken;
            taken.push(job.id);
          }
        };
        const taken = await Promise.all([worker(pools[0] as pg.Pool), worker(pools[1] as pg.Pool)]);
        const all = taken.flat().sort((a, b) => a - b);
        expect(all).toEqual(Array.from({ length: jobs }, (_, n) => n + 1));
      } finally {
        await Promise.all(pools.map((each) => each.end()));
      }
    });
  });

  describe('the feeds', () => {
    it('finds the first page stored with an address, whatever its key; null for none', async () => {
      expect(await agree((e) => e.feeds.pageByUrl(`${SITE}/a`))).toMatchObject({
        id: 1,
        key: 'a',
        approved_count: 2,
      });
      expect(await agree((e) => e.feeds.pageByUrl(`${SITE}/B`))).toBeNull();
      expect(await agree((e) => e.feeds.pageByUrl(`${SITE}/b`))).toMatchObject({ title: null });
    });

    it('reads a page’s approved comments newest first, ties by id, within the limit', async () => {
      const page = await agree((e) => e.feeds.pageComments(1, 50));
      expect(page.map((row) => row.id)).toEqual([2, 1]);
      expect(page[0]).toEqual({
        id: 2,
        name: 'Bob',
        website: null,
        html: '<p>Reply</p>',
        created_at: '2024-02-01T11:00:00.000Z',
        edited_at: '2024-02-01T12:00:00.000Z',
        page_url: `${SITE}/a`,
        page_title: 'Page A',
      });
      expect(await agree((e) => e.feeds.pageComments(1, 1))).toHaveLength(1);
      expect(await agree((e) => e.feeds.pageComments(1, 0))).toEqual([]);
      expect(await agree((e) => e.feeds.pageComments(99, 50))).toEqual([]);
    });

    it('reads a site’s approved comments from its own pages only, and its version fresh at each call', async () => {
      const site = await agree((e) => e.feeds.siteComments(SITE, 50));
      expect(site.map((row) => row.id)).toEqual([6, 4, 2, 1]);
      expect((await agree((e) => e.feeds.siteComments(SITE, 2))).map((row) => row.id)).toEqual([
        6, 4,
      ]);
      expect(await agree((e) => e.feeds.siteComments('https://nobody.example', 50))).toEqual([]);
      expect(await agree((e) => e.feeds.siteVersion('https://nobody.example'))).toEqual({
        pages: 0,
        version: 0,
      });
      const first = await agree((e) => e.feeds.siteVersion(SITE));
      expect(first?.pages).toBe(3);
      await onBoth("UPDATE comments SET status = 'approved' WHERE id = 3");
      expect(await agree((e) => e.feeds.siteVersion(SITE))).toEqual({
        pages: 3,
        version: (first?.version ?? 0) + 1,
      });
      await onBoth(
        "INSERT INTO pages (id, key, url, created_at) VALUES (7, 'new', 'https://site.example/new', '2024')",
      );
      expect(await agree((e) => e.feeds.siteVersion(SITE))).toEqual({
        pages: 4,
        version: (first?.version ?? 0) + 1,
      });
    });
  });

  describe('the defences’ counts', () => {
    const row = (day: string, defence: string, outcome: string, count: number) => ({
      day,
      defence,
      outcome,
      count,
    });

    it('adds counts to their days, summing repeated keys, and answers them in key order', async () => {
      await agree((e) => e.defenceCounts.add([]));
      await agree((e) =>
        e.defenceCounts.add([
          row('2024-05-02', 'links', 'stopped', 2),
          row('2024-05-01', 'links', 'held', 1),
          row('2024-05-02', 'links', 'stopped', 3),
          row('2024-05-02', 'challenge', 'stopped', 1),
        ]),
      );
      await agree((e) =>
        e.defenceCounts.add([
          row('2024-05-02', 'links', 'stopped', 4),
          row('2024-05-01', 'challenge', 'held', 1),
        ]),
      );
      expect(await agree((e) => e.defenceCounts.since('2024-05-01'))).toEqual([
        row('2024-05-01', 'challenge', 'held', 1),
        row('2024-05-01', 'links', 'held', 1),
        row('2024-05-02', 'challenge', 'stopped', 1),
        row('2024-05-02', 'links', 'stopped', 9),
      ]);
      expect(await agree((e) => e.defenceCounts.since('2024-05-02'))).toHaveLength(2);
      expect(await agree((e) => e.defenceCounts.since('2024-05-03'))).toEqual([]);
    });

    it('keeps 366 days before the newest, and a day with no date writes nothing', async () => {
      await agree((e) =>
        e.defenceCounts.add([
          row('2023-05-01', 'links', 'held', 1),
          row('2023-05-02', 'links', 'held', 1),
        ]),
      );
      await agree((e) => e.defenceCounts.add([row('2024-05-01', 'links', 'held', 1)]));
      expect((await agree((e) => e.defenceCounts.since(''))).map((r) => r.day)).toEqual([
        '2023-05-01',
        '2023-05-02',
        '2024-05-01',
      ]);
      await agree((e) => e.defenceCounts.add([row('2024-05-02', 'links', 'held', 1)]));
      expect((await agree((e) => e.defenceCounts.since(''))).map((r) => r.day)).toEqual([
        '2023-05-02',
        '2024-05-01',
        '2024-05-02',
      ]);
      await agree((e) => e.defenceCounts.add([row('', 'blank', 'held', 1)]));
      expect(await bothRefuse((e) => e.defenceCounts.add([row('soon', 'x', 'held', 1)]))).toEqual({
        sqlite: 'RangeError: Invalid time value',
        postgres: 'RangeError: Invalid time value',
      });
      expect(await agree((e) => e.defenceCounts.since(''))).toHaveLength(4);
    });

    it('writes none of a batch that has one row the table refuses', async () => {
      expect(
        await bothRefuse((e) =>
          e.defenceCounts.add([
            row('2024-05-01', 'links', 'held', 1),
            row('2024-05-01', 'links', 'ignored', 1),
          ]),
        ),
      ).toEqual({ sqlite: 'SQLITE_CONSTRAINT_CHECK', postgres: '23514' });
      expect(await agree((e) => e.defenceCounts.since(''))).toEqual([]);
    });
  });

  it('takes each challenge’s solution once, and sweeps expired ones at most once a minute', async () => {
    // PostgreSQL's sweep clock is the process's: this file's only calls of spend are here.
    const at = (second: number) => new Date(Date.UTC(2024, 0, 1, 0, 0, second));
    expect(await agree((e) => e.spentChallenges.isSpent('s1'))).toBe(false);
    expect(await agree((e) => e.spentChallenges.spend('s1', at(30), at(0)))).toBe(true);
    expect(await agree((e) => e.spentChallenges.spend('s1', at(90), at(1)))).toBe(false);
    expect(await agree((e) => e.spentChallenges.spend('s2', at(200), at(2)))).toBe(true);
    expect(await agree((e) => e.spentChallenges.isSpent('s1'))).toBe(true);
    // Expired at 30, swept only when a minute has passed since the last sweep (at 0).
    expect(await agree((e) => e.spentChallenges.spend('s3', at(300), at(40)))).toBe(true);
    expect(await agree((e) => e.spentChallenges.isSpent('s1'))).toBe(true);
    expect(await agree((e) => e.spentChallenges.spend('s4', at(300), at(60)))).toBe(true);
    expect(await agree((e) => e.spentChallenges.isSpent('s1'))).toBe(false);
    expect(await agree((e) => e.spentChallenges.isSpent('s2'))).toBe(true);
    // Swept again at 200, when s2 expired: its solution is taken afresh.
    expect(await agree((e) => e.spentChallenges.spend('s2', at(400), at(200)))).toBe(true);

    const spend = (connection: Connection) =>
      createPgSpentChallenges(connection).spend('twice', at(600), at(201));
    const [first, second] = await inTransaction(pool, async (c) => {
      const taken = await spend(c);
      // Another instance spends the same solution while this one's is not committed: it waits
      // for this transaction's end, then finds it taken. Awaited after the commit.
      return [taken, inTransaction(pool, spend)] as const;
    });
    expect(first).toBe(true);
    expect(await second).toBe(false);
  });

  describe('verified addresses', () => {
    const add = (
      e: Engine,
      secretHash: string,
      email: string,
      createdAt: string,
      expiresAt: string,
    ) =>
      e.verifications.add({
        secretHash,
        email,
        linkHash: `link-${secretHash}`,
        createdAt,
        expiresAt,
      });

    it('counts requests by address, ignoring ASCII case only, after a given time', async () => {
      await agree((e) => add(e, 's1', 'Reader@X.example', '2024-01-01T00:00:00.000Z', '2024-02'));
      await agree((e) => add(e, 's2', 'reader@x.example', '2024-01-02T00:00:00.000Z', '2024-02'));
      await agree((e) => add(e, 's3', 'Ärger@x.example', '2024-01-02T00:00:00.000Z', '2024-02'));
      expect(await agree((e) => e.verifications.askedSince('READER@x.EXAMPLE', '2023'))).toBe(2);
      expect(
        await agree((e) =>
          e.verifications.askedSince('reader@x.example', '2024-01-01T00:00:00.000Z'),
        ),
      ).toBe(1);
      expect(await agree((e) => e.verifications.askedSince('ärger@x.example', '2023'))).toBe(0);
      expect(await agree((e) => e.verifications.askedSince('Ärger@X.EXAMPLE', '2023'))).toBe(1);
      expect(await agree((e) => e.verifications.askedSince('nobody@x.example', '2023'))).toBe(0);
    });

    it('confirms an unused, unexpired link once, and knows confirmed secrets and addresses', async () => {
      await agree((e) =>
        add(e, 's1', 'Reader@x.example', '2024-01-01', '2024-01-02T00:00:00.000Z'),
      );
      await agree((e) => add(e, 's2', 'other@x.example', '2024-01-01', '2024-01-02T00:00:00.000Z'));
      expect(await agree((e) => e.verifications.findByLink('link-s1'))).toEqual({
        secret_hash: 's1',
        email: 'Reader@x.example',
        link_hash: 'link-s1',
        created_at: '2024-01-01',
        expires_at: '2024-01-02T00:00:00.000Z',
        confirmed_at: null,
      });
      expect(await agree((e) => e.verifications.findByLink('link-none'))).toBeNull();
      expect(
        await agree((e) => e.verifications.confirm('link-s2', '2024-01-02T00:00:00.000Z')),
      ).toBeNull();
      expect(
        await agree((e) => e.verifications.confirm('link-none', '2024-01-01T12:00')),
      ).toBeNull();
      const confirmed = await agree((e) => e.verifications.confirm('link-s1', '2024-01-01T12:00'));
      expect(confirmed).toMatchObject({ secret_hash: 's1', confirmed_at: '2024-01-01T12:00' });
      expect(await agree((e) => e.verifications.confirm('link-s1', '2024-01-01T13:00'))).toBeNull();
      expect(await agree((e) => e.verifications.isConfirmedSecret('s1', 'READER@X.example'))).toBe(
        true,
      );
      expect(await agree((e) => e.verifications.isConfirmedSecret('s1', 'other@x.example'))).toBe(
        false,
      );
      expect(await agree((e) => e.verifications.isConfirmedSecret('s2', 'other@x.example'))).toBe(
        false,
      );
      expect(await agree((e) => e.verifications.hasConfirmed('reader@x.example'))).toBe(true);
      expect(await agree((e) => e.verifications.hasConfirmed('other@x.example'))).toBe(false);
      expect(await agree((e) => e.verifications.hasConfirmed('nobody@x.example'))).toBe(false);
    });

    it('drops unconfirmed links expired by a time, and erases an address in any ASCII case', async () => {
      await agree((e) => add(e, 's1', 'a@x.example', '2024-01-01', '2024-01-02'));
      await agree((e) => add(e, 's2', 'a@x.example', '2024-01-01', '2024-01-03'));
      await agree((e) => add(e, 's3', 'b@x.example', '2024-01-01', '2024-01-02'));
      await agree((e) => add(e, 's4', 'B@x.example', '2024-01-01', '2024-01-09'));
      await agree((e) => e.verifications.confirm('link-s3', '2024-01-01T12:00'));
      await agree((e) => e.verifications.dropExpired('2024-01-02'));
      expect(await agree((e) => e.verifications.findByLink('link-s1'))).toBeNull();
      expect(await agree((e) => e.verifications.findByLink('link-s2'))).not.toBeNull();
      expect(await agree((e) => e.verifications.findByLink('link-s3'))).not.toBeNull();
      await agree((e) => e.verifications.eraseAddress('b@X.EXAMPLE'));
      expect(await agree((e) => e.verifications.findByLink('link-s3'))).toBeNull();
      expect(await agree((e) => e.verifications.findByLink('link-s4'))).toBeNull();
      expect(await agree((e) => e.verifications.askedSince('a@x.example', ''))).toBe(1);
    });

    it('refuses a second request with the same secret or the same link', async () => {
      const asking = (secretHash: string, linkHash: string) => (e: Engine) =>
        e.verifications.add({
          secretHash,
          email: 'a@x.example',
          linkHash,
          createdAt: '2024-01-01',
          expiresAt: '2024-01-02',
        });
      await agree(asking('s1', 'l1'));
      expect(await bothRefuse(asking('s1', 'l2'))).toEqual({
        sqlite: 'SQLITE_CONSTRAINT_PRIMARYKEY',
        postgres: '23505',
      });
      expect(await bothRefuse(asking('s2', 'l1'))).toEqual({
        sqlite: 'SQLITE_CONSTRAINT_UNIQUE',
        postgres: '23505',
      });
      expect(await agree((e) => e.verifications.askedSince('a@x.example', ''))).toBe(1);
    });
  });

  describe('the site’s export', () => {
    it('reads every table’s rows, ordered by key as SQLite’s BINARY orders them', async () => {
      const site = await agree((e) => e.readSite());
      expect(site.schemaVersion).toBe(MIGRATIONS.length);
      expect(site.tables.settings.map((row) => row.key)).toEqual(['B', 'a', 'b', 'é']);
      expect(site.tables.subscribers.map((row) => row.email)).toEqual([
        'A@x.example',
        'b@x.example',
        'c@x.example',
      ]);
      expect(site.tables.pages).toHaveLength(6);
      expect(site.tables.comments).toHaveLength(10);
      expect(pool.idleCount).toBe(pool.totalCount);
    });

    it('reads one moment: writes made between its tables are not in it', async () => {
      // The export's connection, with a write by another connection just before its settings.
      const writing = {
        connect: async () => {
          const client = await pool.connect();
          return new Proxy(client, {
            get(target, name) {
              if (name === 'query')
                return async (sql: string) => {
                  if (sql.startsWith('SELECT key, value FROM settings'))
                    await pool.query(
                      `INSERT INTO settings (key, value) VALUES ('late', 'x');
                       UPDATE pages SET title = 'Renamed' WHERE id = 1`,
                    );
                  return target.query(sql);
                };
              const value = Reflect.get(target, name, target);
              return typeof value === 'function' ? value.bind(target) : value;
            },
          });
        },
      } as unknown as pg.Pool;
      const before = await readPgSite(writing);
      expect(before.tables.settings.map((row) => row.key)).not.toContain('late');
      expect(before.tables.pages[0]?.title).toBe('Page A');
      const after = await readPgSite(pool);
      expect(after.tables.settings.map((row) => row.key)).toContain('late');
      expect(after.tables.pages[0]?.title).toBe('Renamed');
    });

    it('refuses a database at a schema version this program does not know, and frees its connection', async () => {
      await pool.query('UPDATE schema_version SET version = version + 1');
      try {
        const known = POSTGRES_MIGRATIONS.length;
        await expect(readPgSite(pool)).rejects.toThrow(`schema version ${known + 1}, not ${known}`);
        expect(pool.idleCount).toBe(pool.totalCount);
      } finally {
        await pool.query('UPDATE schema_version SET version = version - 1');
      }
    });
  });
});
