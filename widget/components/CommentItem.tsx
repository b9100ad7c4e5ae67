import { useState } from 'preact/hooks';
import type { OwnComment } from '../../shared/types.ts';
import { makeCodeFocusable } from '../code-blocks.ts';
import type { AuthorTools } from '../on-demand.ts';
import type { CommentNode, ShownComment } from '../thread.ts';
import { isWebLink } from '../web-link.ts';
import { Avatar } from './Avatar.tsx';
import { CommentList, type CommentListProps } from './CommentList.tsx';

/** The token and text the reader holds for a comment of their own. */
export interface OwnText {
  token: string;
  body: string;
}

/** What the reader may do with the comments they wrote themselves. */
export interface Authorship {
  /** Their token and text, while they may still change the comment. */
  mine: (comment: ShownComment) => OwnText | undefined;
  server: string;
  onEdited: (before: ShownComment, edited: OwnComment, token: string) => void;
  onDeleted: () => void;
  announce: (text: string) => void;
  /** Edit and Delete, once loaded: only a reader with comments of their own needs them. */
  tools: AuthorTools | null;
}

/** One comment of a list: the list's own props, for this comment at its level. */
type CommentItemProps = Omit<CommentListProps, 'nodes' | 'level'> & {
  node: CommentNode;
  level: number;
};

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeStyle: 'short' });

export function CommentItem({
  node,
  level,
  canReply,
  replyTo,
  onReply,
  authorship,
  likes,
  form,
}: CommentItemProps) {
  const { comment, replies } = node;
  const [editing, setEditing] = useState(false);
  const tools = authorship.tools;
  const mine = tools && authorship.mine(comment);

  return (
    <li id={`comment-${comment.id}`} class={`comment depth-${level}`}>
      {comment.deleted ? (
        <p class="comment-deleted">This comment was deleted.</p>
      ) : (
        <article class="comment-body" aria-label={`Comment by ${comment.name}`}>
          <header class="comment-meta">
            <Avatar comment={comment} server={authorship.server} />
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
            {likes && !comment.held && (
              <button
                type="button"
                class="link like"
                aria-pressed={likes.liked(comment)}
                disabled={!likes.open}
                onClick={() => likes.toggle(comment)}
              >
                Like <span class="likes">{likes.count(comment)}</span>
              </button>
            )}
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
            {tools && mine && (
              <tools.OwnCommentActions
                comment={comment}
                mine={mine}
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
          likes={likes}
          form={form}
        />
      )}
    </li>
  );
}
