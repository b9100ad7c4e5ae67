import { afterEach, describe, expect, it, vi } from 'vitest';
import { mailLink, unsubscribeToken } from '../../server/mail/links.ts';
import { createTestApp, newComment, type TestApp } from '../helpers/app.ts';
import { type ReceivedMail, startSmtpServer, type TestSmtpServer } from '../helpers/smtp.ts';

const PUBLIC_URL = 'https://comments.example.com';
const OWNER = 'owner@example.com';
const READER = 'ann@example.com';
const ONE_CLICK = 'List-Unsubscribe-Post: List-Unsubscribe=One-Click';
const WAIT = { timeout: 5_000, interval: 10 };

let smtp: TestSmtpServer | null = null;
let test: TestApp | null = null;

afterEach(async () => {
  await test?.close();
  await smtp?.close();
  test = null;
  smtp = null;
});

async function setUp(): Promise<TestApp> {
  smtp = await startSmtpServer();
  test = await createTestApp(
    { SMTP_URL: smtp.url, NOTIFY_EMAIL: OWNER, PUBLIC_URL, MODERATION: 'none' },
    { mail: { pollMs: 10 } },
  );
  return test;
}

async function post(app: TestApp, changes: object): Promise<number> {
  const response = await app.app.inject({
    method: 'POST',
    url: '/api/comments',
    payload: newComment(changes),
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().comment.id;
}

async function receivedBy(address: string, count: number): Promise<ReceivedMail[]> {
  const to = () => (smtp?.received ?? []).filter((mail) => mail.recipients.includes(address));
  await vi.waitFor(() => expect(to()).toHaveLength(count), WAIT);
  return to();
}

/** Every line of the named header, unfolded, as it came over the wire. */
function headerLines(received: ReceivedMail, name: string): string[] {
  return received.mail.headerLines
    .filter((header) => header.key === name.toLowerCase())
    .map((header) => header.line.replace(/\r?\n[ \t]+/g, ' '));
}

/** The reader's own unsubscribe link, made from the server's key as every mail to them names it. */
function unsubscribeLink(app: TestApp, email: string): string {
  const key = app.store.getSetting('mail_link_key') as string;
  return mailLink(PUBLIC_URL, 'unsubscribe', unsubscribeToken(key, email));
}

describe('the unsubscribe headers of mail to readers', () => {
  it('gives the confirmation and each reply mail one List-Unsubscribe with the reader’s link, and one one-click List-Unsubscribe-Post', async () => {
    const app = await setUp();
    const annId = await post(app, { notify: true, body: 'Ann starts the thread.' });
    const [confirmation] = (await receivedBy(READER, 1)) as [ReceivedMail];
    const expected = [`List-Unsubscribe: <${unsubscribeLink(app, READER)}>`];
    expect(headerLines(confirmation, 'List-Unsubscribe')).toEqual(expected);
    expect(headerLines(confirmation, 'List-Unsubscribe-Post')).toEqual([ONE_CLICK]);

    const confirm = /\S+\/mail\/confirm\?token=\S+/.exec(confirmation.mail.text ?? '')?.[0];
    const confirmUrl = new URL(confirm as string);
    const confirmed = await app.app.inject({
      method: 'POST',
      url: `${confirmUrl.pathname}${confirmUrl.search}`,
    });
    expect(confirmed.statusCode).toBe(200);
    await post(app, {
      parent: annId,
      name: 'Bob',
      email: 'bob@example.com',
      body: 'Bob answers.',
    });
    const [, reply] = (await receivedBy(READER, 2)) as [ReceivedMail, ReceivedMail];
    expect(reply.mail.subject).toMatch(/^New reply/);
    expect(headerLines(reply, 'List-Unsubscribe')).toEqual(expected);
    expect(headerLines(reply, 'List-Unsubscribe-Post')).toEqual([ONE_CLICK]);
  });

  it('gives the site owner’s notices no unsubscribe headers', async () => {
    const app = await setUp();
    await post(app, { body: 'A comment for the owner to hear of.' });
    const [notice] = (await receivedBy(OWNER, 1)) as [ReceivedMail];
    expect(headerLines(notice, 'List-Unsubscribe')).toEqual([]);
    expect(headerLines(notice, 'List-Unsubscribe-Post')).toEqual([]);
  });

  it('sends mail queued with its unsubscribe headers by an earlier version with the same headers', async () => {
    const app = await setUp();
    const link = `${PUBLIC_URL}/mail/unsubscribe?token=an-earlier-token`;
    app.mail?.store.queueMail(
      {
        dedupeKey: 'reply:earlier',
        recipient: READER,
        subject: 'Queued before an upgrade',
        text: 'Text.',
        html: '<p>Text.</p>',
        headers: {
          'List-Unsubscribe': `<${link}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        },
      },
      new Date().toISOString(),
    );
    app.mail?.worker?.wake();
    const [mail] = (await receivedBy(READER, 1)) as [ReceivedMail];
    expect(headerLines(mail, 'List-Unsubscribe')).toEqual([`List-Unsubscribe: <${link}>`]);
    expect(headerLines(mail, 'List-Unsubscribe-Post')).toEqual([ONE_CLICK]);
  });
});
