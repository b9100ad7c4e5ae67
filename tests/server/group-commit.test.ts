import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createGroupCommit } from '../../server/storage/group-commit.ts';
import { openDatabase } from '../../server/storage/open.ts';
import { createTransactionGate } from '../../server/storage/transaction-gate.ts';
import { createTestApp, newComment, type TestApp } from '../helpers/app.ts';

const cleanUp: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanUp.splice(0)) await step();
});

function twoConnections() {
  const path = join(mkdtempSync(join(tmpdir(), 'leave-a-reply-group-')), 'comments.db');
  const db = openDatabase(path);
  db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE)');
  const other = new BetterSqlite3(path, { readonly: true });
  cleanUp.push(
    () => other.close(),
    () => db.close(),
  );
  const countSeenElsewhere = () =>
    (other.prepare('SELECT count(*) AS n FROM notes').get() as { n: number }).n;
  return { db, countSeenElsewhere };
}

describe('writing together', () => {
  it('commits writes made in one turn in one transaction, each answered after its commit', async () => {
    const { db, countSeenElsewhere } = twoConnections();
    const write = createGroupCommit(db, createTransactionGate(), null);
    const insert = db.prepare('INSERT INTO notes (text) VALUES (?) RETURNING id');
    const seenWhileWriting: number[] = [];
    const seenWhenAnswered: number[] = [];
    const writes = ['one', 'two', 'three'].map((text) =>
      write(() => {
        seenWhileWriting.push(countSeenElsewhere());
        return (insert.get(text) as { id: number }).id;
      }).then((id) => {
        seenWhenAnswered.push(countSeenElsewhere());
        return id;
      }),
    );
    expect(await Promise.all(writes)).toEqual([1, 2, 3]);
    // Nothing was committed between the writes, and all three were by the first answer.
    expect(seenWhileWriting).toEqual([0, 0, 0]);
    expect(seenWhenAnswered).toEqual([3, 3, 3]);
  });

  it('undoes a failing write alone, and keeps the others', async () => {
    const { db, countSeenElsewhere } = twoConnections();
    const write = createGroupCommit(db, createTransactionGate(), null);
    const insert = db.prepare('INSERT INTO notes (text) VALUES (?)');
    const outcomes = await Promise.allSettled([
      write(() => insert.run('kept')),
      write(() => {
        insert.run('undone with its savepoint');
        insert.run('kept'); // violates UNIQUE
      }),
      write(() => insert.run('also kept')),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect((outcomes[1] as PromiseRejectedResult).reason.code).toBe('SQLITE_CONSTRAINT_UNIQUE');
    expect(db.prepare('SELECT text FROM notes ORDER BY id').pluck().all()).toEqual([
      'kept',
      'also kept',
    ]);
    expect(countSeenElsewhere()).toBe(2);
  });

  it('refuses every write of a turn whose commit fails, and stores none of them', async () => {
    const { db, countSeenElsewhere } = twoConnections();
    const write = createGroupCommit(db, createTransactionGate(), null);
    const insert = db.prepare('INSERT INTO notes (text) VALUES (?)');
    db.pragma('query_only = ON');
    const outcomes = await Promise.allSettled([
      write(() => insert.run('a')),
      write(() => insert.run('b')),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    db.pragma('query_only = OFF');
    expect(countSeenElsewhere()).toBe(0);
    await write(() => insert.run('after the fault'));
    expect(countSeenElsewhere()).toBe(1);
  });

  it('answers each write of a turn that a full disk ends as stored only if it is stored', async () => {
    const { db, countSeenElsewhere } = twoConnections();
    const write = createGroupCommit(db, createTransactionGate(), null);
    const insert = db.prepare('INSERT INTO notes (text) VALUES (?)');
    // Room for a few pages more: the small notes fit, the large one fills the file. SQLite then
    // rolls the whole transaction back, not just the large note's savepoint.
    db.pragma(`max_page_count = ${(db.pragma('page_count', { simple: true }) as number) + 3}`);
    const outcomes = await Promise.allSettled([
      write(() => insert.run('before the fault')),
      write(() => {
        for (let i = 0; i < 50; i += 1) insert.run(`${i} ${'x'.repeat(3000)}`);
      }),
      write(() => insert.run('after the fault')),
    ]);
    const stored = new Set(db.prepare('SELECT text FROM notes').pluck().all());
    const answered = ['before the fault', 'large', 'after the fault'].map((text, index) => ({
      text,
      acknowledged: outcomes[index]?.status === 'fulfilled',
    }));
    for (const { text, acknowledged } of answered) expect(acknowledged).toBe(stored.has(text));
    expect((outcomes[1] as PromiseRejectedResult).reason.code).toBe('SQLITE_FULL');
    expect(countSeenElsewhere()).toBe(stored.size);
    // The next turn writes again, in a transaction of its own.
    db.pragma('max_page_count = 1073741823');
    await write(() => insert.run('next turn'));
    expect(db.prepare('SELECT text FROM notes').pluck().all()).toContain('next turn');
    expect(db.inTransaction).toBe(false);
  });
});

describe('posting comments at the same moment', () => {
  let test: TestApp;
  afterEach(async () => {
    await test.close();
  });

  it('stores each of many posts sent at once, and still finds a duplicate among them', async () => {
    test = await createTestApp({ MODERATION: 'none' });
    const post = (changes: object) =>
      test.app.inject({ method: 'POST', url: '/api/comments', payload: newComment(changes) });
    const responses = await Promise.all([
      ...Array.from({ length: 20 }, (_, i) => post({ body: `Comment number ${i}.` })),
      post({ body: 'Sent twice by a double click.' }),
      post({ body: 'Sent twice by a double click.' }),
    ]);
    const statuses = responses.map((response) => response.statusCode);
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(201));
    expect(statuses.slice(20).sort()).toEqual([201, 409]);
    const ids = responses
      .filter((response) => response.statusCode === 201)
      .map((response) => response.json().comment.id);
    expect(new Set(ids).size).toBe(21);
    const thread = await test.app.inject({
      method: 'GET',
      url: `/api/comments?url=${encodeURIComponent(newComment().url)}&limit=50`,
    });
    expect(thread.json().count).toBe(21);
  });
});
