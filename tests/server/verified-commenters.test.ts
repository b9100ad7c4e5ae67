/**
 * Verified commenters: a reader's browser asks to verify an address, the mail's link confirms
 * that browser's secret, and first-time moderation then knows the address's owner by it — and
 * holds whoever types the address without it. A real database, real Fastify, a real SMTP server.
 */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/storage/open.ts';
import { createStore } from '../../server/storage/store.ts';
import { createVerifiedAddresses } from '../../server/storage/verified-addresses.ts';
import { ON_POSTGRES, type TestApp } from '../helpers/app.ts';
import { PUBLIC_URL, pathOf, useSmtpServers } from '../helpers/mail.ts';
import {
  approveComment,
  asAdmin,
  PAGE,
  postComment,
  reader,
  readThread,
  runCliQuietly,
} from '../helpers/requests.ts';
import { rowCount, runSql } from '../helpers/scene.ts';
import type { ReceivedMail } from '../helpers/smtp.ts';
import { useFolders, useTestApps } from '../helpers/test-apps.ts';

const ANN = { name: 'Ann Reader', email: 'ann@example.com' };

let clock = 0;
const now = () => new Date(clock);
const folder = useFolders('verified');
const smtpServers = useSmtpServers();
const start = useTestApps({ MODERATION: 'first-time', PUBLIC_URL });

/** A site that sends mail (and so verifies addresses), on a fake clock. */
async function withMail(dir?: string): Promise<TestApp> {
  clock = Date.now();
  const smtp = await smtpServers.start();
  return start({ SMTP_URL: smtp.url }, { mail: { now, pollMs: 10 }, clock: now, dir });
}

function askToVerify(test: TestApp, payload: object, headers: Record<string, string> = {}) {
  return test.app.inject({ method: 'POST', url: '/api/verifications', payload, headers });
}

/** Asks to verify `email` from PAGE; the secret the browser keeps. */
async function secretFor(test: TestApp, email: string, lang?: string): Promise<string> {
  const response = await askToVerify(test, { email, url: PAGE, ...(lang ? { lang } : {}) });
  expect(response.statusCode, response.body).toBe(202);
  return response.json().verification;
}

/** The link of the newest verification mail `email` received, as a path for app.inject. */
async function verifyLink(email: string, count = 1): Promise<string> {
  const mails = await smtpServers.receivedBy(email, count);
  const { text } = (mails[count - 1] as ReceivedMail).mail;
  const link = /(\S+\/mail\/verify\?token=\S+)/.exec(text ?? '')?.[1];
  expect(link?.startsWith(`${PUBLIC_URL}/mail/verify?token=`), text).toBe(true);
  return pathOf(link as string);
}

/** Asks to verify `email`, and presses the button of the page its mail's link opens. */
async function verifiedSecret(test: TestApp, email: string, count = 1): Promise<string> {
  const secret = await secretFor(test, email);
  const pressed = await test.app.inject({ method: 'POST', url: await verifyLink(email, count) });
  expect(pressed.statusCode, pressed.body).toBe(200);
  return secret;
}

/** Posts as `who`, with `changes`; the comment as its author is told of it. */
async function post(test: TestApp, changes: object) {
  const response = await postComment(test, changes);
  expect(response.statusCode, response.body).toBe(201);
  return response.json().comment as { id: number; status: string; verified: boolean };
}

/** Ann, a regular: one approved comment under her name and address. */
async function regular(test: TestApp): Promise<void> {
  const first = await post(test, { ...ANN, body: 'Ann’s first comment.' });
  await approveComment(test, first.id);
}

function heldReasons(test: TestApp): string[] {
  return test.logs
    .map((line) => JSON.parse(line) as { msg?: string; reason?: string })
    .filter((entry) => entry.msg === 'Comment held for moderation')
    .map((entry) => entry.reason as string);
}

describe('asking to verify an address', () => {
  it('answers 202 with a new secret for the browser, alike for every address', async () => {
    const test = await withMail();
    await regular(test);
    await verifiedSecret(test, ANN.email);
    const answers = await Promise.all(
      [ANN.email, 'ANN@example.com', 'nobody@example.com'].map((email) =>
        askToVerify(test, { email, url: PAGE }),
      ),
    );
    const secrets = new Set<string>();
    for (const answer of answers) {
      expect(answer.statusCode).toBe(202);
      expect(Object.keys(answer.json())).toEqual(['verification']);
      expect(answer.json().verification).toMatch(/^[\w-]{32}$/);
      expect(answer.body).not.toContain('example.com');
      secrets.add(answer.json().verification);
    }
    expect(secrets.size).toBe(3);
  });

  it('is off without SMTP_URL: 404 verification_off', async () => {
    const test = await start();
    const response = await askToVerify(test, { email: ANN.email, url: PAGE });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('verification_off');
    expect(response.json().error.message).toContain('sends no mail');
  });

  it('takes only a valid address, and only from a page of a site it serves', async () => {
    const test = await withMail();
    const bad = await askToVerify(test, { email: 'not-an-address', url: 'ftp://x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual({
      email: 'Please enter a valid email address.',
      url: expect.any(String),
    });
    const elsewhere = await askToVerify(test, { email: ANN.email, url: 'https://evil.example/' });
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json().error.code).toBe('site_not_allowed');
    const framed = await askToVerify(
      test,
      { email: ANN.email, url: PAGE },
      { origin: 'https://evil.example' },
    );
    expect(framed.statusCode).toBe(403);
  });

  it('mails a link whose page only asks, whose button verifies, once', async () => {
    const test = await withMail();
    await secretFor(test, ANN.email);
    const [mail] = await smtpServers.receivedBy(ANN.email, 1);
    expect(mail?.recipients).toEqual([ANN.email]);
    expect(mail?.mail.subject).toBe('Please verify your email address');
    expect(mail?.mail.text).toContain('for comments on localhost:8080');
    expect(mail?.mail.html).toContain('Verify my address');
    const link = await verifyLink(ANN.email);
    const confirmed = async () => {
      const [row] = await runSql<{ confirmed_at: string | null }>(
        test,
        'SELECT confirmed_at FROM verified_addresses',
      );
      return row?.confirmed_at;
    };

    // Opening the link, as a mail scanner does, changes nothing.
    const page = await test.app.inject({ method: 'GET', url: link });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('<button type="submit">Verify</button>');
    await test.app.inject({ method: 'GET', url: link });
    expect(await confirmed()).toBeNull();

    const pressed = await test.app.inject({ method: 'POST', url: link });
    expect(pressed.statusCode).toBe(200);
    expect(pressed.body).toContain('Your address is verified');
    expect(await confirmed()).toEqual(expect.any(String));

    for (const method of ['GET', 'POST'] as const) {
      const again = await test.app.inject({ method, url: link });
      expect(again.statusCode).toBe(410);
      expect(again.body).toContain('This link no longer works');
    }
    const madeUp = await test.app.inject({ method: 'POST', url: '/mail/verify?token=made-up' });
    expect(madeUp.statusCode).toBe(404);
  });

  it('keeps only hashes of the secret and of the link', async () => {
    const test = await withMail();
    const secret = await secretFor(test, ANN.email);
    const token = new URL(`${PUBLIC_URL}${await verifyLink(ANN.email)}`).searchParams.get('token');
    const rows = JSON.stringify(await runSql(test, 'SELECT * FROM verified_addresses'));
    expect(rows).not.toContain(secret);
    expect(rows).not.toContain(token);
  });

  it('refuses a link after seven days, and its secret verifies nothing', async () => {
    const test = await withMail();
    await regular(test);
    const secret = await secretFor(test, ANN.email);
    const link = await verifyLink(ANN.email);
    clock += 7 * 24 * 60 * 60_000;
    expect((await test.app.inject({ method: 'GET', url: link })).statusCode).toBe(410);
    const pressed = await test.app.inject({ method: 'POST', url: link });
    expect(pressed.statusCode).toBe(410);
    expect(pressed.body).toContain('more than a week old');
    const comment = await post(test, { ...ANN, verification: secret, body: 'Too late.' });
    expect(comment).toMatchObject({ verified: false, status: 'approved' });
  });

  it('writes the mail and its page in the reader’s language', async () => {
    const test = await withMail();
    await secretFor(test, ANN.email, 'de');
    const [mail] = await smtpServers.receivedBy(ANN.email, 1);
    expect(mail?.mail.subject).toBe('Bitte bestätige deine E-Mail-Adresse');
    const link = await verifyLink(ANN.email);
    expect(link).toContain('&lang=de');
    const page = await test.app.inject({ method: 'GET', url: link });
    expect(page.body).toContain('<html lang="de">');
    expect(page.body).toContain('<button type="submit">Bestätigen</button>');
  });

  it('verifies each browser apart: an older confirmed secret stays good', async () => {
    const test = await withMail();
    await regular(test);
    const laptop = await verifiedSecret(test, ANN.email, 1);
    const phone = await verifiedSecret(test, ANN.email, 2);
    for (const verification of [laptop, phone]) {
      const comment = await post(test, { ...ANN, verification, body: `From ${verification}` });
      expect(comment).toMatchObject({ verified: true, status: 'approved' });
    }
  });

  it('confirms only the secret of the browser that asked for the link', async () => {
    const test = await withMail();
    await regular(test);
    const intruder = await secretFor(test, ANN.email);
    const ann = await verifiedSecret(test, ANN.email, 2);
    const forged = await post(test, { ...ANN, verification: intruder, body: 'Not Ann.' });
    expect(forged).toMatchObject({ verified: false, status: 'pending' });
    const real = await post(test, { ...ANN, verification: ann, body: 'Ann indeed.' });
    expect(real).toMatchObject({ verified: true, status: 'approved' });
  });

  it('sends nothing to an address that unsubscribed, nor past five asks a day, with the same answer', async () => {
    const test = await withMail();
    for (let ask = 0; ask < 7; ask++) await secretFor(test, ANN.email);
    await smtpServers.receivedBy(ANN.email, 5);
    await test.mail?.worker?.whenIdle();
    expect(smtpServers.mailTo(ANN.email)).toHaveLength(5);
    expect(
      await runSql(test, "SELECT count(*) AS n FROM mail_queue WHERE dedupe_key LIKE 'verify:%'"),
    ).toEqual([{ n: 5 }]);

    await runSql(
      test,
      `INSERT INTO subscribers (email, unsubscribe_token_hash, unsubscribed_at, created_at)
       VALUES ('gone@example.com', 'x', '2026-01-01', '2026-01-01')`,
    );
    await secretFor(test, 'gone@example.com');
    await test.mail?.worker?.whenIdle();
    expect(smtpServers.mailTo('gone@example.com')).toEqual([]);
  });
});

describe('first-time moderation with verified addresses', () => {
  it('publishes a verified regular under any name, marked verified in JSON and HTML', async () => {
    const test = await withMail();
    await regular(test);
    const verification = await verifiedSecret(test, ANN.email);
    const comment = await post(test, {
      name: 'Ann R.',
      email: 'ANN@Example.com',
      verification,
      body: 'Verified, from my own browser.',
    });
    expect(comment).toMatchObject({ status: 'approved', verified: true });

    const thread = await readThread(test);
    const shown = thread.json().comments as { id: number; verified: boolean }[];
    expect(shown.map((item) => [item.id, item.verified])).toEqual([
      [comment.id - 1, false],
      [comment.id, true],
    ]);
    expect(thread.body).not.toContain('ann@example.com');
    expect(thread.body.toLowerCase()).not.toContain(verification.toLowerCase());

    const html = await test.app.inject({
      method: 'GET',
      url: `/api/comments.html?url=${encodeURIComponent(PAGE)}`,
    });
    const items = html.body.split('<li id="comment-').slice(1);
    expect(items).toHaveLength(2);
    expect(items[0]).not.toContain('class="badge verified"');
    expect(items[1]).toContain('<span class="badge verified">Verified</span>');
  });

  it('holds a stranger who types a verified regular’s name and email, and one with a made-up secret', async () => {
    const test = await withMail();
    await regular(test);
    await verifiedSecret(test, ANN.email);
    const typed = await post(test, { ...ANN, body: 'I am Ann, trust me.' });
    expect(typed).toMatchObject({ status: 'pending', verified: false });
    const made = await post(test, { ...ANN, verification: 'x'.repeat(32), body: 'Me too.' });
    expect(made).toMatchObject({ status: 'pending', verified: false });
    // Bob's own confirmed secret proves Bob's address, not Ann's.
    const bob = await verifiedSecret(test, reader('Bob').email);
    const borrowed = await post(test, { ...ANN, verification: bob, body: 'Bob as Ann.' });
    expect(borrowed).toMatchObject({ status: 'pending', verified: false });
    expect(heldReasons(test)).toEqual([
      'first-time commenter',
      'verified address without its verification',
      'verified address without its verification',
      'verified address without its verification',
    ]);
  });

  it('holds a verified newcomer’s first comment: verified is not yet approved', async () => {
    const test = await withMail();
    const verification = await verifiedSecret(test, 'cleo@example.com');
    const first = await post(test, { ...reader('Cleo'), verification, body: 'Hello, new here.' });
    expect(first).toMatchObject({ status: 'pending', verified: true });
    await approveComment(test, first.id);
    const next = await post(test, {
      name: 'C.',
      email: 'cleo@example.com',
      verification,
      body: 'Again.',
    });
    expect(next).toMatchObject({ status: 'approved', verified: true });
  });

  it('keeps WordPress’s rule for an address nobody verified', async () => {
    const test = await withMail();
    await regular(test);
    expect(await post(test, { ...ANN, body: 'Returning.' })).toMatchObject({
      status: 'approved',
      verified: false,
    });
    expect(await post(test, { name: 'Not Ann', email: ANN.email, body: 'Hm.' })).toMatchObject({
      status: 'pending',
    });
  });

  it('keeps WordPress’s rule without SMTP_URL, verification or not', async () => {
    const dir = folder();
    const withMailApp = await withMail(dir);
    await regular(withMailApp);
    const verification = await verifiedSecret(withMailApp, ANN.email);
    await withMailApp.close();
    // The same database, now without mail: nothing can be verified, and names count again.
    const test = await start({ MODERATION: 'first-time' }, { dir });
    const stranger = await post(test, { name: 'Someone', email: ANN.email, body: 'Not Ann.' });
    expect(stranger).toMatchObject({ status: 'pending' });
    const sameName = await post(test, { ...ANN, body: 'Name and email, as WordPress asks.' });
    expect(sameName).toMatchObject({ status: 'approved', verified: false });
    const otherName = await post(test, {
      name: 'Ann R.',
      email: ANN.email,
      verification,
      body: 'Verified, but under another name.',
    });
    expect(otherName).toMatchObject({ status: 'pending', verified: true });
  });

  it('forgets an address’s verifications when its data is erased', async () => {
    const test = await withMail();
    await regular(test);
    const verification = await verifiedSecret(test, ANN.email);
    const erased = await asAdmin(test, 'DELETE', `/data?email=${encodeURIComponent(ANN.email)}`);
    expect(erased.statusCode).toBe(200);
    expect(await rowCount(test, 'verified_addresses')).toBe(0);
    const after = await post(test, { ...ANN, verification, body: 'After erasure.' });
    expect(after.verified).toBe(false);

    // From the command line too.
    const again = await verifiedSecret(test, ANN.email, 2);
    const run = await runCliQuietly(['data', 'erase', 'Ann@Example.com'], test.config);
    expect(run.code).toBe(0);
    const later = await post(test, { ...ANN, verification: again, body: 'After the CLI.' });
    expect(later.verified).toBe(false);
  });
});

// SQLite's own plans for SQLite's own statements, on a database of its own: PostgreSQL runs
// statements of its own, planned by the tables' statistics, so the check means nothing there.
describe.skipIf(ON_POSTGRES)('verified addresses in SQLite', () => {
  it('finds verifications and a regular’s first approved comment through their indexes', () => {
    const db = openDatabase(':memory:');
    const plans = {
      ...createVerifiedAddresses(db).statementSources(),
      anyApprovedFrom: createStore(db).statementSources().anyApprovedFrom as string,
    };
    for (const [name, sql] of Object.entries(plans)) {
      const parameters = /@\w+/.test(sql)
        ? [Object.fromEntries([...sql.matchAll(/@(\w+)/g)].map((match) => [match[1], 'x']))]
        : Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => 'x');
      const plan = (
        db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as { detail: string }[]
      ).map((row) => row.detail);
      expect(plan.join(' | '), name).not.toMatch(/SCAN (verified_addresses|comments)\b/);
    }
    db.close();
  });
});
