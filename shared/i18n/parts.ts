/**
 * The two parts of a locale's reader words, by when a reader needs them: the texts a thread
 * shows at once (and count.js's), which the thread's answer carries to a reader in another
 * language than English, and the texts of what loads on demand (posting, the author's tools,
 * more comments, likes), which come in a words file with the first of those.
 */
import { READER_WORDS } from './catalogue.ts';
import { counts } from './en/count.ts';
import { shown } from './en/shown.ts';
import type { Locale } from './locales.ts';
import type { ReaderWords } from './reader-text.ts';

const SHOWN_AT_ONCE = new Set(Object.keys({ ...shown, ...counts }));
const COUNTS = new Set(Object.keys(counts));

function part(locale: Locale, keep: (key: string) => boolean): Partial<ReaderWords> {
  return Object.fromEntries(Object.entries(READER_WORDS[locale]).filter(([key]) => keep(key)));
}

/** The words a thread shows at once, and count.js's. */
export const wordsShownAtOnce = (locale: Locale) => part(locale, (key) => SHOWN_AT_ONCE.has(key));

/** count.js's words only. */
export const countWords = (locale: Locale) => part(locale, (key) => COUNTS.has(key));

/** The words of what loads on demand. */
export const wordsOnDemand = (locale: Locale) => part(locale, (key) => !SHOWN_AT_ONCE.has(key));
