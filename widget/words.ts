/**
 * The words file of a language: the texts of what loads on demand, which every reader loads with
 * the first of those modules (the texts a thread shows at once come with its answer, English's
 * are in the embed script). Named by content hash and cached for a year, like those modules.
 */
import type { ReaderWords } from '../shared/i18n/reader-text.ts';
import { type Client, wordsOf } from './client.ts';
import { importOnce } from './import-once.ts';

export function loadMoreWords({ server, locale }: Client): Promise<void> {
  return importOnce<{ default: Partial<ReaderWords> }>(
    server,
    `words-${locale}-more.${__WORDS__}.js`,
  ).then((module) => {
    Object.assign(wordsOf(locale), module.default);
  });
}
