/**
 * count.js: fills every element marked `data-comments-count` on a page (a blog's index, say) with
 * its page's number of comments, in one request for the whole page, in the language its server
 * chooses as for the widget (the tag's data-lang, the page's `<html lang>`, else the browser's):
 * the answer carries that language's words. Kept free of the widget's code, so that it stays small.
 */
import { counts } from '../shared/i18n/en/count.ts';
import type { Locale } from '../shared/i18n/locales.ts';
import { type Entry, R } from '../shared/i18n/reader-text.ts';
import { sayer } from '../shared/i18n/say.ts';

const script = document.currentScript as HTMLScriptElement | null;

interface CountsAnswer {
  counts: Record<string, number>;
  /** The language of the counts; absent for English. */
  locale?: Locale;
  /** The count texts, in a language other than English. */
  words?: Record<string, Entry>;
}

/** Which page an element counts: data-page-id, data-page-url, the link it sits in, or this page. */
function pageOf(element: HTMLElement): ['page' | 'url', string] {
  const { pageId, pageUrl } = element.dataset;
  if (pageId) return ['page', pageId];
  const link = element.closest('a');
  return ['url', new URL(pageUrl || link?.href || location.href, location.href).href];
}

async function fillCounts(server: string, lang: string): Promise<void> {
  const elements = [...document.querySelectorAll<HTMLElement>('[data-comments-count]')];
  if (elements.length === 0) return;
  const query = new URLSearchParams();
  const seen = new Set<string>();
  for (const element of elements) {
    const [kind, value] = pageOf(element);
    if (seen.has(kind + value)) continue;
    seen.add(kind + value);
    query.append(kind, value);
  }
  if (lang) query.set('lang', lang);
  const response = await fetch(`${server}/api/counts?${query}`);
  if (!response.ok) throw new Error(`the server answered ${response.status}`);
  const answer = (await response.json()) as CountsAnswer;
  // English's words are WordPress's, kept here; another language's come with the answer.
  const say = sayer(answer.locale ?? 'en', answer.words ?? counts);
  for (const element of elements) {
    const count = answer.counts[pageOf(element)[1]];
    if (count !== undefined) {
      element.textContent = count === 0 ? say(R.CountNone) : say(R.Count, { n: count });
    }
  }
}

if (script?.src) {
  const server = new URL(script.src).origin;
  const lang = script.dataset.lang || document.documentElement.lang;
  const run = () =>
    fillCounts(server, lang).catch((error: Error) => {
      console.error(`Leave a Reply: comment counts could not be loaded: ${error.message}`);
    });
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run);
  else run();
}
