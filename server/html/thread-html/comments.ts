/**
 * The comments of a thread as HTML: the widget's structure and classes, so that the widget's
 * stylesheet lays both out alike, with schema.org `Comment` microdata, so that search engines
 * read each comment, its author, its date, its text and its likes. A reply is its parent's
 * `comment`, through the list of replies the parent's article refers to.
 */

import { R } from '../../../shared/i18n/reader-text.ts';
import { identicon } from '../../../shared/identicon.ts';
import type { CommentNode, ShownComment } from '../../../shared/thread-tree.ts';
import { isWebLink } from '../../../shared/web-link.ts';
import { type Html, html, openTag, trustedHtml } from '../template.ts';
import { dateIn, sayIn, type ThreadView, threadPageUrl } from './view.ts';

/**
 * A nested list of comments: the thread's, or one comment's replies (`answered` when the
 * comment they answer is shown, not a placeholder). `form` goes under the comment it answers
 * (`view.replyTo`), as the widget puts it.
 */
export function commentList(
  view: ThreadView,
  nodes: CommentNode[],
  form: Html | null,
  level = 1,
  answered = false,
): Html {
  const items = nodes.map((node) => commentItem(view, node, form, level, answered));
  return level === 1
    ? html`<ol class="comment-list">${items}</ol>`
    : html`<ol class="children">${items}</ol>`;
}

function commentItem(
  view: ThreadView,
  node: CommentNode,
  form: Html | null,
  level: number,
  answered: boolean,
) {
  const { comment, replies } = node;
  const say = sayIn(view.locale);
  const body = comment.deleted
    ? html`<p class="comment-deleted">${say(R.Deleted)}</p>`
    : article(view, node, answered);
  return html`<li id="comment-${comment.id}" class="comment depth-${level}">${body}${
    view.replyTo === comment.id ? form : null
  }${replies.length > 0 ? commentList(view, replies, form, level + 1, !comment.deleted) : null}</li>`;
}

/** Whether a comment's article is its parent's `comment` in the structured data. */
const isAnswer = (comment: ShownComment, answered: boolean) => answered && !comment.held;

const articleId = (comment: ShownComment) => `comment-${comment.id}-body`;

function article(view: ThreadView, node: CommentNode, answered: boolean) {
  const { comment, replies } = node;
  const say = sayIn(view.locale);
  const date = dateIn(view.locale);
  // A reply is the `comment` of the comment it answers, which names its direct replies'
  // articles (itemref): naming their list instead would take in the replies to replies too.
  const answers = replies
    .filter((reply) => isAnswer(reply.comment, true))
    .map((reply) => articleId(reply.comment));
  const open = openTag('article', {
    id: articleId(comment),
    class: 'comment-body',
    'aria-label': say(R.CommentBy, { name: comment.name }),
    itemprop: isAnswer(comment, answered) ? 'comment' : null,
    itemscope: true,
    itemtype: 'https://schema.org/Comment',
    itemref: answers.length > 0 ? answers.join(' ') : null,
  });
  const name = html`<span itemprop="name">${comment.name}</span>`;
  const author = isWebLink(comment.website)
    ? html`<a href="${comment.website}" rel="nofollow ugc noopener" itemprop="url">${name}</a>`
    : name;
  const edited = comment.edited
    ? html`<span class="edited" title="${date.format(new Date(comment.edited))}">${say(R.Edited)}</span><meta itemprop="dateModified" content="${comment.edited}">`
    : null;
  return html`${open}<header class="comment-meta">${avatar(comment.avatar, comment.owner)}<b class="author" itemprop="author" itemscope itemtype="https://schema.org/Person">${author}</b><time datetime="${comment.created}" itemprop="dateCreated">${date.format(new Date(comment.created))}</time>${
    comment.verified ? html`<span class="badge verified">${say(R.Verified)}</span>` : null
  }${
    comment.owner ? html`<span class="badge">${say(R.SiteOwner)}</span>` : null
  }${comment.pinned ? html`<span class="badge">${say(R.Pinned)}</span>` : null}${edited}</header>${
    comment.held ? html`<p class="held">${say(R.Held)}</p>` : null
  }<div class="content" dir="auto" itemprop="text">${
    // Rendered from markdown and sanitised when the comment was stored (comments/render.ts),
    // the same HTML the widget shows.
    trustedHtml(comment.html)
  }</div>${actions(view, node)}</article>`;
}

/** Likes, shown as the widget shows them but not pressed here, and the link to reply. */
function actions(view: ThreadView, { comment }: CommentNode): Html {
  const say = sayIn(view.locale);
  const likes =
    view.thread.likes && !comment.held
      ? html`<button type="button" class="link like" disabled>${say(R.Like)} <span class="likes" itemprop="upvoteCount">${comment.likes}</span></button>`
      : null;
  const reply =
    view.thread.open && !comment.held
      ? html`<a class="reply" href="${threadPageUrl(view, { replytocom: String(comment.id) })}#respond" aria-label="${say(R.ReplyTo, { name: comment.name })}">${say(R.Reply)}</a>`
      : null;
  return html`<div class="comment-actions">${likes}${reply}</div>`;
}

/** The author's identicon, as the widget draws it; none under AVATARS=none. */
function avatar(seed: string | undefined, owner: boolean | undefined): Html | null {
  if (!seed) return null;
  const { cells, fill } = identicon(seed);
  return html`<svg class="${owner ? 'avatar owner' : 'avatar'}" viewBox="-1 -1 7 7" aria-hidden="true"><path fill="${fill}" d="${cells}"></path></svg>`;
}
