/**
 * The words files of a language: the texts a thread shows at once (`part` ''), which a reader
 * in another language than English loads beside the thread (English's are in the embed script),
 * and the texts of what loads on demand (`part` '-more'), which every reader loads with the
 * first of those. Both are named by content hash and cached for a year, like those modules.
 */
import type { ReaderWords } from '../shared/i18n/reader-text.ts';
import { type Client, wordsOf } from './client.ts';
import { importOnce } from './import-once.ts';

export function loadWords({ server, locale }: Client, part: '' | '-more'): Promise<void> {
  return importOnce<{ default: Partial<ReaderWords> }>(
    server,
    `words-${locale}${part}.${__WORDS__}.js`,
  ).then((module) => {
    Object.assign(wordsOf(locale), module.default);
  });
}
