import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestApp, newComment, type TestApp } from '../helpers/app.ts';

let current: TestApp | null = null;
afterEach(async () => {
  await current?.close();
  current = null;
});

function post(test: TestApp, changes: object = {}) {
  return test.app.inject({ method: 'POST', url: '/api/comments', payload: newComment(changes) });
}

describe('when storage fails', () => {
  it('answers 503 while the database is read-only, keeps serving reads, and recovers', async () => {
    const test = await createTestApp({ MODERATION: 'none' });
    current = test;
    expect((await post(test)).statusCode).toBe(201);

    test.db.pragma('query_only = ON');
    const logged = vi.spyOn(test.app.log, 'error').mockImplementation(() => {});
    const refused = await post(test, { body: 'While read-only' });
    expect(refused.statusCode).toBe(503);
    // Logged for the site owner though the request log is off (LOG_REQUESTS=false in tests).
    expect(logged).toHaveBeenCalledWith(expect.objectContaining({ code: 'SQLITE_READONLY' }));
    expect(test.app.log.level).toBe('info');
    expect(refused.json().error).toEqual({
      code: 'storage_unavailable',
      message:
        'Comments cannot be saved right now: the server’s storage is unavailable. Please try again in a few minutes.',
    });
    expect(refused.headers['retry-after']).toBe('30');
    const read = await test.app.inject({
      method: 'GET',
      url: '/api/comments?url=http://localhost:8080/posts/hello',
    });
    expect(read.json().count).toBe(1);

    test.db.pragma('query_only = OFF');
    expect((await post(test, { body: 'After recovery' })).statusCode).toBe(201);
  });

  it('answers 503 when the disk is full, and recovers when there is room again', async () => {
    const test = await createTestApp({ MODERATION: 'none' });
    current = test;
    expect((await post(test)).statusCode).toBe(201);

    // SQLite's own size cap gives the same SQLITE_FULL a full disk gives.
    const pages = test.db.pragma('page_count', { simple: true }) as number;
    test.db.pragma(`max_page_count = ${pages}`);
    const refused = await post(test, { body: 'y'.repeat(9_000) });
    expect(refused.statusCode).toBe(503);
    expect(refused.json().error.code).toBe('storage_unavailable');

    test.db.pragma('max_page_count = 1073741823');
    expect((await post(test, { body: 'y'.repeat(9_000) })).statusCode).toBe(201);
    expect(test.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
