import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { seedComment, type TestApp } from '../helpers/app.ts';
import { PAGE, readThread } from '../helpers/requests.ts';
import { useTestApps } from '../helpers/test-apps.ts';

const BIN = fileURLToPath(new URL('../../server/bin.js', import.meta.url));
const setUp = useTestApps({ MODERATION: 'none' });

function get(
  test: TestApp,
  query: Record<string, string> = {},
  headers: Record<string, string> = {},
) {
  return readThread(test, PAGE, query, { headers });
}

describe('a thread in pages', () => {
  it('sends top-level comments in pages, each with all its replies, following the cursor', async () => {
    const test = await setUp();
    const tops: number[] = [];
    for (let i = 0; i < 5; i++) tops.push(await seedComment(test, { body: `Top ${i}` }));
    const reply = await seedComment(test, { parent: tops[1], body: 'Reply to 1' });
    const deep = await seedComment(test, { parent: reply, body: 'Reply to the reply' });

    const first = (await get(test, { limit: '2' })).json();
    expect(first.count).toBe(7);
    expect(first.comments.map((c: { id: number }) => c.id)).toEqual([
      tops[0],
      tops[1],
      reply,
      deep,
    ]);
    expect(first.next).toEqual(expect.any(String));

    const second = (await get(test, { limit: '2', after: first.next })).json();
    expect(second.comments.map((c: { id: number }) => c.id)).toEqual([tops[2], tops[3]]);
    const third = (await get(test, { limit: '2', after: second.next })).json();
    expect(third.comments.map((c: { id: number }) => c.id)).toEqual([tops[4]]);
    expect(third.next).toBeNull();
  });

  it('pages by cursor, so a comment posted meanwhile neither repeats nor skips one', async () => {
    const test = await setUp();
    for (let i = 0; i < 4; i++) await seedComment(test, { body: `Top ${i}` });
    const first = (await get(test, { limit: '2' })).json();
    const late = await seedComment(test, { body: 'Posted while reading' });
    const rest = (await get(test, { limit: '10', after: first.next })).json();
    const seen = [...first.comments, ...rest.comments].map((c: { id: number }) => c.id);
    expect(new Set(seen).size).toBe(5);
    expect(seen.at(-1)).toBe(late);
  });

  it('uses PAGE_SIZE when the request names no limit', async () => {
    const test = await setUp({ PAGE_SIZE: '3' });
    for (let i = 0; i < 4; i++) await seedComment(test, { body: `Top ${i}` });
    const first = (await get(test)).json();
    expect(first.comments).toHaveLength(3);
    expect(first.next).not.toBeNull();
  });

  it('answers 400 for a cursor it did not make', async () => {
    const test = await setUp();
    const response = await get(test, { after: 'bm90IGEgY3Vyc29y' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields.after).toMatch(/cursor/);
  });
});

describe('caching a thread', () => {
  it('answers 304 to a matching If-None-Match until the thread changes', async () => {
    const test = await setUp({ CACHE_SECONDS: '7' });
    const id = await seedComment(test, { body: 'First' });
    const first = await get(test);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers['cache-control']).toBe('public, max-age=0, s-maxage=7');

    const again = await get(test, {}, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');

    const changes: [string, () => Promise<unknown>][] = [
      ['a new comment', () => seedComment(test, { body: 'Second' })],
      [
        'an edit',
        async () => {
          await test.store.editComment(
            id,
            { body: 'Edited', html: '<p>Edited</p>', status: 'approved' },
            new Date().toISOString(),
          );
        },
      ],
      ['an approval', async () => test.store.setStatus(id, 'approved', new Date().toISOString())],
      ['a deletion', async () => test.store.deleteComment(id, new Date().toISOString())],
    ];
    let previous = etag;
    for (const [change, make] of changes) {
      await make();
      const response = await get(test, {}, { 'if-none-match': previous });
      expect(response.statusCode, change).toBe(200);
      expect(response.headers.etag, change).not.toBe(previous);
      previous = response.headers.etag as string;
    }
  });

  it('never serves a remembered answer once the thread has changed', async () => {
    const test = await setUp();
    const id = await seedComment(test, { body: 'First' });
    expect((await get(test)).json().count).toBe(1);
    expect((await get(test)).json().count).toBe(1);
    await seedComment(test, { body: 'Second' });
    expect((await get(test)).json().count).toBe(2);
    await test.store.editComment(
      id,
      { body: 'Changed', html: '<p>Changed</p>', status: 'approved' },
      new Date().toISOString(),
    );
    expect((await get(test)).json().comments[0].html).toBe('<p>Changed</p>');
    const first = (await get(test)).json().form;
    // The form's signed time is made for each answer, never remembered with the thread.
    expect(first).toMatch(/^\d+\.[\w-]+$/);
  });

  it('shows a change made by another process (the command line) on the next read', async () => {
    const test = await setUp({ MODERATION: 'all' });
    const id = await seedComment(test, { body: 'Held until the owner approves it' });
    const before = await get(test);
    expect(before.json().count).toBe(0);
    expect((await get(test)).json().count).toBe(0);

    await promisify(execFile)(process.execPath, [BIN, 'comments', 'approve', String(id)], {
      env: {
        ...process.env,
        DATABASE_PATH: test.config.databasePath,
        DATABASE_URL: test.config.databaseUrl ?? '',
      },
    });
    const after = await get(test, {}, { 'if-none-match': before.headers.etag as string });
    expect(after.statusCode).toBe(200);
    expect(after.json().count).toBe(1);
    expect(after.json().comments[0].body).toBeUndefined();
    expect(after.json().comments[0].html).toContain('Held until the owner approves it');
  });
});
