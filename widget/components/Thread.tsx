/** One page's comments and the reply form: loads the thread, keeps the draft, posts. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { OwnComment } from '../../shared/types.ts';
import {
  deleteComment,
  editComment,
  fetchOwnComments,
  fetchThread,
  RequestFailed,
} from '../api.ts';
import type { WidgetConfig } from '../config.ts';
import { loadOwnComments, rememberOwnComment } from '../storage.ts';
import { buildTree, countHeading, type ShownComment } from '../thread.ts';
import { CommentForm } from './CommentForm.tsx';
import type { Authorship } from './CommentItem.tsx';
import { CommentList } from './CommentList.tsx';
import { LoadMore } from './LoadMore.tsx';
import { useDraft } from './use-draft.ts';

interface Loaded {
  count: number;
  /** Cursor of the next page of top-level comments, or null once all are shown. */
  next: string | null;
  open: boolean;
  /** Whether the server can mail the reader about replies. */
  notify: boolean;
  form: string;
  editWindowMinutes: number;
  comments: ShownComment[];
  /** The reader's own comments on this page: id → token and text. */
  own: Map<number, { token: string; body: string }>;
}

type LoadState =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | ({ kind: 'ready' } & Loaded);

function asShown(comment: OwnComment): ShownComment {
  const { status, body: _body, ...shown } = comment;
  return status === 'approved' ? shown : { ...shown, held: true };
}

async function loadThread(config: WidgetConfig): Promise<Loaded> {
  const { server, page } = config;
  const records = loadOwnComments(server, page.key);
  const pageId = page.key === page.url ? null : page.key;
  const [thread, mine] = await Promise.all([
    fetchThread(server, page.url, pageId),
    records.length > 0
      ? fetchOwnComments(
          server,
          records.map((record) => record.token),
        ).catch(() => ({ comments: [] }))
      : { comments: [] },
  ]);
  const tokens = new Map(records.map((record) => [record.id, record.token]));
  const own = new Map(
    mine.comments.map((comment) => [
      comment.id,
      { token: tokens.get(comment.id) as string, body: comment.body },
    ]),
  );
  const shownIds = new Set(thread.comments.map((comment) => comment.id));
  // Held comments only their author sees. An approved one a shared cache has not caught up with
  // yet belongs at the end, so it is added once the whole thread is shown.
  const missing = mine.comments.filter(
    (comment) =>
      !shownIds.has(comment.id) && (comment.status !== 'approved' || thread.next === null),
  );
  return {
    count: thread.count,
    next: thread.next,
    open: thread.open,
    notify: thread.notify,
    form: thread.form,
    editWindowMinutes: thread.editWindowMinutes,
    comments: [...thread.comments, ...missing.map(asShown)],
    own,
  };
}

export function Thread({ config }: { config: WidgetConfig }) {
  const [state, setState] = useState<LoadState>({ kind: 'loading' });
  const [replyTo, setReplyTo] = useState<number | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const draft = useDraft();

  const load = useCallback(() => {
    setState({ kind: 'loading' });
    loadThread(config).then(
      (loaded) => setState({ kind: 'ready', ...loaded }),
      (error: unknown) =>
        setState({
          kind: 'failed',
          message: error instanceof RequestFailed ? error.message : 'Comments could not be loaded.',
        }),
    );
  }, [config]);
  useEffect(load, [load]);

  const tree = useMemo(() => (state.kind === 'ready' ? buildTree(state.comments) : []), [state]);
  const [loadingMore, setLoadingMore] = useState(false);
  // A ref, not state: a click and the scroll observer in one frame must load one page, not two.
  const fetchingMore = useRef(false);
  const [moreError, setMoreError] = useState('');

  if (state.kind === 'loading') return <p class="status">Loading comments…</p>;
  if (state.kind === 'failed') {
    return (
      <div class="status" role="alert">
        <p>{state.message}</p>
        <button type="button" onClick={load}>
          Try again
        </button>
      </div>
    );
  }

  const ready = state;
  const replyTarget = ready.comments.find((comment) => comment.id === replyTo) ?? null;

  const addComment = (comment: OwnComment, token: string) => {
    const shown = asShown(comment);
    rememberOwnComment(config.server, { id: comment.id, token, page: config.page.key });
    setState({
      ...ready,
      count: ready.count + (shown.held ? 0 : 1),
      comments: [...ready.comments, shown],
      own: new Map(ready.own).set(comment.id, { token, body: comment.body }),
    });
    setReplyTo(null);
    setAnnouncement(
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
      setState({
        ...ready,
        count: ready.count - (comment.held ? 0 : 1) + (shown.held ? 0 : 1),
        comments: ready.comments.map((each) => (each.id === edited.id ? shown : each)),
        own: new Map(ready.own).set(edited.id, { token: mine.token, body: edited.body }),
      });
      setAnnouncement(
        shown.held ? 'Your edit was saved and is awaiting moderation.' : 'Your edit was saved.',
      );
    },
    remove: async (comment) => {
      const mine = ready.own.get(comment.id);
      if (!mine) return;
      await deleteComment(config.server, comment.id, mine.token);
      setAnnouncement('Your comment was deleted.');
      // The server decides whether a placeholder stays for the replies below it.
      load();
    },
  };

  const pageId = config.page.key === config.page.url ? null : config.page.key;
  // A form left open for hours is renewed from the thread, which carries a fresh token. Should
  // that fail, the next post is refused the same way and asks again.
  const renewForm = () =>
    fetchThread(config.server, config.page.url, pageId).then(
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
      const page = await fetchThread(config.server, config.page.url, pageId, ready.next);
      // From the state as it is now: a comment posted meanwhile must stay.
      setState((current) => {
        if (current.kind !== 'ready') return current;
        const known = new Set(current.comments.map((comment) => comment.id));
        const added = page.comments.filter((comment) => !known.has(comment.id));
        return {
          ...current,
          count: page.count,
          next: page.next,
          comments: [...current.comments, ...added],
        };
      });
    } catch (error) {
      setMoreError(
        error instanceof RequestFailed ? error.message : 'More comments could not be loaded.',
      );
    } finally {
      fetchingMore.current = false;
      setLoadingMore(false);
    }
  };

  const form = ready.open ? (
    <CommentForm
      config={config}
      formToken={ready.form}
      offerNotify={ready.notify}
      draft={draft}
      replyTo={replyTarget}
      onCancelReply={() => setReplyTo(null)}
      onPosted={addComment}
      onAnnounce={setAnnouncement}
      onFormExpired={renewForm}
    />
  ) : (
    <p class="closed">
      Comments are closed here: this comments server does not accept comments for this site.
    </p>
  );

  return (
    // A plain container: the host page decides which landmark holds its comments.
    <div class="thread">
      {ready.count > 0 && <h2 class="count">{countHeading(ready.count, config.title)}</h2>}
      {tree.length > 0 && (
        <CommentList
          nodes={tree}
          canReply={ready.open}
          replyTo={replyTo}
          onReply={setReplyTo}
          authorship={authorship}
          form={form}
        />
      )}
      {ready.next && (
        // Keyed by cursor: a fresh observer reports at once if the button is still in view.
        <LoadMore key={ready.next} busy={loadingMore} error={moreError} onLoad={loadMore} />
      )}
      {replyTarget === null && form}
      <p class="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
