/** One comment: author, date, text, Reply link, and its replies. */
import type { ComponentChildren } from 'preact';
import type { CommentNode } from '../thread.ts';
import { CommentList } from './CommentList.tsx';

interface CommentItemProps {
  node: CommentNode;
  level: number;
  canReply: boolean;
  replyTo: number | null;
  onReply: (id: number) => void;
  form: ComponentChildren;
}

const AVATAR_COLOURS = 8;
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeStyle: 'short' });

function avatarColour(name: string): number {
  let hash = 0;
  for (let i = 0; i < name.length; i++) hash = (hash * 31 + name.charCodeAt(i)) | 0;
  return Math.abs(hash) % AVATAR_COLOURS;
}

function isWebLink(url: string | null): url is string {
  return url !== null && /^https?:\/\//i.test(url);
}

export function CommentItem({ node, level, canReply, replyTo, onReply, form }: CommentItemProps) {
  const { comment, replies } = node;
  const created = new Date(comment.created);

  return (
    <li id={`comment-${comment.id}`} class={`comment depth-${level}`}>
      {comment.deleted ? (
        <p class="comment-deleted">This comment was deleted.</p>
      ) : (
        <article class="comment-body" aria-label={`Comment by ${comment.name}`}>
          <header class="comment-meta">
            <span class={`avatar avatar-${avatarColour(comment.name)}`} aria-hidden="true">
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
            <time dateTime={comment.created}>{dateFormat.format(created)}</time>
          </header>
          {comment.held && <p class="held">Your comment is awaiting moderation.</p>}
          {/* The server renders comment text through its markdown renderer and HTML sanitiser. */}
          <div class="content" dangerouslySetInnerHTML={{ __html: comment.html }} />
          {canReply && !comment.held && (
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
          form={form}
        />
      )}
    </li>
  );
}
