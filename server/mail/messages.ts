/**
 * The words of every mail, as plain text and as HTML. Everything a reader typed (names, text,
 * page titles) is escaped in the HTML part: a mail client renders it, and a comment must not
 * be able to add a link or a form to the site owner's inbox.
 */
import { page } from '../html/page.ts';
import { type Html, html, join } from '../html/template.ts';
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

/** A page title fit for a subject line: one line, not too long, quoted. */
function pageName(row: Pick<ModeratedCommentRow, 'page_title' | 'page_url'>): string {
  const title = (row.page_title ?? '').replace(/\s+/g, ' ').trim() || row.page_url;
  return `"${title.length > 80 ? `${title.slice(0, 79)}…` : title}"`;
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

/** A mail's HTML part; inline style only, as mail clients load no stylesheet. */
function mailDocument(subject: string, body: Html): string {
  return page({
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
  const page = pageName(comment);
  const subject = held ? `Please moderate: ${page}` : `New comment on ${page}`;
  const intro = held
    ? `A new comment on ${page} is waiting for your approval.`
    : `A new comment on ${page} is shown on the page.`;
  const status = held ? 'held for moderation' : 'approved';
  const actions: [string, string][] = [
    ...(links.approve ? [['Approve', links.approve] as [string, string]] : []),
    ['Spam', links.spam],
    ['Trash', links.trash],
  ];
  const pageUrl = held ? comment.page_url : commentLink(comment);
  const note = `Each link works once, for ${linkDays} days, without signing in.`;

  const text = [
    intro,
    '',
    `Author: ${comment.name}`,
    `Email: ${comment.email}`,
    `Website: ${comment.website ?? '(none)'}`,
    `Status: ${status}`,
    `Page: ${pageUrl}`,
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
  const markup = mailDocument(
    subject,
    html`<p>${intro}</p>
<table>
<tr><th align="left">Author</th><td>${comment.name}</td></tr>
<tr><th align="left">Email</th><td>${comment.email}</td></tr>
<tr><th align="left">Website</th><td>${comment.website ?? '(none)'}</td></tr>
<tr><th align="left">Status</th><td>${status}</td></tr>
<tr><th align="left">Page</th><td>${link(pageUrl)}</td></tr>
</table>
<blockquote>${paragraphs(comment.body)}</blockquote>
<p>${actionLinks}</p>
<p><small>${note}</small></p>`,
  );
  return { subject, text, html: markup, headers: {} };
}

/** To a reader who asked for mail about replies: confirm the address once before any other. */
export function confirmationMail(
  comment: ModeratedCommentRow,
  confirmUrl: string,
  unsubscribeUrl: string,
): MailContent {
  const page = pageName(comment);
  const subject = 'Please confirm: mail about replies to your comments';
  const intro = `You asked to be told by email when someone replies to your comment on ${page}.`;
  const ask = 'Please confirm that this is your address; until you do, you get no such mail:';
  const ignore = 'If that was not you, ignore this mail. To never get mail from us, unsubscribe:';
  const text = [intro, '', ask, confirmUrl, '', ignore, unsubscribeUrl].join('\n');
  const markup = mailDocument(
    subject,
    html`<p>${intro}</p>
<p>${ask}</p>
<p>${link(confirmUrl, 'Confirm my address')}</p>
<p><small>${ignore} ${link(unsubscribeUrl, 'Unsubscribe')}</small></p>`,
  );
  return { subject, text, html: markup, headers: unsubscribeHeaders(unsubscribeUrl) };
}

/** To the author of a comment: someone replied, with the reply and a link to it. */
export function replyNotice(
  reply: ModeratedCommentRow,
  parent: ModeratedCommentRow,
  unsubscribeUrl: string,
): MailContent {
  const page = pageName(reply);
  const subject = `New reply to your comment on ${page}`;
  const intro = `${reply.name} replied to your comment on ${page}:`;
  const url = commentLink(reply);
  const why = 'You get this mail because you asked for mail about replies to your comments.';
  const text = [
    intro,
    '',
    reply.body,
    '',
    `Read it on the page: ${url}`,
    '',
    'Your comment:',
    quote(parent.body),
    '',
    why,
    `Unsubscribe: ${unsubscribeUrl}`,
  ].join('\n');
  const markup = mailDocument(
    subject,
    html`<p>${intro}</p>
<blockquote>${paragraphs(reply.body)}</blockquote>
<p>${link(url, 'Read it on the page')}</p>
<p>Your comment:</p>
<blockquote>${paragraphs(parent.body)}</blockquote>
<p><small>${why} ${link(unsubscribeUrl, 'Unsubscribe')}</small></p>`,
  );
  return { subject, text, html: markup, headers: unsubscribeHeaders(unsubscribeUrl) };
}
