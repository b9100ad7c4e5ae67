/**
 * Unapprove, as WordPress has it: an approved comment goes back to Pending, from the dashboard's
 * API (one or in bulk) and from `leave-a-reply comments unapprove ID`, and leaves the page's
 * thread at once.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../server/cli.ts';
import { ADMIN_TOKEN, createTestApp, newComment, type TestApp } from '../helpers/app.ts';

const PAGE = 'http://localhost:8080/posts/hello';
const bearer = { authorization: `Bearer ${ADMIN_TOKEN}` };
let current: TestApp | null = null;

afterEach(async () => {
  await current?.close();
  current = null;
  vi.restoreAllMocks();
});

async function setUp(): Promise<TestApp> {
  current = await createTestApp({ MODERATION: 'all' });
  return current;
}

async function post(test: TestApp, changes: object = {}): Promise<number> {
  const response = await test.app.inject({
    method: 'POST',
    url: '/api/comments',
    payload: newComment(changes),
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().comment.id;
}

function admin(test: TestApp, method: 'GET' | 'POST', url: string, payload?: object) {
  return test.app.inject({ method, url: `/api/admin${url}`, headers: bearer, payload });
}

async function approved(test: TestApp, changes: object = {}): Promise<number> {
  const id = await post(test, changes);
  expect((await admin(test, 'POST', `/comments/${id}/approve`)).statusCode).toBe(200);
  return id;
}

async function threadIds(test: TestApp, headers: Record<string, string> = {}) {
  const response = await test.app.inject({
    method: 'GET',
    url: `/api/comments?url=${encodeURIComponent(PAGE)}`,
    headers,
  });
  return {
    status: response.statusCode,
    etag: String(response.headers.etag),
    ids:
      response.statusCode === 200 ? response.json().comments.map((c: { id: number }) => c.id) : [],
  };
}

/** Runs the command line on the test's database; returns its exit code and what it said. */
async function cli(test: TestApp, args: string[]) {
  const said: string[] = [];
  const keep = (...parts: unknown[]) => {
    said.push(parts.join(' '));
  };
  vi.spyOn(console, 'log').mockImplementation(keep);
  vi.spyOn(console, 'error').mockImplementation(keep);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const code = await runCli(args, test.config);
  vi.restoreAllMocks();
  return { code, said: said.join('\n') };
}

describe('POST /api/admin/comments/:id/unapprove', () => {
  it('sends an approved comment back to Pending and takes it off the thread at once', async () => {
    const test = await setUp();
    const id = await approved(test);
    const before = await threadIds(test);
    expect(before.ids).toEqual([id]);

    const response = await admin(test, 'POST', `/comments/${id}/unapprove`);
    expect(response.statusCode).toBe(200);
    expect(response.json().comment).toMatchObject({ id, status: 'pending' });

    // The page's version moved: the reader's cached copy is no longer current.
    const after = await threadIds(test, { 'if-none-match': before.etag });
    expect(after.status).toBe(200);
    expect(after.ids).toEqual([]);
    expect(after.etag).not.toBe(before.etag);
    expect((await admin(test, 'GET', '/counts')).json()).toMatchObject({
      pending: 1,
      approved: 0,
    });
    const pending = (await admin(test, 'GET', '/comments?status=pending')).json().comments;
    expect(pending.map((comment: { id: number }) => comment.id)).toEqual([id]);
  });

  it('answers 409 not_applicable for a comment that is not approved, and changes nothing', async () => {
    const test = await setUp();
    const held = await post(test);
    const spam = await post(test, { body: 'Buy now.' });
    await admin(test, 'POST', `/comments/${spam}/spam`);
    for (const [id, status] of [
      [held, 'pending'],
      [spam, 'spam'],
    ] as const) {
      const response = await admin(test, 'POST', `/comments/${id}/unapprove`);
      expect(response.statusCode).toBe(409);
      expect(response.json()).toEqual({
        error: {
          code: 'not_applicable',
          message: `Comment ${id} is not approved (it is ${status}), so it cannot be unapproved.`,
        },
      });
      expect(test.store.findComment(id)?.status).toBe(status);
    }
  });

  it('answers 404 for no such comment and for a deleted one, and 401 without credentials', async () => {
    const test = await setUp();
    const parent = await approved(test);
    await approved(test, { parent, body: 'A reply keeps the placeholder.' });
    await test.app.inject({
      method: 'DELETE',
      url: `/api/admin/comments/${parent}`,
      headers: bearer,
    });
    for (const id of [parent, 999]) {
      const response = await admin(test, 'POST', `/comments/${id}/unapprove`);
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('comment_not_found');
    }
    const anonymous = await test.app.inject({
      method: 'POST',
      url: `/api/admin/comments/${parent}/unapprove`,
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('mails the reader a reply was for only once when the reply is approved, unapproved and approved again', async () => {
    current = await createTestApp(
      { MODERATION: 'all', SMTP_URL: 'smtp://127.0.0.1:9', PUBLIC_URL: 'https://c.example.com' },
      { mail: { pollMs: 60_000, log: () => undefined } },
    );
    const test = current;
    const ann = await approved(test, { notify: true, body: 'Ann starts.' });
    const confirmation = test.db
      .prepare("SELECT text FROM mail_queue WHERE dedupe_key = 'confirm:ann@example.com'")
      .pluck()
      .get() as string;
    const link = new URL(/(\S+\/mail\/confirm\?token=\S+)/.exec(confirmation)?.[1] as string);
    await test.app.inject({ method: 'POST', url: `${link.pathname}${link.search}` });
    const reply = await approved(test, { parent: ann, name: 'Bob', email: 'bob@example.com' });
    const replyMail = "SELECT count(*) FROM mail_queue WHERE dedupe_key LIKE 'reply:%'";
    expect(test.db.prepare(replyMail).pluck().get()).toBe(1);

    expect((await admin(test, 'POST', `/comments/${reply}/unapprove`)).statusCode).toBe(200);
    expect((await admin(test, 'POST', `/comments/${reply}/approve`)).statusCode).toBe(200);
    expect(test.db.prepare(replyMail).pluck().get()).toBe(1);
    expect((await threadIds(test)).ids).toEqual([ann, reply]);
  });

  it('unapproves in bulk, counting only the comments that were approved', async () => {
    const test = await setUp();
    const first = await approved(test);
    const second = await approved(test, { body: 'Second.' });
    const held = await post(test, { body: 'Still held.' });
    const response = await admin(test, 'POST', '/comments/bulk', {
      ids: [first, second, held],
      action: 'unapprove',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ updated: 2 });
    for (const id of [first, second, held])
      expect(test.store.findComment(id)?.status).toBe('pending');
    expect((await threadIds(test)).ids).toEqual([]);
  });
});

describe('leave-a-reply comments unapprove', () => {
  it('sends an approved comment back to pending, and the thread drops it', async () => {
    const test = await setUp();
    const id = await approved(test);
    expect((await threadIds(test)).ids).toEqual([id]);
    expect(await cli(test, ['comments', 'unapprove', String(id)])).toEqual({
      code: 0,
      said: `Unapproved comment ${id}: it is pending again.`,
    });
    expect(test.store.findComment(id)?.status).toBe('pending');
    // Another connection's write, as a command's in its own process: the server sees it from
    // its next turn of the event loop on.
    await vi.waitFor(async () => expect((await threadIds(test)).ids).toEqual([]), {
      timeout: 5_000,
      interval: 10,
    });
  });

  it('refuses a comment that is not approved or not there, with exit code 1, and a missing ID with 2', async () => {
    const test = await setUp();
    const held = await post(test);
    expect(await cli(test, ['comments', 'unapprove', String(held)])).toEqual({
      code: 1,
      said: `Comment ${held} is not approved (it is pending), so it cannot be unapproved.`,
    });
    expect(await cli(test, ['comments', 'unapprove', '404'])).toEqual({
      code: 1,
      said: 'There is no comment with ID 404.',
    });
    const usage = await cli(test, ['comments', 'unapprove']);
    expect(usage.code).toBe(2);
    expect(usage.said).toContain('Use "comments unapprove ID".');
    expect(test.store.findComment(held)?.status).toBe('pending');
  });

  it('says what it does in its help and in the list of commands', async () => {
    const test = await setUp();
    const own = await cli(test, ['comments', 'unapprove', '--help']);
    expect(own.code).toBe(0);
    expect(own.said).toMatch(/^Usage: leave-a-reply comments unapprove ID/);
    expect(own.said).toContain('Pending queue');
    const all = await cli(test, ['--help']);
    expect(all.said).toMatch(/ {2}comments unapprove ID +send an approved comment back to pending/);
  });
});
