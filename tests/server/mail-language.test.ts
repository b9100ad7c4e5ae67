/**
 * Mail to a reader, and the pages its links open, are in the language of the comment that asked
 * for them: the confirmation in the language of the comment that asked for reply mail, a reply
 * notice in the language of the comment replied to (its recipient's). Mail to the site owner
 * stays in the owner's English.
 */
import { describe, expect, it } from 'vitest';
import { readerSays } from '../../server/i18n/words.ts';
import { seedComment, storedComment, type TestApp } from '../helpers/app.ts';
import { mailSettings, OWNER, PUBLIC_URL, pathOf, useSmtpServers } from '../helpers/mail.ts';
import { PAGE, reader } from '../helpers/requests.ts';
import { headerLine, type ReceivedMail } from '../helpers/smtp.ts';
import { useTestApps } from '../helpers/test-apps.ts';

const smtpServers = useSmtpServers();
const { receivedBy } = smtpServers;
const start = useTestApps();

async function setUp(): Promise<TestApp> {
  const smtp = await smtpServers.start();
  return start(mailSettings(smtp.url), { mail: { pollMs: 10 } });
}

/** The first link to `/mail/PATH` in a mail's text, as its path and query. */
function linkIn(mail: ReceivedMail, path: 'confirm' | 'unsubscribe'): string {
  const found = new RegExp(`(\\S+/mail/${path}\\?\\S+)`).exec(mail.mail.text ?? '')?.[1];
  if (!found) throw new Error(`No /mail/${path} link in:\n${mail.mail.text}`);
  return pathOf(found);
}

function open(test: TestApp, method: 'GET' | 'POST', url: string) {
  return test.app.inject({ method, url });
}

/** Ann posts in `lang`, asking for reply mail, and confirms from the mail she gets; its id. */
async function annSubscribes(test: TestApp, lang?: string): Promise<number> {
  const id = await seedComment(test, { notify: true, body: 'Ann beginnt.', lang });
  const [confirmation] = await receivedBy('ann@example.com', 1);
  const confirmed = await open(test, 'POST', linkIn(confirmation as ReceivedMail, 'confirm'));
  expect(confirmed.statusCode).toBe(200);
  return id;
}

describe('mail to a reader who wrote in German', () => {
  it('asks them to confirm in German, with German pages behind its links', async () => {
    const test = await setUp();
    await seedComment(test, { notify: true, body: 'Ann beginnt.', lang: 'de' });
    const [confirmation] = await receivedBy('ann@example.com', 1);
    const { mail } = confirmation as ReceivedMail;

    expect(mail.subject).toBe('Bitte bestätigen: E-Mails über Antworten auf deine Kommentare');
    expect(mail.text).toContain(
      'Du möchtest per E-Mail erfahren, wenn jemand auf deinen Kommentar zu „Hello“ antwortet.',
    );
    expect(mail.html).toMatch(/^<!doctype html>\n<html lang="de">\n/);
    expect(mail.html).toContain('>Meine Adresse bestätigen</a>');
    expect(mail.html).toContain('>Abmelden</a>');
    expect(headerLine(mail, 'List-Unsubscribe')).toMatch(
      /^List-Unsubscribe: <https:\/\/comments\.example\.com\/mail\/unsubscribe\?token=[\w-]+&lang=de>$/,
    );
    expect(headerLine(mail, 'List-Unsubscribe-Post')).toBe(
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    );

    const confirmLink = linkIn(confirmation as ReceivedMail, 'confirm');
    const question = await open(test, 'GET', confirmLink);
    expect(question.statusCode).toBe(200);
    expect(question.body).toMatch(/^<!doctype html>\n<html lang="de">\n/);
    expect(question.body).toContain('<h1>Bestätige deine Adresse</h1>');
    expect(question.body).toContain('<button type="submit">Bestätigen</button>');
    const confirmed = await open(test, 'POST', confirmLink);
    expect(confirmed.body).toMatch(/^<!doctype html>\n<html lang="de">\n/);
    expect(confirmed.body).toContain('<h1>Deine Adresse ist bestätigt</h1>');
  });

  it('tells them of an English reply in German, and unsubscribes them in German', async () => {
    const test = await setUp();
    const annId = await annSubscribes(test, 'de');
    await seedComment(test, { parent: annId, ...reader('Dave'), body: 'Dave answers.' });
    const notice = (await receivedBy('ann@example.com', 2))[1] as ReceivedMail;

    expect(notice.mail.subject).toBe('Neue Antwort auf deinen Kommentar zu „Hello“');
    expect(notice.mail.text).toContain('Dave hat auf deinen Kommentar zu „Hello“ geantwortet:');
    expect(notice.mail.text).toContain('Dave answers.');
    expect(notice.mail.text).toMatch(/\nAbmelden: https:\/\/comments\.example\.com\/mail\//);
    expect(notice.mail.html).toMatch(/^<!doctype html>\n<html lang="de">\n/);
    expect(notice.mail.html).toContain('>Auf der Seite lesen</a>');

    const unsubscribe = linkIn(notice, 'unsubscribe');
    const question = await open(test, 'GET', unsubscribe);
    expect(question.body).toMatch(/^<!doctype html>\n<html lang="de">\n/);
    expect(question.body).toContain('<h1>Abmelden?</h1>');
    expect(question.body).toContain('<button type="submit">Abmelden</button>');

    // A mail client's one-click unsubscribe posts to the address List-Unsubscribe names.
    const header = headerLine(notice.mail, 'List-Unsubscribe') ?? '';
    const oneClick = /<(\S+)>/.exec(header)?.[1] as string;
    expect(oneClick.startsWith(`${PUBLIC_URL}/mail/unsubscribe?`)).toBe(true);
    const done = await test.app.inject({
      method: 'POST',
      url: pathOf(oneClick),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('<h1>Du bist abgemeldet</h1>');
    expect(
      (await test.mail?.store.findSubscriber('ann@example.com'))?.unsubscribed_at,
    ).toBeTruthy();
  });

  it('opens their pages in German from a link cut short of its language', async () => {
    const test = await setUp();
    await annSubscribes(test, 'de');
    const [confirmation] = await receivedBy('ann@example.com', 1);
    const cut = linkIn(confirmation as ReceivedMail, 'unsubscribe').replace(/&lang=de$/, '');
    expect(cut).not.toContain('lang=');
    const page = await open(test, 'GET', cut);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/^<!doctype html>\n<html lang="de">\n/);
    expect(page.body).toContain('<h1>Abmelden?</h1>');
  });

  it('keeps the mail to the site owner about their comment in English', async () => {
    const test = await setUp();
    await seedComment(test, { body: 'Ein deutscher Kommentar.', lang: 'de' });
    const [notice] = await receivedBy(OWNER, 1);
    const { mail } = notice as ReceivedMail;
    expect(mail.subject).toBe('New comment on "Hello"');
    expect(mail.text).toContain('A new comment on "Hello" is shown on the page.');
    expect(mail.text).toContain('Ein deutscher Kommentar.');
    expect(mail.html).toMatch(/^<!doctype html>\n<html lang="en">\n/);
  });
});

describe('mail in the language of its recipient', () => {
  it('tells an English reader of a German reply in English, with links as they always were', async () => {
    const test = await setUp();
    const annId = await annSubscribes(test);
    await seedComment(test, {
      parent: annId,
      ...reader('Dieter'),
      body: 'Dieter antwortet.',
      lang: 'de',
    });
    const notice = (await receivedBy('ann@example.com', 2))[1] as ReceivedMail;
    expect(notice.mail.subject).toBe('New reply to your comment on "Hello"');
    expect(notice.mail.text).toContain('Dieter replied to your comment on "Hello":');
    expect(notice.mail.html).toMatch(/^<!doctype html>\n<html lang="en">\n/);
    expect(headerLine(notice.mail, 'List-Unsubscribe')).toMatch(
      /^List-Unsubscribe: <https:\/\/comments\.example\.com\/mail\/unsubscribe\?token=[\w-]+>$/,
    );
    const page = await open(test, 'GET', linkIn(notice, 'unsubscribe'));
    expect(page.body).toMatch(/^<!doctype html>\n<html lang="en">\n/);
    expect(page.body).toContain('<h1>Unsubscribe?</h1>');
  });

  it('writes to the author of a comment from before languages in English', async () => {
    const test = await setUp();
    // Stored as an earlier version left it: no language, and an address confirmed without one.
    const before = await test.store.insertComment(
      { key: PAGE, url: PAGE, title: 'Hello' },
      storedComment({ email: 'ann@example.com', notify: true, body: 'From before.' }),
    );
    expect(before.lang).toBeNull();
    await test.mail?.store.addSubscriber(
      'ann@example.com',
      'confirm-hash',
      'unsubscribe-hash',
      'then',
    );
    await test.mail?.store.confirm('confirm-hash', '2026-01-01T00:00:00.000Z');
    await seedComment(test, { parent: before.id, ...reader('Dieter'), body: 'Hallo!', lang: 'de' });
    const [notice] = await receivedBy('ann@example.com', 1);
    expect((notice as ReceivedMail).mail.subject).toBe('New reply to your comment on "Hello"');
  });

  it('writes mail and pages right to left for a reader who wrote in Arabic', async () => {
    const test = await setUp();
    await seedComment(test, { notify: true, body: 'تعليق', lang: 'ar' });
    const [confirmation] = await receivedBy('ann@example.com', 1);
    const { mail } = confirmation as ReceivedMail;
    expect(mail.subject).toBe(readerSays('ar', 'confirmSubject'));
    expect(mail.html).toMatch(/^<!doctype html>\n<html lang="ar" dir="rtl">\n/);
    const page = await open(test, 'GET', linkIn(confirmation as ReceivedMail, 'confirm'));
    expect(page.body).toMatch(/^<!doctype html>\n<html lang="ar" dir="rtl">\n/);
    expect(page.body).toContain(`<h1>${readerSays('ar', 'confirmPageTitle')}</h1>`);
  });
});

describe('a link that leads nowhere', () => {
  it('says so in the language it names, or the browser’s', async () => {
    const test = await setUp();
    const named = await open(test, 'GET', '/mail/unsubscribe?token=unknown&lang=de');
    expect(named.statusCode).toBe(404);
    expect(named.body).toMatch(/^<!doctype html>\n<html lang="de">\n/);
    expect(named.body).toContain('<h1>Dieser Link ist nicht gültig</h1>');
    const browser = await test.app.inject({
      method: 'GET',
      url: '/mail/confirm?token=unknown',
      headers: { 'accept-language': 'de-AT' },
    });
    expect(browser.body).toContain('<h1>Dieser Link ist nicht gültig</h1>');
  });

  it('keeps a moderation link’s page in the site owner’s English', async () => {
    const test = await setUp();
    const page = await test.app.inject({
      method: 'GET',
      url: '/mail/action?token=unknown&lang=de',
      headers: { 'accept-language': 'de' },
    });
    expect(page.statusCode).toBe(404);
    expect(page.body).toMatch(/^<!doctype html>\n<html lang="en">\n/);
    expect(page.body).toContain('<h1>This link is not valid</h1>');
  });
});
