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
  return header ? headerLocale(String(header)) : 'en';
}

/**
 * Browsers send few distinct Accept-Language headers, each on every request: the locale of each
 * is worked out once, so that a thread served from its kept answer parses nothing.
 */
const HEADERS_KEPT = 500;
const byHeader = new Map<string, Locale>();

function headerLocale(header: string): Locale {
  let locale = byHeader.get(header);
  if (locale) return locale;
  const languages = new Negotiator({ headers: { 'accept-language': header } }).languages();
  locale = languages.map(nearestLocale).find((found) => found !== undefined) ?? 'en';
  // Bounded however many spellings arrive: past the bound, the oldest is forgotten first.
  if (byHeader.size >= HEADERS_KEPT) byHeader.delete(byHeader.keys().next().value as string);
  byHeader.set(header, locale);
  return locale;
}
