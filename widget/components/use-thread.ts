/**
 * One page's thread as the reader sees it change: loading it, paging through it, the comment
 * being answered, the reader's own comments (posted, edited, deleted) and what is announced.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { OwnComment } from '../../shared/types.ts';
import { deleteComment, editComment, fetchThread } from '../api.ts';
import type { WidgetConfig } from '../config.ts';
import { asShown, type LoadedThread, loadThread } from '../load-thread.ts';
import { failureMessage } from '../request.ts';
import { rememberOwnComment } from '../storage.ts';
import { buildTree, type ShownComment } from '../thread.ts';
import type { CommentFormProps } from './CommentForm.tsx';
import type { Authorship } from './CommentItem.tsx';
import type { CommentListProps } from './CommentList.tsx';
import type { LoadMoreProps } from './LoadMore.tsx';
import { useDraft } from './use-draft.ts';

type LoadState =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | ({ kind: 'ready' } & LoadedThread);

/**
 * A loaded thread, as the props each part of it is given: the list of comments, the form (null
 * while comments are closed) and the "Load more comments" button (shown while `next` is set).
 */
export interface ReadyThread {
  kind: 'ready';
  count: number;
  /** The cursor of the next part, which also keys the button: a new part, a new observer. */
  next: string | null;
  list: Omit<CommentListProps, 'form'>;
  form: CommentFormProps | null;
  /** Where the form stands: under this comment, or at the end while null. */
  replyTarget: ShownComment | null;
  more: LoadMoreProps;
  /** The last thing said to screen readers. */
  announcement: string;
}

export type ThreadView =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string; retry: () => void }
  | ReadyThread;

/** The thread of `config`'s page: loading, failed (with a retry), or ready to show. */
export function useThread(config: WidgetConfig): ThreadView {
  const [state, setState] = useState<LoadState>({ kind: 'loading' });
  const [replyTo, setReplyTo] = useState<number | null>(null);
  const [announcement, announce] = useState('');
  const draft = useDraft();

  const load = useCallback(() => {
    setState({ kind: 'loading' });
    loadThread(config).then(
      (loaded) => setState({ kind: 'ready', ...loaded }),
      (error: unknown) =>
        setState({
          kind: 'failed',
          message: failureMessage(error, 'Comments could not be loaded.'),
        }),
    );
  }, [config]);
  useEffect(load, [load]);

  const tree = useMemo(() => (state.kind === 'ready' ? buildTree(state.comments) : []), [state]);
  const [loadingMore, setLoadingMore] = useState(false);
  // A ref, not state: a click and the scroll observer in one frame must load one page, not two.
  const fetchingMore = useRef(false);
  const [moreError, setMoreError] = useState('');

  if (state.kind === 'loading') return state;
  if (state.kind === 'failed') return { ...state, retry: load };

  const ready = state;

  const addComment = (comment: OwnComment, token: string) => {
    const shown = asShown(comment);
    rememberOwnComment(config.server, { id: comment.id, token, page: config.page.key });
    setState((current) =>
      current.kind === 'ready'
        ? {
            ...current,
            count: current.count + (shown.held ? 0 : 1),
            comments: [...current.comments, shown],
            own: new Map(current.own).set(comment.id, { token, body: comment.body }),
          }
        : current,
    );
    setReplyTo(null);
    announce(
      shown.held ? 'Your comment was sent and is awaiting moderation.' : 'Your comment was posted.',
    );
  };

  const authorship: Authorship = {
    canChange: (comment) =>
      ready.own.has(comment.id) &&
      Date.now() - Date.parse(comment.created) < ready.editWindowMinutes * 60_000,
    bodyOf: (comment) => ready.own.get(comment.id)?.body ?? '',
    edit: async (comment, body) => {
      const mine = ready.own.get(comment.id);
      if (!mine) return;
      const { comment: edited } = await editComment(config.server, comment.id, mine.token, body);
      const shown = asShown(edited);
      setState((current) =>
        current.kind === 'ready'
          ? {
              ...current,
              count: current.count - (comment.held ? 0 : 1) + (shown.held ? 0 : 1),
              comments: current.comments.map((each) => (each.id === edited.id ? shown : each)),
              own: new Map(current.own).set(edited.id, { token: mine.token, body: edited.body }),
            }
          : current,
      );
      announce(
        shown.held ? 'Your edit was saved and is awaiting moderation.' : 'Your edit was saved.',
      );
    },
    remove: async (comment) => {
      const mine = ready.own.get(comment.id);
      if (!mine) return;
      await deleteComment(config.server, comment.id, mine.token);
      announce('Your comment was deleted.');
      // The server decides whether a placeholder stays for the replies below it.
      load();
    },
  };

  // A form left open for hours is renewed from the thread, which carries a fresh token. Should
  // that fail, the next post is refused the same way and asks again.
  const renewForm = () =>
    fetchThread(config.server, config.page).then(
      (thread) =>
        setState((current) =>
          current.kind === 'ready' ? { ...current, form: thread.form } : current,
        ),
      () => undefined,
    );

  const loadMore = async () => {
    if (fetchingMore.current || !ready.next) return;
    fetchingMore.current = true;
    setLoadingMore(true);
    setMoreError('');
    try {
      const part = await fetchThread(config.server, config.page, ready.next);
      // From the state as it is now: a comment posted meanwhile must stay.
      setState((current) => {
        if (current.kind !== 'ready') return current;
        const known = new Set(current.comments.map((comment) => comment.id));
        const added = part.comments.filter((comment) => !known.has(comment.id));
        return {
          ...current,
          count: part.count,
          next: part.next,
          comments: [...current.comments, ...added],
        };
      });
    } catch (error) {
      setMoreError(failureMessage(error, 'More comments could not be loaded.'));
    } finally {
      fetchingMore.current = false;
      setLoadingMore(false);
    }
  };

  const replyTarget = ready.comments.find((comment) => comment.id === replyTo) ?? null;
  return {
    kind: 'ready',
    count: ready.count,
    next: ready.next,
    list: { nodes: tree, canReply: ready.open, replyTo, onReply: setReplyTo, authorship },
    form: ready.open
      ? {
          config,
          formToken: ready.form,
          offerNotify: ready.notify,
          draft,
          replyTo: replyTarget,
          onCancelReply: () => setReplyTo(null),
          onPosted: addComment,
          onAnnounce: announce,
          onFormExpired: renewForm,
        }
      : null,
    replyTarget,
    more: { busy: loadingMore, error: moreError, onLoad: loadMore },
    announcement,
  };
}
