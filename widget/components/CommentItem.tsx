import { useState } from 'preact/hooks';
import { R } from '../../shared/i18n/reader-text.ts';
import type { CommentNode, ShownComment } from '../../shared/thread-tree.ts';
import { isWebLink } from '../../shared/web-link.ts';
import type { Client } from '../client.ts';
import { makeCodeFocusable } from '../code-blocks.ts';
import type { AuthorTools } from '../on-demand.ts';
import type { ChangeThread } from '../thread-changes.ts';
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
  client: Client;
  /** Changes the thread: the author's tools show an edit with it. */
  change: ChangeThread;
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
  const { say, date } = authorship.client;
  const [editing, setEditing] = useState(false);
  const tools = authorship.tools;
  const mine = tools && authorship.mine(comment);

  return (
    <li id={`comment-${comment.id}`} class={`comment depth-${level}`}>
      {comment.deleted ? (
        <p class="comment-deleted">{say(R.Deleted)}</p>
      ) : (
        <article class="comment-body" aria-label={say(R.CommentBy, { name: comment.name })}>
          <header class="comment-meta">
            <Avatar comment={comment} client={authorship.client} />
            <b class="author">
              {isWebLink(comment.website) ? (
                <a href={comment.website} rel="nofollow ugc noopener">
                  {comment.name}
                </a>
              ) : (
                comment.name
              )}
            </b>
            <time dateTime={comment.created}>{date.format(new Date(comment.created))}</time>
            {comment.verified && <span class="badge verified">{say(R.Verified)}</span>}
            {comment.owner && <span class="badge">{say(R.SiteOwner)}</span>}
            {comment.pinned && <span class="badge">{say(R.Pinned)}</span>}
            {comment.edited && (
              <span class="edited" title={date.format(new Date(comment.edited))}>
                {say(R.Edited)}
              </span>
            )}
          </header>
          {comment.held && <p class="held">{say(R.Held)}</p>}
          {!editing && (
            // The server renders comment text through its markdown renderer and HTML sanitiser.
            // Its direction is its own: an English comment reads left to right in an Arabic thread.
            <div
              class="content"
              dir="auto"
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
                {say(R.Like)} <span class="likes">{likes.count(comment)}</span>
              </button>
            )}
            {canReply && !comment.held && !editing && (
              <a
                class="reply"
                href={`#comment-${comment.id}`}
                aria-label={say(R.ReplyTo, { name: comment.name })}
                onClick={(event) => {
                  event.preventDefault();
                  onReply(comment.id);
                }}
              >
                {say(R.Reply)}
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
