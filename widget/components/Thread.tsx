/** One page's comments and the reply form, as useThread keeps them, in the reader's language. */
import type { Locale } from '../../shared/i18n/locales.ts';
import { R } from '../../shared/i18n/reader-text.ts';
import { pageQuery } from '../api.ts';
import type { WidgetConfig } from '../config.ts';
import { CommentForm } from './CommentForm.tsx';
import { CommentList } from './CommentList.tsx';
import { LoadFailed } from './LoadFailed.tsx';
import { SortOrder } from './SortOrder.tsx';
import { useThread } from './use-thread.ts';

interface ThreadProps {
  config: WidgetConfig;
  /**
   * Told the language the thread is shown in, once its server has chosen it: with each answer,
   * in the task that renders it, just before it renders.
   */
  onLocale: (locale: Locale) => void;
}

export function Thread({ config, onLocale }: ThreadProps) {
  const thread = useThread(config, onLocale);
  const { client, spoken } = thread;
  const { say } = client;

  if (thread.kind === 'loading') {
    // Until the first answer names the language, only an English reader is told in English.
    const english = spoken || /^en\b/i.test(config.lang || navigator.language);
    return <p class="status">{english && say(R.Loading)}</p>;
  }
  if (thread.kind === 'failed') {
    return (
      <LoadFailed message={thread.message} onRetry={thread.retry} tryAgain={say(R.TryAgain)} />
    );
  }

  const form = thread.form ? (
    <CommentForm {...thread.form} />
  ) : (
    <p class="closed">{say(R.Closed)}</p>
  );

  return (
    // A plain container: the host page decides which landmark holds its comments.
    <div class="thread">
      {thread.count > 0 && (
        <h2 class="count">{say(R.Heading, { n: thread.count, title: config.title })}</h2>
      )}
      {thread.count > 1 && <SortOrder {...thread.sort} say={say} />}
      {thread.list.nodes.length > 0 && <CommentList {...thread.list} form={form} />}
      {thread.more && (
        // Keyed by cursor: a fresh observer reports at once if the button is still in view.
        <thread.more.LoadMore key={thread.next} {...thread.more.props} />
      )}
      {thread.replyTarget === null && form}
      <a class="feed" href={`${config.server}/feed/comments.atom?${pageQuery(config.page)}`}>
        {say(R.Feed)}
      </a>
      <p class="visually-hidden" role="status" aria-live="polite">
        {thread.announcement}
      </p>
    </div>
  );
}
