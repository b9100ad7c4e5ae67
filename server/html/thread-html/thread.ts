/**
 * A thread as HTML, laid out as the widget lays it out: its heading, the orders it can be read
 * in, the nested comments, a link to the next part, the form (or word that comments are
 * closed) and the feed. The fragment of GET /api/comments.html wraps it; so does /thread.
 */
import { isRightToLeft } from '../../../shared/i18n/locales.ts';
import { R } from '../../../shared/i18n/reader-text.ts';
import { buildTree, type ShownComment } from '../../../shared/thread-tree.ts';
import type { ThreadSort } from '../../../shared/types.ts';
import { type Html, html, openTag } from '../template.ts';
import { commentList } from './comments.ts';
import { replyForm } from './form.ts';
import { sayIn, type ThreadView, threadPageUrl } from './view.ts';

const ORDERS: [ThreadSort, R][] = [
  ['oldest', R.Oldest],
  ['newest', R.Newest],
  ['best', R.Best],
];

/**
 * The thread in the widget's root element. `data-server-rendered` tells the widget, when it
 * mounts into an element holding this, that it stands in for the live thread until that is
 * ready.
 */
export function threadHtml(view: ThreadView): Html {
  const say = sayIn(view.locale);
  const { thread } = view;
  const comments: ShownComment[] = view.held
    ? [...thread.comments, { ...view.held, held: true }]
    : thread.comments;
  const nodes = buildTree(comments, thread.sort);
  const replyTo = comments.find((comment) => comment.id === view.replyTo && !comment.held) ?? null;
  // A post refused on a page that has closed since its form was shown keeps its form, with
  // what was typed and why: the reader loses nothing.
  const form =
    thread.open || view.form.problem
      ? replyForm({ ...view, replyTo: replyTo?.id ?? null }, replyTo)
      : html`<p class="closed">${say(R.Closed)}</p>`;
  const shownView = { ...view, replyTo: replyTo?.id ?? null };
  const feed = new URLSearchParams({ url: thread.url });
  if (thread.page !== thread.url) feed.set('page', thread.page);
  const root = openTag('div', {
    class: 'leave-a-reply',
    lang: view.locale,
    dir: isRightToLeft(view.locale) ? 'rtl' : null,
    'data-server-rendered': true,
  });
  return html`${root}<div class="thread">${
    thread.count > 0
      ? html`<h2 class="count">${say(R.Heading, { n: thread.count, title: view.title })}</h2>`
      : null
  }${thread.count > 1 ? sortOrder(view) : null}${
    nodes.length > 0 ? commentList(shownView, nodes, replyTo ? form : null) : null
  }${
    thread.next
      ? html`<p class="load-more"><a href="${threadPageUrl(view, { sort: thread.sort, after: thread.next })}">${say(R.LoadMore)}</a></p>`
      : null
  }${replyTo ? null : form}<a class="feed" href="${view.origin}/feed/comments.atom?${feed.toString()}">${say(R.Feed)}</a></div></div>`;
}

/** The orders the thread can be read in, as links: the one shown is marked as current. */
function sortOrder(view: ThreadView): Html {
  const say = sayIn(view.locale);
  const links = ORDERS.map(([sort, label]) =>
    sort === view.thread.sort
      ? html` <strong aria-current="true">${say(label)}</strong>`
      : html` <a href="${threadPageUrl(view, { sort })}">${say(label)}</a>`,
  );
  return html`<p class="sort">${say(R.SortBy)}${links}</p>`;
}
