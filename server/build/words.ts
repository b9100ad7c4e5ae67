/**
 * The widget's words files: one per locale, with the texts of what loads on demand
 * (words-LOCALE-more.HASH.js). The texts a thread shows at once come with the thread's answer
 * instead (English's are in the embed script). All share one hash of their contents, so that
 * the embed script names any of them with one short define.
 */
import { createHash } from 'node:crypto';
import { LOCALES } from '../../shared/i18n/locales.ts';
import { wordsOnDemand } from '../../shared/i18n/parts.ts';

export interface WordsFiles {
  hash: string;
  files: { name: string; code: Uint8Array }[];
}

/** Whether `file` is a words file as built: words-de-more.0123456789.js. */
export function isWordsFile(file: string): boolean {
  const match = /^words-([A-Za-z-]+)-more\.[0-9a-f]{10}\.js$/.exec(file);
  return match !== null && (LOCALES as readonly string[]).includes(match[1] as string);
}

export function buildWords(): WordsFiles {
  const parts = LOCALES.map(
    (locale) => [locale, `export default${JSON.stringify(wordsOnDemand(locale))};`] as const,
  );
  const digest = createHash('sha256');
  for (const [, code] of parts) digest.update(code);
  const hash = digest.digest('hex').slice(0, 10);
  return {
    hash,
    files: parts.map(([locale, code]) => ({
      name: `words-${locale}-more.${hash}.js`,
      code: Buffer.from(code),
    })),
  };
}
