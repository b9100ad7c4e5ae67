import { describe, expect, it } from 'vitest';
import { mailLink, unsubscribeToken } from '../../server/mail/links.ts';
import { seedComment, type TestApp } from '../helpers/app.ts';
import { mailSettings, OWNER, PUBLIC_URL, pathOf, useSmtpServers } from '../helpers/mail.ts';
import { reader } from '../helpers/requests.ts';
import type { ReceivedMail } from '../helpers/smtp.ts';
import { useTestApps } from '../helpers/test-apps.ts';

const READER = 'ann@example.com';
const ONE_CLICK = 'List-Unsubscribe-Post: List-Unsubscribe=One-Click';

const smtpServers = useSmtpServers();
const { receivedBy } = smtpServers;
const start = useTestApps();

async function setUp(): Promise<TestApp> {
  const smtp = await smtpServers.start();
  return start(mailSettings(smtp.url), { mail: { pollMs: 10 } });
}

/** Every line of the named header, unfolded, as it came over the wire. */
function headerLines(received: ReceivedMail, name: string): string[] {
  return received.mail.headerLines
    .filter((header) => header.key === name.toLowerCase())
    .map((header) => header.line.replace(/\r?\n[ \t]+/g, ' '));
}

/** The reader's own unsubscribe link, made from the server's key as every mail to them names it. */
async function unsubscribeLink(app: TestApp, email: string): Promise<string> {
  const key = (await app.store.getSetting('mail_link_key')) as string;
  return mailLink(PUBLIC_URL, 'unsubscribe', unsubscribeToken(key, email));
}

describe('the unsubscribe headers of mail to readers', () => {
  it('gives the confirmation and each reply mail one List-Unsubscribe with the reader’s link, and one one-click List-Unsubscribe-Post', async () => {
    const app = await setUp();
    const annId = await seedComment(app, { notify: true, body: 'Ann starts the thread.' });
    const [confirmation] = (await receivedBy(READER, 1)) as [ReceivedMail];
    const expected = [`List-Unsubscribe: <${await unsubscribeLink(app, READER)}>`];
    expect(headerLines(confirmation, 'List-Unsubscribe')).toEqual(expected);
    expect(headerLines(confirmation, 'List-Unsubscribe-Post')).toEqual([ONE_CLICK]);

    const confirm = /\S+\/mail\/confirm\?token=\S+/.exec(confirmation.mail.text ?? '')?.[0];
    const confirmed = await app.app.inject({ method: 'POST', url: pathOf(confirm as string) });
    expect(confirmed.statusCode).toBe(200);
    await seedComment(app, { parent: annId, ...reader('Bob'), body: 'Bob answers.' });
    const [, reply] = (await receivedBy(READER, 2)) as [ReceivedMail, ReceivedMail];
    expect(reply.mail.subject).toMatch(/^New reply/);
    expect(headerLines(reply, 'List-Unsubscribe')).toEqual(expected);
    expect(headerLines(reply, 'List-Unsubscribe-Post')).toEqual([ONE_CLICK]);
  });

  it('gives the site owner’s notices no unsubscribe headers', async () => {
    const app = await setUp();
    await seedComment(app, { body: 'A comment for the owner to hear of.' });
    const [notice] = (await receivedBy(OWNER, 1)) as [ReceivedMail];
    expect(headerLines(notice, 'List-Unsubscribe')).toEqual([]);
    expect(headerLines(notice, 'List-Unsubscribe-Post')).toEqual([]);
  });

  it('sends mail queued with its unsubscribe headers by an earlier version with the same headers', async () => {
    const app = await setUp();
    const link = `${PUBLIC_URL}/mail/unsubscribe?token=an-earlier-token`;
    await app.mail?.store.queueMail(
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
