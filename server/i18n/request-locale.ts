/**
 * The language of a request, worked out in this one place: whatever answers a reader (an error,
 * a field's message, a stored comment's `lang`) asks here.
 */
import Negotiator from 'negotiator';
import { type Locale, nearestLocale } from '../../shared/i18n/locales.ts';

/** The parts of a request its language is read from. */
export interface LocaleSources {
  body?: unknown;
  query?: unknown;
  headers: Record<string, string | string[] | undefined>;
}

/** A string field `lang` of a parsed body or query, if there is one. */
function langOf(values: unknown): string | undefined {
  if (!values || typeof values !== 'object' || Array.isArray(values)) return undefined;
  const lang = (values as { lang?: unknown }).lang;
  return typeof lang === 'string' ? lang : undefined;
}

/**
 * The locale a request asks for: its JSON body's `lang` (the widget sends the reader's), else its
 * query's `lang` (a link in mail carries it), else the nearest locale of each language of its
 * Accept-Language, in the order of their q values, else English. A value no locale is near to
 * never fails a request: it is passed over for the next.
 */
export function localeOf(request: LocaleSources): Locale {
  const asked = nearestLocale(langOf(request.body)) ?? nearestLocale(langOf(request.query));
  if (asked) return asked;
  const header = request.headers['accept-language'];
  if (header) {
    const languages = new Negotiator({
      headers: { 'accept-language': String(header) },
    }).languages();
    for (const language of languages) {
      const locale = nearestLocale(language);
      if (locale) return locale;
    }
  }
  return 'en';
}
