/**
 * The pages the links in mail lead to (moderate a comment, confirm an address, unsubscribe), as
 * server/http/routes/mail.ts serves them. A question page has one button that POSTs back to its
 * own address, token included; the answer to the POST is one of the other pages.
 */
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

const ACTION_WORDS: Record<ModerationAction, { question: string; button: string; done: string }> = {
  approve: {
    question: 'Approve this comment?',
    button: 'Approve',
    done: 'is approved and shown on the page',
  },
  spam: { question: 'Mark this comment as spam?', button: 'Spam', done: 'is marked as spam' },
  trash: {
    question: 'Move this comment to the trash?',
    button: 'Trash',
    done: 'is in the trash',
  },
};

/** A mail page: its title is its heading too. The relative stylesheet is /mail/page.css. */
function mailPage(title: string, content: Html): string {
  return page({
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

/** A link that is unknown, or missing from the address. */
export const NOT_VALID_PAGE = mailPage(
  'This link is not valid',
  html`<p>Please check that the whole address from the mail is in the address bar.</p>`,
);

/** A moderation link used before, at `usedAt` (an ISO time). */
export function usedLinkPage(usedAt: string): string {
  const when = `${usedAt.slice(0, 16).replace('T', ' ')} UTC`;
  return mailPage(
    'This link has been used already',
    html`<p>Each link in a notification mail works once. It was used on ${when}.</p>`,
  );
}

export const EXPIRED_LINK_PAGE = mailPage(
  'This link has expired',
  html`<p>The links in a notification mail work for 7 days. Moderate this comment from the admin instead.</p>`,
);

/** The comment a moderation link names was deleted. */
export const GONE_COMMENT_PAGE = mailPage(
  'This comment no longer exists',
  html`<p>It was deleted.</p>`,
);

/** What a moderation link will do to which comment, with the button that does it. */
export function actionQuestionPage(action: ModerationAction, comment: ModeratedCommentRow): string {
  const words = ACTION_WORDS[action];
  return mailPage(
    words.question,
    html`<p>By ${comment.name} on ${comment.page_title || comment.page_url} (now ${comment.status}):</p>
<blockquote>${comment.body.slice(0, 1000)}</blockquote>
${button(words.button)}`,
  );
}

/** A moderation link's act is done; `shownAt` links the comment where the page shows it. */
export function actionDonePage(
  action: ModerationAction,
  authorName: string,
  shownAt: string | null,
): string {
  return mailPage(
    'Done',
    html`<p>The comment by ${authorName} ${ACTION_WORDS[action].done}.</p>
${shownAt === null ? null : html`<p><a href="${shownAt}">See it on the page</a></p>`}`,
  );
}

export const CONFIRM_QUESTION_PAGE = mailPage(
  'Confirm your address',
  html`<p>Then we send you an email when someone replies to a comment you asked to be notified about.</p>
${button('Confirm')}`,
);

export const CONFIRMED_PAGE = mailPage(
  'Your address is confirmed',
  html`<p>You will get an email when someone replies to your comment. Every such mail has a link to unsubscribe.</p>`,
);

export const UNSUBSCRIBE_QUESTION_PAGE = mailPage(
  'Unsubscribe?',
  html`<p>After this, we send no more mail to your address: no replies, no confirmations.</p>
${button('Unsubscribe')}`,
);

export const UNSUBSCRIBED_PAGE = mailPage(
  'You are unsubscribed',
  html`<p>We send no more mail to your address.</p>`,
);
