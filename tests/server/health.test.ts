/**
 * GET /api/health as a load balancer or Docker's HEALTHCHECK reads it: 503 whenever the
 * database cannot be read or written, with what is wrong, where it had said 200 while every
 * post failed. The failures are the real ones: SQLite made read-only, its size limit reached,
 * a tmpfs full or mounted read-only, the file deleted under the server, a damaged table.
 */
import { appendFileSync, closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.ts';
import { postComment, readThread } from '../helpers/requests.ts';
import { useMedia } from '../helpers/storage-media.ts';
import { useFolders, useTestApps } from '../helpers/test-apps.ts';

const media = useMedia();
const folder = useFolders('health');
const start = useTestApps({ MODERATION: 'none' });

/** An app on a fresh database, or on the one in `dir`. */
function setUp(env: Record<string, string> = {}, dir?: string): Promise<TestApp> {
  return start(env, dir ? { dir } : {});
}

async function health(test: TestApp) {
  const response = await test.app.inject({ method: 'GET', url: '/api/health' });
  return { status: response.statusCode, body: response.json(), headers: response.headers };
}

function post(test: TestApp, body = 'A thought.') {
  return postComment(test, { body });
}

/** The 503 a health check answers while writes fail, with `problem` in its message. */
function unwritable(problem: RegExp) {
  return {
    status: 503,
    body: {
      status: 'unavailable',
      reads: true,
      writes: false,
      error: { code: 'storage_unavailable', message: expect.stringMatching(problem) },
    },
    headers: expect.objectContaining({ 'retry-after': '30', 'cache-control': 'no-store' }),
  };
}

describe('GET /api/health', () => {
  it('answers 200 while the database can be read and written, and is never cached', async () => {
    const test = await setUp();
    expect(await health(test)).toEqual({
      status: 200,
      body: { status: 'ok' },
      headers: expect.objectContaining({ 'cache-control': 'no-store' }),
    });
  });

  it('answers 503 at once while the database is read-only, and 200 again once it is not', async () => {
    const test = await setUp();
    expect((await health(test)).status).toBe(200);
    test.db.pragma('query_only = ON');
    expect((await post(test)).statusCode).toBe(503);
    expect(await health(test)).toEqual(unwritable(/^The database is read-only/));
    test.db.pragma('query_only = OFF');
    expect((await health(test)).status).toBe(200);
    expect((await post(test)).statusCode).toBe(201);
  });

  it('answers 503 when SQLite’s size limit leaves no room, as a full disk would', async () => {
    const test = await setUp();
    expect((await post(test)).statusCode).toBe(201);
    const pages = test.db.pragma('page_count', { simple: true }) as number;
    test.db.pragma(`max_page_count = ${pages}`);
    expect((await post(test, 'y'.repeat(9_000))).statusCode).toBe(503);
    expect(await health(test)).toEqual(unwritable(/size limit/));
    test.db.pragma('max_page_count = 1073741823');
    expect((await health(test)).status).toBe(200);
  });

  it('answers 503 while the disk that holds the database is full', async (context) => {
    const medium = media.mountOrSkip(context);
    const test = await setUp({}, medium.dir);
    expect((await health(test)).status).toBe(200);
    // Fill the 16 MB tmpfs to the last block.
    const filler = join(medium.dir, 'filler');
    const chunk = Buffer.alloc(256 * 1024);
    try {
      for (;;) appendFileSync(filler, chunk);
    } catch (error) {
      expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
    }
    expect(await health(test)).toEqual(unwritable(/^The disk that holds the database is full/));
    rmSync(filler);
    expect((await health(test)).status).toBe(200);
  });

  it('answers 503 for a database served read-only from a read-only file system', async (context) => {
    const medium = media.mountOrSkip(context);
    // Served once while writable (its keys are made then), then the disk goes read-only.
    const writable = await setUp({}, medium.dir);
    expect((await post(writable)).statusCode).toBe(201);
    await writable.close();
    medium.makeReadOnly();

    const test = await setUp({}, medium.dir);
    expect(test.db.readonly).toBe(true);
    expect(await health(test)).toEqual(unwritable(/read-only file system/));
    // Readers are still served.
    const thread = await readThread(test);
    expect(thread.json().count).toBe(1);
  });

  it('answers 503 once the database file is deleted under the running server', async () => {
    const test = await setUp();
    expect((await health(test)).status).toBe(200);
    rmSync(test.config.databasePath);
    expect(await health(test)).toEqual(unwritable(/deleted or replaced/));
  });

  it('answers 503 with reads false when a table it reads is damaged', async () => {
    const dir = folder();
    const first = await setUp({}, dir);
    expect((await post(first)).statusCode).toBe(201);
    await first.close();
    // The comments table's first page, overwritten: the start (which reads only the settings
    // and sessions) goes through, and the first read of comments fails.
    const path = join(dir, 'comments.db');
    const raw = new BetterSqlite3(path);
    raw.pragma('wal_checkpoint(TRUNCATE)');
    const { rootpage } = raw
      .prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'comments'")
      .get() as { rootpage: number };
    const pageSize = raw.pragma('page_size', { simple: true }) as number;
    raw.close();
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (rootpage - 1) * pageSize);
    closeSync(fd);

    const test = await setUp({}, dir);
    const answer = await health(test);
    expect(answer.status).toBe(503);
    expect(answer.body).toEqual({
      status: 'unavailable',
      reads: false,
      writes: false,
      error: {
        code: 'storage_unavailable',
        message: expect.stringMatching(/^The database cannot be read: .*malformed/),
      },
    });
  });

  it('logs one warning when the health check starts failing and one line when it passes again', async () => {
    const test = await setUp();
    test.db.pragma('query_only = ON');
    for (let n = 0; n < 3; n++) expect((await health(test)).status).toBe(503);
    test.db.pragma('query_only = OFF');
    expect((await health(test)).status).toBe(200);
    const said = test.logs.map((line) => JSON.parse(line).msg as string);
    expect(said.filter((msg) => msg.startsWith('Health check failing'))).toEqual([
      'Health check failing: The database is read-only: nothing can be saved.',
    ]);
    expect(said.filter((msg) => msg.startsWith('Health check passing again'))).toHaveLength(1);
  });
});
