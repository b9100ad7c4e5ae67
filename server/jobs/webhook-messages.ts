/**
 * What a webhook says about an event, in each WEBHOOK_FORMAT: Standard Webhooks' JSON for a
 * program, or a message a person reads in a Slack or Discord channel. Everything here is a pure
 * function of the event, so that a delivery tried again sends the very same bytes.
 */
import type { PublicComment } from '../http/schemas.ts';
import type { WebhookFormat } from './webhook-settings.ts';

export type WebhookEventType =
  | 'comment.created'
  | 'comment.approved'
  | 'comment.spam'
  | 'comment.trashed'
  | 'comment.deleted';

/** A comment as a webhook carries it: as readers see it, with its status (and its email, if asked). */
export type WebhookComment = PublicComment & { status: string; email?: string };

export interface WebhookEvent {
  type: WebhookEventType;
  /** When it happened, ISO 8601. */
  timestamp: string;
  comment: WebhookComment;
  /** What the author typed, for the excerpt of a chat message. */
  text: string;
  page: { url: string; title: string | null };
  /** The dashboard's view that holds the comment. */
  dashboard: string;
}

/** Discord refuses a message longer than this. */
export const DISCORD_CONTENT_MAX = 2000;
/** How much of a comment a chat message quotes. */
const EXCERPT_MAX = 300;

/** The body of the request that delivers `event` in `format`, as sent. */
export function webhookBody(format: WebhookFormat, event: WebhookEvent): string {
  switch (format) {
    case 'standard':
      return JSON.stringify({
        type: event.type,
        timestamp: event.timestamp,
        data: { comment: event.comment, page: event.page, dashboard: event.dashboard },
      });
    case 'slack':
      return JSON.stringify({ text: slackText(event) });
    case 'discord':
      // A comment that says "@everyone" must not ping a whole Discord server.
      return JSON.stringify({ content: discordContent(event), allowed_mentions: { parse: [] } });
  }
}

/** What became of the comment, as a chat message says it. */
const OUTCOMES: Record<Exclude<WebhookEventType, 'comment.created'>, string> = {
  'comment.approved': 'was approved',
  'comment.spam': 'was marked as spam',
  'comment.trashed': 'was moved to the trash',
  'comment.deleted': 'was deleted',
};

/** One line: who did what on which page, with author and page already in the chat's markup. */
function sentence(event: WebhookEvent, author: string, page: string): string {
  if (event.type === 'comment.created') return `${author} commented on ${page}${heldNote(event)}`;
  return `${author}'s comment on ${page} ${OUTCOMES[event.type]}`;
}

/** Why a new comment is not shown yet, or nothing when it is. */
function heldNote(event: WebhookEvent): string {
  if (event.comment.status === 'pending') return ' (held for moderation)';
  if (event.comment.status === 'spam') return ' (marked as spam)';
  return '';
}

function excerpt(text: string, max = EXCERPT_MAX): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

function authorOf(comment: WebhookComment): string {
  return comment.email ? `${comment.name} (${comment.email})` : comment.name;
}

/** A URL inside a chat's link markup, where `|`, `<` and `>` would end it early. */
function linkTarget(url: string): string {
  return url.replace(/[|<>]/g, (character) => encodeURIComponent(character));
}

/** Slack's mrkdwn: only &, < and > are special, and escaping them keeps `<!channel>` out. */
function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function slackText(event: WebhookEvent): string {
  const page = `<${linkTarget(event.page.url)}|${slackEscape(event.page.title || event.page.url)}>`;
  const lines = [sentence(event, `*${slackEscape(authorOf(event.comment))}*`, page)];
  const quoted = excerpt(event.text);
  if (quoted) lines.push(`>${slackEscape(quoted)}`);
  lines.push(`<${event.dashboard}|Open in the dashboard>`);
  return lines.join('\n');
}

/** Discord's markdown, escaped so that a comment cannot format, link or hide anything. */
function discordEscape(text: string): string {
  return text.replace(/[\\*_~`|>[\]()#<@-]/g, '\\$&');
}

function discordContent(event: WebhookEvent): string {
  const page = `[${discordEscape(event.page.title || event.page.url)}](<${linkTarget(event.page.url)}>)`;
  const head = sentence(event, `**${discordEscape(authorOf(event.comment))}**`, page);
  const tail = `[Open in the dashboard](<${event.dashboard}>)`;
  // The quote gets what room the rest leaves (escaping may double a character's length).
  const room = DISCORD_CONTENT_MAX - head.length - tail.length - 4;
  let quoted = discordEscape(excerpt(event.text, Math.min(EXCERPT_MAX, Math.floor(room / 2))));
  if (room < 2) quoted = '';
  const content = [head, quoted ? `> ${quoted}` : '', tail].filter(Boolean).join('\n');
  return content.length <= DISCORD_CONTENT_MAX ? content : content.slice(0, DISCORD_CONTENT_MAX);
}
