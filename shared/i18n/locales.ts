/** The locales readers can have, and which of them fits a language tag best. */

/** Every locale the widget, the API's messages and the reader's mail are written in. */
export const LOCALES = [
  'en',
  'de',
  'fr',
  'es',
  'it',
  'pt',
  'nl',
  'pl',
  'ru',
  'uk',
  'tr',
  'ja',
  'zh-Hans',
  'ko',
  'ar',
  'he',
] as const;

export type Locale = (typeof LOCALES)[number];

/** Written right to left. */
export function isRightToLeft(locale: Locale): boolean {
  return locale === 'ar' || locale === 'he';
}

/**
 * The locale nearest to a language tag (`pt-BR` → `pt`, `zh-CN` → `zh-Hans`, `iw` → `he`),
 * or undefined when none is near: the tag's language, or its language with the script it is
 * written in there (so `zh-TW`, written in Traditional characters, is not `zh-Hans`).
 */
export function nearestLocale(tag: string | null | undefined): Locale | undefined {
  // Most requests carry no tag: answered without the exception Intl.Locale would throw, which
  // costs a served-from-memory thread read a tenth of its time.
  if (!tag) return undefined;
  try {
    // Canonical case, as LOCALES is written: `zh-Hans`, not `zh-hans`.
    const { language, script } = new Intl.Locale(tag).maximize();
    return LOCALES.find((locale) => locale === language || locale === `${language}-${script}`);
  } catch {
    // Not a language tag at all: no locale is near.
    return undefined;
  }
}
