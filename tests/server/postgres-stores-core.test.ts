/**
 * The PostgreSQL store (settings, pages, thread pages, comment reads, authors, comment writes)
 * beside SQLite's: the same calls on both, in the same order, must give the same answers and
 * leave the same rows, down to page versions moved by the triggers.
 */
import type { Database } from 'better-sqlite3';
import type pg from 'pg';
import { afterEach, beforeEach, expect, expectTypeOf, it } from 'vitest';
import { openDatabase } from '../../server/storage/open.ts';
import { inTransaction, poolConnection } from '../../server/storage/postgres/connection.ts';
import { openPostgres } from '../../server/storage/postgres/pool.ts';
import { createPgStore } from '../../server/storage/postgres/store.ts';
import type { NewCommentRow, PageRef, ThreadCursor } from '../../server/storage/rows.ts';
import { createSqliteStorage } from '../../server/storage/sqlite-storage.ts';
import type { Storage } from '../../server/storage/storage.ts';
import type { ThreadSort } from '../../shared/types.ts';
import { storedComment } from '../helpers/app.ts';
import { createTestDatabase, describePostgres, type TestDatabase } from '../helpers/postgres.ts';

type Store = Storage['store'];
type NewComment = Omit<NewCommentRow, 'pageId'>;

/** A minute of 1 May 2024 as stored times are written; equal minutes make ties. */
function at(minute: number): string {
  return new Date(Date.UTC(2024, 4, 1, 10, minute)).toISOString();
}

const PAGE: PageRef = { key: 'https://blog.example/a', url: 'https://blog.example/a', title: 'A' };
const OTHER: PageRef = { key: 'https://blog.example/b', url: 'https://blog.example/b', title: 'B' };

/** Every table the store writes, read in a fixed order. */
const TABLES = [
  'SELECT * FROM settings ORDER BY key',
  'SELECT * FROM pages ORDER BY id',
  'SELECT * FROM comments ORDER BY id',
  'SELECT * FROM held_titles ORDER BY comment_id',
];

/** `sql` written with `?`, as PostgreSQL numbers its parameters. */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** A tiny deterministic generator, so that a failing thread can be built again. */
function randomFrom(seed: number): (below: number) => number {
  let state = seed;
  return (below) => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    // The high bits: an LCG's low bits repeat within a few steps.
    return (state >>> 16) % below;
  };
}

describePostgres("the PostgreSQL store, beside SQLite's", () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  let db: Database;
  let lite: Storage;
  let store: Store;
  let made = 0;

  beforeEach(async () => {
    database = await createTestDatabase();
    pool = await openPostgres(database.url, { poolSize: 4 });
    db = openDatabase(':memory:');
    lite = createSqliteStorage(db, ':memory:');
    store = createPgStore(poolConnection(pool));
    made = 0;
  });
  afterEach(async () => {
    await lite?.close();
    await pool?.end();
    await database?.drop();
  });

  /** Runs `call` on SQLite's store, then on PostgreSQL's; both must answer alike. */
  async function both<T>(call: (store: Store) => Promise<T>): Promise<T> {
    const expected = await call(lite.store);
    const actual = await call(store);
    expect(actual).toStrictEqual(expected);
    return expected;
  }

  /** Runs `call` on both stores, which must both refuse it; the two errors. */
  async function bothRefuse(
    call: (store: Store) => Promise<unknown>,
  ): Promise<{ sqlite: { code: string }; postgres: { code: string } }> {
    const sqlite = await call(lite.store).then(
      () => expect.fail('SQLite took it'),
      (error: { code: string }) => error,
    );
    const postgres = await call(store).then(
      () => expect.fail('PostgreSQL took it'),
      (error: { code: string }) => error,
    );
    return { sqlite, postgres };
  }

  /** Sets a scene with the same SQL on both databases, as no store method would. */
  async function exec(sql: string, values: unknown[] = []): Promise<void> {
    db.prepare(sql).run(...values);
    await pool.query(numbered(sql), values);
  }

  async function expectSameTables(): Promise<void> {
    for (const sql of TABLES)
      expect((await pool.query(sql)).rows, sql).toStrictEqual(db.prepare(sql).all());
  }

  /** A new comment, made once so that both stores get the very same one. */
  function comment(changes: Partial<NewComment> = {}): NewComment {
    made += 1;
    return storedComment({
      body: `Comment ${made}.`,
      tokenHash: `token-${made}`,
      ipHash: 'ip',
      userAgent: 'agent',
      createdAt: at(made),
      ...changes,
    });
  }

  const post = (page: PageRef, changes: Partial<NewComment> = {}) => {
    const sent = comment(changes);
    return both((s) => s.insertComment(page, sent));
  };

  it('has the type of the storage seam, and every method of SQLite’s store', () => {
    expectTypeOf(createPgStore).returns.toEqualTypeOf<Storage['store']>();
    expect(Object.keys(store).sort()).toEqual(Object.keys(lite.store).sort());
  });

  it('names each statement once, and every name prepares', async () => {
    const sources = await store.statementSources();
    expect(Object.keys(sources).length).toBeGreaterThan(30);
    for (const [name, text] of Object.entries(sources)) {
      // PREPARE checks the statement against the schema without running it.
      await pool.query(`PREPARE check_statement AS ${text}`).catch((error: Error) => {
        throw new Error(`${name}: ${error.message}`);
      });
      await pool.query('DEALLOCATE check_statement');
    }
  });

  it('keeps, replaces and deletes settings', async () => {
    await both((s) => s.getSetting('missing'));
    await both((s) => s.setSetting('greeting', 'hello'));
    await both((s) => s.setSetting('greeting', 'héllo \u{1F44B}'));
    expect(await both((s) => s.getSetting('greeting'))).toBe('héllo \u{1F44B}');
    await both((s) => s.setSetting('empty', ''));
    expect(await both((s) => s.getSetting('empty'))).toBe('');
    await both((s) => s.deleteSetting('greeting'));
    await both((s) => s.deleteSetting('never-set'));
    expect(await both((s) => s.getSetting('greeting'))).toBeNull();
    await expectSameTables();
  });

  it('stores a page first seen once, opens and closes it, and counts its approved comments', async () => {
    expect(await both((s) => s.findPage(PAGE.key))).toBeNull();
    expect(await both((s) => s.pageVersion(PAGE.key))).toBeNull();
    expect(await both((s) => s.pageById(1))).toBeNull();
    await both((s) => s.notePageSeen(PAGE.key, PAGE.url, at(0)));
    await both((s) => s.notePageSeen(PAGE.key, 'https://elsewhere.example/', at(9)));
    // A page seen again takes no id: the next page is numbered as SQLite numbers it.
    await both((s) => s.notePageSeen(OTHER.key, OTHER.url, at(1)));
    expect((await both((s) => s.findPage(OTHER.key)))?.id).toBe(2);
    expect(await both((s) => s.pageVersion(PAGE.key))).toStrictEqual({
      id: 1,
      version: 0,
      published_at: at(0),
      open_override: null,
    });
    expect((await both((s) => s.setPageOpen(PAGE.key, false)))?.open_override).toBe(0);
    expect((await both((s) => s.setPageOpen(PAGE.key, true)))?.open_override).toBe(1);
    expect((await both((s) => s.setPageOpen(PAGE.key, null)))?.open_override).toBeNull();
    expect(await both((s) => s.setPageOpen('https://blog.example/none', true))).toBeNull();
    await post(PAGE);
    await post(PAGE, { status: 'pending' });
    await post(OTHER);
    await post(OTHER);
    await both((s) => s.pageById(1));
    const counts = await both((s) =>
      s.countsByKey([PAGE.key, OTHER.key, OTHER.key, 'https://blog.example/none']),
    );
    expect(counts).toStrictEqual(
      new Map([
        [PAGE.key, 1],
        [OTHER.key, 2],
      ]),
    );
    expect(await both((s) => s.countsByKey([]))).toStrictEqual(new Map());
    await expectSameTables();
  });

  it("finds an explicit page id's page on its own origin only, scoped or stored before scoping", async () => {
    const origin = 'https://blog.example';
    expect(await both((s) => s.explicitPageKey(origin, 'post-1'))).toBe(`${origin} post-1`);
    // Stored before ids were scoped: the bare id, with an address on the origin.
    await both((s) => s.notePageSeen('post-2', `${origin}/two`, at(0)));
    expect(await both((s) => s.explicitPageKey(origin, 'post-2'))).toBe('post-2');
    expect(await both((s) => s.explicitPageKey('https://blog.example.org', 'post-2'))).toBe(
      'https://blog.example.org post-2',
    );
    expect(await both((s) => s.explicitPageKey('https://BLOG.example', 'post-2'))).toBe(
      'https://BLOG.example post-2',
    );
    expect(await both((s) => s.explicitPageKey('https://blog.exampl', 'post-2'))).toBe(
      'https://blog.exampl post-2',
    );
    // A page keyed by its own address is no bare id, whatever it looks like.
    await both((s) => s.notePageSeen(`${origin}/three`, `${origin}/three`, at(0)));
    expect(await both((s) => s.explicitPageKey(origin, `${origin}/three`))).toBe(
      `${origin} ${origin}/three`,
    );
    // Both stored: the scoped one wins.
    await both((s) => s.notePageSeen(`${origin} post-2`, `${origin}/two`, at(1)));
    expect(await both((s) => s.explicitPageKey(origin, 'post-2'))).toBe(`${origin} post-2`);
    expect(await both((s) => s.explicitPageKey(origin, "it's 100%_"))).toBe(`${origin} it's 100%_`);
  });

  it('names a page by the titles of the posts shown on it, and a held one only once approved', async () => {
    // Seen first, untitled: its first comment names it, held or not.
    await both((s) => s.notePageSeen(PAGE.key, PAGE.url, at(0)));
    const held = await post({ ...PAGE, title: 'Held title' }, { status: 'pending' });
    expect((await both((s) => s.findPage(PAGE.key)))?.title).toBe('Held title');
    // A shown post without a title, on a page nothing was shown on, drops the held title.
    await post({ ...PAGE, title: null });
    expect((await both((s) => s.findPage(PAGE.key)))?.title).toBeNull();
    await post({ ...PAGE, title: 'Shown title' });
    const second = await post({ ...PAGE, title: 'Second held' }, { status: 'pending' });
    expect((await both((s) => s.findPage(PAGE.key)))?.title).toBe('Shown title');
    await expectSameTables();
    // Approved while a newer shown post named the page: the held title waits no more, unused.
    await post({ ...PAGE, title: 'Newest shown' });
    const approved = await both((s) => s.setStatus(second.id, 'approved', at(50)));
    expect(approved?.page_title).toBe('Newest shown');
    // The oldest held post approved last still does not rename it.
    await both((s) => s.setStatus(held.id, 'approved', at(51)));
    expect((await both((s) => s.findPage(PAGE.key)))?.title).toBe('Newest shown');
    // A page made by a held post: its title is kept, and approval names it.
    const first = await post(OTHER, { status: 'spam' });
    await both((s) => s.setStatus(first.id, 'approved', at(52)));
    const late = await post({ ...OTHER, title: 'Renamed' }, { status: 'pending' });
    await both((s) => s.setStatus(late.id, 'approved', at(53)));
    expect((await both((s) => s.findPage(OTHER.key)))?.title).toBe('Renamed');
    // A shown post at the very time of the held one, but after it, still counts as newer.
    const third: PageRef = {
      key: 'https://blog.example/c',
      url: 'https://blog.example/c',
      title: 'C',
    };
    await post(third);
    const tied = await post(
      { ...third, title: 'Tied held' },
      { status: 'pending', createdAt: at(60) },
    );
    await post({ ...third, title: 'Tied shown' }, { createdAt: at(60) });
    await both((s) => s.setStatus(tied.id, 'approved', at(61)));
    expect((await both((s) => s.findPage(third.key)))?.title).toBe('Tied shown');
    await expectSameTables();
  });

  it('stores comments, replies and the owner’s replies with their roots, flags and languages', async () => {
    const top = await post(PAGE, {
      notify: true,
      lang: 'de',
      verified: true,
      website: 'https://a.example',
    });
    const reply = await post(PAGE, { parentId: top.id, depth: 2, lang: null });
    const deeper = await post(PAGE, { parentId: reply.id, depth: 3, status: 'pending' });
    expect([reply.root_id, deeper.root_id]).toEqual([top.id, top.id]);
    const sent = comment({ parentId: deeper.id, depth: 4, name: 'Owner' });
    const owner = await both((s) => s.insertOwnerReply(PAGE, sent));
    expect(owner.by_owner).toBe(1);
    expect(await both((s) => s.findComment(owner.id))).toStrictEqual(owner);
    // A parent that is not stored: both refuse it and store nothing.
    const orphan = comment({ parentId: 999, depth: 2 });
    const refused = await bothRefuse((s) => s.insertComment(OTHER, orphan));
    expect(refused.sqlite.code).toBe('SQLITE_CONSTRAINT_FOREIGNKEY');
    expect(refused.postgres.code).toBe('23503');
    expect(await both((s) => s.findPage(OTHER.key))).toBeNull();
    await expectSameTables();
  });

  it('refuses a second comment with the same author token, leaving nothing of it', async () => {
    const first = comment();
    await both((s) => s.insertComment(PAGE, first));
    const again = comment({ tokenHash: first.tokenHash });
    const refused = await bothRefuse((s) => s.insertComment(OTHER, again));
    expect(refused.sqlite.code).toBe('SQLITE_CONSTRAINT_UNIQUE');
    expect(refused.postgres.code).toBe('23505');
    expect(await both((s) => s.findPage(OTHER.key))).toBeNull();
    await expectSameTables();
  });

  it('gives the id its next insert will take, which after a removal differs by engine', async () => {
    expect(await both((s) => s.nextCommentId())).toBe(1);
    await post(PAGE);
    const newest = await post(PAGE);
    expect(await both((s) => s.nextCommentId())).toBe(3);
    await both((s) => s.deleteComment(newest.id, at(60)));
    // SQLite numbers from the largest id left; PostgreSQL's sequence never goes back.
    expect(await lite.store.nextCommentId()).toBe(2);
    expect(await store.nextCommentId()).toBe(3);
    const next = comment();
    expect((await lite.store.insertComment(PAGE, next)).id).toBe(2);
    expect((await store.insertComment(PAGE, next)).id).toBe(3);
  });

  it('moderates: statuses, placeholders kept, and a deleted comment never shown again', async () => {
    const top = await post(PAGE, { status: 'pending' });
    const reply = await post(PAGE, { parentId: top.id, depth: 2 });
    const lone = await post(PAGE);
    const moderated = await both((s) => s.setStatus(top.id, 'approved', at(40)));
    expect(moderated).toMatchObject({ status: 'approved', page_key: PAGE.key, updated_at: at(40) });
    await both((s) => s.setStatus(lone.id, 'spam', at(41)));
    await both((s) => s.setStatus(lone.id, 'trash', at(42)));
    expect(await both((s) => s.setStatus(999, 'approved', at(43)))).toBeNull();
    expect(await both((s) => s.deleteComment(top.id, at(44)))).toBe('erased');
    expect(await both((s) => s.setStatus(top.id, 'approved', at(45)))).toBeNull();
    expect(await both((s) => s.deleteComment(lone.id, at(46)))).toBe('removed');
    expect(await both((s) => s.deleteComment(999, at(47)))).toBe('removed');
    const bad = await bothRefuse((s) => s.setStatus(reply.id, 'lost' as 'spam', at(48)));
    expect(bad.sqlite.code).toBe('SQLITE_CONSTRAINT_CHECK');
    expect(bad.postgres.code).toBe('23514');
    await expectSameTables();
  });

  it("edits a comment's text, keyed anew, and the same text again as SQLite's trigger does", async () => {
    const shown = await post(PAGE, { body: 'First words' });
    const edited = await both((s) =>
      s.editComment(
        shown.id,
        { body: 'Other  WORDS', html: '<p>Other</p>', status: 'approved' },
        at(30),
      ),
    );
    expect(edited?.edited_at).toBe(at(30));
    await both((s) =>
      s.editComment(
        shown.id,
        { body: 'Other  WORDS', html: '<p>Again</p>', status: 'pending' },
        at(31),
      ),
    );
    expect(
      await both((s) => s.editComment(999, { body: 'x', html: 'x', status: 'approved' }, at(32))),
    ).toBeNull();
    expect(
      await both((s) => s.isDuplicate(edited?.page_id ?? 0, 'ann@example.com', 'other words')),
    ).toBe(true);
    await expectSameTables();
  });

  it('knows an author by address and name, finds duplicates, and erases an address', async () => {
    const names = ['Ann Reader', 'Zoë', 'ann  reader', 'Bob', 'Ånn', 'Carl', 'Ann Reader'];
    for (const name of names) await post(PAGE, { name, email: 'Ann@Example.COM' });
    await post(PAGE, { name: 'Held', email: 'held@example.com', status: 'pending' });
    await post(PAGE, { name: 'Ünïcode', email: 'ÄNN@example.com', body: 'Same text' });
    for (const [email, name] of [
      ['ann@example.com', 'ANN READER'],
      ['ANN@EXAMPLE.COM', ' ann\treader '],
      ['ann@example.com', 'Zoe'],
      ['ann@example.com', 'zoë'],
      ['ann@example.com', 'ånn'],
      ['ann@example.com', 'Nobody'],
      ['held@example.com', 'Held'],
      ['änn@example.com', 'Ünïcode'],
      ['ÄNN@example.com', 'ünïcode'],
      ['nobody@example.com', 'Ann Reader'],
    ] as const)
      await both((s) => s.hasApprovedCommentFrom(email, name));
    for (const email of ['ANN@example.com', 'held@example.com', 'änn@example.com', 'x@example.com'])
      await both((s) => s.hasApprovedCommentFromAddress(email));
    const pageId = (await both((s) => s.findPage(PAGE.key)))?.id ?? 0;
    for (const [email, body] of [
      ['äNN@example.com', 'same TEXT'],
      ['ÄNN@EXAMPLE.COM', '  Same   text '],
      ['ann@example.com', 'Same text'],
      ['ÄNN@example.com', 'Same text!'],
    ] as const)
      await both((s) => s.isDuplicate(pageId, email, body));
    expect(await both((s) => s.isDuplicate(pageId + 1, 'ÄNN@example.com', 'Same text'))).toBe(
      false,
    );
    const token = `token-${made}`;
    expect((await both((s) => s.findByTokenHash(token)))?.name).toBe('Ünïcode');
    expect(await both((s) => s.findByTokenHash('none'))).toBeNull();
    expect((await both((s) => s.commentsByEmail('ann@EXAMPLE.com'))).length).toBe(names.length);
    expect(await both((s) => s.commentsByEmail('änn@example.com'))).toStrictEqual([]);

    // Someone else's reply keeps the erased comment as a placeholder; one's own reply goes first.
    const [first] = await lite.store.commentsByEmail('ann@example.com');
    await post(PAGE, { parentId: first?.id ?? 0, depth: 2, email: 'ANN@example.com' });
    await post(PAGE, { parentId: first?.id ?? 0, depth: 2, email: 'bob@example.com' });
    // Answered only by the same address: the reply goes first, then the comment, row and all.
    const [, second] = await lite.store.commentsByEmail('ann@example.com');
    await post(PAGE, { parentId: second?.id ?? 0, depth: 2, email: 'ann@EXAMPLE.com' });
    expect(await both((s) => s.eraseByEmail('ann@example.COM', at(90)))).toBe(names.length + 2);
    expect(await both((s) => s.eraseByEmail('nobody@example.com', at(91)))).toBe(0);
    expect(await both((s) => s.isDuplicate(pageId, 'ann@example.com', 'Comment 1.'))).toBe(false);
    // A placeholder keeps an empty text and address, which no post repeats.
    expect(await both((s) => s.isDuplicate(pageId, '', ''))).toBe(false);
    await expectSameTables();
  });

  it('lists comments of a status newest first, a page at a time', async () => {
    for (let n = 0; n < 7; n++)
      await post(n % 2 ? OTHER : PAGE, { status: n % 3 ? 'pending' : 'spam' });
    for (const status of ['pending', 'spam', 'approved', 'trash'] as const) {
      const all = await both((s) => s.listByStatus(status, 100));
      for (const limit of [1, 2, 3]) await both((s) => s.listByStatus(status, limit, all[1]?.id));
    }
    expect((await both((s) => s.listByStatus('pending', 2, 1))).length).toBe(0);
    expect(await both((s) => s.findModerated(3))).toMatchObject({ id: 3, page_key: PAGE.key });
    expect(await both((s) => s.findModerated(99))).toBeNull();
    expect(await both((s) => s.findComment(99))).toBeNull();
  });

  /**
   * A thread of every kind of row a reader's page meets: replies in depth, ties in time and
   * likes, pinned comments, placeholders, held comments and replies that are not shown.
   */
  async function buildThread(seed: number): Promise<number> {
    const random = randomFrom(seed);
    const ids: number[] = [];
    for (let n = 0; n < 60; n++) {
      // Mostly answers to one of the latest comments, so that some have many replies; times
      // step forward with ties, and now and then a reply is dated before its parent.
      const latest = ids.slice(-6);
      const parent =
        latest.length > 0 && random(3) > 0 ? (latest[random(latest.length)] ?? null) : null;
      const row = await post(PAGE, {
        parentId: parent,
        depth: parent === null ? 1 : 2,
        status: random(8) === 0 ? 'pending' : 'approved',
        createdAt: at(n + random(3) - (random(10) === 0 ? 4 : 0)),
      });
      ids.push(row.id);
    }
    await post(OTHER);
    for (const id of ids) {
      for (let vote = random(4); vote > 0; vote--)
        await exec('INSERT INTO likes (comment_id, voter_hash, created_at) VALUES (?, ?, ?)', [
          id,
          `voter-${vote}`,
          at(70),
        ]);
    }
    const tops = await lite.store.threadRows(1);
    for (const row of tops.filter((row) => row.parent_id === null && random(4) === 0))
      await exec('UPDATE comments SET pinned = 1 WHERE id = ?', [row.id]);
    for (const id of ids.filter(() => random(7) === 0))
      await both((s) => s.deleteComment(id, at(80)));
    return 1;
  }

  /** Reads a whole thread page by page, both engines alike, until no page follows. */
  async function walkThread(pageId: number, sort: ThreadSort, limit: number, most: number) {
    let cursor: ThreadCursor | null = null;
    for (let pages = 0; pages < 200; pages++) {
      const from: ThreadCursor | null = cursor;
      const page: Awaited<ReturnType<Store['threadPage']>> = await both((s) =>
        s.threadPage(pageId, from, limit, sort, most),
      );
      cursor = page.next;
      if (!cursor) return;
    }
    expect.fail(`${sort}, ${limit} a page, ${most} at most: no last page`);
  }

  it('reads every order of a thread a page at a time, ending inside replies where they overflow', async () => {
    const pageId = await buildThread(7);
    await expectSameTables();
    await both((s) => s.threadRows(pageId));
    expect(await both((s) => s.threadRows(99))).toStrictEqual([]);
    const sorts: ThreadSort[] = ['oldest', 'newest', 'best'];
    for (const sort of sorts)
      for (const limit of [1, 3, 100])
        for (const most of [2, 5, 500]) {
          await walkThread(pageId, sort, limit, most);
        }
    // Cursors as clients send them back, made up or stale, and one inside a comment's replies.
    const shown = await lite.store.threadRows(pageId);
    const reply = shown.find((row) => row.root_id !== null);
    const root = shown.find((row) => row.id === reply?.root_id);
    expect(root).toBeDefined();
    const made: ThreadCursor[] = [
      {
        created: root?.created_at ?? '',
        id: root?.id ?? 0,
        reply: { created: reply?.created_at ?? '', id: reply?.id ?? 0 },
      },
      { created: at(3), id: 2 },
      { created: at(3), id: 2, likes: 1 },
      { created: at(3), id: 2, pinned: true },
      { created: at(0), id: 0, reply: { created: at(10), id: 5 } },
      { created: '', id: 0, reply: { created: '', id: 0 } },
      { created: '\u{10FFFF}', id: Number.MAX_SAFE_INTEGER },
    ];
    for (const cursor of made)
      for (const sort of sorts)
        for (const most of [0, 1, 6])
          await both((s) => s.threadPage(pageId, cursor, 4, sort, most));
    expect(await both((s) => s.threadPage(99, null, 10))).toStrictEqual({
      rows: [],
      next: null,
      cut: null,
    });
  });

  it('undoes a failed write alone inside a transaction, as a savepoint does in SQLite', async () => {
    const kept = comment();
    const clash = comment({ tokenHash: kept.tokenHash });
    const inside = async (tx: Store) => {
      await tx.insertComment(PAGE, kept);
      await tx.insertComment(OTHER, clash).catch(() => null);
      return tx.findPage(OTHER.key);
    };
    const expected = await lite.transaction((tx) => inside(tx.store));
    const actual = await inTransaction(pool, (connection) => inside(createPgStore(connection)));
    expect(actual).toStrictEqual(expected);
    expect(actual).toBeNull();
    const rows = await pool.query('SELECT token_hash FROM comments');
    expect(rows.rows).toStrictEqual([{ token_hash: kept.tokenHash }]);
  });

  /** Asks `sql` again until it answers a row: a condition another connection brings about. */
  async function waitUntil(client: pg.PoolClient, sql: string): Promise<void> {
    for (let asked = 1; (await client.query(sql)).rowCount === 0; asked++)
      if (asked > 100_000) throw new Error(`Never true: ${sql}`);
  }

  it('makes one page of two first comments posted at once on PostgreSQL', async () => {
    const first = comment();
    const second = comment();
    // The first post's transaction holds the new page, not yet committed, while the second
    // looks for it, finds none, and waits on the key; then the first commits.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const opened = inTransaction(pool, async (connection) => {
      await createPgStore(connection).insertComment(PAGE, first);
      await held;
    });
    const client = await pool.connect();
    try {
      await waitUntil(
        client,
        "SELECT FROM pg_stat_activity WHERE state = 'idle in transaction' AND datname = current_database()",
      );
      const posted = store.insertComment(PAGE, second);
      await waitUntil(
        client,
        "SELECT FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()",
      );
      release();
      await opened;
      expect((await posted).page_id).toBe(1);
    } finally {
      client.release();
    }
    const pages = await pool.query('SELECT id, key, title FROM pages');
    expect(pages.rows).toStrictEqual([{ id: 1, key: PAGE.key, title: 'A' }]);
  });

  /** The plan PostgreSQL picks for `name` with these arguments, custom or generic. */
  async function planOf(
    client: pg.PoolClient,
    text: string,
    args: string[],
    mode: 'force_custom_plan' | 'force_generic_plan',
  ): Promise<string> {
    await client.query(`SET plan_cache_mode = ${mode}`);
    await client.query(`PREPARE planned AS ${text}`);
    try {
      const literals = args.map((arg) => client.escapeLiteral(arg)).join(', ');
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN EXECUTE planned${args.length ? `(${literals})` : ''}`,
      );
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    } finally {
      await client.query('DEALLOCATE planned');
    }
  }

  it("reads a 10,000-comment thread and checks posts through each statement's index, with no sorting", async () => {
    await pool.query(
      "INSERT INTO pages (key, url, created_at) VALUES ('p', 'https://blog.example/p', '2024'), ('q', 'https://blog.example/q', '2024')",
    );
    // Top-level comments on two pages, one in a hundred pinned, then two replies to each of the first ones.
    // The triggers' page counts would only slow the load: plans do not read them.
    await pool.query('ALTER TABLE comments DISABLE TRIGGER USER');
    await pool.query(
      `INSERT INTO comments (page_id, depth, status, name, email, body, html, created_at, likes,
         pinned, token_hash, text_key)
       SELECT 1 + n % 2, 1, CASE WHEN n % 5 = 0 THEN 'pending' ELSE 'approved' END,
         'Reader ' || n % 13, 'r' || n % 97 || '@example.com', 'Comment ' || n, '',
         to_char(timestamp '2024-01-01' + n * interval '1 minute', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
         n % 7, (n % 100 = 0)::integer, 't' || n, 'k' || n
       FROM generate_series(1, 10000) AS n`,
    );
    await pool.query(
      `INSERT INTO comments (page_id, parent_id, root_id, depth, status, name, email, body, html,
         created_at, token_hash, text_key)
       SELECT page_id, id, id, 2, 'approved', 'Replier', 'reply@example.com', 'Reply', '',
         created_at || copy, 'r' || id || copy, 'rk' || id || copy
       FROM comments, generate_series(1, 2) AS copy WHERE id <= 6000`,
    );
    await pool.query('ALTER TABLE comments ENABLE TRIGGER USER');
    await pool.query('ANALYZE comments, pages');
    const sources = await store.statementSources();
    // Each statement, the index it must read, and its arguments. Those with a LIMIT must read
    // the index in their order, so that the limit stops the reading: no sorting step.
    const ordered: [string, string, string[]][] = [
      ['threads.topLevelPage', 'comments_top_level', ['1', '', '0', '51']],
      ['threads.topLevelPage', 'comments_top_level', ['1', '2024-01-03', '5', '51']],
      [
        'threads.topLevelNewest',
        'comments_top_level',
        ['1', '\u{10FFFF}', '9007199254740991', '51'],
      ],
      ['threads.topLevelNewest', 'comments_top_level', ['1', '2024-01-03', '5', '51']],
      ['threads.topLevelTied', 'comments_best', ['1', '3', '2024-01-03', '5', '51']],
      ['threads.topLevelTied', 'comments_best', ['1', '0', '', '0', '51']],
      ['threads.topLevelBest', 'comments_best', ['1', '9007199254740991', '51']],
      ['threads.topLevelBest', 'comments_best', ['1', '3', '51']],
      ['threads.repliesUnder', 'comments_by_root', ['{11,13,15,17}', '501']],
      ['threads.repliesOf', 'comments_by_root', ['11', '', '0', '501']],
      ['authors.findDuplicate', 'comments_by_text', ['1', 'k5', 'r5@example.com']],
      ['writes.hasReplies', 'comments_by_parent', ['11']],
    ];
    const found: [string, string, string[]][] = [
      ['threads.pinnedTopLevel', 'comments_pinned', ['1']],
      ['authors.approvedNamesFrom', 'comments_by_email', ['r5@example.com']],
      ['authors.anyApprovedFrom', 'comments_by_email', ['r5@example.com']],
      ['authors.findByToken', 'comments_token_hash_key', ['t5']],
      ['authors.byEmail', 'comments_by_email', ['r5@example.com']],
    ];
    const client = await pool.connect();
    try {
      for (const mode of ['force_custom_plan', 'force_generic_plan'] as const) {
        for (const [name, index, args] of ordered) {
          const plan = await planOf(client, sources[name] as string, args, mode);
          const said = `${name}(${args.join(', ')}), ${mode}: ${plan}`;
          expect(plan, said).toMatch(
            new RegExp(
              String.raw`^Limit.*\n\s*->  Index (Only )?Scan (Backward )?using ${index} on comments`,
            ),
          );
          expect(plan, said).not.toMatch(/Sort|Seq Scan/);
        }
        for (const [name, index, args] of found) {
          const plan = await planOf(client, sources[name] as string, args, mode);
          const said = `${name}(${args.join(', ')}), ${mode}: ${plan}`;
          expect(plan, said).toMatch(
            new RegExp(
              `(Index (Only )?Scan|Bitmap Index Scan) on ${index}|Index (Only )?Scan (Backward )?using ${index}`,
            ),
          );
          expect(plan, said).not.toMatch(/Seq Scan on comments/);
        }
      }
    } finally {
      await client.query('RESET plan_cache_mode');
      client.release();
    }
  }, 60_000);
});
