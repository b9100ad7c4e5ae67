/**
 * Every page the server makes itself (the landing page, the dashboard's, each page a link in
 * mail leads to) and the HTML part of every mail come in the one shell of server/html/page.ts.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedComment, type TestApp } from '../helpers/app.ts';
import { mailSettings, PUBLIC_URL } from '../helpers/mail.ts';
import { approveComment, asAdmin } from '../helpers/requests.ts';
import { confirmQueuedMail, runSql } from '../helpers/scene.ts';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.ts';

const DAY_MS = 86_400_000;
const SHELL_START =
  '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n' +
  '<meta name="viewport" content="width=device-width, initial-scale=1">\n';

let clock = Date.now();
let smtp: TestSmtpServer;
let test: TestApp;

beforeAll(async () => {
  smtp = await startSmtpServer();
  test = await createTestApp(
    { ...mailSettings(smtp.url), MODERATION: 'all', DEMO: 'false' },
    { mail: { now: () => new Date(clock), pollMs: 10 } },
  );
});

afterAll(async () => {
  await test.close();
  await smtp.close();
});

/** Checks that `document` is one whole document in the shell, titled `title`. */
function expectShell(document: string, title: string, what: string): void {
  expect(document.startsWith(SHELL_START), `${what}:\n${document}`).toBe(true);
  expect(document, what).toContain(`<title>${title}</title>`);
  expect(document, what).toMatch(/<\/head>\n<body[^>]*>\n[\s\S]*\n<\/body>\n<\/html>\n$/);
  for (const tag of [/<!doctype/gi, /<html/g, /<head>/g, /<meta charset/g, /<title>/g, /<body/g])
    expect(document.match(tag), `${what}: ${tag}`).toHaveLength(1);
}

/** Checks that a response is a page of the server, in the shell, titled `title`. */
function expectPage(response: LightMyRequestResponse, status: number, title: string): void {
  expect(response.statusCode, `${title}: ${response.body}`).toBe(status);
  expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
  expectShell(response.body, title, title);
}

/** The path and query of every link to the mail pages in the text of the mails queued so far. */
async function queuedLinks(): Promise<string[]> {
  const texts = await runSql<{ text: string }>(test, 'SELECT text FROM mail_queue ORDER BY id');
  return texts.flatMap(({ text }) =>
    [...String(text).matchAll(/https:\/\/\S+/g)]
      .map(([link]) => link.slice(PUBLIC_URL.length))
      .filter((path) => path.startsWith('/mail/')),
  );
}

async function linkTo(kind: string): Promise<string> {
  const links = await queuedLinks();
  const link = links.find((path) => path.startsWith(`/mail/${kind}?`));
  if (!link) throw new Error(`No /mail/${kind} link in ${links.join(', ')}`);
  return link;
}

const get = (url: string) => test.app.inject({ method: 'GET', url });
const post = (url: string) => test.app.inject({ method: 'POST', url });

describe('the page shell', () => {
  it('holds the landing page and the dashboard’s page', async () => {
    expectPage(await get('/'), 200, 'Leave a Reply');
    expectPage(await get('/admin'), 200, 'Comments — Leave a Reply');
  });

  it('holds every page a link in mail leads to, each with its title as heading', async () => {
    const id = await seedComment(test, { notify: true, body: 'Ann asks about rye.' });
    const [approve, spam, trash] = (await queuedLinks()) as [string, string, string];
    /** A mail page: in the shell, with its title as its heading. */
    const page = async (status: number, title: string, sent: Promise<LightMyRequestResponse>) => {
      const response = await sent;
      expectPage(response, status, title);
      expect(response.body).toContain(`<main>\n<h1>${title}</h1>\n`);
    };

    await page(200, 'Approve this comment?', get(approve));
    await page(200, 'Done', post(approve));
    await page(410, 'This link has been used already', get(approve));
    await page(404, 'This link is not valid', get('/mail/action?token=forged'));
    clock += 8 * DAY_MS;
    await page(410, 'This link has expired', get(spam));
    clock -= 8 * DAY_MS;

    const confirm = await linkTo('confirm');
    await page(200, 'Confirm your address', get(confirm));
    await page(200, 'Your address is confirmed', post(confirm));
    const unsubscribe = await linkTo('unsubscribe');
    await page(200, 'Unsubscribe?', get(unsubscribe));
    await page(200, 'You are unsubscribed', post(unsubscribe));

    const deleted = await asAdmin(test, 'DELETE', `/comments/${id}`);
    expect(deleted.statusCode, deleted.body).toBe(204);
    await page(404, 'This comment no longer exists', get(trash));
  });

  it('holds the HTML part of every mail, styled inline and titled with its subject', async () => {
    const annId = await seedComment(test, { notify: true, email: 'ann2@example.com' });
    await approveComment(test, annId);
    await confirmQueuedMail(test, 'ann2@example.com');
    const replyId = await seedComment(test, {
      parent: annId,
      name: 'Bob',
      email: 'bob@example.com',
      body: 'Bob answers <Ann> & "all".',
    });
    await approveComment(test, replyId);

    const mails = await runSql<{ subject: string; html: string }>(
      test,
      'SELECT subject, html FROM mail_queue ORDER BY id',
    );
    const subjects = mails.map((mail) => mail.subject);
    for (const start of ['Please moderate:', 'Please confirm:', 'New reply to your comment'])
      expect(
        subjects.filter((subject) => subject.startsWith(start)),
        start,
      ).not.toEqual([]);
    for (const mail of mails) {
      const title = mail.subject.replaceAll('&', '&amp;').replaceAll('"', '&quot;');
      expectShell(mail.html, title, mail.subject);
      expect(mail.html, mail.subject).toMatch(/<body style="[^"]+">/);
      // Its only links are the ones it offers the reader: none in its head.
      expect(mail.html, mail.subject).not.toContain('<link');
    }
  });
});
