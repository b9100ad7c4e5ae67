/**
 * One moderation queue (pending, approved, spam or trash): the comments, their actions, bulk
 * actions on the ticked ones, and keyboard shortcuts for working through the list fast.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
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
  RequestFailed,
  replyAsOwner,
} from '../api.ts';
import { BulkBar } from './BulkBar.tsx';
import { CommentCard } from './CommentCard.tsx';
import type { Filter } from './Filters.tsx';
import { describeResult } from './results.ts';
import type { Announcer } from './use-notice.ts';

interface QueueProps {
  status: QueueStatus;
  filter: Filter;
  /** Something changed on the server: counts and sites need fetching again. */
  onChanged: () => void;
  announcer: Announcer;
}

const PAGE_SIZE = 50;

/** Each queue by the name its link in the navigation gives it. */
const QUEUE_NAMES: Record<QueueStatus, string> = {
  pending: 'Pending',
  approved: 'Approved',
  spam: 'Spam',
  trash: 'Trash',
};

const EMPTY: Record<QueueStatus, string> = {
  pending: 'No comments are waiting for moderation.',
  approved: 'No approved comments yet.',
  spam: 'No spam.',
  trash: 'The trash is empty.',
};

/** Who wrote a comment where, as the selection announcements name it. */
function describeComment(comment: AdminComment): string {
  return `${comment.name} on ${comment.page.title || comment.page.url}`;
}

/** Shortcut keys and the action each takes on the selected comment. */
const SHORTCUTS: Record<string, CommentAction> = { a: 'approve', s: 'spam', d: 'trash' };

/** True when a key press is text being typed, which shortcuts must leave alone. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio'].includes(target.type);
}

function failureMessage(error: unknown, fallback: string): string {
  return error instanceof RequestFailed ? error.message : fallback;
}

export function Queue({ status, filter, onChanged, announcer }: QueueProps) {
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
        setLoadError(failureMessage(error, 'Comments could not be loaded.'));
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

  // Actions finish after awaits, maybe several before the next render: they all read and
  // write the latest list through this ref rather than a stale closure.
  const latest = useRef(comments);
  latest.current = comments;
  const selectedNow = useRef(selected);
  selectedNow.current = selected;

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
      focusPending.current = next !== undefined;
      setSelected(next?.id ?? null);
      where = next
        ? `Now on comment ${position + 1} of ${rest.length}: ${describeComment(next)}`
        : 'No comments are left in this list.';
    }
    setChecked((ticked) => {
      if (!ticked.has(id)) return ticked;
      const left = new Set(ticked);
      left.delete(id);
      return left;
    });
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
    focusPending.current = true;
    setSelected(comment.id);
    return `Comment ${position + 1} of ${latest.current.length} selected: ${describeComment(comment)}`;
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
      const message = failureMessage(error, 'The comment could not be changed.');
      setProblem(`Comment by ${comment.name}: ${message}`);
      announce(message);
    } finally {
      working.current.delete(comment.id);
    }
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
        const what = one ? `the comment by ${one.name} is` : `${ids.length} comments are`;
        announce(`Undone: ${what} back in ${QUEUE_NAMES[status]}.`, { where });
        onChanged();
        if (!one) await load();
      } catch (error) {
        const message = failureMessage(error, 'That could not be undone.');
        setProblem(message);
        announce(message);
      }
    };
  };

  const act = (comment: AdminComment, action: CommentAction) =>
    change(
      comment,
      async () => (await moderate(comment.id, action)).comment,
      action,
      undoer([comment.id], action),
    );

  const remove = (comment: AdminComment) =>
    change(
      comment,
      async () => {
        await deleteForever(comment.id);
        return null;
      },
      'delete',
    );

  // Edits and replies report their failures in their own forms, so these let errors through.
  const edit = async (comment: AdminComment, body: string) => {
    const { comment: updated } = await editComment(comment.id, body);
    settle(comment.id, updated);
    announce('Saved the edit.');
  };

  const reply = async (comment: AdminComment, body: string) => {
    await replyAsOwner(comment.id, body);
    announce(`Posted your reply to ${comment.name}.`);
    onChanged();
    // Fetched again rather than added: the list brings the reply with its thread context.
    await load();
  };

  const bulk = async (action: BulkAction) => {
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
      const message = failureMessage(error, 'The comments could not be changed.');
      setProblem(message);
      announce(message);
    }
  };

  // Shortcuts read the queue as it is now, without re-adding the listener on every change.
  const onKey = useRef<(event: KeyboardEvent) => void>(() => {});
  onKey.current = (event) => {
    // Before the list is looked at: undoing the last Trash of a queue brings its list back.
    if (event.key === 'z') {
      event.preventDefault();
      announcer.undo();
      return;
    }
    if (!comments || comments.length === 0) return;
    const index = comments.findIndex((comment) => comment.id === selected);
    if (event.key === 'j' || event.key === 'k') {
      event.preventDefault();
      const step = event.key === 'j' ? 1 : -1;
      const next = index < 0 ? 0 : Math.max(0, Math.min(comments.length - 1, index + step));
      const comment = comments[next] as AdminComment;
      focusPending.current = true;
      setSelected(comment.id);
      announcer.point(
        `Comment ${next + 1} of ${comments.length} selected: ${describeComment(comment)}`,
      );
      return;
    }
    const action = SHORTCUTS[event.key];
    const comment = comments[index];
    if (!action || !comment) return;
    event.preventDefault();
    // Trashing what is in the trash, say, would do nothing; the key is simply ignored.
    if (availableActions(comment).includes(action)) act(comment, action);
  };
  // A layout effect: listening before the list is painted, so no key pressed on sight is lost.
  useLayoutEffect(() => {
    const listener = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if (isTyping(event.target)) return;
      onKey.current(event);
    };
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);

  if (loadError && !comments) {
    return (
      <div class="queue-status" role="alert">
        <p>{loadError}</p>
        <button type="button" onClick={() => load()}>
          Try again
        </button>
      </div>
    );
  }
  if (!comments) return <p class="queue-status">Loading comments…</p>;

  const filtered = Boolean(filter.site || filter.page || filter.q);
  return (
    <section class="queue" aria-label={`${status[0]?.toUpperCase()}${status.slice(1)} comments`}>
      <p class="hint">
        Keyboard: <kbd>j</kbd>/<kbd>k</kbd> move, <kbd>a</kbd> approve, <kbd>s</kbd> spam,{' '}
        <kbd>d</kbd> trash, <kbd>z</kbd> undo
      </p>
      {comments.length > 0 && (
        <BulkBar
          status={status}
          total={comments.length}
          checked={checked.size}
          onSelectAll={(all) =>
            setChecked(all ? new Set(comments.map((comment) => comment.id)) : new Set())
          }
          onAction={bulk}
        />
      )}
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
      {comments.length === 0 ? (
        <p class="queue-status">{filtered ? 'No comments match these filters.' : EMPTY[status]}</p>
      ) : (
        <ol class="comments">
          {comments.map((comment) => (
            <CommentCard
              key={comment.id}
              comment={comment}
              actions={availableActions(comment)}
              selected={comment.id === selected}
              checked={checked.has(comment.id)}
              cardRef={(element) => {
                if (element) cards.current.set(comment.id, element);
                else cards.current.delete(comment.id);
              }}
              onSelect={() => setSelected(comment.id)}
              onCheck={(tick) =>
                setChecked((ticked) => {
                  const next = new Set(ticked);
                  if (tick) next.add(comment.id);
                  else next.delete(comment.id);
                  return next;
                })
              }
              onAction={(action) => act(comment, action)}
              onDelete={() => remove(comment)}
              onEdit={(body) => edit(comment, body)}
              onReply={(body) => reply(comment, body)}
            />
          ))}
        </ol>
      )}
      {loadError && (
        <p class="problem" role="alert">
          {loadError}
        </p>
      )}
      {more && (
        <p class="load-more">
          <button type="button" class="secondary" onClick={() => load(comments.at(-1)?.id)}>
            Load older comments
          </button>
        </p>
      )}
    </section>
  );
}

/**
 * The action that puts back comments that `action` took out of the `from` queue, or null when
 * it offers no Undo (approving, pinning and restoring are undone with the buttons at hand).
 * Spam from the trash goes back to the trash; its way out of the trash then leads to spam.
 */
export function undoAction(action: BulkAction, from: QueueStatus): CommentAction | null {
  if (action === 'trash') return 'restore';
  if (action !== 'spam') return null;
  if (from === 'approved') return 'approve';
  return from === 'trash' ? 'trash' : 'restore';
}

/** What may be done with a comment where it is now, in the order the buttons are shown. */
export function availableActions(comment: AdminComment): CommentAction[] {
  switch (comment.status) {
    case 'pending':
      return ['approve', 'spam', 'trash'];
    case 'approved':
      return ['unapprove', comment.pinned ? 'unpin' : 'pin', 'spam', 'trash'];
    case 'spam':
      return ['approve', 'restore', 'trash'];
    case 'trash':
      return ['approve', 'restore', 'spam'];
  }
}
