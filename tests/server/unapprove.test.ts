/**
 * Unapprove, as WordPress has it: an approved comment goes back to Pending, from the dashboard's
 * API (one or in bulk) and from `leave-a-reply comments unapprove ID`, and leaves the page's
 * thread at once.
 */
import { describe, expect, it, vi } from 'vitest';
import { seedComment, type TestApp } from '../helpers/app.ts';
import { approveComment, asAdmin, reader, readThread, runCliQuietly } from '../helpers/requests.ts';
import { confirmQueuedMail, runSql } from '../helpers/scene.ts';
import { useTestApps } from '../helpers/test-apps.ts';

const setUp = useTestApps({ MODERATION: 'all' });

async function approved(test: TestApp, changes: object = {}): Promise<number> {
  const id = await seedComment(test, changes);
  await approveComment(test, id);
  return id;
}

async function threadIds(test: TestApp, headers: Record<string, string> = {}) {
  const response = await readThread(test, undefined, {}, { headers });
  return {
    status: response.statusCode,
    etag: String(response.headers.etag),
    ids:
      response.statusCode === 200 ? response.json().comments.map((c: { id: number }) => c.id) : [],
  };
}

describe('POST /api/admin/comments/:id/unapprove', () => {
  it('sends an approved comment back to Pending and takes it off the thread at once', async () => {
    const test = await setUp();
    const id = await approved(test);
    const before = await threadIds(test);
    expect(before.ids).toEqual([id]);

    const response = await asAdmin(test, 'POST', `/comments/${id}/unapprove`);
    expect(response.statusCode).toBe(200);
    expect(response.json().comment).toMatchObject({ id, status: 'pending' });

    // The page's version moved: the reader's cached copy is no longer current.
    const after = await threadIds(test, { 'if-none-match': before.etag });
    expect(after.status).toBe(200);
    expect(after.ids).toEqual([]);
    expect(after.etag).not.toBe(before.etag);
    expect((await asAdmin(test, 'GET', '/counts')).json()).toMatchObject({
      pending: 1,
      approved: 0,
    });
    const pending = (await asAdmin(test, 'GET', '/comments?status=pending')).json().comments;
    expect(pending.map((comment: { id: number }) => comment.id)).toEqual([id]);
  });

  it('answers 409 not_applicable for a comment that is not approved, and changes nothing', async () => {
    const test = await setUp();
    const held = await seedComment(test);
    const spam = await seedComment(test, { body: 'Buy now.' });
    await asAdmin(test, 'POST', `/comments/${spam}/spam`);
    for (const [id, status] of [
      [held, 'pending'],
      [spam, 'spam'],
    ] as const) {
      const response = await asAdmin(test, 'POST', `/comments/${id}/unapprove`);
      expect(response.statusCode).toBe(409);
      expect(response.json()).toEqual({
        error: {
          code: 'not_applicable',
          message: `Comment ${id} is not approved (it is ${status}), so it cannot be unapproved.`,
        },
      });
      expect((await test.store.findComment(id))?.status).toBe(status);
    }
  });

  it('answers 404 for no such comment and for a deleted one, and 401 without credentials', async () => {
    const test = await setUp();
    const parent = await approved(test);
    await approved(test, { parent, body: 'A reply keeps the placeholder.' });
    await asAdmin(test, 'DELETE', `/comments/${parent}`);
    for (const id of [parent, 999]) {
      const response = await asAdmin(test, 'POST', `/comments/${id}/unapprove`);
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
    const test = await setUp(
      { SMTP_URL: 'smtp://127.0.0.1:9', PUBLIC_URL: 'https://c.example.com' },
      { mail: { pollMs: 60_000, log: () => undefined } },
    );
    const ann = await approved(test, { notify: true, body: 'Ann starts.' });
    await confirmQueuedMail(test, 'ann@example.com');
    const reply = await approved(test, { parent: ann, ...reader('Bob') });
    const replyMails = async () =>
      runSql(test, "SELECT count(*) AS n FROM mail_queue WHERE dedupe_key LIKE 'reply:%'");
    expect(await replyMails()).toEqual([{ n: 1 }]);

    expect((await asAdmin(test, 'POST', `/comments/${reply}/unapprove`)).statusCode).toBe(200);
    expect((await asAdmin(test, 'POST', `/comments/${reply}/approve`)).statusCode).toBe(200);
    expect(await replyMails()).toEqual([{ n: 1 }]);
    expect((await threadIds(test)).ids).toEqual([ann, reply]);
  });

  it('unapproves in bulk, counting only the comments that were approved', async () => {
    const test = await setUp();
    const first = await approved(test);
    const second = await approved(test, { body: 'Second.' });
    const held = await seedComment(test, { body: 'Still held.' });
    const response = await asAdmin(test, 'POST', '/comments/bulk', {
      ids: [first, second, held],
      action: 'unapprove',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ updated: 2 });
    for (const id of [first, second, held])
      expect((await test.store.findComment(id))?.status).toBe('pending');
    expect((await threadIds(test)).ids).toEqual([]);
  });
});

describe('leave-a-reply comments unapprove', () => {
  it('sends an approved comment back to pending, and the thread drops it', async () => {
    const test = await setUp();
    const id = await approved(test);
    expect((await threadIds(test)).ids).toEqual([id]);
    expect(await runCliQuietly(['comments', 'unapprove', String(id)], test.config)).toEqual({
      code: 0,
      said: `Unapproved comment ${id}: it is pending again.`,
    });
    expect((await test.store.findComment(id))?.status).toBe('pending');
    // Another connection's write, as a command's in its own process: the server sees it from
    // its next turn of the event loop on.
    await vi.waitFor(async () => expect((await threadIds(test)).ids).toEqual([]), {
      timeout: 5_000,
      interval: 10,
    });
  });

  it('refuses a comment that is not approved or not there, with exit code 1, and a missing ID with 2', async () => {
    const test = await setUp();
    const held = await seedComment(test);
    expect(await runCliQuietly(['comments', 'unapprove', String(held)], test.config)).toEqual({
      code: 1,
      said: `Comment ${held} is not approved (it is pending), so it cannot be unapproved.`,
    });
    expect(await runCliQuietly(['comments', 'unapprove', '404'], test.config)).toEqual({
      code: 1,
      said: 'There is no comment with ID 404.',
    });
    const usage = await runCliQuietly(['comments', 'unapprove'], test.config);
    expect(usage.code).toBe(2);
    expect(usage.said).toContain('Use "comments unapprove ID".');
    expect((await test.store.findComment(held))?.status).toBe('pending');
  });

  it('says what it does in its help and in the list of commands', async () => {
    const test = await setUp();
    const own = await runCliQuietly(['comments', 'unapprove', '--help'], test.config);
    expect(own.code).toBe(0);
    expect(own.said).toMatch(/^Usage: leave-a-reply comments unapprove ID/);
    expect(own.said).toContain('Pending queue');
    const all = await runCliQuietly(['--help'], test.config);
    expect(all.said).toMatch(/ {2}comments unapprove ID +send an approved comment back to pending/);
  });
});
