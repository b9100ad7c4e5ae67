/**
 * The server's own texts for readers (server/i18n/en.ts) in every locale: each locale's file in
 * server/i18n/locales/ has exactly English's keys, the same placeholders, and plural texts in the
 * forms its language has. A locale whose file is missing fails here, by name.
 */
import { describe, expect, it } from 'vitest';
import { en, type ServerWords } from '../../server/i18n/en.ts';
import { owner } from '../../server/i18n/owner.ts';
import { LOCALES } from '../../shared/i18n/locales.ts';
import type { Entry } from '../../shared/i18n/reader-text.ts';

const OTHERS = LOCALES.filter((locale) => locale !== 'en');

/**
 * Texts a language may write as English does: the API's own words (`sort=`, `>=`) around a
 * number, and nothing a reader reads as prose.
 */
const SAME_IN_EVERY_LANGUAGE = new Set(['fieldBelowMinimum', 'fieldAboveMaximum']);

async function wordsOf(locale: string): Promise<ServerWords> {
  return ((await import(`../../server/i18n/locales/${locale}.ts`)) as { words: ServerWords }).words;
}

function forms(entry: Entry): string[] {
  return typeof entry === 'string' ? [entry] : (Object.values(entry) as string[]);
}

function placeholdersOf(text: string): string[] {
  return [...new Set(text.match(/\{\w+\}/g) ?? [])].sort();
}

describe('the English server catalogue', () => {
  it.each([
    ['readers', en],
    ['the site owner', owner],
  ] as const)('writes the same placeholders in each plural form, for %s', (_whose, words) => {
    for (const [key, entry] of Object.entries(words) as [string, Entry][]) {
      const each = forms(entry).map(placeholdersOf);
      for (const found of each) expect(found, key).toEqual(each[0]);
      if (typeof entry === 'object') {
        expect(Object.keys(entry).sort(), key).toEqual(['one', 'other']);
        expect(entry.other, key).toContain('{n}');
      }
    }
  });
});

describe('the server catalogue of each locale', () => {
  it.each(OTHERS)('%s has every key English has, and no other', async (locale) => {
    const words = await wordsOf(locale);
    expect(Object.keys(words).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(OTHERS)('%s uses the same placeholders as English in every text', async (locale) => {
    const words = await wordsOf(locale);
    for (const [key, english] of Object.entries(en) as [keyof ServerWords, Entry][]) {
      const wanted = placeholdersOf(forms(english).join(' '));
      const entry = words[key];
      // A plural form may leave out `{n}` where the language names the number in words ("one").
      for (const text of forms(entry))
        expect(
          placeholdersOf(text).filter((name) => name !== '{n}'),
          key,
        ).toEqual(wanted.filter((name) => name !== '{n}'));
      if (wanted.includes('{n}') && typeof english === 'object')
        expect(typeof entry === 'object' && entry.other.includes('{n}'), key).toBe(true);
    }
  });

  it.each(OTHERS)('%s gives a plural text in the forms its language has', async (locale) => {
    const words = await wordsOf(locale);
    const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
    for (const [key, english] of Object.entries(en) as [keyof ServerWords, Entry][]) {
      const entry = words[key];
      if (typeof english === 'string') {
        expect(typeof entry, key).toBe('string');
        continue;
      }
      expect(typeof entry, key).toBe('object');
      for (const form of Object.keys(entry)) expect(categories, key).toContain(form);
      expect((entry as { other: string }).other, key).toBeTruthy();
    }
  });

  it.each(OTHERS)('%s translates what English says (no English text left)', async (locale) => {
    const words = await wordsOf(locale);
    const same = (Object.entries(en) as [keyof ServerWords, Entry][]).filter(
      ([key, english]) =>
        !SAME_IN_EVERY_LANGUAGE.has(key) && JSON.stringify(words[key]) === JSON.stringify(english),
    );
    expect(same.map(([key]) => key)).toEqual([]);
  });
});
