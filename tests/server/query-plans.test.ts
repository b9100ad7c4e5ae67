import { describe, expect, it } from 'vitest';
import { createLikes } from '../../server/storage/likes.ts';
import { openDatabase } from '../../server/storage/open.ts';
import { createStore } from '../../server/storage/store.ts';

/** Placeholder values for a statement's parameters, named or positional. */
function parametersOf(sql: string): unknown[] | Record<string, unknown> {
  const named = [...sql.matchAll(/@(\w+)/g)].map((match) => match[1] as string);
  if (named.length) return Object.fromEntries(named.map((name) => [name, null]));
  return Array.from({ length: sql.split('?').length - 1 }, () => '1');
}

/** The index each statement on a reader's or poster's path must use. */
const HOT_PATHS: Record<string, string> = {
  topLevelPage: 'comments_top_level',
  topLevelNewest: 'comments_top_level',
  topLevelTied: 'comments_best',
  topLevelBest: 'comments_best',
  pinnedTopLevel: 'comments_pinned',
  repliesUnder: 'comments_by_root',
  repliesOf: 'comments_by_root',
  approvedNamesFrom: 'comments_by_email',
  findDuplicate: 'comments_by_text',
  findByToken: 'sqlite_autoindex_comments_1',
  hasReplies: 'comments_by_parent',
};

function planOf(db: ReturnType<typeof openDatabase>, sql: string): string[] {
  const parameters = parametersOf(sql);
  const rows = db
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...(Array.isArray(parameters) ? parameters : [parameters])) as { detail: string }[];
  return rows.map((row) => row.detail);
}

describe('query plans', () => {
  it('reads threads and checks posts through the index made for each', () => {
    const db = openDatabase(':memory:');
    const sources = createStore(db).statementSources();
    for (const [name, index] of Object.entries(HOT_PATHS)) {
      const plan = planOf(db, sources[name] as string);
      // The first step that reads comments (a recursive query first sets up its own table).
      const first = plan.find((detail) => /\bcomments\b/.test(detail));
      expect(first, `${name}: ${plan.join(' | ')}`).toMatch(
        new RegExp(`^SEARCH comments USING (COVERING )?INDEX ${index} `),
      );
    }
    db.close();
  });

  it('reads every order of a 10,000-comment page in its index’s order, with no sorting step', () => {
    const db = openDatabase(':memory:');
    const { id: pageId } = db
      .prepare(
        "INSERT INTO pages (key, url, created_at) VALUES ('p', 'https://blog.example/p', '2024') RETURNING id",
      )
      .get() as { id: number };
    const insert = db.prepare(
      `INSERT INTO comments (page_id, depth, status, name, email, body, html, created_at, likes)
       VALUES (?, 1, 'approved', 'Reader', 'r@example.com', ?, '', ?, ?)`,
    );
    db.transaction(() => {
      for (let n = 0; n < 10_000; n++)
        insert.run(
          pageId,
          `Comment ${n}`,
          new Date(Date.UTC(2024, 0, 1, 0, n)).toISOString(),
          n % 7,
        );
    })();
    const sources = createStore(db).statementSources();
    const orders = {
      topLevelPage: 'comments_top_level',
      topLevelNewest: 'comments_top_level',
      topLevelTied: 'comments_best',
      topLevelBest: 'comments_best',
    };
    for (const [name, index] of Object.entries(orders)) {
      const plan = planOf(db, sources[name] as string);
      expect(plan, name).toEqual([
        expect.stringMatching(new RegExp(`^SEARCH comments USING INDEX ${index} `)),
      ]);
    }
    db.close();
  });

  it('gives and takes back likes through the keys of comments and likes', () => {
    const db = openDatabase(':memory:');
    for (const [name, statement] of Object.entries(createLikes(db).statements)) {
      const plan = planOf(db, statement.source);
      expect(plan.join(' | '), name).not.toMatch(/\bSCAN\b|TEMP B-TREE/);
    }
    db.close();
  });

  it('finds a page and its count through the indices of pages', () => {
    const db = openDatabase(':memory:');
    const sources = createStore(db).statementSources();
    for (const name of ['findPage', 'pageVersion', 'countsByKey']) {
      const plan = planOf(db, sources[name] as string);
      expect(plan[0], `${name}: ${plan.join(' | ')}`).toMatch(/^SEARCH pages USING INDEX /);
    }
    db.close();
  });

  it('finds every comment the hot paths need through an index, never by scanning comments', () => {
    const db = openDatabase(':memory:');
    const store = createStore(db);
    const scans: string[] = [];
    for (const [name, sql] of Object.entries(store.statementSources())) {
      if (!/\bcomments\b/.test(sql)) continue;
      for (const detail of planOf(db, sql)) {
        if (/\bSCAN comments\b/.test(detail)) scans.push(`${name}: ${detail}`);
      }
    }
    expect(scans).toEqual([]);
    db.close();
  });
});
