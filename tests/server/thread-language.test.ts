/**
 * A thread's answer and the counts are told in the language the request chooses: its `lang`,
 * else its Accept-Language, else English. In another language than English the answer names it
 * and carries the words the widget shows at once; an English answer is what it always was.
 */
import { describe, expect, it } from 'vitest';
import { READER_WORDS } from '../../shared/i18n/catalogue.ts';
import { R } from '../../shared/i18n/reader-text.ts';
import { PAGE, postComment, readThread } from '../helpers/requests.ts';
import { useTestApps } from '../helpers/test-apps.ts';

const setUp = useTestApps({ MODERATION: 'none', PAGE_SIZE: '1' });

describe('a thread in the language its request chooses', () => {
  it('names the language and carries its words, by lang or by Accept-Language', async () => {
    const test = await setUp();
    const byLang = (await readThread(test, PAGE, { lang: 'pt-BR' })).json();
    expect(byLang.locale).toBe('pt');
    expect(byLang.words[R.LeaveReply]).toBe(READER_WORDS.pt[R.LeaveReply]);
    expect(byLang.words[R.Heading]).toEqual(READER_WORDS.pt[R.Heading]);
    // The words of what loads on demand come in their own file, not with every thread.
    expect(byLang.words[R.BodyMissing]).toBeUndefined();

    const byHeader = await readThread(
      test,
      PAGE,
      {},
      { headers: { 'accept-language': 'sv, ru;q=0.8, de;q=0.9' } },
    );
    expect(byHeader.json().locale).toBe('de');
    expect(byHeader.headers.vary).toMatch(/Accept-Language/);
    // A `lang` of the page's wins over the browser's languages, and the answer no longer varies by them.
    const both = await readThread(
      test,
      PAGE,
      { lang: 'ja' },
      { headers: { 'accept-language': 'de' } },
    );
    expect(both.json().locale).toBe('ja');
    expect(both.headers.vary).not.toMatch(/Accept-Language/);
  });

  it('answers English as it always did: no locale, no words', async () => {
    const test = await setUp();
    for (const query of [{}, { lang: 'en-GB' }, { lang: 'sv' }] as Record<string, string>[]) {
      const answer = (await readThread(test, PAGE, query)).json();
      expect(answer).not.toHaveProperty('locale');
      expect(answer).not.toHaveProperty('words');
    }
  });

  it('keeps one answer per language, each with its own ETag', async () => {
    const test = await setUp();
    await postComment(test);
    const german = await readThread(test, PAGE, { lang: 'de' });
    const english = await readThread(test, PAGE);
    expect(german.headers.etag).not.toBe(english.headers.etag);
    const again = await readThread(
      test,
      PAGE,
      { lang: 'de' },
      { headers: { 'if-none-match': german.headers.etag as string } },
    );
    expect(again.statusCode).toBe(304);
    const other = await readThread(
      test,
      PAGE,
      { lang: 'fr' },
      { headers: { 'if-none-match': german.headers.etag as string } },
    );
    expect(other.statusCode).toBe(200);
    expect(other.json().locale).toBe('fr');
  });

  it('carries the words with the first part only, and names the language in every part', async () => {
    const test = await setUp();
    await postComment(test, { body: 'first' });
    await postComment(test, { body: 'second', email: 'two@example.com' });
    const first = (await readThread(test, PAGE, { lang: 'ar' })).json();
    expect(first.words).toBeDefined();
    expect(first.next).toEqual(expect.any(String));
    const next = (await readThread(test, PAGE, { lang: 'ar', after: first.next })).json();
    expect(next.locale).toBe('ar');
    expect(next).not.toHaveProperty('words');
  });
});

describe('the counts in the language their request chooses', () => {
  it("carries count.js's words outside English, and nothing more in English", async () => {
    const test = await setUp();
    await postComment(test);
    const count = (query: string, headers = {}) =>
      test.app.inject({
        method: 'GET',
        url: `/api/counts?url=${encodeURIComponent(PAGE)}${query}`,
        headers,
      });
    const russian = (await count('&lang=ru')).json();
    expect(russian.counts[PAGE]).toBe(1);
    expect(russian.locale).toBe('ru');
    expect(russian.words).toEqual({
      [R.CountNone]: READER_WORDS.ru[R.CountNone],
      [R.Count]: READER_WORDS.ru[R.Count],
    });
    const polish = await count('', { 'accept-language': 'pl-PL' });
    expect(polish.json().locale).toBe('pl');
    expect(polish.headers.vary).toMatch(/Accept-Language/);
    expect((await count('')).json()).toEqual({ counts: { [PAGE]: 1 } });
  });
});
