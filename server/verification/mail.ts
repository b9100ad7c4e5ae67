/**
 * The mail that verifies a commenter's address, in the language of the page that asked for it.
 * It carries no unsubscribe link: the reader asked for this one mail a moment ago, and an address
 * that unsubscribed from everything gets none (verifications.ts).
 */
import type { Locale } from '../../shared/i18n/locales.ts';
import { page } from '../html/page.ts';
import { html } from '../html/template.ts';
import { readerSays } from '../i18n/words.ts';
import type { MailContent } from '../mail/messages.ts';

/** The mail to an address whose owner's browser asked on `site` (a host) to verify it. */
export function verificationMail(locale: Locale, site: string, verifyUrl: string): MailContent {
  const say = readerSays.bind(null, locale);
  const subject = say('verifySubject');
  const intro = say('verifyIntro', { site });
  const ask = say('verifyAsk');
  const ignore = say('verifyIgnore');
  const text = [intro, '', ask, verifyUrl, '', ignore].join('\n');
  const markup = page({
    locale,
    title: subject,
    // Inline style only, as mail clients load no stylesheet (as messages.ts's mail).
    mailStyle: 'font-family: sans-serif; line-height: 1.5; color: #1b1f24; max-width: 40em',
    body: html`<p>${intro}</p>
<p>${ask}</p>
<p><a href="${verifyUrl}">${say('verifyLink')}</a></p>
<p><small>${ignore}</small></p>`,
  });
  return { subject, text, html: markup, headers: {} };
}
