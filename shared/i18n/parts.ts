/**
 * The two parts of a locale's reader words, by when a reader needs them: the texts a thread
 * shows at once (and count.js's), which the thread's answer carries to a reader in another
 * language than English, and the texts of what loads on demand (posting, the author's tools,
 * more comments, likes), which come in a words file with the first of those. Each part is made
 * once per locale: every answer in that locale carries the same.
 */
import { READER_WORDS } from './catalogue.ts';
import { counts } from './en/count.ts';
import { shown } from './en/shown.ts';
import type { Locale } from './locales.ts';
import type { ReaderWords } from './reader-text.ts';

type Part = Partial<ReaderWords>;

const SHOWN_AT_ONCE = new Set(Object.keys({ ...shown, ...counts }));
const COUNTS = new Set(Object.keys(counts));

/** A part of each locale's words, made the first time it is asked for. */
function part(keep: (key: string) => boolean): (locale: Locale) => Part {
  const made = new Map<Locale, Part>();
  return (locale) => {
    let words = made.get(locale);
    if (!words) {
      words = Object.fromEntries(
        Object.entries(READER_WORDS[locale]).filter(([key]) => keep(key)),
      ) as Part;
      made.set(locale, words);
    }
    return words;
  };
}

/** The words a thread shows at once, and count.js's. */
export const wordsShownAtOnce = part((key) => SHOWN_AT_ONCE.has(key));

/** count.js's words only. */
export const countWords = part((key) => COUNTS.has(key));

/** The words of what loads on demand. */
export const wordsOnDemand = part((key) => !SHOWN_AT_ONCE.has(key));
