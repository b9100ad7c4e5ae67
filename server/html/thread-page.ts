/**
 * The page at /thread: a page's comments and the "Leave a Reply" form for readers without
 * JavaScript, whom the embed snippet's `<noscript>` link sends here. Light (the thread's
 * stylesheet and a few lines of its own, no script), and never indexed: the article is the
 * page that should rank.
 */
import { isRightToLeft } from '../../shared/i18n/locales.ts';
import { isWebLink } from '../../shared/web-link.ts';
import { page } from './page.ts';
import { html } from './template.ts';
import { threadHtml } from './thread-html/thread.ts';
import type { ThreadView } from './thread-html/view.ts';

/** The page's own layout around the thread, which thread.css styles. */
export const THREAD_PAGE_CSS = `:root{color-scheme:light dark}
body{margin:0;font:16px/1.5 system-ui,sans-serif}
main{max-width:42rem;margin:2rem auto;padding:0 1rem}
.back{margin:0 0 1.5rem}`;

/** The whole page of `view`'s thread, with a link back to the article it belongs to. */
export function threadPage(view: ThreadView): string {
  const { url } = view.thread;
  const arrow = isRightToLeft(view.locale) ? '→' : '←';
  // Only a web address is a link: anything else a request named is shown, never followed.
  const back = isWebLink(url)
    ? html`<p class="back"><a class="back" href="${url}">${arrow} ${view.title}</a></p>`
    : null;
  return page({
    locale: view.locale,
    title: view.title,
    robots: 'noindex',
    stylesheet: [`${view.origin}/thread.css`, `${view.origin}/thread/page.css`],
    body: html`<main>${back}${threadHtml(view)}</main>`,
  });
}
