/**
 * Every locale's thread in Chromium, against a real server: comments with a reply, the site
 * owner's reply, a pinned and an edited comment, the form in reply mode and with its errors
 * shown. In each state no text of English's that the locale translates is left in the thread's
 * text or its aria-label and title attributes, and the locale's own texts are there.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { READER_WORDS } from '../../shared/i18n/catalogue.ts';
import { format, type Values } from '../../shared/i18n/format.ts';
import { LOCALES, type Locale } from '../../shared/i18n/locales.ts';
import { R } from '../../shared/i18n/reader-text.ts';
import { newComment } from '../helpers/app.ts';
import { useBrowserAndServers } from '../helpers/browser-and-servers.ts';
import { embedTag } from '../helpers/embed.ts';
import type { HostServer } from '../helpers/host-server.ts';
import { pageWith, textOf, threadLoadedIn, threadRoot } from '../helpers/reader-language.ts';
import { asAdmin, editOwnComment, sendComment } from '../helpers/requests.ts';
import type { RunningServer } from '../helpers/server.ts';
import { startSmtpServer } from '../helpers/smtp.ts';
import { visible, WAIT } from '../helpers/widget-page.ts';

const harness = useBrowserAndServers();
let server: RunningServer;
let host: HostServer;

/** Names and texts that hold none of English's texts, so that only the widget's can be found. */
const TITLE = 'Lorem';
const OWNER = 'Mira Sol';
const READERS = ['Ada Okafor', 'Bo Ng', 'Cyd Park'] as const;
const NAMES = [...READERS, OWNER];
/** The comments on the page: three readers' and the owner's reply. */
const COUNT = 4;

beforeAll(async () => {
  const smtp = await startSmtpServer();
  // With mail, so that the form offers reply mail too.
  server = await harness.serve({ MODERATION: 'none', OWNER_NAME: OWNER, SMTP_URL: smtp.url });
  host = await harness.host();
  const url = host.url('/post');
  const post = async (name: string, body: string, parent: number | null = null) => {
    const email = `${name.split(' ')[0]?.toLowerCase()}@example.com`;
    const response = await sendComment(server, {
      ...newComment({ url, title: TITLE, name, email, body, parent }),
      website: undefined,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { comment: { id: number }; token: string };
  };
  const ada = await post('Ada Okafor', 'Lorem ipsum dolor sit amet.');
  const bo = await post('Bo Ng', 'Consectetur adipiscing elit.', ada.comment.id);
  const cyd = await post('Cyd Park', 'Sed do eiusmod tempor.');
  const edited = await editOwnComment(server, bo.comment.id, bo.token, 'Consectetur, sed.');
  expect(edited.statusCode, edited.body).toBe(200);
  const pinned = await asAdmin(server, 'POST', `/comments/${ada.comment.id}/pin`);
  expect(pinned.statusCode, pinned.body).toBe(200);
  const owner = await asAdmin(server, 'POST', `/comments/${cyd.comment.id}/reply`, {
    body: 'Ut enim ad minim veniam.',
  });
  expect(owner.statusCode, owner.body).toBe(201);
  for (const locale of LOCALES) {
    host.setPage(
      `/${locale}`,
      pageWith('lang="en"', {
        title: TITLE,
        body: embedTag(
          server,
          `async data-lang="${locale}" data-page-url="${url}" data-page-title="${TITLE}"`,
        ),
      }),
    );
  }
  return () => smtp.close();
}, 60_000);

/** `text` with its runs of white space (no-break spaces among them) as one plain space. */
function plain(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Every text `key` can show in this thread, in `locale`: one per name for a text with one. */
function textsOf(locale: Locale, key: R): string[] {
  const entry = READER_WORDS[locale][key];
  const values: Values = { title: TITLE, n: COUNT, status: 500 };
  const uses = JSON.stringify(entry).includes('{name}') ? NAMES : [''];
  return uses.map((name) => plain(format(locale, entry, { ...values, name })));
}

const KEYS = Object.values(R).filter((key): key is R => typeof key === 'number');

/** True when `text` stands in `piece` as a whole: not inside a longer word. */
function standsIn(piece: string, text: string): boolean {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])${escaped}(?![\\p{L}\\p{M}\\p{N}])`, 'u').test(piece);
}

/**
 * English's texts that must not show in `locale`'s thread: all but those the locale's own texts
 * hold as they are (German's "Name" and "Website" are English's too).
 */
function untranslatedIn(locale: Locale): string[] {
  const own = KEYS.flatMap((key) => textsOf(locale, key));
  return KEYS.flatMap((key) => textsOf('en', key)).filter(
    (english) => !own.some((text) => standsIn(text, english)),
  );
}

/** Every text of the thread: its text nodes, elements' texts, aria-labels and titles. */
function piecesOf(page: Page): Promise<string[]> {
  return threadRoot(page).evaluate((root) => {
    const pieces: string[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let node: Node | null = walker.currentNode; node; node = walker.nextNode()) {
      pieces.push(node.textContent ?? '');
      if (node instanceof Element) {
        for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
          pieces.push(node.getAttribute(name) ?? '');
        }
      }
    }
    return pieces;
  });
}

/**
 * Checks the thread of `page` as it is now: no text of `untranslated` stands in it, and each of
 * `expected` does.
 */
async function expectWords(page: Page, locale: Locale, expected: string[], untranslated: string[]) {
  const pieces = (await piecesOf(page)).map(plain).filter(Boolean);
  const english = untranslated.filter((text) => pieces.some((piece) => standsIn(piece, text)));
  expect(english, `English left in the ${locale} thread`).toEqual([]);
  const missing = expected.filter((text) => !pieces.some((piece) => piece.includes(text)));
  expect(missing, `${locale} texts missing from its thread`).toEqual([]);
}

/** What the thread shows before the reader does anything, and in reply mode. */
const THREAD_AND_REPLY = [
  R.Heading,
  R.SortBy,
  R.Oldest,
  R.Newest,
  R.Best,
  R.Feed,
  R.CommentBy,
  R.SiteOwner,
  R.Pinned,
  R.Edited,
  R.Like,
  R.Reply,
  R.ReplyTo,
  R.Notes,
  R.Comment,
  R.Name,
  R.Email,
  R.Website,
  R.Honeypot,
  R.Remember,
  R.Notify,
  R.PostComment,
  R.CancelReply,
];

/** What the form says once posted empty. */
const FORM_ERRORS = [R.LeaveReply, R.NotSentCorrect, R.BodyMissing, R.NameMissing, R.EmailMissing];

describe('every locale', () => {
  it('finds English texts to look for in every locale but English', () => {
    expect(LOCALES.length).toBe(16);
    for (const locale of LOCALES) expect(untranslatedIn(locale).length > 0).toBe(locale !== 'en');
  });

  it.each(LOCALES)(
    'shows the %s thread, its reply mode and its errors without an English text left',
    async (locale) => {
      const { page } = await harness.open();
      const untranslated = untranslatedIn(locale);
      const say = (key: R, values?: Values) => textOf(locale, key, values);
      await page.goto(host.url(`/${locale}`));
      await threadLoadedIn(page, locale);
      await visible(page.getByText('Ut enim ad minim veniam.'));

      await page
        .getByRole('link', { name: say(R.ReplyTo, { name: READERS[0] }), exact: true })
        .click();
      await visible(page.getByRole('heading', { name: say(R.LeaveReplyTo, { name: READERS[0] }) }));
      const replyMode = [
        ...THREAD_AND_REPLY.flatMap((key) => textsOf(locale, key)),
        plain(say(R.LeaveReplyTo, { name: READERS[0] })),
      ];
      await expectWords(page, locale, replyMode, untranslated);

      await page.getByRole('link', { name: say(R.CancelReply), exact: true }).click();
      await threadLoadedIn(page, locale);
      await page.locator('#comment').focus();
      await page.getByRole('button', { name: say(R.PostComment), exact: true }).click();
      await visible(page.locator('.field-email .error'));
      await expect
        .poll(() => page.locator('.field-comment .error').textContent(), { timeout: WAIT })
        .toBe(say(R.BodyMissing));
      await expect
        .poll(() => page.locator('[aria-live]').textContent(), { timeout: WAIT })
        .toBe(say(R.NotSentCorrect));
      const errors = FORM_ERRORS.flatMap((key) => textsOf(locale, key));
      await expectWords(page, locale, errors, untranslated);
    },
  );
});
