import { describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { MAX_ATTEMPTS, retryDelay } from '../../server/mail/queue.ts';
import type { QueuedMailRow } from '../../server/storage/mail-store.ts';
import { seedComment, type TestApp } from '../helpers/app.ts';
import {
  closedSmtpPort,
  MAIL_WAIT,
  mailSettings,
  OWNER,
  PUBLIC_URL,
  pathOf,
  useSmtpServers,
} from '../helpers/mail.ts';
import { PAGE, reader, runCliQuietly } from '../helpers/requests.ts';
import { headerLine, type ReceivedMail } from '../helpers/smtp.ts';
import { useFolders, useTestApps } from '../helpers/test-apps.ts';

// The fake clock starts at the real time: the command line, in one test, uses the real one.
let clock = 0;
const now = () => new Date(clock);
let logs: string[] = [];
const folder = useFolders('mail');
const smtpServers = useSmtpServers();
const { mailTo, receivedBy } = smtpServers;
const start = useTestApps();

/** An app with mail on, sending to `smtpUrl`, on a fake clock; comments are approved at once. */
function startApp(smtpUrl: string, env: Record<string, string> = {}, dir?: string) {
  return start(
    { ...mailSettings(smtpUrl), ...env },
    { mail: { now, pollMs: 10, log: (message) => logs.push(message) }, dir },
  );
}

async function setUp(env: Record<string, string> = {}): Promise<TestApp> {
  clock = Date.now();
  logs = [];
  return startApp((await smtpServers.start()).url, env);
}

/** Waits until the worker has gone through everything due, then once more. */
async function settled(test: TestApp): Promise<void> {
  await test.mail?.worker?.whenIdle();
  await test.mail?.worker?.whenIdle();
}

/** The path and query of the link after `label:` in a mail's text, for app.inject. */
function linkAfter(mail: ReceivedMail, label: string): string {
  const found = new RegExp(`${label}: (\\S+)`).exec(mail.mail.text ?? '')?.[1];
  if (!found) throw new Error(`No "${label}:" link in:\n${mail.mail.text}`);
  expect(found.startsWith(`${PUBLIC_URL}/mail/`)).toBe(true);
  return pathOf(found);
}

function confirmLink(mail: ReceivedMail): string {
  return pathOf(/(\S+\/mail\/confirm\?token=\S+)/.exec(mail.mail.text ?? '')?.[1] as string);
}

function queueRow(test: TestApp, dedupeKey: string): QueuedMailRow {
  return test.db
    .prepare('SELECT * FROM mail_queue WHERE dedupe_key = ?')
    .get(dedupeKey) as QueuedMailRow;
}

async function statusOf(test: TestApp, id: number): Promise<string> {
  return (await test.store.findComment(id))?.status as string;
}

/** Ann comments asking for reply mail, and confirms her address from the mail she gets. */
async function annSubscribes(test: TestApp): Promise<number> {
  const id = await seedComment(test, { notify: true, body: 'Ann starts the thread.' });
  const [confirmation] = await receivedBy('ann@example.com', 1);
  const response = await test.app.inject({
    method: 'POST',
    url: confirmLink(confirmation as ReceivedMail),
  });
  expect(response.statusCode).toBe(200);
  return id;
}

/** Ann, subscribed, and Dave's reply to her, held for the casino it mentions. */
async function heldReplyToAnn(body: string): Promise<{ test: TestApp; replyId: number }> {
  const test = await setUp({ HOLD_WORDS: 'casino' });
  const annId = await annSubscribes(test);
  const replyId = await seedComment(test, { parent: annId, ...reader('Dave'), body });
  return { test, replyId };
}

describe('mail to the site owner', () => {
  it('tells the owner of a held comment: its text, page, author, status and one-click links', async () => {
    const test = await setUp({ MODERATION: 'all' });
    const id = await seedComment(test, { body: 'Could you say more about rye flour?' });

    const [notice] = await receivedBy(OWNER, 1);
    const { mail, recipients } = notice as ReceivedMail;
    expect(recipients).toEqual([OWNER]);
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe(OWNER);
    expect(mail.cc).toBeUndefined();
    expect(mail.from?.value).toEqual([
      { name: 'Leave a Reply', address: 'noreply@comments.example.com' },
    ]);
    expect(mail.subject).toBe('Please moderate: "Hello"');
    for (const part of [mail.text, mail.html as string]) {
      expect(part).toContain('Could you say more about rye flour?');
      expect(part).toContain('Ann Reader');
      expect(part).toContain('ann@example.com');
      expect(part).toContain('https://ann.example.com');
      expect(part).toContain('held for moderation');
      expect(part).toContain(PAGE);
    }
    for (const label of ['Approve', 'Spam', 'Trash']) {
      const path = linkAfter(notice as ReceivedMail, label);
      expect(mail.html).toContain(`href="${PUBLIC_URL}${path}"`);
    }
    expect(await statusOf(test, id)).toBe('pending');
  });

  it('links an approved comment on its page and offers Spam and Trash only', async () => {
    const test = await setUp();
    const id = await seedComment(test);
    const [notice] = await receivedBy(OWNER, 1);
    expect(notice?.mail.subject).toBe('New comment on "Hello"');
    expect(notice?.mail.text).toContain(`${PAGE}#comment-${id}`);
    expect(notice?.mail.text).not.toContain('Approve:');
    linkAfter(notice as ReceivedMail, 'Spam');
  });

  it('escapes everything a reader typed in the HTML part', async () => {
    const test = await setUp({ MODERATION: 'all' });
    await seedComment(test, {
      name: '<img src=x onerror=alert(1)>',
      title: 'A <b>bold</b> title',
      body: '<script>alert("x")</script> & <a href="https://evil.example">click</a>',
    });
    const [notice] = await receivedBy(OWNER, 1);
    const html = notice?.mail.html as string;
    expect(html).not.toMatch(/<script|<img|<a href="https:\/\/evil|<b>/);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(notice?.mail.text).toContain('<script>alert("x")</script>');
  });

  it('approves from the mail once and only once, and only on a POST', async () => {
    const test = await setUp({ MODERATION: 'all' });
    const id = await seedComment(test);
    const [notice] = await receivedBy(OWNER, 1);
    const approve = linkAfter(notice as ReceivedMail, 'Approve');

    // Mail scanners fetch every link: a GET shows a button and changes nothing.
    const page = await test.app.inject({ method: 'GET', url: approve });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('<form method="post"><button type="submit">Approve</button>');
    expect(page.body).toContain('Ann Reader');
    expect(await statusOf(test, id)).toBe('pending');

    const done = await test.app.inject({ method: 'POST', url: approve });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('is approved');
    expect(await statusOf(test, id)).toBe('approved');

    // Another link of the same mail is a token of its own and still works...
    const spam = await test.app.inject({
      method: 'POST',
      url: linkAfter(notice as ReceivedMail, 'Spam'),
    });
    expect(spam.statusCode).toBe(200);
    expect(await statusOf(test, id)).toBe('spam');

    // ...but the used one does nothing again.
    for (const method of ['POST', 'GET'] as const) {
      const again = await test.app.inject({ method, url: approve });
      expect(again.statusCode).toBe(410);
      expect(again.body).toContain('This link has been used already');
    }
    expect(await statusOf(test, id)).toBe('spam');
  });

  it('moves a comment to the trash from the mail, remembering where it came from', async () => {
    const test = await setUp({ MODERATION: 'all' });
    const id = await seedComment(test);
    const [notice] = await receivedBy(OWNER, 1);
    const response = await test.app.inject({
      method: 'POST',
      url: linkAfter(notice as ReceivedMail, 'Trash'),
      // A mail client's one-click POST (RFC 8058) carries this form body.
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(response.statusCode).toBe(200);
    expect(await test.store.findComment(id)).toMatchObject({
      status: 'trash',
      trashed_from: 'pending',
    });
  });

  it('refuses a link after seven days, and a made-up one', async () => {
    const test = await setUp({ MODERATION: 'all' });
    const id = await seedComment(test);
    const [notice] = await receivedBy(OWNER, 1);
    const approve = linkAfter(notice as ReceivedMail, 'Approve');

    clock += 7 * 24 * 60 * 60_000 + 1000;
    for (const method of ['GET', 'POST'] as const) {
      const response = await test.app.inject({ method, url: approve });
      expect(response.statusCode).toBe(410);
      expect(response.body).toContain('This link has expired');
    }
    expect(await statusOf(test, id)).toBe('pending');

    const forged = await test.app.inject({ method: 'POST', url: '/mail/action?token=made-up' });
    expect(forged.statusCode).toBe(404);
    expect(forged.body).toContain('This link is not valid');
    expect(await statusOf(test, id)).toBe('pending');
  });

  it('queues one notice per comment, however often it is told', async () => {
    const test = await setUp();
    const id = await seedComment(test);
    await receivedBy(OWNER, 1);
    const row = await test.store.findComment(id);
    await test.mail?.notifier.commentPosted(row as NonNullable<typeof row>, test.storage);
    await settled(test);
    expect(mailTo(OWNER)).toHaveLength(1);
    const count = test.db.prepare('SELECT count(*) AS n FROM mail_queue').get() as { n: number };
    expect(count.n).toBe(1);
  });
});

describe('mail to readers about replies', () => {
  it('stores whether a reader ticked the box', async () => {
    const test = await setUp();
    const ticked = await seedComment(test, { notify: true });
    const unticked = await seedComment(test, { body: 'Another thought.' });
    expect((await test.store.findComment(ticked))?.notify).toBe(1);
    expect((await test.store.findComment(unticked))?.notify).toBe(0);
  });

  it('asks a reader to confirm once, and sends reply mail only after they confirm', async () => {
    const test = await setUp();
    const annId = await seedComment(test, { notify: true, body: 'Ann starts the thread.' });

    const [confirmation] = await receivedBy('ann@example.com', 1);
    const { mail } = confirmation as ReceivedMail;
    expect(confirmation?.recipients).toEqual(['ann@example.com']);
    expect(mail.subject).toBe('Please confirm: mail about replies to your comments');
    expect(mail.text).toContain('"Hello"');
    expect(mail.html).toContain('Confirm my address');
    const unsubscribe = headerLine(mail, 'List-Unsubscribe');
    expect(unsubscribe).toMatch(
      /^List-Unsubscribe: <https:\/\/comments\.example\.com\/mail\/unsubscribe\?token=[\w-]+>$/,
    );
    expect(headerLine(mail, 'List-Unsubscribe-Post')).toBe(
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    );

    // A reply before confirmation sends Ann nothing.
    await seedComment(test, { parent: annId, ...reader('Bob'), body: 'Bob, too early.' });
    await receivedBy(OWNER, 2);
    await settled(test);
    expect(mailTo('ann@example.com')).toHaveLength(1);

    // Opening the link only asks; the button confirms.
    const confirm = confirmLink(confirmation as ReceivedMail);
    const page = await test.app.inject({ method: 'GET', url: confirm });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<button type="submit">Confirm</button>');
    const subscriber = () =>
      test.db.prepare('SELECT * FROM subscribers').get() as { confirmed_at: string | null };
    expect(subscriber().confirmed_at).toBeNull();
    const confirmed = await test.app.inject({ method: 'POST', url: confirm });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.body).toContain('Your address is confirmed');
    expect(subscriber().confirmed_at).not.toBeNull();

    const carolId = await seedComment(test, {
      parent: annId,
      ...reader('Carol'),
      body: 'Carol answers:\n\nrye <em>needs</em> more water.',
    });
    const [, reply] = await receivedBy('ann@example.com', 2);
    const replyMail = (reply as ReceivedMail).mail;
    expect(reply?.recipients).toEqual(['ann@example.com']);
    expect(replyMail.to && 'text' in replyMail.to ? replyMail.to.text : '').toBe('ann@example.com');
    expect(replyMail.cc).toBeUndefined();
    expect(replyMail.subject).toBe('New reply to your comment on "Hello"');
    expect(replyMail.text).toContain('Carol replied to your comment on "Hello":');
    expect(replyMail.text).toContain('rye <em>needs</em> more water.');
    expect(replyMail.text).toContain(`${PAGE}#comment-${carolId}`);
    expect(replyMail.text).toContain('Ann starts the thread.');
    expect(replyMail.html).toContain('rye &lt;em&gt;needs&lt;/em&gt; more water.');
    expect(replyMail.html).toContain(`href="${PAGE}#comment-${carolId}"`);
    // The reply's author's address is never shown to another reader.
    expect(reply?.source).not.toContain('carol@example.com');
    expect(headerLine(replyMail, 'List-Unsubscribe')).toBe(unsubscribe);
    expect(headerLine(replyMail, 'List-Unsubscribe-Post')).toBe(
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    );
    expect(replyMail.text).toContain(`Unsubscribe: ${/<(.+)>/.exec(unsubscribe ?? '')?.[1]}`);

    // Her own reply to herself, and her next comment asking for mail, send her nothing.
    await seedComment(test, { parent: annId, body: 'Ann thanks everyone.', notify: true });
    await seedComment(test, { notify: true, body: 'Ann, on another matter.' });
    await receivedBy(OWNER, 5);
    await settled(test);
    expect(mailTo('ann@example.com')).toHaveLength(2);
  });

  it('mails a reader about a held reply once it is approved, from the owner’s link', async () => {
    const { test, replyId } = await heldReplyToAnn('I met a baker at the casino.');
    const [, notice] = await receivedBy(OWNER, 2);
    await settled(test);
    expect(mailTo('ann@example.com')).toHaveLength(1);

    const approved = await test.app.inject({
      method: 'POST',
      url: linkAfter(notice as ReceivedMail, 'Approve'),
    });
    expect(approved.statusCode).toBe(200);
    const [, reply] = await receivedBy('ann@example.com', 2);
    expect(reply?.mail.text).toContain(`#comment-${replyId}`);
    expect(reply?.mail.text).toContain('I met a baker at the casino.');
  });

  it('queues reply mail when a reply is approved from the command line', async () => {
    const { test, replyId } = await heldReplyToAnn('Casino sourdough is a thing.');
    const run = await runCliQuietly(['comments', 'approve', String(replyId)], test.config);
    expect(run.code, run.said).toBe(0);
    // The command only queues, on the real clock; the server's worker sends once it is due.
    clock = Date.now();
    const [, reply] = await receivedBy('ann@example.com', 2);
    expect(reply?.mail.text).toContain('Casino sourdough is a thing.');
  });

  it('sends no more mail of any kind after a one-click unsubscribe', async () => {
    const test = await setUp();
    const annId = await annSubscribes(test);
    const [confirmation] = mailTo('ann@example.com');
    const target = /<(.+)>/.exec(
      headerLine((confirmation as ReceivedMail).mail, 'List-Unsubscribe') ?? '',
    )?.[1] as string;
    const path = `${new URL(target).pathname}${new URL(target).search}`;

    const page = await test.app.inject({ method: 'GET', url: path });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<button type="submit">Unsubscribe</button>');

    // As a mail client does it (RFC 8058): a POST to the header's address with this body.
    const boundary = 'x-boundary';
    const response = await test.app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('You are unsubscribed');

    await seedComment(test, { parent: annId, ...reader('Bob'), body: 'Hello Ann.' });
    await seedComment(test, { notify: true, body: 'Ann ticks the box again.' });
    await receivedBy(OWNER, 3);
    await settled(test);
    expect(mailTo('ann@example.com')).toHaveLength(1);
    // The confirmation link no longer subscribes her either.
    const again = await test.app.inject({
      method: 'POST',
      url: confirmLink(confirmation as ReceivedMail),
    });
    expect(again.body).toContain('You are unsubscribed');
  });

  it('forgets an address and the mail about its comments when its data is erased', async () => {
    const test = await setUp();
    const annId = await annSubscribes(test);
    const carolId = await seedComment(test, {
      parent: annId,
      ...reader('Carol'),
      body: 'Carol answers.',
    });
    await receivedBy('ann@example.com', 2);
    const ann = await runCliQuietly(['data', 'erase', 'Ann@Example.com'], test.config);
    expect(ann.code, ann.said).toBe(0);
    const carol = await runCliQuietly(['data', 'erase', 'carol@example.com'], test.config);
    expect(carol.code, carol.said).toBe(0);
    const keys = test.db.prepare('SELECT dedupe_key FROM mail_queue').all() as {
      dedupe_key: string;
    }[];
    expect(keys).toEqual([]);
    expect(test.db.prepare('SELECT * FROM subscribers').all()).toEqual([]);
    expect(await test.store.findComment(carolId)).toBeNull();
  });

  it('withdraws reply mail still waiting in the queue when the reader unsubscribes', async () => {
    const test = await setUp();
    const annId = await annSubscribes(test);
    await test.mail?.worker?.stop();
    await seedComment(test, { parent: annId, ...reader('Bob'), body: 'Hello.' });
    const [confirmation] = mailTo('ann@example.com');
    const target = /<(.+)>/.exec(
      headerLine((confirmation as ReceivedMail).mail, 'List-Unsubscribe') ?? '',
    )?.[1] as string;
    const response = await test.app.inject({
      method: 'POST',
      url: new URL(target).pathname + new URL(target).search,
    });
    expect(response.statusCode).toBe(200);
    const waiting = test.db
      .prepare('SELECT dedupe_key FROM mail_queue WHERE sent_at IS NULL')
      .all() as { dedupe_key: string }[];
    expect(waiting.map((row) => row.dedupe_key)).toEqual([expect.stringMatching(/^owner-new:/)]);
  });
});

describe('the mail queue', () => {
  it('delivers mail queued while the SMTP server is down once it is back, exactly once', async () => {
    clock = Date.now();
    logs = [];
    const port = await closedSmtpPort();
    const test = await startApp(`smtp://127.0.0.1:${port}`);
    const id = await seedComment(test);
    const key = `owner-new:${id}`;

    await vi.waitFor(() => {
      expect(queueRow(test, key)).toMatchObject({
        attempts: 1,
        sending_until: null,
        sent_at: null,
      });
    }, MAIL_WAIT);
    const failed = queueRow(test, key);
    expect(failed.last_error).toMatch(/ECONNREFUSED|connect/i);
    expect(failed.next_attempt_at).toBe(new Date(clock + 10_000).toISOString());
    expect(logs.join('\n')).toMatch(/trying again in 10 s/);

    const smtp = await smtpServers.start(port);
    await settled(test);
    expect(smtp.received).toHaveLength(0); // not yet due
    clock += 10_000;
    await receivedBy(OWNER, 1);
    await settled(test);
    expect(smtp.received).toHaveLength(1);
    expect(queueRow(test, key)).toMatchObject({ attempts: 2, last_error: null });
    expect(queueRow(test, key).sent_at).not.toBeNull();
  });

  it('tries again with growing waits and gives up after the last try, keeping the error', async () => {
    clock = Date.now();
    logs = [];
    const test = await startApp(`smtp://127.0.0.1:${await closedSmtpPort()}`);
    const key = `owner-new:${await seedComment(test)}`;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      await vi.waitFor(() => {
        expect(queueRow(test, key)).toMatchObject({ attempts: attempt, sending_until: null });
      }, MAIL_WAIT);
      const delay = retryDelay(attempt);
      if (delay !== null) clock += delay;
    }
    expect(logs.at(-1)).toMatch(/given up/);
    clock += 24 * 60 * 60_000;
    await settled(test);
    expect(queueRow(test, key)).toMatchObject({ attempts: MAX_ATTEMPTS, sent_at: null });
    expect(queueRow(test, key).last_error).toMatch(/ECONNREFUSED|connect/i);
  });

  it('waits 10 s, 30 s, 2 min, 10 min, then an hour between tries', () => {
    const waits = Array.from({ length: MAX_ATTEMPTS }, (_, index) => retryDelay(index + 1));
    expect(waits).toEqual([
      10_000,
      30_000,
      120_000,
      600_000,
      3_600_000,
      3_600_000,
      3_600_000,
      3_600_000,
      3_600_000,
      null,
    ]);
  });

  it('sends nothing twice across a restart, and retries a send cut off by a crash', async () => {
    const dir = folder();
    clock = Date.now();
    const smtp = await smtpServers.start();
    const first = await startApp(smtp.url, {}, dir);
    await seedComment(first);
    await receivedBy(OWNER, 1);

    // A worker that died while handing a mail over leaves it taken until its lease ends.
    await first.mail?.store.queueMail(
      {
        dedupeKey: 'crashed',
        recipient: OWNER,
        subject: 'Cut off',
        text: 'Cut off mid-send.',
        html: '<p>Cut off mid-send.</p>',
        headers: {},
      },
      now().toISOString(),
    );
    first.db
      .prepare("UPDATE mail_queue SET attempts = 1, sending_until = ? WHERE dedupe_key = 'crashed'")
      .run(new Date(clock + 5 * 60_000).toISOString());
    await first.close();

    const second = await startApp(smtp.url, {}, dir);
    await settled(second);
    expect(smtp.received).toHaveLength(1);

    clock += 5 * 60_000 + 1000;
    await receivedBy(OWNER, 2);
    expect(smtp.received[1]?.mail.subject).toBe('Cut off');

    await seedComment(second, { body: 'After the restart.' });
    await receivedBy(OWNER, 3);
    await settled(second);
    expect(smtp.received.map((mail) => mail.mail.subject)).toEqual([
      'New comment on "Hello"',
      'Cut off',
      'New comment on "Hello"',
    ]);
  });

  it('finds due mail through its index', async () => {
    const test = await start({}, { mail: {} });
    const sql = (await test.mail?.store.statementSources())?.claimDue as string;
    const plan = test.db
      .prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .all({ now: '', leaseUntil: '', maxAttempts: 1 }) as { detail: string }[];
    expect(plan.map((row) => row.detail).join('\n')).toMatch(
      /SEARCH mail_queue USING INDEX mail_queue_due/,
    );
  });

  it('queues nothing and runs no worker without SMTP_URL, while links keep working', async () => {
    const test = await start({ NOTIFY_EMAIL: OWNER }, { mail: {} });
    expect(test.mail?.worker).toBeNull();
    await seedComment(test, { notify: true });
    const count = test.db.prepare('SELECT count(*) AS n FROM mail_queue').get() as { n: number };
    expect(count.n).toBe(0);
    const page = await test.app.inject({ method: 'GET', url: '/mail/unsubscribe?token=unknown' });
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('This link is not valid');
  });
});

describe('mail settings', () => {
  it('sends no mail by default, and links to the server itself', () => {
    expect(loadConfig({})).toMatchObject({
      smtpUrl: null,
      notifyEmail: null,
      publicUrl: 'http://localhost:8080',
      mailFrom: 'Leave a Reply <noreply@localhost>',
    });
    expect(loadConfig({ HOST: '0.0.0.0', PORT: '3000' }).publicUrl).toBe('http://localhost:3000');
  });

  it('reads SMTP_URL, NOTIFY_EMAIL, MAIL_FROM and PUBLIC_URL', () => {
    expect(
      loadConfig({
        SMTP_URL: 'smtps://user:pass@mail.example.com:465',
        NOTIFY_EMAIL: 'me@example.com',
        PUBLIC_URL: 'https://comments.example.com/',
      }),
    ).toMatchObject({
      smtpUrl: 'smtps://user:pass@mail.example.com:465',
      notifyEmail: 'me@example.com',
      publicUrl: 'https://comments.example.com',
      mailFrom: 'Leave a Reply <noreply@comments.example.com>',
    });
    expect(loadConfig({ MAIL_FROM: 'Blog <blog@example.com>' }).mailFrom).toBe(
      'Blog <blog@example.com>',
    );
  });

  it('names every wrong mail setting', () => {
    expect(() =>
      loadConfig({ SMTP_URL: 'mail.example.com', NOTIFY_EMAIL: 'me', PUBLIC_URL: 'ftp://x' }),
    ).toThrow(/SMTP_URL[\s\S]*NOTIFY_EMAIL[\s\S]*PUBLIC_URL/);
  });
});
