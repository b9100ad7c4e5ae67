/** Shaping a flat list of comments into the nested thread readers see, in the widget and on the server. */
import { LIMITS } from './limits.ts';
import type { PublicComment, ThreadSort } from './types.ts';

export interface ShownComment extends PublicComment {
  /** Set on the reader's own comment that is still held for moderation. */
  held?: boolean;
}

export interface CommentNode {
  comment: ShownComment;
  replies: CommentNode[];
}

/**
 * Nests comments under their parents: replies oldest first, top-level comments in `sort`'s
 * order (by likes: as the server sent them, then the reader's own new ones). Below the deepest level, replies are
 * shown as siblings at that level (as WordPress does), and a reply whose parent is not shown
 * stands at the top so that nothing a reader may see is lost.
 */
export function buildTree(comments: ShownComment[], sort: ThreadSort = 'oldest'): CommentNode[] {
  const sorted = [...comments].sort((a, b) => a.created.localeCompare(b.created) || a.id - b.id);
  const nodes = new Map<number, CommentNode & { level: number }>();
  const roots: CommentNode[] = [];
  for (const comment of sorted) nodes.set(comment.id, { comment, replies: [], level: 1 });
  for (const comment of sorted) {
    const node = nodes.get(comment.id) as CommentNode & { level: number };
    let parent = comment.parent === null ? undefined : nodes.get(comment.parent);
    while (parent && parent.level >= LIMITS.depthMax) {
      const up = parent.comment.parent;
      parent = up === null ? undefined : nodes.get(up);
    }
    if (parent) {
      node.level = parent.level + 1;
      parent.replies.push(node);
    } else {
      roots.push(node);
    }
  }
  if (sort === 'newest') roots.reverse();
  if (sort === 'best') {
    const sent = new Map(comments.map((comment, index) => [comment.id, index]));
    roots.sort((a, b) => (sent.get(a.comment.id) as number) - (sent.get(b.comment.id) as number));
  }
  // Pinned comments lead the thread; the rest keep their order.
  return [
    ...roots.filter((node) => node.comment.pinned),
    ...roots.filter((node) => !node.comment.pinned),
  ];
}
