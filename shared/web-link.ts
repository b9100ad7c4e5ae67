/** Which addresses the thread, its HTML and the dashboard make into links. */

/**
 * True for an http(s) address. A commenter writes their website and a page's address comes from
 * the page; anything else (`javascript:`, `data:`) is shown as text, never followed.
 */
export function isWebLink(url: string | null): url is string {
  return url !== null && /^https?:\/\//i.test(url);
}
