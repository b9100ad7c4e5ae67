/** One page's comments and the reply form: loads the thread, keeps the draft, posts. */
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { OwnComment } from '../../shared/types.ts';
import { fetchOwnComments, fetchThread, RequestFailed } from '../api.ts';
import type { WidgetConfig } from '../config.ts';
import { loadOwnComments } from '../storage.ts';
import { buildTree, countHeading, type ShownComment } from '../thread.ts';
import { CommentForm } from './CommentForm.tsx';
import { CommentList } from './CommentList.tsx';
import { useDraft } from './use-draft.ts';

interface Loaded {
  count: number;
  open: boolean;
  comments: ShownComment[];
}

type LoadState =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | ({ kind: 'ready' } & Loaded);

function asShown(comment: OwnComment): ShownComment {
  const { status, ...shown } = comment;
  return status === 'approved' ? shown : { ...shown, held: true };
}

async function loadThread(config: WidgetConfig): Promise<Loaded> {
  const { server, page } = config;
  const own = loadOwnComments(server, page.key);
  const pageId = page.key === page.url ? null : page.key;
  const [thread, mine] = await Promise.all([
    fetchThread(server, page.url, pageId),
    own.length > 0
      ? fetchOwnComments(
          server,
          own.map((record) => record.token),
        ).catch(() => ({ comments: [] }))
      : { comments: [] },
  ]);
  const shownIds = new Set(thread.comments.map((comment) => comment.id));
  const held = mine.comments.filter(
    (comment) => comment.status !== 'approved' && !shownIds.has(comment.id),
  );
  return {
    count: thread.count,
    open: thread.open,
    comments: [...thread.comments, ...held.map(asShown)],
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

  const replyTarget = state.comments.find((comment) => comment.id === replyTo) ?? null;
  const addComment = (comment: OwnComment) => {
    const shown = asShown(comment);
    setState({
      ...state,
      count: state.count + (shown.held ? 0 : 1),
      comments: [...state.comments, shown],
    });
    setReplyTo(null);
    setAnnouncement(
      shown.held ? 'Your comment was sent and is awaiting moderation.' : 'Your comment was posted.',
    );
  };

  const form = state.open ? (
    <CommentForm
      config={config}
      draft={draft}
      replyTo={replyTarget}
      onCancelReply={() => setReplyTo(null)}
      onPosted={addComment}
      onAnnounce={setAnnouncement}
    />
  ) : (
    <p class="closed">
      Comments are closed here: this comments server does not accept comments for this site.
    </p>
  );

  return (
    <section class="thread" aria-label="Comments">
      {state.count > 0 && <h2 class="count">{countHeading(state.count, config.title)}</h2>}
      {tree.length > 0 && (
        <CommentList
          nodes={tree}
          canReply={state.open}
          replyTo={replyTo}
          onReply={setReplyTo}
          form={form}
        />
      )}
      {replyTarget === null && form}
      <p class="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
    </section>
  );
}
