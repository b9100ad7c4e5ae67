/**
 * How the dashboard says a text: by its key in the dashboard's catalogue (words/en.ts), with its
 * placeholders filled in. The types follow the catalogue, so that an unknown key, a missing
 * value or a value for a placeholder the text does not have fails to compile.
 */
import type { ComponentChild } from 'preact';
import { format, type Values } from '../../shared/i18n/format.ts';
import { en } from './words/en.ts';

/** The dashboard's language: the only one it has words in for now. */
const LOCALE = 'en';

type Catalogue = typeof en;

/** The key of a dashboard text. */
export type AdminKey = keyof Catalogue;

/** The key of a text that is one string, not a choice by number. */
type PlainKey = { [K in AdminKey]: Catalogue[K] extends string ? K : never }[AdminKey];

/** A text's forms: itself, or each of its plural forms. */
type Forms<E> = E extends string ? E : E[keyof E];

/** The `{placeholder}` names in a text. */
type Names<T> = T extends `${string}{${infer Name}}${infer Rest}` ? Name | Names<Rest> : never;

/** The placeholders of the text `K`, in any of its forms. */
export type PlaceholdersOf<K extends AdminKey> = Names<Forms<Catalogue[K]>>;

/** What `say` takes after a key: nothing for a text without placeholders, else a value each. */
type ValuesOf<K extends AdminKey> = [PlaceholdersOf<K>] extends [never]
  ? []
  : // `n` chooses the plural form, so it is a number wherever it is.
    [values: { [P in PlaceholdersOf<K>]: P extends 'n' ? number : string | number }];

/**
 * The text `key`, in its plural form for `n` if it has forms, with each `{placeholder}` filled
 * in; numbers are written as the dashboard's language writes them ("10,000").
 */
export function say<K extends AdminKey>(key: K, ...values: ValuesOf<K>): string {
  return format(LOCALE, en[key], values[0] as Values | undefined);
}

/**
 * The text `key` with elements in it: each `{placeholder}` becomes its part (a link, a time,
 * a key), the words between stay text. For texts whose pieces are marked up, so that a
 * language can put the pieces where its grammar wants them.
 */
export function sayParts<K extends PlainKey>(
  key: K,
  parts: Record<PlaceholdersOf<K>, ComponentChild>,
): ComponentChild[] {
  // Without values, format leaves the placeholders in; split's capture keeps their names.
  return format(LOCALE, en[key])
    .split(/\{(\w+)\}/)
    .map((piece, index) =>
      index % 2 === 1 ? (parts as Record<string, ComponentChild>)[piece] : piece,
    )
    .filter((piece) => piece !== '');
}
