/**
 * What waits for a transaction (a worker woken for the mail it queued) is told once the
 * transaction has ended, on both engines: before it, the worker would look on its own connection
 * and not find the rows yet.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/storage/open.ts';
import { openPostgresStorage } from '../../server/storage/postgres/postgres-storage.ts';
import { createSqliteStorage } from '../../server/storage/sqlite-storage.ts';
import type { Storage } from '../../server/storage/storage.ts';
import { createTestDatabase, describePostgres, type TestDatabase } from '../helpers/postgres.ts';

function tellsAfterTheTransaction(open: () => Storage) {
  it('tells at once outside a transaction, and after the commit inside one', async () => {
    const storage = open();
    const heard: string[] = [];
    storage.afterTransaction(() => heard.push('outside'));
    expect(heard).toEqual(['outside']);
    await storage.transaction(async (tx) => {
      await tx.store.setSetting('queued', 'yes');
      tx.afterTransaction(() => heard.push('after the commit'));
      // A nested transaction's are told with the outer one's, not at the savepoint's end.
      await tx.transaction(async (inner) => {
        inner.afterTransaction(() => heard.push('after the commit, from the savepoint'));
      });
      heard.push('still inside');
    });
    expect(heard).toEqual([
      'outside',
      'still inside',
      'after the commit',
      'after the commit, from the savepoint',
    ]);
  });

  it('tells after a transaction that failed too (a worker that finds nothing goes back to sleep)', async () => {
    const storage = open();
    const heard: string[] = [];
    await expect(
      storage.transaction(async (tx) => {
        tx.afterTransaction(() => heard.push('ended'));
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(heard).toEqual(['ended']);
  });

  it('tells a write made together with others once their commit is done', async () => {
    const storage = open();
    const heard: string[] = [];
    await storage.writeTogether(async (tx) => {
      await tx.store.setSetting('together', 'yes');
      tx.afterTransaction(() => heard.push('committed'));
      heard.push('inside');
    });
    expect(heard).toEqual(['inside', 'committed']);
  });
}

describe('after a transaction, on SQLite', () => {
  tellsAfterTheTransaction(() => createSqliteStorage(openDatabase(':memory:'), ':memory:'));
});

describePostgres('after a transaction, on PostgreSQL', () => {
  let database: TestDatabase;
  let storage: Storage;
  beforeAll(async () => {
    database = await createTestDatabase();
    storage = await openPostgresStorage(database.url);
  });
  afterAll(async () => {
    await storage?.close();
    await database?.drop();
  });
  tellsAfterTheTransaction(() => storage);
});
