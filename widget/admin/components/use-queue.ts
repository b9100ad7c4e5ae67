/**
 * One moderation queue's state: its comments a page at a time, the selected and the ticked
 * ones, and each change to them (one comment, the ticked ones, an Undo), settled in the list
 * and announced as it finishes.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { failureMessage } from '../../request.ts';
import {
  type AdminComment,
  type BulkAction,
  type CommentAction,
  deleteForever,
  editComment,
  fetchComments,
  moderate,
  moderateMany,
  type QueueStatus,
  replyAsOwner,
} from '../api.ts';
import { say } from '../say.ts';
import type { Filter } from './Filters.tsx';
import { describeComment, describeSelection, QUEUE_NAMES, undoAction } from './queues.ts';
import { describeResult } from './results.ts';
import type { Announcer } from './use-notice.ts';

const PAGE_SIZE = 50;

export interface Queue {
  /** The comments listed so far, newest first; null until the first page arrives. */
  comments: AdminComment[] | null;
  /** Whether older comments are left to load. */
  more: boolean;
  /** Why the list could not be loaded, or ''. */
  loadError: string;
  /** Why the last change failed, or ''. */
  problem: string;
  /** The comment the keyboard shortcuts act on. */
  selected: number | null;
  checked: ReadonlySet<number>;
  /** Loads the first page again, or the page of comments older than `before`. */
  load: (before?: number) => Promise<void>;
  select: (id: number) => void;
  /** Selects a comment and moves the focus to it once it is drawn. */
  moveTo: (id: number) => void;
  check: (id: number, tick: boolean) => void;
  checkAll: (all: boolean) => void;
  /** Keeps each comment's card, to move the focus to. */
  cardRef: (id: number) => (element: HTMLElement | null) => void;
  act: (comment: AdminComment, action: CommentAction) => Promise<void>;
  remove: (comment: AdminComment) => Promise<void>;
  /** Edits and replies let their errors through: their own forms report them. */
  edit: (comment: AdminComment, body: string) => Promise<void>;
  reply: (comment: AdminComment, body: string) => Promise<void>;
  bulk: (action: BulkAction) => Promise<void>;
}

/** The queue of `status` comments that match `filter`; `onChanged` hears of every change. */
export function useQueue(
  status: QueueStatus,
  filter: Filter,
  onChanged: () => void,
  announcer: Announcer,
): Queue {
  const announce = announcer.say;
  const [comments, setComments] = useState<AdminComment[] | null>(null);
  const [more, setMore] = useState(false);
  const [loadError, setLoadError] = useState('');
  const [problem, setProblem] = useState('');
  const [selected, setSelected] = useState<number | null>(null);
  const [checked, setChecked] = useState<ReadonlySet<number>>(new Set());
  const cards = useRef(new Map<number, HTMLElement>());
  // Set when the selection moves by keyboard or after an action, so focus follows it.
  const focusPending = useRef(false);

  const load = useCallback(
    async (before?: number) => {
      setLoadError('');
      try {
        const { comments: found } = await fetchComments({
          status,
          ...filter,
          limit: PAGE_SIZE,
          before,
        });
        setComments((shown) => (before && shown ? [...shown, ...found] : found));
        setMore(found.length === PAGE_SIZE);
      } catch (error) {
        setLoadError(failureMessage(error, say('commentsNotLoaded')));
      }
    },
    [status, filter],
  );
  useEffect(() => {
    load();
  }, [load]);

  useLayoutEffect(() => {
    if (!focusPending.current || selected === null) return;
    focusPending.current = false;
    const card = cards.current.get(selected);
    card?.focus();
    card?.scrollIntoView({ block: 'nearest' });
  });

  const moveTo = (id: number | null) => {
    focusPending.current = id !== null;
    setSelected(id);
  };

  // Actions finish after awaits, maybe several before the next render: they all read and
  // write the latest list through this ref rather than a stale closure.
  const latest = useRef(comments);
  latest.current = comments;
  const selectedNow = useRef(selected);
  selectedNow.current = selected;

  const check = (id: number, tick: boolean) =>
    setChecked((ticked) => {
      if (ticked.has(id) === tick) return ticked;
      const next = new Set(ticked);
      if (tick) next.add(id);
      else next.delete(id);
      return next;
    });

  /**
   * Puts the comment's new state in the list, or takes it out once it belongs elsewhere. Returns
   * where the selection went if it moved on (it does when the comment left with it), else ''.
   */
  const settle = (id: number, updated: AdminComment | null): string => {
    const shown = latest.current;
    if (!shown) return '';
    if (updated && updated.status === status) {
      // Moderating never changes what a comment answers; keep that context if the answer lacks it.
      latest.current = shown.map((comment) =>
        comment.id === id ? { ...updated, replyTo: updated.replyTo ?? comment.replyTo } : comment,
      );
      setComments(latest.current);
      return '';
    }
    const index = shown.findIndex((comment) => comment.id === id);
    const rest = shown.filter((comment) => comment.id !== id);
    latest.current = rest;
    setComments(rest);
    let where = '';
    if (selectedNow.current === id || cards.current.get(id)?.contains(document.activeElement)) {
      // The selection moves on to the next comment, as in a mail client.
      const position = Math.min(index, rest.length - 1);
      const next = rest[position];
      moveTo(next?.id ?? null);
      where = next
        ? say('nowOn', { position: position + 1, n: rest.length, comment: describeComment(next) })
        : say('noneLeft');
    }
    check(id, false);
    return where;
  };

  /** Puts a comment an Undo brought back into this queue where it belongs, and selects it. */
  const bringBack = (comment: AdminComment): string => {
    const shown = latest.current;
    if (!shown || comment.status !== status) return '';
    // Newest first, as the server lists them.
    const rest = shown.filter((each) => each.id !== comment.id);
    const at = rest.findIndex((each) => each.id < comment.id);
    const position = at < 0 ? rest.length : at;
    latest.current = [...rest.slice(0, position), comment, ...rest.slice(position)];
    setComments(latest.current);
    moveTo(comment.id);
    return describeSelection(position, latest.current.length, comment);
  };

  // Comments with a request in flight: a key held down or pressed twice acts once.
  const working = useRef(new Set<number>());

  /**
   * Runs one change to one comment, then settles it in the list and says what happened; with
   * `undo`, the message offers to take it back.
   */
  const change = async (
    comment: AdminComment,
    work: () => Promise<AdminComment | null>,
    done: BulkAction,
    undo?: () => Promise<void>,
  ) => {
    if (working.current.has(comment.id)) return;
    working.current.add(comment.id);
    setProblem('');
    try {
      const where = settle(comment.id, await work());
      announce(describeResult(done, 1), { where, undo });
      onChanged();
    } catch (error) {
      const message = failureMessage(error, say('commentNotChanged'));
      setProblem(say('problemWith', { name: comment.name, problem: message }));
      announce(message);
    } finally {
      working.current.delete(comment.id);
    }
  };

  /** Says why a change of several comments or an Undo failed, in the list and out loud. */
  const fail = (error: unknown, fallback: string) => {
    const message = failureMessage(error, fallback);
    setProblem(message);
    announce(message);
  };

  /** Takes back Spam or Trash: one call puts the comments back where they were. */
  const undoer = (ids: number[], action: CommentAction) => {
    const back = undoAction(action, status);
    if (!back) return undefined;
    let used = false;
    return async () => {
      // The button and the z key may both fire; the comments come back once.
      if (used) return;
      used = true;
      setProblem('');
      try {
        const one = ids.length === 1 ? (await moderate(ids[0] as number, back)).comment : null;
        if (!one) await moderateMany(ids, back);
        const where = one ? bringBack(one) : '';
        const queue = say(QUEUE_NAMES[status]);
        announce(
          one
            ? say('undoneOne', { name: one.name, queue })
            : say('undoneMany', { n: ids.length, queue }),
          { where },
        );
        onChanged();
        if (!one) await load();
      } catch (error) {
        fail(error, say('undoFailed'));
      }
    };
  };

  return {
    comments,
    more,
    loadError,
    problem,
    selected,
    checked,
    load,
    select: setSelected,
    moveTo,
    check,
    checkAll: (all) =>
      setChecked(all ? new Set(comments?.map((comment) => comment.id)) : new Set()),
    cardRef: (id) => (element) => {
      if (element) cards.current.set(id, element);
      else cards.current.delete(id);
    },
    act: (comment, action) =>
      change(
        comment,
        async () => (await moderate(comment.id, action)).comment,
        action,
        undoer([comment.id], action),
      ),
    remove: (comment) =>
      change(
        comment,
        async () => {
          await deleteForever(comment.id);
          return null;
        },
        'delete',
      ),
    edit: async (comment, body) => {
      const { comment: updated } = await editComment(comment.id, body);
      settle(comment.id, updated);
      announce(say('savedEdit'));
    },
    reply: async (comment, body) => {
      await replyAsOwner(comment.id, body);
      announce(say('postedReply', { name: comment.name }));
      onChanged();
      // Fetched again rather than added: the list brings the reply with its thread context.
      await load();
    },
    bulk: async (action) => {
      const ids = [...checked];
      if (ids.length === 0) return;
      setProblem('');
      try {
        const { updated } = await moderateMany(ids, action);
        setChecked(new Set());
        setSelected(null);
        const undo = action === 'delete' ? undefined : undoer(ids, action);
        announce(describeResult(action, updated), { undo });
        onChanged();
        await load();
      } catch (error) {
        fail(error, say('commentsNotChanged'));
      }
    },
  };
}
