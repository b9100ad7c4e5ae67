/**
 * The queue's keyboard shortcuts, for working through a list fast: j and k move the selection,
 * a, s and d approve, spam or trash the selected comment, and z undoes the last action.
 */
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { AdminComment, CommentAction } from '../api.ts';
import { availableActions, describeSelection } from './queues.ts';
import type { Announcer } from './use-notice.ts';
import type { Queue } from './use-queue.ts';

/** Shortcut keys and the action each takes on the selected comment. */
const SHORTCUTS: Record<string, CommentAction> = { a: 'approve', s: 'spam', d: 'trash' };

/** True when a key press is text being typed, which shortcuts must leave alone. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio'].includes(target.type);
}

/** Listens for the shortcuts on the whole page while the queue is shown. */
export function useQueueShortcuts(queue: Queue, announcer: Announcer): void {
  // Shortcuts read the queue as it is now, without re-adding the listener on every change.
  const onKey = useRef<(event: KeyboardEvent) => void>(() => {});
  onKey.current = (event) => {
    // Before the list is looked at: undoing the last Trash of a queue brings its list back.
    if (event.key === 'z') {
      event.preventDefault();
      announcer.undo();
      return;
    }
    const { comments, selected } = queue;
    if (!comments || comments.length === 0) return;
    const index = comments.findIndex((comment) => comment.id === selected);
    if (event.key === 'j' || event.key === 'k') {
      event.preventDefault();
      const step = event.key === 'j' ? 1 : -1;
      const next = index < 0 ? 0 : Math.max(0, Math.min(comments.length - 1, index + step));
      const comment = comments[next] as AdminComment;
      queue.moveTo(comment.id);
      announcer.point(describeSelection(next, comments.length, comment));
      return;
    }
    const action = SHORTCUTS[event.key];
    const comment = comments[index];
    if (!action || !comment) return;
    event.preventDefault();
    // Trashing what is in the trash, say, would do nothing; the key is simply ignored.
    if (availableActions(comment).includes(action)) queue.act(comment, action);
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
}
