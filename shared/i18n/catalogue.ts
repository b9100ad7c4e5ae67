/** Every locale's reader words, for the server's messages and for the widget's words files. */
import { en } from './en.ts';
import { words as ar } from './locales/ar.ts';
import { words as de } from './locales/de.ts';
import { words as es } from './locales/es.ts';
import { words as fr } from './locales/fr.ts';
import { words as he } from './locales/he.ts';
import { words as it } from './locales/it.ts';
import { words as ja } from './locales/ja.ts';
import { words as ko } from './locales/ko.ts';
import { words as nl } from './locales/nl.ts';
import { words as pl } from './locales/pl.ts';
import { words as pt } from './locales/pt.ts';
import { words as ru } from './locales/ru.ts';
import { words as tr } from './locales/tr.ts';
import { words as uk } from './locales/uk.ts';
import { words as zhHans } from './locales/zh-Hans.ts';
import type { Locale } from './locales.ts';
import type { ReaderWords } from './reader-text.ts';

export const READER_WORDS: Record<Locale, ReaderWords> = {
  en,
  de,
  fr,
  es,
  it,
  pt,
  nl,
  pl,
  ru,
  uk,
  tr,
  ja,
  'zh-Hans': zhHans,
  ko,
  ar,
  he,
};
