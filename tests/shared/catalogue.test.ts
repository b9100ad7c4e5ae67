import { describe, expect, it } from 'vitest';
import { en } from '../../shared/i18n/en.ts';
import { LOCALES } from '../../shared/i18n/locales.ts';
import { type Entry, R, type ReaderWords } from '../../shared/i18n/reader-text.ts';

const OTHERS = LOCALES.filter((locale) => locale !== 'en');

/** Words some languages write as English does ("Name" in German, "Website" in Dutch). */
const LOANWORDS = new Set<string>([R.Name, R.Email, R.Website].map(String));

async function wordsOf(locale: string): Promise<ReaderWords> {
  return ((await import(`../../shared/i18n/locales/${locale}.ts`)) as { words: ReaderWords }).words;
}

function placeholders(entry: Entry): string[][] {
  const forms = typeof entry === 'string' ? [entry] : (Object.values(entry) as string[]);
  return forms.map((text) => [...new Set(text.match(/\{\w+\}/g) ?? [])].sort());
}

describe('the reader catalogue', () => {
  it.each(OTHERS)('%s has every key English has, and no other', async (locale) => {
    const words = await wordsOf(locale);
    expect(Object.keys(words).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(OTHERS)('%s uses the same placeholders as English in every text', async (locale) => {
    const words = await wordsOf(locale);
    for (const [key, english] of Object.entries(en) as [string, Entry][]) {
      const wanted = [...new Set(placeholders(english).flat())].sort();
      const entry = words[Number(key) as keyof ReaderWords];
      // A plural form may leave out `{n}` where the language names the number in words ("one").
      for (const found of placeholders(entry)) {
        expect(
          found.filter((name) => name !== '{n}'),
          `key ${key}`,
        ).toEqual(wanted.filter((name) => name !== '{n}'));
      }
      if (wanted.includes('{n}')) {
        expect(typeof entry === 'object' && entry.other.includes('{n}'), `key ${key}`).toBe(true);
      }
    }
  });

  it.each(OTHERS)('%s gives a plural text in the forms its language has', async (locale) => {
    const words = await wordsOf(locale);
    const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
    for (const [key, english] of Object.entries(en) as [string, Entry][]) {
      const entry = words[Number(key) as keyof ReaderWords];
      if (typeof english === 'string') {
        expect(typeof entry, `key ${key}`).toBe('string');
        continue;
      }
      expect(typeof entry, `key ${key}`).toBe('object');
      for (const form of Object.keys(entry)) expect(categories, `key ${key}`).toContain(form);
      expect((entry as { other: string }).other, `key ${key}`).toBeTruthy();
    }
  });

  it.each(OTHERS)('%s translates what English says (no English text left)', async (locale) => {
    const words = await wordsOf(locale);
    const same = (Object.entries(en) as [string, Entry][]).filter(
      ([key, english]) =>
        !LOANWORDS.has(key) &&
        JSON.stringify(words[Number(key) as keyof ReaderWords]) === JSON.stringify(english),
    );
    expect(same.map(([key]) => key)).toEqual([]);
  });
});
