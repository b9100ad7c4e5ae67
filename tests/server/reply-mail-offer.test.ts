/**
 * Reply mail is offered only by a server that can send it: the thread says whether it can, and
 * without SMTP_URL a post that asks for it is accepted but promised nothing.
 */
import { describe, expect, it } from 'vitest';
import { seedComment, type TestApp } from '../helpers/app.ts';
import { useSmtpServers } from '../helpers/mail.ts';
import { readThread } from '../helpers/requests.ts';
import { rowCount } from '../helpers/scene.ts';
import { useTestApps } from '../helpers/test-apps.ts';

const smtpServers = useSmtpServers();
const start = useTestApps({ MODERATION: 'none' });

function setUp(env: Record<string, string>, withMail = false): Promise<TestApp> {
  return start(env, withMail ? { mail: {} } : {});
}

async function threadAnswer(test: TestApp, headers: Record<string, string> = {}) {
  const response = await readThread(test, undefined, {}, { headers });
  expect(response.statusCode).toBe(200);
  return response.json() as { notify: boolean; count: number };
}

function postAskingForMail(test: TestApp, body: string): Promise<number> {
  return seedComment(test, { body, notify: true });
}

function subscriberCount(test: TestApp): Promise<number> {
  return rowCount(test, 'subscribers');
}

describe('reply mail on offer', () => {
  it('says "notify": false without SMTP_URL, accepts a post asking for mail, and stores no wish', async () => {
    const test = await setUp({}, true);
    expect((await threadAnswer(test)).notify).toBe(false);

    const id = await postAskingForMail(test, 'Tell me about replies, please.');
    expect((await test.store.findComment(id))?.notify).toBe(0);
    expect(await subscriberCount(test)).toBe(0);

    // The kept answer of the page's new version, compressed or not, says the same.
    const afterPost = await threadAnswer(test, { 'accept-encoding': 'identity' });
    expect(afterPost).toMatchObject({ count: 1, notify: false });
  });

  it('says "notify": true with SMTP_URL, and keeps the wish of a reader who asked', async () => {
    const smtp = await smtpServers.start();
    const test = await setUp({ SMTP_URL: smtp.url }, true);
    expect((await threadAnswer(test)).notify).toBe(true);

    const id = await postAskingForMail(test, 'Tell me about replies, please.');
    expect((await test.store.findComment(id))?.notify).toBe(1);
    // Approved at once, so the reader is asked to confirm their address.
    expect(await subscriberCount(test)).toBe(1);
    expect((await threadAnswer(test)).notify).toBe(true);
  });
});
