/** Narrows the queue to one site, one page, or comments matching a search. */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { AdminPage } from '../api.ts';

export interface Filter {
  /** An origin, or '' for every site. */
  site: string;
  /** A page key, or '' for every page. */
  page: string;
  /** Searched in the text, the name and the email; '' for no search. */
  q: string;
}

interface FiltersProps {
  pages: AdminPage[];
  filter: Filter;
  onChange: (filter: Filter) => void;
}

/** The longest search the API takes. */
const SEARCH_MAX = 200;
/** Long enough to type a word, short enough to feel live. */
const SEARCH_DELAY_MS = 300;

export function Filters({ pages, filter, onChange }: FiltersProps) {
  const [text, setText] = useState(filter.q);
  const latest = useRef(filter);
  latest.current = filter;

  const sites = useMemo(() => [...new Set(pages.map((page) => page.site))].sort(), [pages]);
  const shownPages = pages.filter((page) => !filter.site || page.site === filter.site);

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
    <search aria-label="Filter comments">
      <form
        class="filters"
        onSubmit={(event) => {
          event.preventDefault();
          onChange({ ...filter, q: text.trim() });
        }}
      >
        <p class="field">
          <label for="filter-site">Site</label>
          <select
            id="filter-site"
            value={filter.site}
            onChange={(event) =>
              onChange({ ...filter, site: (event.target as HTMLSelectElement).value, page: '' })
            }
          >
            <option value="">All sites</option>
            {sites.map((site) => (
              <option key={site} value={site}>
                {site}
              </option>
            ))}
          </select>
        </p>
        <p class="field">
          <label for="filter-page">Page</label>
          <select
            id="filter-page"
            value={filter.page}
            onChange={(event) =>
              onChange({ ...filter, page: (event.target as HTMLSelectElement).value })
            }
          >
            <option value="">All pages</option>
            {shownPages.map((page) => (
              <option key={page.key} value={page.key}>
                {page.title || page.url}
              </option>
            ))}
          </select>
        </p>
        <p class="field search">
          <label for="filter-q">Search</label>
          <input
            id="filter-q"
            type="search"
            maxLength={SEARCH_MAX}
            placeholder="Text, name or email"
            value={text}
            onInput={(event) => setText((event.target as HTMLInputElement).value)}
          />
        </p>
      </form>
    </search>
  );
}
