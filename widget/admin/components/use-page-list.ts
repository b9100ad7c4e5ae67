/**
 * The pages the page filter and the list of pages offer: a part of the list at a time, fetched
 * again as the owner types words of an address or a title. A site can have tens of thousands of
 * pages; the list of all of them would be megabytes, and a select of them unusable.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { failureMessage } from '../../request.ts';
import { type AdminPage, fetchPages } from '../api.ts';
import { say } from '../say.ts';

/**
 * How long typing must pause before a search is sent: long enough to type a word, short enough
 * to feel live (as the comment search).
 */
export const SEARCH_DELAY_MS = 300;

export interface PageList {
  pages: AdminPage[];
  /** Whether the first answer has come: before it, an empty list says nothing yet. */
  loaded: boolean;
  /** Whether more pages match than are listed. */
  more: boolean;
  /** Why the list could not be fetched, or ''. */
  problem: string;
  /** Fetches the next part of the list and adds it. */
  loadMore: () => void;
  /** Shows `page` as the server now answers it (opened or closed) where it is listed. */
  replace: (page: AdminPage) => void;
}

interface Listed {
  loaded: boolean;
  pages: AdminPage[];
  next: string | null;
  problem: string;
}

function problemOf(error: unknown): string {
  return failureMessage(error, say('pagesNotLoaded'));
}

/** The pages of `site` ('' for all) whose address or title holds `words`, a part at a time. */
export function usePageList(site: string, words: string): PageList {
  const [listed, setListed] = useState<Listed>({
    loaded: false,
    pages: [],
    next: null,
    problem: '',
  });
  const [search, setSearch] = useState(words.trim());
  // Answers to an older search or site are dropped when they arrive after a newer one's.
  const generation = useRef(0);

  useEffect(() => {
    const timer = setTimeout(() => setSearch(words.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [words]);

  useEffect(() => {
    const mine = ++generation.current;
    fetchPages({ site, q: search }).then(
      ({ pages, next }) => {
        if (mine === generation.current) setListed({ loaded: true, pages, next, problem: '' });
      },
      (error: unknown) => {
        if (mine === generation.current)
          setListed({ loaded: true, pages: [], next: null, problem: problemOf(error) });
      },
    );
  }, [site, search]);

  // The part being fetched: a second click before it arrives must not add it twice.
  const fetching = useRef<string | null>(null);
  const { next } = listed;
  const loadMore = useCallback(() => {
    if (!next || fetching.current === next) return;
    fetching.current = next;
    const mine = generation.current;
    fetchPages({ site, q: search, after: next }).then(
      (part) => {
        fetching.current = null;
        if (mine !== generation.current) return;
        setListed((before) => ({
          loaded: true,
          pages: [...before.pages, ...part.pages],
          next: part.next,
          problem: '',
        }));
      },
      (error: unknown) => {
        fetching.current = null;
        if (mine === generation.current)
          setListed((before) => ({ ...before, problem: problemOf(error) }));
      },
    );
  }, [site, search, next]);

  const replace = useCallback((page: AdminPage) => {
    setListed((before) => ({
      ...before,
      pages: before.pages.map((listedPage) => (listedPage.key === page.key ? page : listedPage)),
    }));
  }, []);

  return {
    pages: listed.pages,
    loaded: listed.loaded,
    more: next !== null,
    problem: listed.problem,
    loadMore,
    replace,
  };
}
