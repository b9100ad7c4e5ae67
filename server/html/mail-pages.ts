/**
 * The pages the links in mail lead to (moderate a comment, confirm an address, unsubscribe), as
 * server/http/routes/mail.ts serves them. A question page has one button that POSTs back to its
 * own address, token included; the answer to the POST is one of the other pages. The reader's
 * pages are in the reader's language; the moderation pages are the site owner's.
 */
import type { Locale } from '../../shared/i18n/locales.ts';
import { OWNER_LOCALE } from '../i18n/owner.ts';
import { ownerSays, readerSays } from '../i18n/words.ts';
import { ACTION_LINK_TTL_MS } from '../mail/links.ts';
import type { ModerationAction } from '../storage/mail-store.ts';
import type { ModeratedCommentRow } from '../storage/store.ts';
import { headedMain, page } from './page.ts';
import { type Html, html } from './template.ts';

/** The stylesheet of these pages, served at /mail/page.css: the server's CSP allows no inline style. */
export const MAIL_PAGE_CSS = `body{font:16px/1.5 system-ui,sans-serif;color:#1b1f24;background:#fff;margin:0}
main{max-width:36em;margin:3em auto;padding:0 1em}
blockquote{margin:1em 0;padding:.5em 1em;border-left:3px solid #c9ced6;color:#3b4149}
button{font:inherit;padding:.5em 1.5em;border:0;border-radius:6px;background:#2557a7;color:#fff;cursor:pointer}
@media (prefers-color-scheme:dark){body{color:#e6e8eb;background:#16181b}blockquote{color:#c3c8cf}}`;

/** The owner's words for each act of a moderation link. */
const ACTION_WORDS = {
  approve: { question: 'approveQuestion', button: 'approve', done: 'approveDone' },
  spam: { question: 'spamQuestion', button: 'spam', done: 'spamDone' },
  trash: { question: 'trashQuestion', button: 'trash', done: 'trashDone' },
} as const satisfies Record<ModerationAction, object>;

/** A mail page in `locale`: its title is its heading too. The stylesheet is /mail/page.css. */
function mailPage(locale: Locale, title: string, content: Html): string {
  return page({
    locale,
    title,
    robots: 'noindex',
    stylesheet: 'page.css',
    body: headedMain(title, content),
  });
}

/** One button that POSTs back to the address of the page itself, token included. */
function button(label: string): Html {
  return html`<form method="post"><button type="submit">${label}</button></form>`;
}

/** A reader's link that is unknown, or missing from the address. */
export function linkNotValidPage(locale: Locale): string {
  return mailPage(
    locale,
    readerSays(locale, 'linkNotValidTitle'),
    html`<p>${readerSays(locale, 'linkNotValidText')}</p>`,
  );
}

/** A moderation link that is unknown, or missing from the address. */
export const NOT_VALID_PAGE = mailPage(
  OWNER_LOCALE,
  ownerSays('linkNotValidTitle'),
  html`<p>${ownerSays('linkNotValidText')}</p>`,
);

/** A moderation link used before, at `usedAt` (an ISO time). */
export function usedLinkPage(usedAt: string): string {
  const when = `${usedAt.slice(0, 16).replace('T', ' ')} UTC`;
  return mailPage(
    OWNER_LOCALE,
    ownerSays('usedLinkTitle'),
    html`<p>${ownerSays('usedLinkText', { when })}</p>`,
  );
}

export const EXPIRED_LINK_PAGE = mailPage(
  OWNER_LOCALE,
  ownerSays('expiredLinkTitle'),
  html`<p>${ownerSays('expiredLinkText', { n: ACTION_LINK_TTL_MS / 86_400_000 })}</p>`,
);

/** The comment a moderation link names was deleted. */
export const GONE_COMMENT_PAGE = mailPage(
  OWNER_LOCALE,
  ownerSays('goneCommentTitle'),
  html`<p>${ownerSays('goneCommentText')}</p>`,
);

/** What a moderation link will do to which comment, with the button that does it. */
export function actionQuestionPage(action: ModerationAction, comment: ModeratedCommentRow): string {
  const words = ACTION_WORDS[action];
  const which = ownerSays('commentOnPage', {
    name: comment.name,
    page: comment.page_title || comment.page_url,
    status: comment.status,
  });
  return mailPage(
    OWNER_LOCALE,
    ownerSays(words.question),
    html`<p>${which}</p>
<blockquote>${comment.body.slice(0, 1000)}</blockquote>
${button(ownerSays(words.button))}`,
  );
}

/** A moderation link's act is done; `shownAt` links the comment where the page shows it. */
export function actionDonePage(
  action: ModerationAction,
  authorName: string,
  shownAt: string | null,
): string {
  return mailPage(
    OWNER_LOCALE,
    ownerSays('doneTitle'),
    html`<p>${ownerSays(ACTION_WORDS[action].done, { name: authorName })}</p>
${shownAt === null ? null : html`<p><a href="${shownAt}">${ownerSays('seeOnPage')}</a></p>`}`,
  );
}

/** The page a confirmation link opens: what confirming means, and the button that does it. */
export function confirmQuestionPage(locale: Locale): string {
  return mailPage(
    locale,
    readerSays(locale, 'confirmPageTitle'),
    html`<p>${readerSays(locale, 'confirmPageText')}</p>
${button(readerSays(locale, 'confirmPageButton'))}`,
  );
}

export function confirmedPage(locale: Locale): string {
  return mailPage(
    locale,
    readerSays(locale, 'confirmedPageTitle'),
    html`<p>${readerSays(locale, 'confirmedPageText')}</p>`,
  );
}

/** The page an unsubscribe link opens, with the button that unsubscribes. */
export function unsubscribeQuestionPage(locale: Locale): string {
  return mailPage(
    locale,
    readerSays(locale, 'unsubscribePageTitle'),
    html`<p>${readerSays(locale, 'unsubscribePageText')}</p>
${button(readerSays(locale, 'unsubscribePageButton'))}`,
  );
}

export function unsubscribedPage(locale: Locale): string {
  return mailPage(
    locale,
    readerSays(locale, 'unsubscribedPageTitle'),
    html`<p>${readerSays(locale, 'unsubscribedPageText')}</p>`,
  );
}

/** The page a link to verify an address opens: what verifying means, and the button that does it. */
export function verifyQuestionPage(locale: Locale): string {
  return mailPage(
    locale,
    readerSays(locale, 'verifyPageTitle'),
    html`<p>${readerSays(locale, 'verifyPageText')}</p>
${button(readerSays(locale, 'verifyPageButton'))}`,
  );
}

export function verifiedPage(locale: Locale): string {
  return mailPage(
    locale,
    readerSays(locale, 'verifiedPageTitle'),
    html`<p>${readerSays(locale, 'verifiedPageText')}</p>`,
  );
}

/** A link to verify an address that was used before, or is past its week. */
export function verifyGonePage(locale: Locale): string {
  return mailPage(
    locale,
    readerSays(locale, 'verifyGoneTitle'),
    html`<p>${readerSays(locale, 'verifyGoneText')}</p>`,
  );
}
