/**
 * What the server's HTML of a thread is made from: the thread as its JSON answer carries it,
 * and what only the HTML needs (where links lead, the form's state, the reader's own held
 * comment). Shared by the fragment of GET /api/comments.html and the page at /thread.
 */
import { READER_WORDS } from '../../../shared/i18n/catalogue.ts';
import type { Locale } from '../../../shared/i18n/locales.ts';
import type { Say } from '../../../shared/i18n/reader-text.ts';
import { sayer } from '../../../shared/i18n/say.ts';
import type { CommentFormFields, FieldErrors, PublicComment } from '../../../shared/types.ts';
import type { Thread } from '../../http/schemas.ts';
import type { Html } from '../template.ts';

/** The thread's data, as the JSON answer has it, without what is the widget's alone. */
export type ThreadData = Omit<Thread, 'form' | 'locale' | 'words'>;

export const EMPTY_FORM: CommentFormFields = {
  body: '',
  name: '',
  email: '',
  website: '',
  remember: false,
  notify: false,
};

export interface FormState {
  values: CommentFormFields;
  /** Each field's problem, shown next to it. */
  errors: FieldErrors;
  /** A problem of the whole post (a refusal, a flood), shown above the fields. */
  problem: string | null;
  /**
   * The signed record of when the form was rendered; for an answer that is kept, the place
   * each second's token is put into (fragment.ts).
   */
  token: string | Html;
}

export interface ThreadView {
  thread: ThreadData;
  locale: Locale;
  /**
   * Where the server's links lead: its own origin for HTML shown on another site's page, empty
   * on the server's own page, whose links are then its paths.
   */
  origin: string;
  /** The page's title, for the heading; the address stands in without one. */
  title: string;
  /** How many top-level comments a part of the thread holds, for the next part's link. */
  limit: number;
  /** The comment the form answers (`replytocom`), if any. */
  replyTo: number | null;
  form: FormState;
  /** The reader's own comment, still held for moderation, shown in its place. */
  held: PublicComment | null;
  /** The thread is a page of its own (/thread), under the article's title, not in another. */
  standalone?: boolean;
}

const sayers = new Map<Locale, Say>();

/** The reader words of `locale`, made once. */
export function sayIn(locale: Locale): Say {
  let say = sayers.get(locale);
  if (!say) {
    say = sayer(locale, READER_WORDS[locale]);
    sayers.set(locale, say);
  }
  return say;
}

const dates = new Map<Locale, Intl.DateTimeFormat>();

/**
 * A comment's time in `locale`, in UTC and saying so: the server cannot know the reader's time
 * zone, which the widget writes once it runs.
 */
export function dateIn(locale: Locale): Intl.DateTimeFormat {
  let date = dates.get(locale);
  if (!date) {
    date = new Intl.DateTimeFormat(locale, {
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZone: 'UTC',
      timeZoneName: 'short',
    });
    dates.set(locale, date);
  }
  return date;
}

/** The address of the page at /thread for this view's thread, with `extra` in its query. */
export function threadPageUrl(view: ThreadView, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams({ url: view.thread.url });
  if (view.thread.page !== view.thread.url) query.set('page', view.thread.page);
  if (view.title !== view.thread.url) query.set('title', view.title);
  if (view.locale !== 'en') query.set('lang', view.locale);
  for (const [name, value] of Object.entries(extra)) query.set(name, value);
  return `${view.origin}/thread?${query}`;
}
