/**
 * The "Leave a Reply" form as plain HTML: posted to /thread as a urlencoded form, with the
 * fields (by the names POST /api/comments takes), the honeypot and the form token of the
 * widget's form, each field's problem next to it, and every value kept when a post is refused.
 */
import { R, type Say } from '../../../shared/i18n/reader-text.ts';
import type { ShownComment } from '../../../shared/thread-tree.ts';
import { type Html, html, openTag } from '../template.ts';
import { sayIn, type ThreadView, threadPageUrl } from './view.ts';

/** A field of the form: its id in the widget, its name in a post, and how it is typed. */
interface FieldSpec {
  id: string;
  name: 'body' | 'name' | 'email' | 'website';
  label: R;
  required?: boolean;
  type?: 'email' | 'url';
  autocomplete?: string;
}

const FIELDS: FieldSpec[] = [
  { id: 'comment', name: 'body', label: R.Comment, required: true },
  { id: 'author', name: 'name', label: R.Name, required: true, autocomplete: 'name' },
  {
    id: 'email',
    name: 'email',
    label: R.Email,
    required: true,
    type: 'email',
    autocomplete: 'email',
  },
  { id: 'url', name: 'website', label: R.Website, type: 'url', autocomplete: 'url' },
];

/** The form, answering `replyTo` if given, in the widget's `respond` block. */
export function replyForm(view: ThreadView, replyTo: ShownComment | null): Html {
  const say = sayIn(view.locale);
  const { form, thread } = view;
  const heading = replyTo ? say(R.LeaveReplyTo, { name: replyTo.name }) : say(R.LeaveReply);
  const cancel = replyTo
    ? html`<a class="cancel-reply" href="${threadPageUrl(view)}#comment-${replyTo.id}">${say(R.CancelReply)}</a>`
    : null;
  const hidden: [string, string][] = [
    ['url', thread.url],
    ...(thread.page !== thread.url ? [['page', thread.page] as [string, string]] : []),
    ['title', view.title],
    ['lang', view.locale],
    ...(replyTo ? [['parent', String(replyTo.id)] as [string, string]] : []),
  ];
  // On the thread's own page, an empty thread's form heading follows the page's first.
  const title =
    view.standalone && thread.count === 0
      ? html`<h2 class="reply-title">${heading}</h2>`
      : html`<h3 class="reply-title">${heading}</h3>`;
  return html`<div class="respond" id="respond">${title}${cancel}<form class="comment-form" method="post" action="${view.origin}/thread" novalidate>${hidden.map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`,
  )}<input type="hidden" name="form" value="${form.token}"><p class="notes">${say(R.Notes)} <span class="required">*</span></p>${
    form.problem ? html`<p class="form-error" role="alert">${form.problem}</p>` : null
  }${FIELDS.map((spec) => field(view, spec, say))}<p class="visually-hidden" aria-hidden="true"><label for="homepage">${say(R.Honeypot)}</label><input id="homepage" name="homepage" type="text" tabindex="-1" autocomplete="off"></p>${checkbox('remember', say(R.Remember), form.values.remember)}${
    thread.notify ? checkbox('notify', say(R.Notify), form.values.notify) : null
  }<p class="submit"><button type="submit">${say(R.PostComment)}</button></p></form></div>`;
}

function field(view: ThreadView, spec: FieldSpec, say: Say): Html {
  const { id, name, required, type, autocomplete } = spec;
  const value = view.form.values[name];
  const error = view.form.errors[name];
  const errorId = `${id}-error`;
  const common = {
    id,
    name,
    required: required === true,
    'aria-invalid': error ? 'true' : null,
    'aria-describedby': error ? errorId : null,
  };
  const input =
    name === 'body'
      ? // A newline first: a browser drops the one that follows the tag, not the reader's own.
        html`${openTag('textarea', { ...common, rows: 8 })}\n${value}</textarea>`
      : openTag('input', { ...common, type: type ?? 'text', value, autocomplete });
  return html`<p class="field field-${id}"><label for="${id}">${say(spec.label)}${
    required ? html`<span class="required"> *</span>` : null
  }</label>${input}${error ? html`<span class="error" id="${errorId}">${error}</span>` : null}</p>`;
}

function checkbox(name: 'remember' | 'notify', label: string, checked: boolean): Html {
  return html`<p class="remember">${openTag('input', { id: name, name, type: 'checkbox', value: '1', checked })}<label for="${name}">${label}</label></p>`;
}
