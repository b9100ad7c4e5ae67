/**
 * The words of every mail, as plain text and as HTML. Everything a reader typed (names, text,
 * page titles) is escaped in the HTML part: a mail client renders it, and a comment must not
 * be able to add a link or a form to the site owner's inbox. Mail to a reader is written in the
 * language of the comment it is about (theirs); mail to the site owner in the owner's.
 */
import { type Locale, nearestLocale } from '../../shared/i18n/locales.ts';
import { page } from '../html/page.ts';
import { type Html, html, join } from '../html/template.ts';
import { OWNER_LOCALE } from '../i18n/owner.ts';
import { ownerSays, readerSays } from '../i18n/words.ts';
import type { ModeratedCommentRow } from '../storage/store.ts';

export interface MailContent {
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

export interface OwnerNoticeLinks {
  approve?: string;
  spam: string;
  trash: string;
}

/** The link to one comment on its page, as the widget names it. */
export function commentLink(row: Pick<ModeratedCommentRow, 'page_url' | 'id'>): string {
  return `${row.page_url}#comment-${row.id}`;
}

/** The language its author wrote a comment in: English for comments from before there were others. */
export function localeOfComment(row: Pick<ModeratedCommentRow, 'lang'>): Locale {
  return nearestLocale(row.lang) ?? 'en';
}

/** A page title fit for a subject line: one line, not too long (the texts quote it). */
function pageName(row: Pick<ModeratedCommentRow, 'page_title' | 'page_url'>): string {
  const title = (row.page_title ?? '').replace(/\s+/g, ' ').trim() || row.page_url;
  return title.length > 80 ? `${title.slice(0, 79)}…` : title;
}

/** A comment's text as HTML paragraphs, its line breaks kept, every character escaped. */
function paragraphs(text: string): Html {
  return join(
    text
      .split(/\n\s*\n/)
      .map((paragraph) => html`<p>${join(paragraph.trim().split('\n'), html`<br>`)}</p>`),
    '\n',
  );
}

function link(url: string, label = url): Html {
  return html`<a href="${url}">${label}</a>`;
}

/** A mail's HTML part in `locale`; inline style only, as mail clients load no stylesheet. */
function mailDocument(locale: Locale, subject: string, body: Html): string {
  return page({
    locale,
    title: subject,
    mailStyle: 'font-family: sans-serif; line-height: 1.5; color: #1b1f24; max-width: 40em',
    body,
  });
}

function quote(text: string): string {
  return text
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

/**
 * The headers that let a mail client offer "Unsubscribe" and do it in one POST (RFC 8058).
 * Queued as they are meant to arrive; at the send, nodemailer's `list` option writes the first
 * (see nodemailerMessage in mailer.ts).
 */
function unsubscribeHeaders(unsubscribeUrl: string): Record<string, string> {
  return {
    'List-Unsubscribe': `<${unsubscribeUrl}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}

/** To the site owner: a new comment, who wrote it, and links to moderate it without signing in. */
export function ownerNotice(
  comment: ModeratedCommentRow,
  links: OwnerNoticeLinks,
  linkDays: number,
): MailContent {
  const held = comment.status !== 'approved';
  const title = pageName(comment);
  const subject = ownerSays(held ? 'moderateSubject' : 'newCommentSubject', { title });
  const intro = ownerSays(held ? 'heldIntro' : 'shownIntro', { title });
  const status = ownerSays(held ? 'statusHeld' : 'statusApproved');
  const actions: [string, string][] = [
    ...(links.approve ? [[ownerSays('approve'), links.approve] as [string, string]] : []),
    [ownerSays('spam'), links.spam],
    [ownerSays('trash'), links.trash],
  ];
  const pageUrl = held ? comment.page_url : commentLink(comment);
  const note = ownerSays('linkNote', { n: linkDays });
  const details: [string, string][] = [
    [ownerSays('author'), comment.name],
    [ownerSays('email'), comment.email],
    [ownerSays('website'), comment.website ?? ownerSays('none')],
    [ownerSays('status'), status],
  ];
  const pageLabel = ownerSays('page');

  const text = [
    intro,
    '',
    ...details.map(([label, value]) => `${label}: ${value}`),
    `${pageLabel}: ${pageUrl}`,
    '',
    comment.body,
    '',
    ...actions.map(([label, url]) => `${label}: ${url}`),
    '',
    note,
  ].join('\n');

  const actionLinks = join(
    actions.map(([label, url]) => link(url, label)),
    ' | ',
  );
  const table = join(
    [...details, [pageLabel, link(pageUrl)] as [string, Html]].map(
      ([label, value]) => html`<tr><th align="left">${label}</th><td>${value}</td></tr>`,
    ),
    '\n',
  );
  const markup = mailDocument(
    OWNER_LOCALE,
    subject,
    html`<p>${intro}</p>
<table>
${table}
</table>
<blockquote>${paragraphs(comment.body)}</blockquote>
<p>${actionLinks}</p>
<p><small>${note}</small></p>`,
  );
  return { subject, text, html: markup, headers: {} };
}

/**
 * To a reader who asked for mail about replies: confirm the address once before any other. In
 * the language of the comment they asked with.
 */
export function confirmationMail(
  comment: ModeratedCommentRow,
  confirmUrl: string,
  unsubscribeUrl: string,
): MailContent {
  const locale = localeOfComment(comment);
  const say = readerSays.bind(null, locale);
  const subject = say('confirmSubject');
  const intro = say('confirmIntro', { title: pageName(comment) });
  const ask = say('confirmAsk');
  const ignore = say('confirmIgnore');
  const text = [intro, '', ask, confirmUrl, '', ignore, unsubscribeUrl].join('\n');
  const markup = mailDocument(
    locale,
    subject,
    html`<p>${intro}</p>
<p>${ask}</p>
<p>${link(confirmUrl, say('confirmLink'))}</p>
<p><small>${ignore} ${link(unsubscribeUrl, say('unsubscribeLink'))}</small></p>`,
  );
  return { subject, text, html: markup, headers: unsubscribeHeaders(unsubscribeUrl) };
}

/**
 * To the author of a comment: someone replied, with the reply and a link to it. In the language
 * of the comment replied to, the recipient's, whatever language the reply is in.
 */
export function replyNotice(
  reply: ModeratedCommentRow,
  parent: ModeratedCommentRow,
  unsubscribeUrl: string,
): MailContent {
  const locale = localeOfComment(parent);
  const say = readerSays.bind(null, locale);
  const title = pageName(reply);
  const subject = say('replySubject', { title });
  const intro = say('replyIntro', { name: reply.name, title });
  const url = commentLink(reply);
  const read = say('replyRead');
  const yours = say('replyYourComment');
  const why = say('replyWhy');
  const unsubscribe = say('unsubscribeLink');
  const text = [
    intro,
    '',
    reply.body,
    '',
    `${read}: ${url}`,
    '',
    yours,
    quote(parent.body),
    '',
    why,
    `${unsubscribe}: ${unsubscribeUrl}`,
  ].join('\n');
  const markup = mailDocument(
    locale,
    subject,
    html`<p>${intro}</p>
<blockquote>${paragraphs(reply.body)}</blockquote>
<p>${link(url, read)}</p>
<p>${yours}</p>
<blockquote>${paragraphs(parent.body)}</blockquote>
<p><small>${why} ${link(unsubscribeUrl, unsubscribe)}</small></p>`,
  );
  return { subject, text, html: markup, headers: unsubscribeHeaders(unsubscribeUrl) };
}
