/**
 * What Akismet is told about a comment, in its field names. A check, a re-check and the site
 * owner's feedback on one comment send the same values, as Akismet asks, so that it can match
 * a report to the check it corrects.
 */
import type { RequestFacts } from '../storage/akismet-store.ts';
import type { AkismetFields } from './client.ts';

/** A comment as Akismet sees it. */
export interface CommentForAkismet {
  name: string;
  email: string;
  website: string | null;
  /** The text as its author wrote it (markdown), not the rendered HTML. */
  body: string;
  /** When it was posted (ISO, UTC). */
  createdAt: string;
  /** The address of the page it was posted on. */
  pageUrl: string;
  /** When that page was published (ISO), when known. */
  pagePublishedAt: string | null;
  /** The author's language, as the comment keeps it. */
  lang: string | null;
}

/** The most of a user agent or a referrer that is kept and sent. */
const HEADER_MAX = 1000;

/** The fields of `comment-check`, `submit-spam` and `submit-ham` for one comment. */
export function akismetFields(comment: CommentForAkismet, facts: RequestFacts): AkismetFields {
  return {
    user_ip: facts.ip,
    user_agent: facts.userAgent,
    referrer: facts.referrer,
    permalink: comment.pageUrl,
    comment_type: 'comment',
    comment_author: comment.name,
    comment_author_email: comment.email,
    comment_author_url: comment.website,
    comment_content: comment.body,
    comment_date_gmt: comment.createdAt,
    comment_post_modified_gmt: comment.pagePublishedAt,
    blog_lang: comment.lang,
    blog_charset: 'UTF-8',
  };
}

/** The facts of a request, as the client sent them: its address, user agent and referrer. */
export function factsOf(
  ip: string,
  headers: Record<string, string | string[] | undefined>,
): RequestFacts {
  const header = (name: string) => {
    const value = headers[name];
    return (Array.isArray(value) ? value[0] : value)?.slice(0, HEADER_MAX) || null;
  };
  return { ip, userAgent: header('user-agent'), referrer: header('referer') };
}
