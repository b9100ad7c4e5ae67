/**
 * `leave-a-reply copy`, the built command as a site owner runs it, between a SQLite file with
 * rows in every table and a database of the test cluster: there and back, row for row.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../../server/storage/open.ts';
import { openPostgres, POSTGRES_TYPES } from '../../server/storage/postgres/pool.ts';
import { runCommand } from '../helpers/cli-process.ts';
import { createTestDatabase, describePostgres, type TestDatabase } from '../helpers/postgres.ts';

const AT = '2024-05-01T10:00:00.000Z';

/**
 * Rows in every table, written as SQL so that they hold what the server's own writes can (and
 * some that only a trigger, an import or a crash leaves): a reply whose id comes before its
 * parent's, a page version and a like count no trigger would compute from the rows, a comment
 * without its text key, texts beyond ASCII, NULLs, and ids with gaps.
 */
function fillEveryTable(db: Database): void {
  const run = (sql: string, ...values: unknown[]) => db.prepare(sql).run(...values);
  run("INSERT INTO settings (key, value) VALUES ('server_key', 'k3y'), ('étiquette', 'ünïcødé ✓')");
  run(
    'INSERT INTO pages (id, key, url, title, created_at, published_at, open_override) VALUES (?, ?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?, ?)',
    ...[3, 'https://example.com/a', 'https://example.com/a', 'Ａ title', AT, AT, 1],
    ...[90, 'https://example.com/b', 'https://example.com/b', null, AT, null, null],
  );
  const comment = `INSERT INTO comments (id, page_id, parent_id, root_id, depth, status, trashed_from,
      pinned, by_owner, notify, name, email, website, body, html, token_hash, ip_hash, user_agent,
      created_at, updated_at, edited_at, text_key, lang, verified)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
  run(
    comment,
    10,
    3,
    null,
    null,
    1,
    'approved',
    null,
    1,
    0,
    1,
    'Ann',
    'Ann@Example.com',
    'https://ann.example',
    'Straße 👍🏽',
    '<p>Straße 👍🏽</p>',
    't10',
    'ip10',
    'UA',
    AT,
    AT,
    null,
    'key-10',
    'de',
    1,
  );
  // A reply stored before the comment it answers (an import can do that).
  run(
    comment,
    7,
    3,
    12,
    12,
    2,
    'pending',
    null,
    0,
    0,
    0,
    'Bob',
    'bob@example.com',
    null,
    'ΟΔΟΣ',
    '<p>ΟΔΟΣ</p>',
    null,
    null,
    null,
    AT,
    null,
    null,
    null,
    null,
    0,
  );
  run(
    comment,
    12,
    90,
    null,
    null,
    1,
    'trash',
    'spam',
    0,
    1,
    0,
    'Owner',
    'owner@example.com',
    null,
    'Mine',
    '<p>Mine</p>',
    't12',
    null,
    null,
    AT,
    null,
    AT,
    'key-12',
    'en',
    0,
  );
  // Keyed by the trigger on insert; emptied since, as a copy must leave it.
  run('UPDATE comments SET text_key = NULL WHERE id = 7');
  run(
    'INSERT INTO likes (comment_id, voter_hash, ip_hash, created_at) VALUES (10, ?, ?, ?), (10, ?, ?, ?)',
    'v1',
    'i1',
    AT,
    'v2',
    null,
    AT,
  );
  run('UPDATE comments SET likes = 7 WHERE id = 10');
  run('UPDATE pages SET version = 41, approved_count = 5, likes_version = 9 WHERE id = 3');
  run("INSERT INTO admin_sessions VALUES ('s1', 'csrf', ?, ?)", AT, AT);
  run(
    "INSERT INTO mail_queue (id, dedupe_key, recipient, subject, text, html, headers, created_at, attempts, next_attempt_at, sending_until, sent_at, last_error) VALUES (5, 'reply:10:x', 'ann@example.com', 'Re: ✓', 'text', '<p>html</p>', '{\"X\":\"1\"}', ?, 2, ?, NULL, NULL, 'timeout')",
    AT,
    AT,
  );
  run("INSERT INTO action_tokens VALUES ('a1', 7, 'approve', ?, NULL)", AT);
  run("INSERT INTO subscribers VALUES ('Ann@Example.com', 'c1', 'u1', ?, NULL, ?, 'de')", AT, AT);
  run("INSERT INTO held_titles VALUES (7, 3, 'A held title')");
  run("INSERT INTO held_views VALUES ('h1', 7, ?)", AT);
  run("INSERT INTO spent_challenges VALUES ('sig1', ?)", AT);
  run("INSERT INTO throttles VALUES ('posts', 'abc123', ?, 2, ?)", AT, AT);
  run(
    "INSERT INTO verified_addresses VALUES ('sec1', 'Ann@Example.com', 'link1', ?, ?, ?)",
    AT,
    AT,
    AT,
  );
  run(
    "INSERT INTO jobs (id, kind, dedupe_key, payload, comment_id, created_at, attempts, next_attempt_at) VALUES (33, 'webhook', 'wh:7', '{}', 7, ?, 0, ?)",
    AT,
    AT,
  );
  run(
    "INSERT INTO akismet_verdicts VALUES (7, 'unchecked', NULL, 0, NULL), (10, 'ham', 'spam', 1, ?)",
    AT,
  );
  run("INSERT INTO akismet_facts VALUES (7, '192.0.2.1', 'UA', NULL, ?)", AT);
  run(
    "INSERT INTO defence_counts VALUES ('2024-05-01', 'challenge', 'stopped', 3), ('2024-05-01', 'links', 'held', 1)",
  );
}

/** Every table's rows in primary key order, and the schema that holds them. */
function contents(path: string): Record<string, unknown[]> {
  const db = openDatabase(path);
  try {
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .pluck()
      .all() as string[];
    return {
      schema: db
        .prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name')
        .all(),
      ...Object.fromEntries(
        tables.map((table) => [table, db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all()]),
      ),
    };
  } finally {
    db.close();
  }
}

async function onPostgres<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, types: POSTGRES_TYPES });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describePostgres('leave-a-reply copy', () => {
  let dir: string;
  let source: string;
  let target: TestDatabase;
  let there: Awaited<ReturnType<typeof runCommand>>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'leave-a-reply-copy-'));
    source = join(dir, 'source.db');
    const db = openDatabase(source);
    db.transaction(() => {
      // The reply that comes before its parent is checked once both are in.
      db.pragma('defer_foreign_keys = ON');
      fillEveryTable(db);
    })();
    db.close();
    target = await createTestDatabase();
    there = await runCommand(['copy', '--from', source, '--to', target.url]);
  });
  afterAll(async () => {
    await target?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('fills every table of the source for these tests', () => {
    for (const [table, rows] of Object.entries(contents(source)))
      expect(rows.length, table).toBeGreaterThan(0);
  });

  it('copies SQLite into PostgreSQL and prints each table checked', () => {
    expect(there.stderr).not.toContain(new URL(target.url).password);
    expect(there.stdout).not.toContain(new URL(target.url).password);
    const lines = there.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^table\s+rows\s+checksum\s+ok$/);
    const tables = Object.keys(contents(source)).filter((name) => name !== 'schema');
    for (const table of tables) {
      const rows = (contents(source)[table] as unknown[]).length;
      expect(lines).toContainEqual(
        expect.stringMatching(new RegExp(`^${table}\\s+${rows}\\s+[0-9a-f]{16}\\s+yes$`)),
      );
    }
    expect(lines.at(-1)).toMatch(
      new RegExp(
        `^Copied \\d+ rows of ${tables.length} tables from .*source\\.db to postgres://postgres@127\\.0\\.0\\.1:\\d+/test_\\w+: every table's rows and checksum match\\.$`,
      ),
    );
    expect(there.code).toBe(0);
  });

  it('keeps what triggers derive as it was, and numbers new rows past the copied ids', async () => {
    const found = await onPostgres(target.url, async (client) => {
      const pages = await client.query(
        'SELECT id, version, approved_count, likes_version FROM pages ORDER BY id',
      );
      const comments = await client.query('SELECT id, likes, text_key FROM comments ORDER BY id');
      await client.query('BEGIN');
      const next = await client.query(
        `INSERT INTO pages (key, url, created_at) VALUES ('c', 'https://example.com/c', '${AT}') RETURNING id`,
      );
      await client.query('ROLLBACK');
      return { pages: pages.rows, comments: comments.rows, next: next.rows[0] };
    });
    expect(found.pages).toEqual([
      { id: 3, version: 41, approved_count: 5, likes_version: 9 },
      { id: 90, version: 0, approved_count: 0, likes_version: 0 },
    ]);
    expect(found.comments).toEqual([
      { id: 7, likes: 0, text_key: null },
      { id: 10, likes: 7, text_key: 'key-10' },
      { id: 12, likes: 0, text_key: 'key-12' },
    ]);
    expect(found.next).toEqual({ id: 91 });
  });

  it('copies PostgreSQL back into a new SQLite file that holds the very rows of the original', async () => {
    const back = join(dir, 'back.db');
    const copied = await runCommand(['copy', '--from', target.url, '--to', back]);
    expect(copied.stdout).toMatch(/every table's rows and checksum match\.\n$/);
    expect(copied.code).toBe(0);
    expect(contents(back)).toEqual(contents(source));
  });

  it('refuses to copy into a database that holds rows, and changes nothing', async () => {
    const before = contents(source);
    const again = await runCommand(['copy', '--from', source, '--to', target.url]);
    expect(again.stderr).toMatch(
      /Cannot copy into postgres:\/\/postgres@127\.0\.0\.1:\d+\/test_\w+: it already holds rows \(in [a-z_, ]*comments[a-z_, ]*\): a copy goes into an empty database only\./,
    );
    expect(again.code).toBe(1);
    const counts = await onPostgres(
      target.url,
      async (client) => (await client.query('SELECT count(*) AS n FROM comments')).rows,
    );
    expect(counts).toEqual([{ n: 3 }]);

    const intoFile = await runCommand(['copy', '--from', target.url, '--to', source]);
    expect(intoFile.stderr).toContain(`Cannot copy into ${source}: it already holds rows`);
    expect(intoFile.code).toBe(1);
    expect(contents(source)).toEqual(before);
  });

  it('reports a table whose copy differs from its source, with exit code 1', async () => {
    const other = await createTestDatabase();
    try {
      // As if something else wrote to the target during the copy: a rule adds a row elsewhere.
      await (await openPostgres(other.url)).end();
      await onPostgres(other.url, (client) =>
        client.query(
          `CREATE RULE also_spent AS ON INSERT TO settings DO ALSO INSERT INTO spent_challenges VALUES ('extra ' || NEW.key, '${AT}')`,
        ),
      );
      const copied = await runCommand(['copy', '--from', source, '--to', other.url]);
      expect(copied.stdout).toMatch(
        /^spent_challenges\s+3\s+[0-9a-f]{16}\s+NO: the source has 1 rows, checksum [0-9a-f]{16}$/m,
      );
      expect(copied.stdout).toMatch(/^settings\s+2\s+[0-9a-f]{16}\s+yes$/m);
      expect(copied.stderr).toContain(
        'differs from what was read of its source in spent_challenges: do not use it.',
      );
      expect(copied.code).toBe(1);
    } finally {
      await other.drop();
    }
  });

  it('takes the password from PGPASSWORD when the URL has none', async () => {
    const other = await createTestDatabase();
    try {
      const url = new URL(other.url);
      const password = url.password;
      url.password = '';
      const empty = join(dir, 'empty.db');
      openDatabase(empty).close();
      const copied = await runCommand(['copy', '--from', empty, '--to', url.href], {
        env: { PGPASSWORD: password },
      });
      expect(copied.stdout).toContain('Copied 0 rows of 17 tables');
      expect(copied.code).toBe(0);
    } finally {
      await other.drop();
    }
  });

  it('takes one PostgreSQL side and one SQLite side, and says so otherwise', async () => {
    const both = await runCommand(['copy', '--from', target.url, '--to', target.url]);
    expect(both.stderr).toContain('A copy goes from SQLite to PostgreSQL or back');
    expect(both.code).toBe(2);
    const files = await runCommand(['copy', '--to', join(dir, 'x.db')]);
    expect(files.code).toBe(2);
    const missing = await runCommand(['copy', '--from', join(dir, 'none.db'), '--to', target.url]);
    expect(missing.stderr).toContain(`There is no database at ${join(dir, 'none.db')}.`);
    expect(missing.code).toBe(1);
  });
});
