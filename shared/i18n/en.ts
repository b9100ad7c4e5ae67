/**
 * Every reader text in English: the source every other locale translates
 * (shared/i18n/locales/). Kept in three parts by when a reader needs them.
 */

import { counts } from './en/count.ts';
import { later } from './en/later.ts';
import { shown } from './en/shown.ts';
import type { ReaderWords } from './reader-text.ts';

export const en: ReaderWords = { ...shown, ...counts, ...later };
