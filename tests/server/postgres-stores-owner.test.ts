/**
 * The PostgreSQL twins of the dashboard's queries, the mail store, the sessions, held views and
 * likes answer every call as SQLite's stores do: each test makes the same calls on both and
 * compares the answers, then the rows they left.
 */
import type { Database } from 'better-sqlite3';
import type pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/storage/open.ts';
import { createPgAdminStore } from '../../server/storage/postgres/admin-store.ts';
import { inTransaction, poolConnection } from '../../server/storage/postgres/connection.ts';
import { createPgHeldViews } from '../../server/storage/postgres/held-views.ts';
import { createPgLikes } from '../../server/storage/postgres/likes.ts';
import { createPgMailStore } from '../../server/storage/postgres/mail-store.ts';
import { openPostgres } from '../../server/storage/postgres/pool.ts';
import { createPgSessionStore } from '../../server/storage/postgres/session-store.ts';
import { hashToken } from '../../server/storage/secrets.ts';
import { createSqliteStorage } from '../../server/storage/sqlite-storage.ts';
import type { Storage } from '../../server/storage/storage.ts';
import { createTestDatabase, describePostgres, type TestDatabase } from '../helpers/postgres.ts';

/** One engine's stores, and its rows as SQL reads them (`?` parameters in both dialects). */
interface Engine {
  admin: Storage['admin'];
  mail: Storage['mail'];
  sessions: Storage['sessions'];
  heldViews: Storage['heldViews'];
  likes: Pick<Storage['likes'], 'pageOfShown' | 'like' | 'unlike' | 'likesVersion'>;
  insert(table: string, row: Record<string, unknown>): Promise<void>;
  rows(sql: string, values?: unknown[]): Promise<unknown[]>;
}

type DashboardStatus = Parameters<Storage['admin']['list']>[0]['status'];

function insertSql(table: string, row: Record<string, unknown>): string {
  const names = Object.keys(row);
  return `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`;
}

function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

function sqliteEngine(db: Database): Engine {
  const storage = createSqliteStorage(db, ':memory:');
  return {
    ...storage,
    insert: async (table, row) => void db.prepare(insertSql(table, row)).run(...Object.values(row)),
    rows: async (sql, values = []) => {
      const prepared = db.prepare(sql);
      if (prepared.reader) return prepared.all(...values);
      prepared.run(...values);
      return [];
    },
  };
}

function postgresEngine(pool: pg.Pool): Engine {
  const connection = poolConnection(pool);
  return {
    admin: createPgAdminStore(connection),
    mail: createPgMailStore(connection),
    sessions: createPgSessionStore(connection),
    heldViews: createPgHeldViews(connection),
    likes: createPgLikes(connection),
    insert: async (table, row) =>
      void (await pool.query(numbered(insertSql(table, row)), Object.values(row))),
    rows: async (sql, values = []) => (await pool.query(numbered(sql), values)).rows,
  };
}

const T0 = '2024-05-01T00:00:00.000Z';
const T1 = '2024-05-01T00:05:00.000Z';
const T2 = '2024-05-01T00:10:00.000Z';
const T3 = '2024-05-01T00:15:00.000Z';
const at = (iso: string, plusMs = 0) => new Date(new Date(iso).getTime() + plusMs);

describePostgres(
  'the PostgreSQL stores of the dashboard, mail, sessions, held views and likes',
  () => {
    let database: TestDatabase;
    let pool: pg.Pool;
    let db: Database;
    let engines: Engine[];

    beforeAll(async () => {
      database = await createTestDatabase();
      pool = await openPostgres(database.url);
    });
    afterAll(async () => {
      await pool?.end();
      await database?.drop();
    });
    beforeEach(async () => {
      // Emptied, numbering from 1 again, as a new SQLite database is.
      const { rows } = await pool.query<{ tablename: string }>(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_version'",
      );
      await pool.query(
        `TRUNCATE ${rows.map((row) => row.tablename).join(', ')} RESTART IDENTITY CASCADE`,
      );
      db = openDatabase(':memory:');
      engines = [sqliteEngine(db), postgresEngine(pool)];
    });
    afterEach(() => db.close());

    /** `call`'s answer on SQLite, which PostgreSQL's must equal. */
    async function same<T>(call: (engine: Engine) => Promise<T>): Promise<T> {
      const [sqlite, postgres] = engines as [Engine, Engine];
      const expected = await call(sqlite);
      expect(await call(postgres)).toStrictEqual(expected);
      return expected;
    }
    /** The same rows of `table` in both engines, in the order of `order`. */
    const sameRows = (table: string, order = 'id') =>
      same((engine) => engine.rows(`SELECT * FROM ${table} ORDER BY ${order}`));
    async function seed(work: (engine: Engine) => Promise<void>): Promise<void> {
      for (const engine of engines) await work(engine);
    }
    /** The errors both engines raise for `call`: each must raise one. */
    async function bothFail(call: (engine: Engine) => Promise<unknown>): Promise<unknown[]> {
      const errors: unknown[] = [];
      for (const engine of engines)
        errors.push(
          await call(engine).then(
            () => null,
            (error) => error,
          ),
        );
      expect(errors.every((error) => error instanceof Error)).toBe(true);
      return errors;
    }

    const page = (engine: Engine, id: number, url: string, title: string | null, more = {}) =>
      engine.insert('pages', {
        id,
        key: `key-${id}`,
        url,
        title,
        created_at: '2024-01-01T00:00:00.000Z',
        ...more,
      });
    const comment = (engine: Engine, id: number, pageId: number, more: Record<string, unknown>) =>
      engine.insert('comments', {
        id,
        page_id: pageId,
        depth: 1,
        status: 'approved',
        name: 'Reader',
        email: 'reader@example.com',
        body: `Comment ${id}`,
        html: `<p>Comment ${id}</p>`,
        created_at: `2024-03-01T00:00:${String(id).padStart(2, '0')}.000Z`,
        ...more,
      });

    describe('the dashboard', () => {
      const site = async (engine: Engine) => {
        await page(engine, 1, 'https://blog.example/a', 'Hello World', {
          published_at: '2024-01-02T00:00:00.000Z',
          open_override: 1,
        });
        await page(engine, 2, 'https://blog.example/a', 'Hello again');
        await page(engine, 3, 'https://blog.example/b', null);
        await page(engine, 4, 'https://blog.example/c_d', '100% real');
        await page(engine, 5, 'https://blog.example.org/x', 'Other site');
        await page(engine, 6, 'http://shop.example:8080/p', 'Été shop', { open_override: 0 });
        await page(engine, 7, 'HTTPS://Blog.Example/Upper', 'Shouting');
        await page(engine, 8, 'https://blog.example/', 'Front page');
        await comment(engine, 1, 1, { name: 'Ann', body: 'Hello there, first!' });
        await comment(engine, 2, 1, {
          parent_id: 1,
          root_id: 1,
          depth: 2,
          name: 'Bob',
          email: 'BOB@Example.com',
          body: 'I agree 100%',
          created_at: '2024-03-01T10:00:00.000Z',
        });
        await comment(engine, 3, 3, {
          status: 'pending',
          body: 'Été is summer',
          created_at: '2024-03-02T08:00:00.000Z',
        });
        await comment(engine, 4, 5, {
          status: 'spam',
          email: 'spam@example.org',
          body: 'Buy now_cheap',
          created_at: '2024-03-02T09:00:00.000Z',
        });
        await comment(engine, 5, 6, { body: 'Nice shop', created_at: '2024-03-03T00:00:00.000Z' });
        await comment(engine, 6, 1, {
          status: 'trash',
          trashed_from: 'approved',
          created_at: '2024-03-03T01:00:00.000Z',
        });
        await comment(engine, 7, 8, { created_at: '2024-03-04T00:00:00.000Z' });
        await comment(engine, 8, 2, {
          status: 'deleted',
          name: '',
          email: '',
          body: '',
          html: '',
          created_at: '2024-03-04T05:00:00.000Z',
        });
        await comment(engine, 9, 7, {
          status: 'pending',
          body: 'hello HELLO',
          created_at: '2024-03-05T00:00:00.000Z',
        });
        await comment(engine, 10, 4, {
          body: '50_50 odds',
          pinned: 1,
          created_at: '2024-03-05T01:00:00.000Z',
        });
        for (const [id, verdict] of [
          [1, 'ham'],
          [3, 'unchecked'],
          [4, 'spam'],
        ] as const)
          await engine.insert('akismet_verdicts', { comment_id: id, verdict });
      };

      it('lists comments by status, site, page and words, newest first, in parts', async () => {
        await seed(site);
        const everyApproved = await same((e) => e.admin.list({ status: 'approved', limit: 10 }));
        expect(everyApproved.map((row) => row.id)).toEqual([10, 7, 5, 2, 1]);
        expect(everyApproved.find((row) => row.id === 2)).toMatchObject({
          reply_to_name: 'Ann',
          akismet: null,
          page_key: 'key-1',
        });
        const first = await same((e) => e.admin.list({ status: 'approved', limit: 2 }));
        await same((e) => e.admin.list({ status: 'approved', limit: 2, before: first[1]?.id }));
        const ofSite = await same((e) =>
          e.admin.list({ status: 'approved', site: 'https://blog.example', limit: 10 }),
        );
        // Not blog.example.org's, nor the page whose address is written in capitals.
        expect(ofSite.map((row) => row.id)).toEqual([10, 7, 2, 1]);
        await same((e) =>
          e.admin.list({ status: 'pending', site: 'https://blog.example', limit: 9 }),
        );
        await same((e) => e.admin.list({ status: 'approved', page: 'key-1', limit: 10 }));
        await same((e) => e.admin.list({ status: 'approved', page: 'key-99', limit: 10 }));
        for (const status of ['pending', 'spam', 'trash', 'deleted'] as const)
          await same((e) => e.admin.list({ status, limit: 10 }));
        const searches: [DashboardStatus, string, number[]][] = [
          ['approved', 'hello', [1]],
          ['pending', 'HELLO', [9]],
          // Only ASCII letters fold, as in SQLite's LIKE.
          ['pending', 'été', []],
          ['pending', 'Été', [3]],
          ['approved', '100%', [2]],
          ['approved', '0_5', [10]],
          ['spam', 'now_', [4]],
          ['spam', 'EXAMPLE.ORG', [4]],
          ['approved', 'bob@example', [2]],
          ['approved', 'a\\b', []],
          ['approved', '%', [2]],
        ];
        for (const [status, search, ids] of searches) {
          const rows = await same((e) => e.admin.list({ status, search, limit: 10 }));
          expect(
            rows.map((row) => row.id),
            search,
          ).toEqual(ids);
        }
      });

      it('finds one comment with what it answers and its verdict, or none', async () => {
        await seed(site);
        expect(await same((e) => e.admin.find(2))).toMatchObject({
          reply_to_body: 'Hello there, first!',
        });
        expect(await same((e) => e.admin.find(4))).toMatchObject({ akismet: 'spam' });
        await same((e) => e.admin.find(8));
        expect(await same((e) => e.admin.find(99))).toBeNull();
        expect(await same((e) => e.admin.counts())).toEqual({
          pending: 2,
          approved: 5,
          spam: 1,
          trash: 1,
        });
      });

      it('counts nothing on an empty site', async () => {
        await same((e) => e.admin.counts());
        await same((e) => e.admin.list({ status: 'approved', limit: 10 }));
        await same((e) => e.admin.pages({ limit: 10 }));
        await same((e) => e.admin.sites(10, (url) => new URL(url).origin));
        await same((e) => e.admin.perDay('2000-01-01'));
        await same((e) => e.admin.topPages(10));
      });

      it('lists pages in the order of their addresses, in parts, by site and by words', async () => {
        await seed(site);
        const walk = async (filter: { site?: string; search?: string }, limit: number) => {
          const seen: number[] = [];
          let after: { url: string; id: number } | undefined;
          for (;;) {
            const rows = await same((e) => e.admin.pages({ ...filter, after, limit }));
            if (rows.length === 0) return seen;
            seen.push(...rows.map((row) => row.id));
            const last = rows[rows.length - 1] as { url: string; id: number };
            after = { url: last.url, id: last.id };
          }
        };
        // Capitals sort before small letters, by code point, in both.
        expect(await walk({}, 3)).toEqual([7, 6, 5, 8, 1, 2, 3, 4]);
        expect(await walk({ site: 'https://blog.example' }, 2)).toEqual([8, 1, 2, 3, 4]);
        expect(await walk({ search: 'HELLO' }, 1)).toEqual([1, 2]);
        expect(await walk({ search: '_' }, 5)).toEqual([4]);
        expect(await walk({ search: '%' }, 5)).toEqual([4]);
        expect(await walk({ search: 'été' }, 5)).toEqual([]);
        expect(await walk({ site: 'http://shop.example:8080', search: 'SHOP' }, 5)).toEqual([6]);
        // A cursor before the site's addresses starts at the site's first.
        await same((e) =>
          e.admin.pages({ site: 'https://blog.example', after: { url: 'a', id: 9 }, limit: 9 }),
        );
        await same((e) =>
          e.admin.pages({ after: { url: 'https://blog.example/a', id: 1 }, limit: 9 }),
        );
      });

      it('names the sites of the pages, sorted, as many as asked for', async () => {
        await seed(site);
        const originOf = (url: string) => new URL(url).origin;
        expect(await same((e) => e.admin.sites(10, originOf))).toEqual([
          'http://shop.example:8080',
          'https://blog.example',
          'https://blog.example.org',
        ]);
        await same((e) => e.admin.sites(2, originOf));
        await same((e) => e.admin.sites(0, originOf));
        await same((e) => e.admin.sites(10, (url) => url.slice(0, 12)));
      });

      it('trashes, restores, pins and edits as the site owner, refusing what cannot change', async () => {
        await seed(site);
        const answers = await same(async (e) => [
          await e.admin.trash(1, T0),
          await e.admin.trash(1, T1),
          await e.admin.trash(8, T1),
          await e.admin.trash(99, T1),
          await e.admin.trash(3, T1),
          await e.admin.restore(1, T2),
          await e.admin.restore(4, T2),
          await e.admin.restore(5, T2),
          await e.admin.restore(3, T2),
          await e.admin.setPinned(5, true, T2),
          await e.admin.setPinned(10, false, T2),
          await e.admin.setPinned(8, true, T2),
          await e.admin.edit(5, 'Edited by the owner', '<p>Edited by the owner</p>', T3),
          await e.admin.edit(8, 'No', '<p>No</p>', T3),
          await e.admin.edit(99, 'No', '<p>No</p>', T3),
        ]);
        expect(answers).toEqual([
          ...[true, false, false, false, true],
          ...[true, true, false, true],
          ...[true, true, false],
          ...[true, false, false],
        ]);
        // Statuses, trashed_from, pins, text keys, and the pages' versions and counts by trigger.
        await sameRows('comments');
        await sameRows('pages');
      });

      it('counts comments per day and the pages with the most approved ones', async () => {
        await seed(site);
        expect([...(await same((e) => e.admin.perDay('2024-03-02')))]).toEqual([
          ['2024-03-02', 2],
          ['2024-03-03', 2],
          ['2024-03-04', 2],
          ['2024-03-05', 2],
        ]);
        await same((e) => e.admin.perDay('2000-01-01'));
        await same((e) => e.admin.perDay('2100-01-01'));
        // Pages 1 and 6 have two approved comments, 4 and 8 one: addresses order the ties.
        await seed(async (e) => {
          await comment(e, 11, 6, { created_at: '2024-03-06T00:00:00.000Z' });
        });
        expect(await same((e) => e.admin.topPages(3))).toEqual([
          { key: 'key-6', url: 'http://shop.example:8080/p', title: 'Été shop', count: 2 },
          { key: 'key-1', url: 'https://blog.example/a', title: 'Hello World', count: 2 },
          { key: 'key-8', url: 'https://blog.example/', title: 'Front page', count: 1 },
        ]);
        await same((e) => e.admin.topPages(10));
      });

      it('names its statements as SQLite does, each under the store name', async () => {
        const [sqlite, postgres] = await Promise.all(
          engines.map((engine) => engine.admin.statementSources()),
        );
        expect(Object.keys(postgres ?? {})).toEqual(
          Object.keys(sqlite ?? {}).map((name) => `admin.${name}`),
        );
      });
    });

    describe('mail', () => {
      const mail = (dedupeKey: string, recipient = 'reader@example.com') => ({
        dedupeKey,
        recipient,
        subject: `About ${dedupeKey}`,
        text: 'Text',
        html: '<p>Text</p>',
        headers: { 'List-Unsubscribe': '<https://comments.example/u>' },
      });

      it('queues a mail once per event, numbering mails alike', async () => {
        expect(
          await same(async (e) => [
            await e.mail.queueMail(mail('owner-new:1', 'owner@example.com'), T0),
            await e.mail.queueMail(mail('owner-new:1', 'someone@example.com'), T1),
            await e.mail.queueMail(mail('reply:1:reader@example.com'), T1),
            await e.mail.isQueued('owner-new:1'),
            await e.mail.isQueued('OWNER-NEW:1'),
            await e.mail.isQueued('reply:1:reader@example.com'),
            await e.mail.isQueued('reply:2:reader@example.com'),
          ]),
        ).toEqual([true, false, true, true, false, true, false]);
        await sameRows('mail_queue');
      });

      it('claims due mail in order under a lease, retries failures, and gives up after enough tries', async () => {
        await seed(async (e) => {
          await e.mail.queueMail(mail('a'), T0);
          await e.mail.queueMail(mail('b'), T0);
          await e.mail.queueMail(mail('c'), T1);
        });
        const claim = (now: string, leaseUntil: string, maxAttempts = 3) =>
          same((e) => e.mail.claimDue(now, leaseUntil, maxAttempts));
        expect(await claim(T0, T1)).toMatchObject({ id: 1, attempts: 1, sending_until: T1 });
        expect(await claim(T0, T1)).toMatchObject({ id: 2 });
        // Mail c is not due yet; a and b are leased.
        expect(await claim(T0, T1)).toBeNull();
        await same((e) => e.mail.countUnsent(3));
        await same(async (e) => {
          await e.mail.markFailed(1, `refused ${'x'.repeat(2000)}`, T2);
          await e.mail.markSent(2, T0);
        });
        expect(await claim(T1, T2)).toMatchObject({ id: 3, attempts: 1 });
        // Mail c's lease runs until T2: only then may another worker take it.
        expect(await claim(T1, T3)).toBeNull();
        // Due since T1, mail c goes before mail a, due again since T2.
        expect(await claim(T2, T3)).toMatchObject({ id: 3, attempts: 2 });
        expect(await claim(T2, T3)).toMatchObject({
          id: 1,
          attempts: 2,
          last_error: expect.any(String),
        });
        await same((e) => e.mail.markFailed(1, 'again', T2));
        await same((e) => e.mail.markFailed(3, 'again', T2));
        expect(await claim(T3, T3, 2)).toBeNull();
        expect(await same((e) => e.mail.countUnsent(2))).toEqual({ waiting: 0, givenUp: 2 });
        expect(await same((e) => e.mail.countUnsent(3))).toEqual({ waiting: 2, givenUp: 0 });
        expect(await claim(T3, T3, 3)).toMatchObject({ id: 1, attempts: 3 });
        await same((e) => e.mail.markSent(1, T3));
        await same((e) => e.mail.markSent(99, T3));
        await same((e) => e.mail.markFailed(99, 'gone', T3));
        await sameRows('mail_queue');
      });

      it('spends a one-click token once, before it expires', async () => {
        await same(async (e) => {
          await e.mail.addActionToken('hash-1', 5, 'approve', T1);
          await e.mail.addActionToken('hash-2', 5, 'spam', T1);
        });
        expect(await same((e) => e.mail.findActionToken('hash-1'))).toMatchObject({
          comment_id: 5,
          used_at: null,
        });
        expect(await same((e) => e.mail.findActionToken('hash-9'))).toBeNull();
        expect(await same((e) => e.mail.useActionToken('hash-1', T0))).toMatchObject({
          used_at: T0,
        });
        expect(await same((e) => e.mail.useActionToken('hash-1', T0))).toBeNull();
        // It lasts until just before its expiry.
        expect(await same((e) => e.mail.useActionToken('hash-2', T1))).toBeNull();
        expect(await same((e) => e.mail.useActionToken('hash-9', T0))).toBeNull();
        await sameRows('action_tokens', 'token_hash');
        const [sqliteError, postgresError] = await bothFail((e) =>
          e.mail.addActionToken('hash-1', 6, 'trash', T2),
        );
        expect(sqliteError).toMatchObject({ code: 'SQLITE_CONSTRAINT_PRIMARYKEY' });
        expect(postgresError).toMatchObject({ code: '23505' });
      });

      it('keeps one subscription per address whatever its case, confirmed once', async () => {
        const added = await same(async (e) => [
          await e.mail.addSubscriber('Reader@Example.com', 'confirm-1', 'unsub-1', T0, 'de'),
          await e.mail.addSubscriber('reader@example.com', 'confirm-2', 'unsub-2', T1),
          await e.mail.addSubscriber('other@example.com', 'confirm-3', 'unsub-3', T1),
        ]);
        expect(added.map((row) => row?.lang)).toEqual(['de', undefined, null]);
        expect(await same((e) => e.mail.findSubscriber('READER@example.COM'))).toMatchObject({
          email: 'Reader@Example.com',
        });
        await same((e) => e.mail.findSubscriber('nobody@example.com'));
        await same((e) => e.mail.findByConfirmToken('confirm-1'));
        expect(await same((e) => e.mail.findByConfirmToken('confirm-2'))).toBeNull();
        expect(await same((e) => e.mail.confirm('confirm-1', T1))).toMatchObject({
          confirmed_at: T1,
        });
        expect(await same((e) => e.mail.confirm('confirm-1', T2))).toMatchObject({
          confirmed_at: T1,
        });
        expect(await same((e) => e.mail.confirm('confirm-9', T2))).toBeNull();
        await same((e) => e.mail.findByUnsubscribeToken('unsub-3'));
        await same((e) => e.mail.findByUnsubscribeToken('unsub-9'));
        // Another unique token refused is an error in both, as it was on SQLite.
        await bothFail((e) =>
          e.mail.addSubscriber('third@example.com', 'confirm-1', 'unsub-4', T2),
        );
        await sameRows('subscribers', 'created_at, unsubscribe_token_hash');
      });

      it('unsubscribes once, withdrawing the reader mail still waiting, and nothing else', async () => {
        await seed(async (e) => {
          await e.mail.addSubscriber('reader@example.com', 'confirm-1', 'unsub-1', T0);
          await e.mail.queueMail(mail('reply:7:reader@example.com', 'READER@example.com'), T0);
          await e.mail.queueMail(mail('confirm:reader@example.com'), T0);
          await e.mail.queueMail(mail('owner-new:7'), T0);
          await e.mail.queueMail(mail('OWNER-NEW:8'), T0);
          await e.mail.queueMail(mail('reply:8:reader@example.com'), T0);
          await e.mail.queueMail(mail('reply:9:reader@example.com'), T0);
          await e.mail.queueMail(mail('reply:10:reader@example.com'), T0);
          await e.mail.queueMail(mail('reply:7:other@example.com', 'other@example.com'), T0);
          // Being handed over until T3; handed over until T0, which has passed; sent.
          await e.insert('mail_queue', { ...row('leased', T3), id: 20 });
          await e.insert('mail_queue', { ...row('lapsed', T0), id: 21 });
          await e.mail.markSent(6, T0);
        });
        expect(await same((e) => e.mail.unsubscribe('unsub-1', T1))).toMatchObject({
          unsubscribed_at: T1,
        });
        expect(await same((e) => e.mail.unsubscribe('unsub-1', T2))).toMatchObject({
          unsubscribed_at: T1,
        });
        expect(await same((e) => e.mail.unsubscribe('unsub-9', T2))).toBeNull();
        expect(await same((e) => e.mail.confirm('confirm-1', T2))).toBeNull();
        const left = (await sameRows('mail_queue')) as { dedupe_key: string }[];
        expect(left.map((mailRow) => mailRow.dedupe_key)).toEqual([
          'owner-new:7',
          'OWNER-NEW:8',
          'reply:9:reader@example.com',
          'reply:7:other@example.com',
          'leased',
        ]);
      });

      /** A mail row of a reader's being handed over until `sendingUntil`. */
      function row(dedupeKey: string, sendingUntil: string) {
        return {
          dedupe_key: dedupeKey,
          recipient: 'reader@example.com',
          subject: 'S',
          text: 'T',
          html: 'H',
          created_at: T0,
          next_attempt_at: T0,
          sending_until: sendingUntil,
          attempts: 1,
        };
      }

      it('erases an address: its subscription, mail to it, and mail about its comments', async () => {
        await seed(async (e) => {
          await e.mail.addSubscriber('Erased@Example.com', 'confirm-1', 'unsub-1', T0);
          await e.mail.addSubscriber('kept@example.com', 'confirm-2', 'unsub-2', T0);
          const keys: [string, string][] = [
            ['confirm:erased@example.com', 'erased@EXAMPLE.com'],
            ['owner-new:12', 'owner@example.com'],
            ['owner-new:1', 'owner@example.com'],
            ['owner-new:12x', 'owner@example.com'],
            ['reply:12:someone@example.com', 'someone@example.com'],
            ['REPLY:13:else@example.com', 'else@example.com'],
            ['reply:1:someone@example.com', 'someone@example.com'],
            ['reply:120:someone@example.com', 'someone@example.com'],
            ['reply_12:someone@example.com', 'someone@example.com'],
          ];
          for (const [key, recipient] of keys) await e.mail.queueMail(mail(key, recipient), T0);
          await e.mail.markSent(1, T1);
        });
        await same((e) => e.mail.eraseAddress('ERASED@example.com', [12, 13]));
        expect(await same((e) => e.mail.findSubscriber('erased@example.com'))).toBeNull();
        await sameRows('subscribers', 'created_at, unsubscribe_token_hash');
        const left = (await sameRows('mail_queue')) as { dedupe_key: string }[];
        expect(left.map((mailRow) => mailRow.dedupe_key)).toEqual([
          'owner-new:1',
          'owner-new:12x',
          'reply:1:someone@example.com',
          'reply:120:someone@example.com',
          'reply_12:someone@example.com',
        ]);
        await same((e) => e.mail.eraseAddress('kept@example.com', []));
        await sameRows('subscribers', 'created_at, unsubscribe_token_hash');
        await sameRows('mail_queue');
      });

      it('names its statements as SQLite does, each under the store name', async () => {
        const [sqlite, postgres] = await Promise.all(
          engines.map((engine) => engine.mail.statementSources()),
        );
        expect(Object.keys(postgres ?? {})).toEqual(
          Object.keys(sqlite ?? {}).map((name) => `mail.${name}`),
        );
      });
    });

    describe('two instances claiming mail', () => {
      let other: pg.Pool;
      beforeEach(async () => {
        other = await openPostgres(database.url);
      });
      afterEach(async () => {
        await other.end();
      });

      it('passes over the mail another instance is taking rather than waiting for it', async () => {
        const mail = createPgMailStore(poolConnection(pool));
        for (const key of ['a', 'b', 'c'])
          await mail.queueMail(
            {
              dedupeKey: key,
              recipient: 'r@example.com',
              subject: 'S',
              text: 'T',
              html: 'H',
              headers: {},
            },
            T0,
          );
        const elsewhere = createPgMailStore(poolConnection(other));
        // The first instance's claim stays uncommitted while the second claims: the second
        // would wait for it (and this test time out) if it did not skip the locked row.
        const [held, meanwhile] = await inTransaction(pool, async (connection) => {
          const first = await createPgMailStore(connection).claimDue(T0, T1, 3);
          return [first, await elsewhere.claimDue(T0, T1, 3)];
        });
        expect([held?.dedupe_key, meanwhile?.dedupe_key]).toEqual(['a', 'b']);
        expect((await elsewhere.claimDue(T0, T1, 3))?.dedupe_key).toBe('c');
        expect(await mail.claimDue(T0, T1, 3)).toBeNull();
      });

      it('never gives two instances claiming at once the same mail', async () => {
        const mail = createPgMailStore(poolConnection(pool));
        const count = 60;
        for (let n = 0; n < count; n++)
          await mail.queueMail(
            {
              dedupeKey: `m${n}`,
              recipient: 'r@example.com',
              subject: 'S',
              text: 'T',
              html: 'H',
              headers: {},
            },
            T0,
          );
        /** Claims until nothing is due, several claims at once from the instance's pool. */
        const drain = async (instance: pg.Pool) => {
          const store = createPgMailStore(poolConnection(instance));
          const claimed: number[] = [];
          const worker = async () => {
            for (;;) {
              const next = await store.claimDue(T0, T1, 3);
              if (!next) return;
              claimed.push(next.id);
            }
          };
          await Promise.all([worker(), worker(), worker()]);
          return claimed;
        };
        const [ours, theirs] = await Promise.all([drain(pool), drain(other)]);
        const every = [...(ours ?? []), ...(theirs ?? [])];
        expect(new Set(every).size).toBe(every.length);
        expect(every.sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, n) => n + 1));
        const { rows } = await pool.query('SELECT DISTINCT attempts FROM mail_queue');
        expect(rows).toEqual([{ attempts: 1 }]);
      });
    });

    describe('sessions', () => {
      it('opens, finds and closes dashboard sessions, purging expired ones as another opens', async () => {
        const week = 7 * 86_400_000;
        await same(async (e) => {
          const first = await e.sessions.open(at(T0));
          const second = await e.sessions.open(at(T0, 86_400_000));
          const stored = (await e.rows(
            'SELECT token_hash FROM admin_sessions ORDER BY created_at',
          )) as {
            token_hash: string;
          }[];
          const seen = {
            hashesOnly: stored.map((s) => s.token_hash),
            found: (await e.sessions.find(first.token, at(T0)))?.csrfToken === first.csrfToken,
            unknown: await e.sessions.find('unknown', at(T0)),
            lastMoment: (await e.sessions.find(first.token, at(T0, week - 1))) !== null,
            expired: await e.sessions.find(first.token, at(T0, week)),
          };
          expect(seen.hashesOnly).toEqual([hashToken(first.token), hashToken(second.token)]);
          await e.sessions.open(at(T0, week));
          const afterPurge = await e.rows(
            'SELECT created_at, expires_at FROM admin_sessions ORDER BY created_at',
          );
          await e.sessions.close(second.token);
          await e.sessions.close('unknown');
          const closed = await e.sessions.find(second.token, at(T0, week));
          await e.sessions.closeAll();
          const left = await e.rows('SELECT count(*) AS count FROM admin_sessions');
          return { ...seen, hashesOnly: seen.hashesOnly.length, afterPurge, closed, left };
        });
      });
    });

    describe('held views', () => {
      it('shows a held comment once, within the hour, and drops tokens nobody followed', async () => {
        await seed(async (e) => {
          await page(e, 1, 'https://blog.example/a', null);
          await comment(e, 1, 1, { status: 'pending' });
          await comment(e, 2, 1, { status: 'pending' });
        });
        const hour = 3_600_000;
        const seen = await same(async (e) => {
          const once = await e.heldViews.issue(1, at(T0));
          const late = await e.heldViews.issue(2, at(T0));
          const answers = [
            await e.heldViews.take(once, at(T0, hour - 1)),
            await e.heldViews.take(once, at(T0, hour - 1)),
            await e.heldViews.take(late, at(T0, hour)),
            await e.heldViews.take('unknown', at(T0)),
          ];
          const before = await e.rows('SELECT comment_id, expires_at FROM held_views');
          // Issuing another drops the one that expired.
          const next = await e.heldViews.issue(2, at(T0, hour));
          const after = await e.rows('SELECT comment_id, expires_at FROM held_views');
          // A view goes with its comment.
          await e.rows('DELETE FROM comments WHERE id = 2');
          return { answers, before, after, gone: await e.heldViews.take(next, at(T0, hour)) };
        });
        expect(seen.answers).toEqual([1, null, null, null]);
        expect(seen.after).toEqual([{ comment_id: 2, expires_at: at(T0, 2 * hour).toISOString() }]);
        expect(seen.gone).toBeNull();
        await bothFail((e) => e.heldViews.issue(99, at(T0)));
      });
    });

    describe('likes', () => {
      it('counts one like per voter on shown comments, and none on others', async () => {
        await seed(async (e) => {
          await page(e, 1, 'https://blog.example/a', 'A');
          await page(e, 2, 'https://blog.example/b', 'B');
          await comment(e, 1, 1, {});
          await comment(e, 2, 1, { status: 'pending' });
          await comment(e, 3, 2, {});
        });
        const vote = (commentId: number, voterHash: string, ipHash: string | null = 'ip') => ({
          commentId,
          voterHash,
          ipHash,
          createdAt: T0,
        });
        expect(await same((e) => e.likes.pageOfShown(1))).toMatchObject({ id: 1, key: 'key-1' });
        expect(await same((e) => e.likes.pageOfShown(2))).toBeNull();
        expect(await same((e) => e.likes.pageOfShown(99))).toBeNull();
        const counts = await same(async (e) => [
          await e.likes.like(vote(1, 'voter-a')),
          await e.likes.like(vote(1, 'voter-a')),
          await e.likes.like(vote(1, 'voter-b', null)),
          await e.likes.like(vote(3, 'voter-a')),
          await e.likes.like(vote(2, 'voter-a')),
          await e.likes.like(vote(99, 'voter-a')),
          await e.likes.unlike(1, 'voter-a'),
          await e.likes.unlike(1, 'voter-c'),
          await e.likes.unlike(2, 'voter-a'),
          await e.likes.unlike(99, 'voter-a'),
        ]);
        expect(counts).toEqual([1, 1, 2, 1, null, null, 1, 1, null, null]);
        expect(
          await same(async (e) => [
            await e.likes.likesVersion(1),
            await e.likes.likesVersion(2),
            await e.likes.likesVersion(99),
          ]),
        ).toEqual([3, 1, 0]);
        await sameRows('likes', 'comment_id, voter_hash');
        await same((e) => e.rows('SELECT id, likes FROM comments ORDER BY id'));
        await sameRows('pages');
      });
    });
  },
);
