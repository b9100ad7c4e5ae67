/**
 * Likes as this browser sees them. Which comments it likes is kept in the browser, not in the
 * thread answer, so that the answer is the same for every reader and can be kept ready.
 */
import { useState } from 'preact/hooks';
import { R } from '../../shared/i18n/reader-text.ts';
import type { ShownComment } from '../../shared/thread-tree.ts';
import type { Client } from '../client.ts';
import { loadLiking } from '../on-demand.ts';
import { loadLiked, saveLiked } from '../storage.ts';

export interface Likes {
  /** Whether a like can be given or taken back now (LIKES is on and the page is open). */
  open: boolean;
  liked: (comment: ShownComment) => boolean;
  count: (comment: ShownComment) => number;
  toggle: (comment: ShownComment) => void;
}

export function useLikes(client: Client, open: boolean, announce: (text: string) => void): Likes {
  const { server } = client;
  const [liked, setLiked] = useState(() => new Set(loadLiked(server)));
  // Counts the server gave since the thread loaded, newer than the thread's.
  const [counts, setCounts] = useState(new Map<number, number>());

  const count = (comment: ShownComment) => counts.get(comment.id) ?? comment.likes;
  const counted = (id: number, likes: number) =>
    setCounts((current) => new Map(current).set(id, likes));
  const mark = (comment: ShownComment, like: boolean, likes: number) => {
    setLiked((current) => {
      const ids = new Set(current);
      if (like) ids.add(comment.id);
      else ids.delete(comment.id);
      saveLiked(server, [...ids]);
      return ids;
    });
    counted(comment.id, likes);
  };
  return {
    open,
    liked: (comment) => liked.has(comment.id),
    count,
    toggle: (comment) => {
      const like = !liked.has(comment.id);
      const before = count(comment);
      // Shown at once; the server's count follows, or the click is undone.
      mark(comment, like, before + (like ? 1 : -1));
      const undo = (why: string) => {
        mark(comment, !like, before);
        announce(why);
      };
      loadLiking(client).then(
        (liking) => liking.sendLike(client, comment.id, like, counted, undo),
        // The module could not load: the server cannot be reached.
        () => undo(client.say(R.Unreachable)),
      );
    },
  };
}
