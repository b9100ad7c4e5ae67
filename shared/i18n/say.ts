/** A `Say` for one locale's words. */
import { format } from './format.ts';
import type { R, ReaderWords, Say } from './reader-text.ts';

export function sayer(locale: string, words: Partial<ReaderWords>): Say {
  return (key: R, values) => format(locale, words[key] as ReaderWords[R], values);
}
