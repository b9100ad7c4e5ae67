/**
 * The embed tag, and the host pages that the Chromium tests (tests/e2e/) and the cross-engine
 * flows (tests/engines/) both put it on: a hostile theme, and a strict Content-Security-Policy.
 */
import { htmlPage } from './host-server.ts';

/** The embed tag as a site owner pastes it, pointing at `server`. */
export function embedTag(server: { origin: string }, attributes = 'async'): string {
  return `<script src="${server.origin}/embed.js"${attributes ? ` ${attributes}` : ''}></script>`;
}

/** The rules of a theme that styles everything it can reach, and the widget's class names. */
const HOSTILE_CSS = [
  '* { all: unset }',
  'button { display: none !important }',
  'input, textarea { width: 3px !important }',
  'form { font-size: 40px !important }',
  'div { display: none }',
  // The host page's own elements that share class names with the widget's.
  '.notes { color: rgb(120, 10, 10); font-size: 13px; font-weight: 300 }',
  '.reply { font-weight: 200; color: rgb(10, 10, 120) }',
  '.comment-list { list-style: square; padding-left: 41px; display: block }',
].join('\n');

/**
 * A host page under HOSTILE_CSS, with elements of its own named as the widget's are
 * (#host-notes, #host-reply, #host-list), embedding `server`'s thread.
 */
export function hostileThemePage(server: { origin: string }, recorder = false): string {
  return htmlPage({
    title: 'A hostile theme',
    recorder,
    head: `<style>\n${HOSTILE_CSS}\n</style>`,
    body: [
      '<p class="notes" id="host-notes">The host page has notes too.</p>',
      '<button class="reply" id="host-reply" type="button">Host button</button>',
      '<ol class="comment-list" id="host-list"><li>host item</li></ol>',
      embedTag(server),
    ].join('\n'),
  });
}

/**
 * A Content-Security-Policy that allows nothing but the comments server (and the page's own
 * scripts and styles: 'self' is what lets a host page load the problem recorder, which WebKit
 * needs to report console errors at all).
 */
export function strictPolicy(server: { origin: string }): string {
  return [
    "default-src 'none'",
    `script-src 'self' ${server.origin}`,
    `connect-src ${server.origin}`,
    `style-src 'self' ${server.origin}`,
    `img-src 'self' ${server.origin} data:`,
  ].join('; ');
}
