/** Turning a page's address into the key its comments are stored under. */

/** Query parameters that only track where a visitor came from, never which page they read. */
const TRACKING_PARAMETER = /^(utm_.*|fbclid|gclid|mc_cid|mc_eid)$/i;

/** Directory index files that name the same page as their folder. */
const INDEX_FILE = /\/index\.html?$/i;

/**
 * Normalises a page URL so every way of writing one page's address gives one key:
 * lower-case scheme and host, no default port, no fragment, no credentials, no tracking
 * parameters, the other parameters sorted, and `/index.html` or a trailing slash read as
 * the bare path. Returns null for anything that is not an absolute http(s) URL.
 */
export function normalisePageUrl(raw: string, base?: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!url.hostname) return null;

  url.hash = '';
  url.username = '';
  url.password = '';

  const kept = [...url.searchParams].filter(([name]) => !TRACKING_PARAMETER.test(name));
  const query = new URLSearchParams(kept);
  query.sort();
  url.search = query.toString();

  let path = url.pathname.replace(INDEX_FILE, '/');
  if (path.length > 1 && path.endsWith('/')) path = path.replace(/\/+$/, '') || '/';
  url.pathname = path;

  return url.href;
}

/** The origin (`scheme://host[:port]`) of an absolute URL, or null. */
export function originOf(raw: string): string | null {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

export interface PageIdentity {
  /** Where comments are stored: the explicit page id, else the normalised URL. */
  key: string;
  /** The page's address, normalised. */
  url: string;
}

/**
 * Chooses a page's identity the way the embed script does: an explicit page id wins, then an
 * explicit URL, then the page's canonical link, then its location.
 */
export function identifyPage(options: {
  pageId?: string | null;
  pageUrl?: string | null;
  canonical?: string | null;
  location: string;
}): PageIdentity | null {
  const candidates = [options.pageUrl, options.canonical, options.location];
  let url: string | null = null;
  for (const candidate of candidates) {
    if (!candidate) continue;
    url = normalisePageUrl(candidate, options.location);
    if (url) break;
  }
  if (!url) return null;
  const pageId = options.pageId?.trim();
  return { key: pageId || url, url };
}
