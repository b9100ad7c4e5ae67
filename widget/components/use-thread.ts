/**
 * One page's thread as the reader sees it change: loading it, paging through it, the comment
 * being answered, the reader's own comments (posted, edited, deleted) and what is announced.
 */
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { Thread, ThreadSort } from '../../shared/types.ts';
import { fetchThread } from '../api.ts';
import type { WidgetConfig } from '../config.ts';
import { asShown, type LoadedThread, loadThread } from '../load-thread.ts';
import { loadAuthorTools, loadMoreComments, type MoreComments, useOnDemand } from '../on-demand.ts';
import { failureMessage } from '../request.ts';
import { loadSort, saveSort } from '../storage.ts';
import { buildTree, type ShownComment } from '../thread.ts';
import type { CommentFormProps } from './CommentForm.tsx';
import type { Authorship, OwnText } from './CommentItem.tsx';
import type { CommentListProps } from './CommentList.tsx';
import type { LoadMoreProps } from './LoadMore.tsx';
import type { SortOrderProps } from './SortOrder.tsx';
import { useDraft } from './use-draft.ts';
import { useLikes } from './use-likes.ts';

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
  sort: SortOrderProps;
  form: CommentFormProps | null;
  /** Where the form stands: under this comment, or at the end while null. */
  replyTarget: ShownComment | null;
  /** "Load more comments" and its props, once loaded, while there is a next part. */
  more: { LoadMore: MoreComments['LoadMore']; props: LoadMoreProps } | null;
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
  const [sort, setSort] = useState<ThreadSort>(() => loadSort() ?? config.sort);

  // Quietly: the comments shown stay until the new ones arrive (another order was chosen).
  const load = useCallback(
    (quietly?: boolean) => {
      if (!quietly) setState({ kind: 'loading' });
      loadThread(config, sort).then(
        (loaded) => setState({ kind: 'ready', ...loaded }),
        (error: unknown) =>
          setState({
            kind: 'failed',
            message: failureMessage(error, 'Comments could not be loaded.'),
          }),
      );
    },
    [config, sort],
  );
  useEffect(() => load(true), [load]);

  const tree = useMemo(
    () => (state.kind === 'ready' ? buildTree(state.comments, state.sort) : []),
    [state],
  );
  const likes = useLikes(config.server, state.kind === 'ready' && state.open, announce);
  const hasOwn = state.kind === 'ready' && state.own.size > 0;
  const tools = useOnDemand(loadAuthorTools, config.server, hasOwn);
  const more = useOnDemand(loadMoreComments, config.server, state.kind === 'ready' && !!state.next);

  if (state.kind === 'loading') return state;
  if (state.kind === 'failed') return { ...state, retry: () => load() };

  const ready = state;

  const addComment = (shown: ShownComment, mine: OwnText) => {
    setState((current) =>
      current.kind === 'ready'
        ? {
            ...current,
            count: current.count + (shown.held ? 0 : 1),
            comments: [...current.comments, shown],
            own: new Map(current.own).set(shown.id, mine),
          }
        : current,
    );
    setReplyTo(null);
  };

  const authorship: Authorship = {
    mine: (comment) =>
      Date.now() - Date.parse(comment.created) < ready.editWindowMinutes * 60_000
        ? ready.own.get(comment.id)
        : undefined,
    server: config.server,
    onEdited: (before, edited, token) => {
      const shown = asShown(edited);
      setState((current) =>
        current.kind === 'ready'
          ? {
              ...current,
              count: current.count - (before.held ? 0 : 1) + (shown.held ? 0 : 1),
              comments: current.comments.map((each) => (each.id === edited.id ? shown : each)),
              own: new Map(current.own).set(edited.id, { token, body: edited.body }),
            }
          : current,
      );
    },
    onDeleted: () => load(),
    announce,
    tools,
  };

  // A form left open for hours is renewed from the thread, which carries a fresh token. Should
  // that fail, the next post is refused the same way and asks again.
  const renewForm = () =>
    fetchThread(config.server, config.page, ready.sort).then(
      (thread) =>
        setState((current) =>
          current.kind === 'ready' ? { ...current, form: thread.form } : current,
        ),
      () => undefined,
    );

  // From the state as it is now: a comment posted meanwhile must stay.
  const addPart = (part: Thread) =>
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

  const replyTarget = ready.comments.find((comment) => comment.id === replyTo) ?? null;
  return {
    kind: 'ready',
    count: ready.count,
    next: ready.next,
    list: {
      nodes: tree,
      canReply: ready.open,
      replyTo,
      onReply: setReplyTo,
      authorship,
      likes: ready.likes ? likes : null,
    },
    sort: {
      value: sort,
      onChange: (chosen: ThreadSort) => {
        saveSort(chosen);
        setSort(chosen);
      },
    },
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
    more:
      more && ready.next
        ? {
            LoadMore: more.LoadMore,
            props: { config, sort: ready.sort, next: ready.next, onPart: addPart },
          }
        : null,
    announcement,
  };
}
