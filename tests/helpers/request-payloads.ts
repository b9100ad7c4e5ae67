/**
 * Payloads that do something with scripts off: each, let through as HTML, makes the browser ask
 * a marker server (marker-server.ts) for its own address, /hit/N, as the page loads, or leave
 * for it. Without JavaScript this is what an injection can still do: track a reader, send a
 * request in their name, take them elsewhere. Every one is checked to reach the marker when it
 * is the HTML of a page (tests/e2e/server-rendered-xss.test.ts, its control), so a thread that
 * shows them and sends nothing has held them back.
 */

/** One payload: the HTML that asks for `/hit/${id}` on the marker server. */
export interface RequestPayload {
  id: number;
  /** The element and attribute that make the request, e.g. "img src". */
  vector: string;
  html: string;
}

/** The vectors, each given the marker's address for its case. */
const VECTORS: [string, (address: string) => string][] = [
  ['img src', (at) => `<img src="${at}" alt="">`],
  ['img srcset', (at) => `<img srcset="${at} 1x" alt="">`],
  ['picture source srcset', (at) => `<picture><source srcset="${at}"><img alt=""></picture>`],
  ['video poster', (at) => `<video poster="${at}"></video>`],
  ['video src', (at) => `<video src="${at}" preload="auto"></video>`],
  ['video source src', (at) => `<video><source src="${at}"></video>`],
  ['audio src', (at) => `<audio src="${at}" preload="auto"></audio>`],
  ['input type=image', (at) => `<input type="image" src="${at}" alt="">`],
  ['iframe src', (at) => `<iframe src="${at}"></iframe>`],
  ['object data', (at) => `<object data="${at}"></object>`],
  ['object data as image', (at) => `<object type="image/png" data="${at}"></object>`],
  ['embed src', (at) => `<embed src="${at}">`],
  ['link stylesheet', (at) => `<link rel="stylesheet" href="${at}">`],
  ['link preload', (at) => `<link rel="preload" as="image" href="${at}">`],
  ['link prefetch', (at) => `<link rel="prefetch" href="${at}">`],
  ['meta refresh', (at) => `<meta http-equiv="refresh" content="0;url=${at}">`],
  ['style @import', (at) => `<style>@import url("${at}");</style>`],
  // A rule for the page itself: thread.css resets what a rule for the thread's own elements sets.
  ['style rule', (at) => `<style>html{background:url(${at})}</style><p>styled</p>`],
  ['style attribute', (at) => `<p style="background-image:url(${at})">styled</p>`],
  ['style list-style-image', (at) => `<ul style="list-style-image:url(${at})"><li>item</li></ul>`],
  ['svg image href', (at) => `<svg><image href="${at}" width="9" height="9"/></svg>`],
  ['svg feImage href', (at) => `<svg><filter><feImage href="${at}"/></filter></svg>`],
  ['body background', (at) => `<body background="${at}">`],
];

/** Every vector once, asking `markerOrigin` for /hit/N, N counted up from `first`. */
export function requestPayloads(markerOrigin: string, first = 1): RequestPayload[] {
  return VECTORS.map(([vector, make], index) => {
    const id = first + index;
    return { id, vector, html: make(`${markerOrigin}/hit/${id}`) };
  });
}

/** The case a marker path such as /hit/7 names, or null for any other path. */
export function payloadIdOf(path: string): number | null {
  const match = /^\/hit\/(\d+)(?:[?#]|$)/.exec(path);
  return match ? Number(match[1]) : null;
}
