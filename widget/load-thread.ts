/** Fetching one page's thread, together with the reader's own comments on it if they have any. */
import type { Locale } from '../shared/i18n/locales.ts';
import type { ShownComment } from '../shared/thread-tree.ts';
import type { Thread, ThreadSort } from '../shared/types.ts';
import { fetchThread } from './api.ts';
import { type Client, wordsOf } from './client.ts';
import type { WidgetConfig } from './config.ts';
import { importAuthorTools } from './on-demand.ts';
import { loadOwnComments } from './storage.ts';

/** A thread as the reader's widget holds it. */
export interface LoadedThread
  extends Pick<
    Thread,
    'count' | 'next' | 'open' | 'notify' | 'form' | 'editWindowMinutes' | 'sort' | 'likes'
  > {
  /** The language the server chose for the thread. */
  locale: Locale;
  comments: ShownComment[];
  /** The reader's own comments on this page: id → token and text. */
  own: Map<number, { token: string; body: string }>;
}

/**
 * The first part of the thread, in the language `lang` names (else the browser's), with the
 * words of that language it carries. A reader who posted on this page gets their own comments
 * with it, fetched by the author's tools that they will need too; their comments are a bonus:
 * when they cannot be fetched, the thread loads without them.
 */
export async function loadThread(
  config: WidgetConfig,
  client: Client,
  sort: ThreadSort,
  lang: string,
): Promise<LoadedThread> {
  const records = loadOwnComments(config.server, config.page.key);
  const [thread, withOwn] = await Promise.all([
    fetchThread(client, config.page, sort, null, lang),
    records.length > 0
      ? importAuthorTools(config.server)
          .then((tools) => tools.ownComments(client, records))
          .catch(() => null)
      : null,
  ]);
  const loaded: LoadedThread = { ...thread, locale: thread.locale ?? 'en', own: new Map() };
  Object.assign(wordsOf(loaded.locale), thread.words);
  return withOwn ? withOwn(loaded) : loaded;
}
