/** The nested list of comments. */
import type { ComponentChildren } from 'preact';
import type { CommentNode } from '../../shared/thread-tree.ts';
import { type Authorship, CommentItem } from './CommentItem.tsx';
import type { Likes } from './use-likes.ts';

export interface CommentListProps {
  nodes: CommentNode[];
  canReply: boolean;
  replyTo: number | null;
  onReply: (id: number) => void;
  authorship: Authorship;
  /** Like buttons, unless LIKES is off. */
  likes: Likes | null;
  /** The form, shown under the comment being replied to. */
  form: ComponentChildren;
  level?: number;
}

export function CommentList({ nodes, level = 1, ...rest }: CommentListProps) {
  return (
    <ol class={level === 1 ? 'comment-list' : 'children'}>
      {nodes.map((node) => (
        <CommentItem key={node.comment.id} node={node} level={level} {...rest} />
      ))}
    </ol>
  );
}
