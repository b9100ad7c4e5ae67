/** The links in mail: who holds one may act without signing in, so each is a secret. */
import { createHmac } from 'node:crypto';
import type { Locale } from '../../shared/i18n/locales.ts';

/** How long the site owner's one-click moderation links work. */
export const ACTION_LINK_TTL_MS = 7 * 24 * 60 * 60_000;

export type MailLinkPath = 'action' | 'confirm' | 'unsubscribe' | 'verify';

/**
 * An absolute link to one of the mail pages, e.g. https://comments.example.com/mail/confirm?token=…,
 * with `&lang=de` for a mail in another language than English: the page it opens is written in
 * the mail's language (server/http/routes/mail.ts). English links read as they always have.
 */
export function mailLink(
  publicUrl: string,
  path: MailLinkPath,
  token: string,
  locale: Locale = 'en',
): string {
  const lang = locale === 'en' ? '' : `&lang=${encodeURIComponent(locale)}`;
  return `${publicUrl}/mail/${path}?token=${encodeURIComponent(token)}${lang}`;
}

/**
 * The unsubscribe token of an address, signed with the server's key. Every mail to a reader
 * carries it, so it is derived rather than random: the database keeps only its hash, and the
 * next mail can still name it.
 */
export function unsubscribeToken(key: string, email: string): string {
  return createHmac('sha256', key)
    .update(`unsubscribe\n${email.toLowerCase()}`)
    .digest('base64url');
}
