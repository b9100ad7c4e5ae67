/**
 * What the browser tests of the reader's language share: a locale's texts as the widget writes
 * them, host pages in a language, and where a thread's words and boxes are.
 */
import type { Locator, Page } from 'playwright-core';
import { READER_WORDS } from '../../shared/i18n/catalogue.ts';
import { format, type Values } from '../../shared/i18n/format.ts';
import type { Locale } from '../../shared/i18n/locales.ts';
import { type Plural, R } from '../../shared/i18n/reader-text.ts';
import { htmlPage } from './host-server.ts';
import { visible } from './widget-page.ts';

/** The text of `key` in `locale`, filled in with `values` as the widget fills it in. */
export function textOf(locale: Locale, key: R, values?: Values): string {
  return format(locale, READER_WORDS[locale][key], values);
}

/** The form of a plural text of `locale` for one plural category, as the catalogue writes it. */
export function pluralForm(locale: Locale, key: R, category: keyof Plural): string {
  const entry = READER_WORDS[locale][key];
  if (typeof entry === 'string') throw new Error(`${locale}'s text ${key} is not a plural one`);
  const form = entry[category];
  if (form === undefined) throw new Error(`${locale}'s text ${key} has no "${category}" form`);
  return form;
}

/**
 * A host page as htmlPage makes it, whose `<html>` tag carries `attributes` (`lang="pt-BR"`,
 * `lang="ar" dir="rtl"`, or '' for none) instead of htmlPage's `lang="en"`.
 */
export function pageWith(attributes: string, page: Parameters<typeof htmlPage>[0]): string {
  return htmlPage(page).replace('<html lang="en">', attributes ? `<html ${attributes}>` : '<html>');
}

/** Waits until the thread inside `scope` has loaded in `locale`: its form's heading shows in it. */
export async function threadLoadedIn(scope: Page | Locator, locale: Locale): Promise<void> {
  await visible(scope.getByRole('heading', { name: textOf(locale, R.LeaveReply), exact: true }));
}

/** The thread's own root element inside its shadow root, which carries `lang` and `dir`. */
export function threadRoot(scope: Page | Locator): Locator {
  return scope.locator('.leave-a-reply');
}

/** A box on the page, in CSS pixels from the viewport's left edge. */
export interface Edges {
  left: number;
  right: number;
}

/** The left and right edges of `locator`'s element. */
export async function edgesOf(locator: Locator): Promise<Edges> {
  return locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    return { left: box.left, right: box.right };
  });
}

/** The left and right edges of the text inside `locator`'s element, wherever it is aligned. */
export async function textEdgesOf(locator: Locator): Promise<Edges> {
  return locator.evaluate((element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    const box = range.getBoundingClientRect();
    return { left: box.left, right: box.right };
  });
}
