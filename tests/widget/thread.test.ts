import { describe, expect, it } from 'vitest';
import { en } from '../../shared/i18n/en.ts';
import { R } from '../../shared/i18n/reader-text.ts';
import { sayer } from '../../shared/i18n/say.ts';
import { buildTree, type CommentNode, type ShownComment } from '../../shared/thread-tree.ts';

function comment(id: number, parent: number | null, minute = id): ShownComment {
  return {
    id,
    parent,
    depth: 1,
    name: `Reader ${id}`,
    website: null,
    html: `<p>${id}</p>`,
    created: `2026-11-26T10:${String(minute).padStart(2, '0')}:00.000Z`,
    likes: 0,
    verified: false,
  };
}

function shape(nodes: CommentNode[]): unknown[] {
  return nodes.map((node) =>
    node.replies.length ? [node.comment.id, shape(node.replies)] : node.comment.id,
  );
}

describe('buildTree', () => {
  it('puts top-level comments newest first for sort=newest, keeping replies oldest first', () => {
    const tree = buildTree(
      [comment(1, null), comment(3, 1), comment(2, null), comment(4, 1)],
      'newest',
    );
    expect(shape(tree)).toEqual([2, [1, [3, 4]]]);
  });

  it('keeps the order the server sent for sort=best, and pinned comments first', () => {
    const pinned = { ...comment(5, null), pinned: true };
    const tree = buildTree([comment(2, null), comment(1, null), comment(3, 1), pinned], 'best');
    expect(shape(tree)).toEqual([5, 2, [1, [3]]]);
  });

  it('nests replies under their parents, oldest first', () => {
    const tree = buildTree([comment(3, 1), comment(1, null), comment(2, null), comment(4, 1)]);
    expect(shape(tree)).toEqual([[1, [3, 4]], 2]);
  });

  it('shows replies below the fifth level as siblings at the fifth level', () => {
    const chain = [1, 2, 3, 4, 5, 6, 7].map((id) => comment(id, id === 1 ? null : id - 1));
    expect(shape(buildTree(chain))).toEqual([[1, [[2, [[3, [[4, [5, 6, 7]]]]]]]]]);
  });

  it('puts a reply whose parent is not shown at the top, so it is not lost', () => {
    expect(shape(buildTree([comment(1, null), comment(3, 2)]))).toEqual([1, 3]);
  });
});

describe('the heading', () => {
  it("uses WordPress's words in English", () => {
    const say = sayer('en', en);
    expect(say(R.Heading, { n: 1, title: 'Hello' })).toBe('One thought on "Hello"');
    expect(say(R.Heading, { n: 3, title: 'Hello' })).toBe('3 thoughts on "Hello"');
    expect(say(R.Heading, { n: 1200, title: 'Hello' })).toBe('1,200 thoughts on "Hello"');
  });
});
