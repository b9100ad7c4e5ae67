/**
 * Reply mail is offered only by a server that can send it: the thread says whether it can, and
 * without SMTP_URL a post that asks for it is accepted but promised nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, newComment, type TestApp } from '../helpers/app.ts';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.ts';

const PAGE = 'http://localhost:8080/posts/hello';
let apps: TestApp[] = [];
let smtp: TestSmtpServer | null = null;

afterEach(async () => {
  for (const app of apps) await app.close();
  await smtp?.close();
  apps = [];
  smtp = null;
});

async function setUp(env: Record<string, string>, withMail = false): Promise<TestApp> {
  const test = await createTestApp({ MODERATION: 'none', ...env }, withMail ? { mail: {} } : {});
  apps.push(test);
  return test;
}

async function threadAnswer(test: TestApp, headers: Record<string, string> = {}) {
  const response = await test.app.inject({
    method: 'GET',
    url: `/api/comments?url=${encodeURIComponent(PAGE)}`,
    headers,
  });
  expect(response.statusCode).toBe(200);
  return response.json() as { notify: boolean; count: number };
}

async function postAskingForMail(test: TestApp, body: string): Promise<number> {
  const response = await test.app.inject({
    method: 'POST',
    url: '/api/comments',
    payload: newComment({ body, notify: true }),
  });
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as { comment: { id: number } }).comment.id;
}

function subscriberCount(test: TestApp): number {
  return (test.db.prepare('SELECT count(*) AS n FROM subscribers').get() as { n: number }).n;
}

describe('reply mail on offer', () => {
  it('says "notify": false without SMTP_URL, accepts a post asking for mail, and stores no wish', async () => {
    const test = await setUp({}, true);
    expect((await threadAnswer(test)).notify).toBe(false);

    const id = await postAskingForMail(test, 'Tell me about replies, please.');
    expect(test.store.findComment(id)?.notify).toBe(0);
    expect(subscriberCount(test)).toBe(0);

    // The kept answer of the page's new version, compressed or not, says the same.
    const afterPost = await threadAnswer(test, { 'accept-encoding': 'identity' });
    expect(afterPost).toMatchObject({ count: 1, notify: false });
  });

  it('says "notify": true with SMTP_URL, and keeps the wish of a reader who asked', async () => {
    smtp = await startSmtpServer();
    const test = await setUp({ SMTP_URL: smtp.url }, true);
    expect((await threadAnswer(test)).notify).toBe(true);

    const id = await postAskingForMail(test, 'Tell me about replies, please.');
    expect(test.store.findComment(id)?.notify).toBe(1);
    // Approved at once, so the reader is asked to confirm their address.
    expect(subscriberCount(test)).toBe(1);
    expect((await threadAnswer(test)).notify).toBe(true);
  });
});
