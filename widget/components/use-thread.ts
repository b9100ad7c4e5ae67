/**
 * One page's thread as the reader sees it change: loading it, paging through it, the comment
 * being answered, the reader's own comments (posted, edited, deleted) and what is announced.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Locale } from '../../shared/i18n/locales.ts';
import { R } from '../../shared/i18n/reader-text.ts';
import { buildTree, type ShownComment } from '../../shared/thread-tree.ts';
import type { ThreadSort } from '../../shared/types.ts';
import { type Client, clientOf } from '../client.ts';
import type { WidgetConfig } from '../config.ts';
import { type LoadedThread, loadThread } from '../load-thread.ts';
import { loadAuthorTools, loadMoreComments, type MoreComments, useOnDemand } from '../on-demand.ts';
import { failureMessage } from '../request.ts';
import { loadSort, saveSort } from '../storage.ts';
import type { ChangeThread } from '../thread-changes.ts';
import type { CommentFormProps } from './CommentForm.tsx';
import type { Authorship } from './CommentItem.tsx';
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

export type ThreadView = (
  | { kind: 'loading' }
  | { kind: 'failed'; message: string; retry: () => void }
  | ReadyThread
) & {
  /** The server, in the thread's language: English until an answer names another. */
  client: Client;
  /** Whether an answer has named the thread's language. */
  spoken: boolean;
};

/**
 * The thread of `config`'s page: loading, failed (with a retry), or ready to show; `onLocale`
 * hears the language its server chose for it.
 */
export function useThread(config: WidgetConfig, onLocale: (locale: Locale) => void): ThreadView {
  const [state, setState] = useState<LoadState>({ kind: 'loading' });
  // The language the server chose for the thread, which its first answer names.
  const [locale, setLocale] = useState<Locale | null>(null);
  const client = useMemo(() => clientOf(config.server, locale ?? 'en'), [config.server, locale]);
  // Read by `load` as they are when it runs: a language becoming known is no reason to load again.
  const speaking = useRef({ client, locale });
  speaking.current = { client, locale };
  const [replyTo, setReplyTo] = useState<number | null>(null);
  const [announcement, announce] = useState('');
  const draft = useDraft();
  const [sort, setSort] = useState<ThreadSort>(() => loadSort() ?? config.sort);

  // Quietly: the comments shown stay until the new ones arrive (another order was chosen).
  const load = useCallback(
    (quietly?: boolean) => {
      if (!quietly) setState({ kind: 'loading' });
      const { client, locale } = speaking.current;
      loadThread(config, client, sort, locale ?? config.lang).then(
        (loaded) => {
          onLocale(loaded.locale);
          setLocale(loaded.locale);
          setState({ kind: 'ready', ...loaded });
        },
        (error: unknown) =>
          setState({
            kind: 'failed',
            message: failureMessage(error, client.say(R.LoadFailed)),
          }),
      );
    },
    [config, sort, onLocale],
  );
  useEffect(() => load(true), [load]);

  const tree = useMemo(
    () => (state.kind === 'ready' ? buildTree(state.comments, state.sort) : []),
    [state],
  );
  const likes = useLikes(client, state.kind === 'ready' && state.open, announce);
  const hasOwn = state.kind === 'ready' && state.own.size > 0;
  const tools = useOnDemand(loadAuthorTools, client, hasOwn);
  const more = useOnDemand(loadMoreComments, client, state.kind === 'ready' && !!state.next);

  const spoken = locale !== null;
  if (state.kind === 'loading') return { ...state, client, spoken };
  if (state.kind === 'failed') return { ...state, client, spoken, retry: () => load() };

  const ready = state;

  // Changes made by the modules that do the reader's acts (widget/thread-changes.ts).
  const change: ChangeThread = (apply) =>
    setState((current) =>
      current.kind === 'ready' ? { ...apply(current), kind: 'ready' } : current,
    );

  const authorship: Authorship = {
    mine: (comment) =>
      Date.now() - Date.parse(comment.created) < ready.editWindowMinutes * 60_000
        ? ready.own.get(comment.id)
        : undefined,
    client,
    change,
    onDeleted: () => load(),
    announce,
    tools,
  };

  const replyTarget = ready.comments.find((comment) => comment.id === replyTo) ?? null;
  return {
    kind: 'ready',
    client,
    spoken,
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
          client,
          formToken: ready.form,
          offerNotify: ready.notify,
          draft,
          replyTo: replyTarget,
          sort: ready.sort,
          change,
          onCancelReply: () => setReplyTo(null),
          onPosted: () => setReplyTo(null),
          onAnnounce: announce,
        }
      : null,
    replyTarget,
    more:
      more && ready.next
        ? {
            LoadMore: more.LoadMore,
            props: { config, client, sort: ready.sort, next: ready.next, change },
          }
        : null,
    announcement,
  };
}
