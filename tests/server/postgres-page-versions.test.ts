/**
 * How an instance on PostgreSQL reads a page's version (server/storage/postgres/page-versions.ts):
 * from the database for every call, the calls that come together sharing a query, and none
 * answered by a query that was already on its way when it came, which may have read the page
 * before a write that committed since.
 */
import { describe, expect, it } from 'vitest';
import { createPageVersions } from '../../server/storage/postgres/page-versions.ts';
import type { PageVersion } from '../../server/storage/rows.ts';

/** A database whose answers the test gives, one query at a time. */
function database() {
  const queries: { key: string; answer: (version: number) => void; fail: (e: Error) => void }[] =
    [];
  const read = (key: string) =>
    new Promise<PageVersion | null>((resolve, reject) => {
      queries.push({
        key,
        answer: (version) => resolve({ id: 1, version, published_at: null, open_override: null }),
        fail: reject,
      });
    });
  return { queries, read };
}

const versionOf = async (answer: Promise<PageVersion | null>) => (await answer)?.version;
/** Lets every callback waiting on a settled promise run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("a page's version on PostgreSQL", () => {
  it('is read from the database for each call that comes after the last answer', async () => {
    const { queries, read } = database();
    const version = createPageVersions(read);
    const first = version('page');
    queries[0]?.answer(1);
    expect(await versionOf(first)).toBe(1);
    const second = version('page');
    expect(queries).toHaveLength(2);
    queries[1]?.answer(2);
    expect(await versionOf(second)).toBe(2);
  });

  it('answers a call that comes while a query is on its way from the next query, shared by every such call', async () => {
    const { queries, read } = database();
    const version = createPageVersions(read);
    const early = version('page');
    // Another instance commits a comment now; then these reads come.
    const late = [version('page'), version('page'), version('page')];
    await settle();
    expect(queries).toHaveLength(1);
    queries[0]?.answer(1);
    expect(await versionOf(early)).toBe(1);
    await settle();
    // Sent once the first was answered, and not before: the first may predate the write.
    expect(queries).toHaveLength(2);
    queries[1]?.answer(2);
    expect(await Promise.all(late.map(versionOf))).toEqual([2, 2, 2]);
    // Nothing is left waiting: the next call sends a query of its own.
    void version('page');
    expect(queries).toHaveLength(3);
  });

  it('keeps the pages apart, and gives a failed query to its own calls only', async () => {
    const { queries, read } = database();
    const version = createPageVersions(read);
    const failing = version('a');
    const other = version('b');
    expect(queries.map(({ key }) => key)).toEqual(['a', 'b']);
    const waiting = version('a');
    queries[0]?.fail(new Error('The PostgreSQL database cannot be used now'));
    await expect(failing).rejects.toThrow('cannot be used now');
    await settle();
    expect(queries.map(({ key }) => key)).toEqual(['a', 'b', 'a']);
    queries[2]?.answer(7);
    queries[1]?.answer(3);
    expect(await versionOf(waiting)).toBe(7);
    expect(await versionOf(other)).toBe(3);
  });
});
