/**
 * A text of the server's catalogues before it is put into a language: which catalogue, which
 * key, and what fills its placeholders. Errors and mail carry these, and whoever answers a reader
 * renders them in the reader's language. Plain constants only: the command line loads this too.
 */
import { format, type Values } from '../../shared/i18n/format.ts';
import type { Entry } from '../../shared/i18n/reader-text.ts';
import { en, type ServerKey } from './en.ts';
import { type OwnerKey, owner } from './owner.ts';

/** A text for a reader (server/i18n/en.ts) or for the site owner (server/i18n/owner.ts). */
export type Message =
  | { readonly to: 'reader'; readonly key: ServerKey; readonly values?: Values }
  | { readonly to: 'owner'; readonly key: OwnerKey; readonly values?: Values };

/**
 * What an answer says: a Message, or words the server has no translation of (a framework's own
 * message for a refusal we never named), which read the same in every language.
 */
export type Text = Message | string;

/** A reader's text, `key` of server/i18n/en.ts. */
export function readerText(key: ServerKey, values?: Values): Message {
  return { to: 'reader', key, values };
}

/** A site owner's text, `key` of server/i18n/owner.ts. */
export function ownerText(key: OwnerKey, values?: Values): Message {
  return { to: 'owner', key, values };
}

/**
 * `entry` in `locale` with `values` put in. English writes its numbers as plain digits ("within
 * 1440 minutes", "at most 2000 characters"), as the API always has, so that English answers stay
 * what clients already read; every other locale writes them as it writes numbers.
 */
export function fill(locale: string, entry: Entry, values?: Values): string {
  if (locale !== 'en' || !values) return format(locale, entry, values);
  const plain: Values = {};
  for (const [name, value] of Object.entries(values)) plain[name] = String(value);
  // The plural form still follows the number: Intl.PluralRules reads "1" as 1.
  return format(locale, entry, plain);
}

/** `text` in English: the message an error carries for logs, and English answers. */
export function inEnglish(text: Text): string {
  if (typeof text === 'string') return text;
  const entry = text.to === 'reader' ? en[text.key] : owner[text.key];
  return fill('en', entry, text.values);
}
