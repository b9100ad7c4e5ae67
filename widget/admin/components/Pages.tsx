/**
 * The list of pages: for each, whether it takes new comments now and when it was published, with
 * a button that closes or opens it by hand, whatever CLOSE_AFTER_DAYS says. Fetched a part at a
 * time, found by words of an address or a title, as the page filter's list is.
 */
import { useRef, useState } from 'preact/hooks';
import { isWebLink } from '../../../shared/web-link.ts';
import { failureMessage } from '../../request.ts';
import { type AdminPage, setPageOpen } from '../api.ts';
import { say } from '../say.ts';
import { ColumnHeadings } from './ColumnHeadings.tsx';
import { SearchField } from './SearchField.tsx';
import type { Announcer } from './use-notice.ts';
import { usePageList } from './use-page-list.ts';

interface PagesProps {
  /** Says what was done in the dashboard's status message. */
  announcer: Announcer;
}

function nameOf(page: AdminPage): string {
  return page.title || page.url;
}

/** A date as the owner's browser writes dates, e.g. "Mar 1, 2024". */
function dateOf(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' });
}

export function Pages({ announcer }: PagesProps) {
  const [words, setWords] = useState('');
  const list = usePageList('', words);
  const [problem, setProblem] = useState('');
  // The page being changed: a second click meanwhile sends nothing. Not a disabled button, which
  // would drop the keyboard focus on it.
  const changing = useRef<string | null>(null);

  const toggle = async (page: AdminPage) => {
    if (changing.current) return;
    changing.current = page.key;
    setProblem('');
    try {
      const { page: changed } = await setPageOpen(page.key, !page.open);
      list.replace(changed);
      announcer.say(say(changed.open ? 'openedOn' : 'closedOn', { page: nameOf(changed) }));
    } catch (error) {
      setProblem(failureMessage(error, say('pageNotChanged', { page: nameOf(page) })));
    } finally {
      changing.current = null;
    }
  };

  return (
    <section class="pages" aria-labelledby="pages-heading">
      <h2 id="pages-heading">{say('pages')}</h2>
      <SearchField
        id="pages-words"
        label={say('addressOrTitle')}
        kind="page-finder"
        placeholder={say('findPage')}
        controls="page-list"
        value={words}
        onInput={setWords}
      />
      {(problem || list.problem) && (
        <p class="error" role="alert">
          {problem || list.problem}
        </p>
      )}
      {!list.loaded ? (
        <p class="queue-status">{say('loadingPages')}</p>
      ) : list.pages.length === 0 && !list.problem ? (
        <p class="queue-status">{say(words.trim() ? 'noPageMatches' : 'noPages')}</p>
      ) : (
        <table id="page-list" class="page-list">
          <caption>{say('pagesCaption')}</caption>
          <ColumnHeadings
            names={[
              say('page'),
              say('commentsColumn'),
              say('published'),
              say('newComments'),
              say('change'),
            ]}
          />
          <tbody>
            {list.pages.map((page) => (
              <tr key={page.key}>
                <th scope="row">
                  {isWebLink(page.url) ? (
                    <a href={page.url}>{nameOf(page)}</a>
                  ) : (
                    <span>{nameOf(page)}</span>
                  )}
                </th>
                <td>{page.count.toLocaleString()}</td>
                <td>
                  {page.published ? (
                    <time dateTime={page.published}>{dateOf(page.published)}</time>
                  ) : (
                    say('unknown')
                  )}
                </td>
                <td class={page.open ? 'state open' : 'state closed'}>
                  {say(page.open ? 'isOpen' : 'isClosed')}
                </td>
                <td>
                  <button
                    type="button"
                    class="secondary"
                    aria-label={say(page.open ? 'closeOn' : 'openOn', { page: nameOf(page) })}
                    onClick={() => toggle(page)}
                  >
                    {say(page.open ? 'close' : 'open')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.more && (
        <button type="button" class="secondary more-pages" onClick={list.loadMore}>
          {say('morePages')}
        </button>
      )}
    </section>
  );
}
