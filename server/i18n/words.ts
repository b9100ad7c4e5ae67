/**
 * Every locale's words the server speaks, loaded once: its own texts for readers
 * (server/i18n/locales/), the widget's (shared/i18n/catalogue.ts, for the checks of a new
 * comment), and the site owner's. `textIn` and `readerSay` put a text into a locale.
 */
import { READER_WORDS } from '../../shared/i18n/catalogue.ts';
import type { Values } from '../../shared/i18n/format.ts';
import { LOCALES, type Locale } from '../../shared/i18n/locales.ts';
import type { Say } from '../../shared/i18n/reader-text.ts';
import { sayer } from '../../shared/i18n/say.ts';
import { en, type ServerKey, type ServerWords } from './en.ts';
import { fill, type Message, ownerText, readerText, type Text } from './message.ts';
import { OWNER_LOCALE, type OwnerKey, type OwnerWords, owner } from './owner.ts';

/**
 * The words of each locale that has a file, by locale. Imported by pattern, so that a locale's
 * file is found (and bundled) once it is there, without a list to keep: a locale whose file is
 * not written yet speaks English meanwhile, rather than failing its readers' requests.
 */
async function loadWords<Words>(
  load: (locale: Locale) => Promise<{ words: Words }>,
): Promise<Partial<Record<Locale, Words>>> {
  const loaded = await Promise.all(
    LOCALES.filter((locale) => locale !== 'en').map((locale) =>
      load(locale).then(
        ({ words }) => [[locale, words] as const],
        // No such file (yet): that locale falls back to English, see above.
        () => [],
      ),
    ),
  );
  return Object.fromEntries(loaded.flat());
}

const SERVER_WORDS: Partial<Record<Locale, ServerWords>> = {
  en,
  ...(await loadWords<ServerWords>((locale) => import(`./locales/${locale}.ts`))),
};

/** The site owner's words: English only, for now. */
const OWNER_WORDS: Partial<Record<Locale, OwnerWords>> = { en: owner };

/** The locales the server has its own words for (the others are answered in English). */
export function serverLocales(): Locale[] {
  return LOCALES.filter((locale) => SERVER_WORDS[locale] !== undefined);
}

/** `message` in `locale`, or in English where that locale has no words for it. */
function messageIn(locale: Locale, message: Message): string {
  const words = message.to === 'reader' ? SERVER_WORDS[locale] : OWNER_WORDS[locale];
  const entry = words?.[message.key as keyof typeof words];
  if (entry !== undefined) return fill(locale, entry, message.values);
  const english = message.to === 'reader' ? en[message.key] : owner[message.key];
  return fill('en', english, message.values);
}

/** `text` in `locale`; words the server has no translation of are as they are. */
export function textIn(locale: Locale, text: Text): string {
  return typeof text === 'string' ? text : messageIn(locale, text);
}

/** The reader's text `key` in `locale`. */
export function readerSays(locale: Locale, key: ServerKey, values?: Values): string {
  return messageIn(locale, readerText(key, values));
}

/** The site owner's text `key`, in their language. */
export function ownerSays(key: OwnerKey, values?: Values): string {
  return messageIn(OWNER_LOCALE, ownerText(key, values));
}

/** A Say in `locale`'s reader words, for shared/validate.ts. */
export function readerSay(locale: Locale): Say {
  return sayer(locale, READER_WORDS[locale]);
}
