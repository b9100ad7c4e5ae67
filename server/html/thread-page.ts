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
h1.article{font-size:1.25rem;margin:0 0 1.5rem}`;

/**
 * The whole page of `view`'s thread, headed by the article's title as a link back to it. Below
 * it, the thread's headings are as the widget's; the form's heading comes second when it is
 * the first (an empty thread), so that no level is skipped.
 */
export function threadPage(view: ThreadView): string {
  const { url } = view.thread;
  const arrow = isRightToLeft(view.locale) ? '→' : '←';
  // Only a web address is a link: anything else a request named is shown, never followed.
  const heading = isWebLink(url)
    ? html`<a class="back" href="${url}"><span aria-hidden="true">${arrow} </span>${view.title}</a>`
    : view.title;
  return page({
    locale: view.locale,
    title: view.title,
    robots: 'noindex',
    // With the server's own policy (no referrer), a browser sends the form as from an opaque
    // origin, "null", which no site may post from; this page names its own.
    referrer: 'same-origin',
    stylesheet: [`${view.origin}/thread.css`, `${view.origin}/thread/page.css`],
    body: html`<main><h1 class="article">${heading}</h1>${threadHtml(view)}</main>`,
  });
}
