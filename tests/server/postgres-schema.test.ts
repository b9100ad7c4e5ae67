import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../../server/storage/open.ts';
import {
  migratePostgres,
  POSTGRES_MIGRATIONS,
  postgresSchemaVersion,
} from '../../server/storage/postgres/migrations.ts';
import { openPostgres } from '../../server/storage/postgres/pool.ts';
import { commentTextKey } from '../../server/storage/text-key.ts';
import { createTestDatabase, describePostgres, type TestDatabase } from '../helpers/postgres.ts';

/**
 * The SHA-256 of each shipped PostgreSQL migration's SQL, in order: as for SQLite's
 * (migration-history.test.ts), a shipped step is never edited; a new version adds its hashes.
 */
const SHIPPED = [
  '74812cab0ef7b84b72dae9c6d138836b3e300694327d5335a30ec9b2b664fb54',
  'f33945ab50c95960f26c641bc7b8a98d982c670b04d7c390de37e755c024fc66',
];

/** One statement of SQLite's dialect with `?` parameters, as PostgreSQL's with `$n`. */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

function sqliteTables(db: Database): Map<string, string[]> {
  const names = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .pluck()
    .all() as string[];
  return new Map(
    names.map((name) => [
      name,
      (db.pragma(`table_info(${name})`) as { name: string }[]).map((column) => column.name),
    ]),
  );
}

describePostgres('the PostgreSQL schema', () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  let sqlite: Database;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = await openPostgres(database.url);
    sqlite = openDatabase(':memory:');
  });
  afterAll(async () => {
    sqlite?.close();
    await pool?.end();
    await database?.drop();
  });

  it('keeps the SQL of every shipped PostgreSQL migration exactly as it shipped, in its place', () => {
    expect(POSTGRES_MIGRATIONS.length).toBeGreaterThanOrEqual(SHIPPED.length);
    const hashes = POSTGRES_MIGRATIONS.slice(0, SHIPPED.length).map((sql) =>
      createHash('sha256').update(sql).digest('hex'),
    );
    expect(hashes).toEqual(SHIPPED);
  });

  it('has every table of SQLite with the same columns in the same order, and its named indices', async () => {
    const { rows } = await pool.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> 'schema_version'
       ORDER BY table_name, ordinal_position`,
    );
    const postgres = new Map<string, string[]>();
    for (const row of rows)
      postgres.set(row.table_name, [...(postgres.get(row.table_name) ?? []), row.column_name]);
    expect(postgres).toEqual(sqliteTables(sqlite));

    const sqliteIndices = sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
      .pluck()
      .all() as string[];
    const indices = await pool.query<{ indexname: string }>(
      "SELECT indexname FROM pg_indexes WHERE schemaname = 'public'",
    );
    expect(indices.rows.map((row) => row.indexname)).toEqual(expect.arrayContaining(sqliteIndices));
  });

  it("moves pages' versions and counts, comments' likes and keys, as SQLite's triggers do", async () => {
    const writes: [string, unknown[]][] = [
      [
        'INSERT INTO pages (id, key, url, created_at) VALUES (?, ?, ?, ?)',
        [1, 'a', 'https://example.com/a', '2024-05-01T10:00:00.000Z'],
      ],
      [
        'INSERT INTO pages (id, key, url, created_at) VALUES (?, ?, ?, ?)',
        [2, 'b', 'https://example.com/b', '2024-05-01T10:00:00.000Z'],
      ],
      // Approved, stored without its key: the trigger keys it.
      [
        'INSERT INTO comments (id, page_id, depth, status, name, email, body, html, created_at) VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?)',
        [
          1,
          1,
          'approved',
          'Ann',
          'ann@example.com',
          'Ｈｅｌｌｏ  Straße',
          '<p>x</p>',
          '2024-05-01T10:01:00.000Z',
        ],
      ],
      // Held, with its key: the page's version stays.
      [
        'INSERT INTO comments (id, page_id, parent_id, root_id, depth, status, name, email, body, html, created_at, text_key) VALUES (?, ?, ?, ?, 2, ?, ?, ?, ?, ?, ?, ?)',
        [
          2,
          1,
          1,
          1,
          'pending',
          'Bob',
          'bob@example.com',
          'A reply',
          '<p>A reply</p>',
          '2024-05-01T10:02:00.000Z',
          commentTextKey('A reply'),
        ],
      ],
      ['INSERT INTO held_titles (comment_id, page_id, title) VALUES (?, ?, ?)', [2, 1, 'A title']],
      [
        'INSERT INTO akismet_facts (comment_id, user_ip, kept_until) VALUES (?, ?, ?)',
        [2, '192.0.2.1', '2024-06-01T00:00:00.000Z'],
      ],
      [
        'INSERT INTO likes (comment_id, voter_hash, created_at) VALUES (?, ?, ?)',
        [1, 'v1', '2024-05-01T10:03:00.000Z'],
      ],
      [
        'INSERT INTO likes (comment_id, voter_hash, created_at) VALUES (?, ?, ?)',
        [1, 'v2', '2024-05-01T10:03:00.000Z'],
      ],
      ['DELETE FROM likes WHERE comment_id = ? AND voter_hash = ?', [1, 'v1']],
      // The owner's edit, without a new key: the trigger keys the new text.
      ['UPDATE comments SET body = ? WHERE id = ?', ['ΟΔΟΣ', 1]],
      ["UPDATE comments SET status = 'approved' WHERE id = ?", [2]],
      ["UPDATE comments SET status = 'pending' WHERE id = ?", [2]],
      ['UPDATE comments SET page_id = ? WHERE id = ?', [2, 1]],
      ["UPDATE comments SET status = 'deleted', body = '', name = '' WHERE id = ?", [2]],
      ['DELETE FROM comments WHERE id = ?', [2]],
    ];
    for (const [sql, values] of writes) {
      sqlite.prepare(sql).run(...values);
      await pool.query(numbered(sql), values);
    }
    for (const sql of [
      'SELECT id, version, approved_count, likes_version FROM pages ORDER BY id',
      'SELECT id, page_id, status, text_key, likes FROM comments ORDER BY id',
      'SELECT comment_id, title FROM held_titles ORDER BY comment_id',
      'SELECT comment_id FROM akismet_facts ORDER BY comment_id',
      'SELECT comment_id, voter_hash FROM likes ORDER BY comment_id, voter_hash',
    ]) {
      const expected = sqlite.prepare(sql).all();
      expect((await pool.query(sql)).rows, sql).toEqual(expected);
    }
    const [page] = sqlite.prepare('SELECT version FROM pages WHERE id = 1').all() as {
      version: number;
    }[];
    expect(page?.version).toBeGreaterThan(0);
  });

  it("keys a text exactly as the server's commentTextKey does", async () => {
    const tricky = [
      'ｆｕｌｌ-ｗｉｄｔｈ ＡＢＣ',
      'Straße',
      'STRASSE',
      'ﬁne ﬂow ﬀ',
      'ΟΔΟΣ',
      'ὈΔΥΣΣΕΎΣ',
      'ΣΑ Σ.',
      'Σ',
      'İstanbul',
      'ǅemal',
      'ῼ',
      '①②Ⅻ㎏',
      'ﾊﾝｶｸ',
      'A\u030a Å',
      '\u00a0\tmixed\u2003 white\u3000space\u2028\n',
      '\ufeffzero width no-break\u1680',
      'zero\u200bwidth',
      '👍🏽 👨‍👩‍👧 🇫🇷 emoji',
      '',
      '   ',
      'x\u0085y',
    ];
    const alphabet = fc.constantFrom(
      ...[
        'Σ',
        'σ',
        'ς',
        'a',
        'Z',
        ' ',
        '.',
        '\u0301',
        'ß',
        'ẞ',
        'ﬀ',
        'İ',
        'ı',
        'ǅ',
        'ῳ',
        '\u3000',
        '\t',
        '\ufeff',
      ],
      ...[
        '\u2029',
        'ｆ',
        '㍱',
        'ﷺ',
        '가',
        '\u1100\u1161',
        '👍',
        '\u200d',
        '\u{1f3fd}',
        'Ⓐ',
        'ŉ',
        'ǰ',
        'ΐ',
      ],
    );
    const generated = fc.sample(fc.string({ unit: alphabet, maxLength: 16 }), {
      numRuns: 2000,
      seed: 42,
    });
    const texts = [...tricky, ...generated];
    const { rows } = await pool.query<{ key: string }>(
      'SELECT comment_text_key(text) AS key FROM unnest($1::text[]) WITH ORDINALITY AS t(text, n) ORDER BY n',
      [texts],
    );
    expect(rows.map((row) => row.key)).toEqual(texts.map(commentTextKey));
  });

  it("compares addresses as SQLite's NOCASE does: ASCII letters in either case, nothing else", async () => {
    await pool.query(
      `INSERT INTO verified_addresses (secret_hash, email, link_hash, created_at, expires_at)
       VALUES ('s1', 'Ann@Example.COM', 'l1', '2024', '2025'), ('s2', 'ÉVA@example.com', 'l2', '2024', '2025')`,
    );
    const find = async (email: string) =>
      (
        await pool.query(
          'SELECT secret_hash FROM verified_addresses WHERE nocase(email) = nocase($1)',
          [email],
        )
      ).rows.length;
    expect(await find('ann@example.com')).toBe(1);
    expect(await find('éva@example.com')).toBe(0);
    expect(await find('ÉVA@EXAMPLE.com')).toBe(1);
    await pool.query(
      "INSERT INTO subscribers (email, unsubscribe_token_hash, created_at) VALUES ('Ann@Example.com', 'u1', '2024')",
    );
    await expect(
      pool.query(
        "INSERT INTO subscribers (email, unsubscribe_token_hash, created_at) VALUES ('ann@example.COM', 'u2', '2024')",
      ),
    ).rejects.toThrow(/subscribers_by_email/);
  });

  it('reads bigint ids and counts as numbers', async () => {
    const { rows } = await pool.query('SELECT count(*) AS count, max(id) AS id FROM pages');
    expect(rows[0]).toEqual({ count: 2, id: 2 });
  });

  it('migrates once when two instances start at once on a new database', async () => {
    const fresh = await createTestDatabase();
    const pools = [0, 1].map(() => new pg.Pool({ connectionString: fresh.url, max: 2 }));
    try {
      await Promise.all(pools.map((each) => migratePostgres(each)));
      const check = new pg.Client({ connectionString: fresh.url });
      await check.connect();
      const { rows } = await check
        .query('SELECT version FROM schema_version')
        .finally(() => check.end());
      expect(rows).toEqual([{ version: POSTGRES_MIGRATIONS.length }]);
    } finally {
      await Promise.all(pools.map((each) => each.end()));
      await fresh.drop();
    }
  });

  it('opens a migrated database as a user that may only read and write rows', async () => {
    const role = `rows_only_${Date.now()}`;
    await pool.query(`CREATE ROLE ${role} LOGIN PASSWORD 'rows-only'`);
    try {
      await pool.query(
        `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`,
      );
      await pool.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
      const url = new URL(database.url);
      url.username = role;
      url.password = 'rows-only';
      const limited = await openPostgres(url.href);
      try {
        const { rows } = await limited.query(
          "INSERT INTO settings (key, value) VALUES ('by-role', 'yes') RETURNING key",
        );
        expect(rows).toEqual([{ key: 'by-role' }]);
      } finally {
        await limited.end();
      }
    } finally {
      await pool.query(`DROP OWNED BY ${role}`);
      await pool.query(`DROP ROLE ${role}`);
    }
  });

  it('refuses a database whose schema is newer than this program', async () => {
    const fresh = await createTestDatabase();
    const newer = new pg.Pool({ connectionString: fresh.url, max: 1 });
    try {
      await migratePostgres(newer);
      await newer.query('UPDATE schema_version SET version = $1', [POSTGRES_MIGRATIONS.length + 1]);
      await expect(openPostgres(fresh.url)).rejects.toThrow(
        `The PostgreSQL database is at schema version ${POSTGRES_MIGRATIONS.length + 1}, newer than this program knows (${POSTGRES_MIGRATIONS.length}). Upgrade Leave a Reply before opening it.`,
      );
      expect(await postgresSchemaVersion(newer)).toBe(POSTGRES_MIGRATIONS.length + 1);
    } finally {
      await newer.end();
      await fresh.drop();
    }
  });
});
