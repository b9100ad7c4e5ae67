/** Narrows the queue to one site, one page, or comments matching a search. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AdminPage } from '../api.ts';
import { say } from '../say.ts';
import { SearchField } from './SearchField.tsx';
import { SEARCH_DELAY_MS, usePageList } from './use-page-list.ts';

export interface Filter {
  /** An origin, or '' for every site. */
  site: string;
  /** A page key, or '' for every page. */
  page: string;
  /** Searched in the text, the name and the email; '' for no search. */
  q: string;
}

interface FiltersProps {
  /** The sites (origins) there are pages on. */
  sites: string[];
  filter: Filter;
  onChange: (filter: Filter) => void;
}

/** Long enough to type a word, short enough to feel live. */

function pageLabel(page: AdminPage): string {
  return page.title || page.url;
}

export function Filters({ sites, filter, onChange }: FiltersProps) {
  const [text, setText] = useState(filter.q);
  const [pageWords, setPageWords] = useState('');
  const pageList = usePageList(filter.site, pageWords);
  // The page chosen stays in the select while a search for another lists other pages.
  const [chosen, setChosen] = useState<AdminPage | null>(null);
  const latest = useRef(filter);
  latest.current = filter;
  const listedChosen = pageList.pages.some((page) => page.key === filter.page);

  // Searches as the owner types, once they pause; Enter searches at once.
  useEffect(() => {
    if (text.trim() === latest.current.q) return;
    const timer = setTimeout(
      () => onChange({ ...latest.current, q: text.trim() }),
      SEARCH_DELAY_MS,
    );
    return () => clearTimeout(timer);
  }, [text, onChange]);

  return (
    <search aria-label={say('filterComments')}>
      <form
        class="filters"
        onSubmit={(event) => {
          event.preventDefault();
          onChange({ ...filter, q: text.trim() });
        }}
      >
        <p class="field">
          <label for="filter-site">{say('site')}</label>
          <select
            id="filter-site"
            value={filter.site}
            onChange={(event) =>
              onChange({ ...filter, site: (event.target as HTMLSelectElement).value, page: '' })
            }
          >
            <option value="">{say('allSites')}</option>
            {sites.map((site) => (
              <option key={site} value={site}>
                {site}
              </option>
            ))}
          </select>
        </p>
        <p class="field">
          <label for="filter-page">{say('page')}</label>
          <select
            id="filter-page"
            value={filter.page}
            onChange={(event) => {
              const key = (event.target as HTMLSelectElement).value;
              setChosen(pageList.pages.find((page) => page.key === key) ?? chosen);
              onChange({ ...filter, page: key });
            }}
          >
            <option value="">{say('allPages')}</option>
            {!listedChosen && chosen && chosen.key === filter.page && (
              <option value={chosen.key}>{pageLabel(chosen)}</option>
            )}
            {pageList.pages.map((page) => (
              <option key={page.key} value={page.key}>
                {pageLabel(page)}
              </option>
            ))}
          </select>
        </p>
        <SearchField
          id="filter-page-words"
          label={say('addressOrTitle')}
          kind="page-finder"
          placeholder={say('findPageToChoose')}
          controls="filter-page"
          value={pageWords}
          onInput={setPageWords}
          // Enter here finds pages; it must not also submit the search of comments.
          onKeyDown={(event) => {
            if (event.key === 'Enter') event.preventDefault();
          }}
        >
          {pageList.problem && <span class="error">{pageList.problem}</span>}
          {pageList.more && (
            <button type="button" class="secondary more-pages" onClick={pageList.loadMore}>
              {say('morePages')}
            </button>
          )}
        </SearchField>
        <SearchField
          id="filter-q"
          label={say('search')}
          kind="search"
          placeholder={say('searchPlaceholder')}
          value={text}
          onInput={setText}
        />
      </form>
    </search>
  );
}
