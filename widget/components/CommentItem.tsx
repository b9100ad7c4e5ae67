/** One comment: author, date, text, Reply link, the author's own actions, and its replies. */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { makeCodeFocusable } from '../code-blocks.ts';
import type { CommentNode, ShownComment } from '../thread.ts';
import { isWebLink } from '../web-link.ts';
import { CommentList } from './CommentList.tsx';
import { OwnCommentActions } from './OwnCommentActions.tsx';

/** What the reader may do with the comments they wrote themselves. */
export interface Authorship {
  canChange: (comment: ShownComment) => boolean;
  bodyOf: (comment: ShownComment) => string;
  edit: (comment: ShownComment, body: string) => Promise<void>;
  remove: (comment: ShownComment) => Promise<void>;
}

interface CommentItemProps {
  node: CommentNode;
  level: number;
  canReply: boolean;
  replyTo: number | null;
  onReply: (id: number) => void;
  authorship: Authorship;
  form: ComponentChildren;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeStyle: 'short' });

/** A hue of its own for each name, dark enough for white initials (set through the CSSOM: CSP-safe). */
function avatarHue(name: string): number {
  let hash = 0;
  for (let i = 0; i < name.length; i++) hash = (hash * 31 + name.charCodeAt(i)) | 0;
  return Math.abs(hash) % 360;
}

export function CommentItem({
  node,
  level,
  canReply,
  replyTo,
  onReply,
  authorship,
  form,
}: CommentItemProps) {
  const { comment, replies } = node;
  const [editing, setEditing] = useState(false);

  return (
    <li id={`comment-${comment.id}`} class={`comment depth-${level}`}>
      {comment.deleted ? (
        <p class="comment-deleted">This comment was deleted.</p>
      ) : (
        <article class="comment-body" aria-label={`Comment by ${comment.name}`}>
          <header class="comment-meta">
            <span
              class="avatar"
              style={{ background: `hsl(${avatarHue(comment.name)} 45% 32%)` }}
              aria-hidden="true"
            >
              {[...comment.name][0]?.toUpperCase()}
            </span>
            <b class="author">
              {isWebLink(comment.website) ? (
                <a href={comment.website} rel="nofollow ugc noopener">
                  {comment.name}
                </a>
              ) : (
                comment.name
              )}
            </b>
            <time dateTime={comment.created}>{dateFormat.format(new Date(comment.created))}</time>
            {comment.owner && <span class="badge">Site owner</span>}
            {comment.pinned && <span class="badge">Pinned</span>}
            {comment.edited && (
              <span class="edited" title={dateFormat.format(new Date(comment.edited))}>
                edited
              </span>
            )}
          </header>
          {comment.held && <p class="held">Your comment is awaiting moderation.</p>}
          {!editing && (
            // The server renders comment text through its markdown renderer and HTML sanitiser.
            <div
              class="content"
              ref={makeCodeFocusable}
              dangerouslySetInnerHTML={{ __html: comment.html }}
            />
          )}
          <div class="comment-actions">
            {canReply && !comment.held && !editing && (
              <a
                class="reply"
                href={`#comment-${comment.id}`}
                aria-label={`Reply to ${comment.name}`}
                onClick={(event) => {
                  event.preventDefault();
                  onReply(comment.id);
                }}
              >
                Reply
              </a>
            )}
            {authorship.canChange(comment) && (
              <OwnCommentActions
                comment={comment}
                authorship={authorship}
                editing={editing}
                onEditing={setEditing}
              />
            )}
          </div>
        </article>
      )}
      {replyTo === comment.id && form}
      {replies.length > 0 && (
        <CommentList
          nodes={replies}
          level={level + 1}
          canReply={canReply}
          replyTo={replyTo}
          onReply={onReply}
          authorship={authorship}
          form={form}
        />
      )}
    </li>
  );
}
