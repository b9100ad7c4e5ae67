/**
 * thread.css: the widget's own stylesheet made for the thread's server-rendered copy (GET
 * /api/comments.html, GET /thread), which lives in the host page's DOM, not in a shadow root.
 * It is made from the embed stylesheet as bundled, never kept by hand: every rule is nested in
 * `.leave-a-reply`, the rules of the shadow host (`:host`) become rules of that element, and
 * esbuild lowers the nesting for the browsers of TARGET. So the copy lays out as the widget
 * does, and a swap from one to the other moves nothing on the page.
 */
import { transform } from 'esbuild';

/** The fixed name it is built and served under (/thread.css), as pages link it. */
export const THREAD_STYLESHEET = 'thread.css';

/** The element every rule of thread.css is scoped to: the thread's root, as in the widget. */
const ROOT = '.leave-a-reply';

/**
 * A shadow root shows its elements with the browser's own styles and the widget's only; here
 * the host page's rules reach them too (a theme's `h2`, `label` or `div`). Reverting every
 * property, at the weight of one class and before any rule of the widget's, gives that back
 * for every rule of the page no weightier than one class and earlier in the page (the fragment
 * links this stylesheet where it stands, after the page's own). Drawings are left alone: an
 * SVG's attributes (its path, its fill) are presentation hints that a revert would drop.
 */
const SHADOW_BOUNDARY = `${ROOT},${ROOT} :where(:not(svg,svg *)){all:revert}`;

/**
 * `:host(S)`, the shadow host matching S, as a rule of the root: the root itself or its parent
 * (the element the fragment is in, which the widget mounts into) matching S, so that
 * `data-theme` works on either. `:host(:not(S))` is neither of them matching S.
 */
function hostRule(inner: string): string {
  const negated = /^:not\((.*)\)$/.exec(inner);
  if (negated) return `&:not(${negated[1]},${negated[1]}>*)`;
  return `&:is(${inner},${inner}>*)`;
}

/** The embed stylesheet `shadowCss` (as bundled), scoped to `.leave-a-reply`, minified. */
export async function threadStylesheet(
  shadowCss: Uint8Array,
  target: string[],
): Promise<Uint8Array> {
  const nested = Buffer.from(shadowCss)
    .toString('utf8')
    // One level of parentheses inside :host(…), as in :host(:not([data-theme="light"])).
    .replace(/:host\(((?:[^()]|\([^()]*\))*)\)/g, (_, inner: string) => hostRule(inner))
    .replace(/:host(?![\w-])|\.leave-a-reply(?![\w-])/g, '&');
  if (/:host|::slotted|::part/.test(nested)) {
    throw new Error('thread.css: the widget stylesheet uses a shadow selector it cannot map.');
  }
  const result = await transform(`${SHADOW_BOUNDARY}${ROOT}{${nested}}`, {
    loader: 'css',
    minify: true,
    target,
    legalComments: 'none',
  });
  return Buffer.from(result.code);
}
