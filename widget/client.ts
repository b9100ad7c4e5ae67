/**
 * The comments server as one thread's reader talks to it: where it is, and in which language,
 * with the words of that language.
 */
import { shown } from '../shared/i18n/en/shown.ts';
import type { Locale } from '../shared/i18n/locales.ts';
import type { ReaderWords, Say } from '../shared/i18n/reader-text.ts';
import { sayer } from '../shared/i18n/say.ts';

export interface Client {
  server: string;
  locale: Locale;
  say: Say;
  /** Writes a comment's time as the reader's language does. */
  date: Intl.DateTimeFormat;
}

/**
 * Each locale's words, filled in as they arrive (English's too: the texts of what loads on
 * demand). A locale's words fall back to English's by prototype, so that a text never shows as
 * nothing.
 */
const words: Partial<Record<Locale, Partial<ReaderWords>>> = { en: shown };

/** The words of `locale`, as far as they have arrived. */
export function wordsOf(locale: Locale): Partial<ReaderWords> {
  words[locale] ||= Object.create(shown) as Partial<ReaderWords>;
  return words[locale];
}

export function clientOf(server: string, locale: Locale): Client {
  return {
    server,
    locale,
    say: sayer(locale, wordsOf(locale)),
    date: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }),
  };
}
