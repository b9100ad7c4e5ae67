/**
 * XSS in the server's own HTML of a thread: every case of our generated corpus
 * (tests/fixtures/xss-corpus.ts), and payloads that act without scripts
 * (tests/helpers/request-payloads.ts), are posted through the real API in the field they go in
 * (a comment's text, its author's name, its website, its page's title), then each thread is
 * opened in Chromium as GET /api/comments.html pasted into a host page and as the page at GET
 * /thread, with JavaScript on and off, and searched for anything a case could have made live
 * (tests/helpers/server-rendered-xss.ts says how). The page's own query (its title, its page
 * id), which anyone can put in a link to /thread, carries payloads too. A control thread, its
 * live HTML stored behind the API, shows that each way of looking catches what gets through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XSS_CASES, XSS_CONTEXTS, type XssCase } from '../fixtures/xss-corpus.ts';
import { storedComment } from '../helpers/app.ts';
import { useBrowserAndServers } from '../helpers/browser-and-servers.ts';
import { type MarkerServer, startMarkerServer } from '../helpers/marker-server.ts';
import { payloadIdOf, type RequestPayload, requestPayloads } from '../helpers/request-payloads.ts';
import { OWN_ADDRESS } from '../helpers/server-rendered.ts';
import {
  type Door,
  itRendersServerThreadsInert,
  MODES,
  modeName,
  postOn,
  type RenderedThreads,
  type Sites,
  type ThreadPlace,
  visitRendered,
} from '../helpers/server-rendered-xss.ts';
import { WAIT } from '../helpers/widget-page.ts';
import { type Expected, HOSTILE_WEBSITES, xssThreads } from '../helpers/xss-threads.ts';

/** Most comments in one thread: all of them show at once (PAGE_SIZE=200). */
const PER_THREAD = 150;
/** Where the threads are: a local development host, which takes comments without SITE_ORIGINS. */
const SITE = 'http://localhost:8080';
/**
 * Pages (titles, queries) looked at per test: the fragments of a batch share one host page, but
 * each page at /thread is a visit of its own.
 */
const PER_BATCH: Record<Door, number> = { fragment: 20, 'thread page': 5 };

/** The corpus's cases, context by context, in threads of even sizes up to PER_THREAD. */
const THREADS = XSS_CONTEXTS.flatMap((context) => {
  const cases = XSS_CASES.filter((xss) => xss.context === context);
  const count = Math.ceil(cases.length / PER_THREAD);
  const size = Math.ceil(cases.length / count);
  return Array.from({ length: count }, (_, n) => ({
    pageId: `xss-${context}-${n + 1}`,
    cases: cases.slice(n * size, (n + 1) * size),
  }));
});
const REQUEST_THREAD = 'requests';
const LAST_WEBSITE_THREAD = THREADS.filter(({ pageId }) => pageId.startsWith('xss-website-')).at(-1)
  ?.pageId as string;

/** A case that markdown shows exactly as typed: raw HTML, written plainly, nothing markdown reads. */
const showsAsTyped = (xss: XssCase) =>
  xss.context === 'raw-html' && xss.encoding === 'plain' && !/[`\\*_&[\]]/.test(xss.text);

const CASES_BY_ID = new Map(XSS_CASES.map((xss) => [xss.id, xss]));
function describeCall(call: string): string {
  const xss = CASES_BY_ID.get(Number(/\((\d+)/.exec(call)?.[1]));
  return xss ? `${call}: case ${xss.id}, ${xss.vector}, ${xss.encoding}, in ${xss.context}` : call;
}

/** Short payloads, each a title of its own page: the corpus's names. */
const TITLES = XSS_CASES.filter((xss) => xss.field === 'name');

/** The first case of each vector and of each encoding among TITLES, by their place in it. */
const EVERY_KIND = (() => {
  const seen = new Set<string>();
  return TITLES.flatMap((xss, index) => {
    const fresh = !seen.has(`vector ${xss.vector}`) || !seen.has(`encoding ${xss.encoding}`);
    seen.add(`vector ${xss.vector}`);
    seen.add(`encoding ${xss.encoding}`);
    return fresh ? [index] : [];
  });
})();

/** How many titles come after the names': the hostile websites and the scriptless payloads. */
const OTHER_TITLES = HOSTILE_WEBSITES.length + requestPayloads('').length;

/**
 * The places in `titled` looked at through each door: every title in the fragment, where many
 * pages cost one visit; at /thread, a visit each, every kind of name (by vector and by
 * encoding) and every other title.
 */
const TITLES_BY_DOOR: Record<Door, number[]> = {
  fragment: Array.from({ length: TITLES.length + OTHER_TITLES }, (_, index) => index),
  'thread page': [
    ...EVERY_KIND,
    ...Array.from({ length: OTHER_TITLES }, (_, index) => TITLES.length + index),
  ],
};

/** Payloads put in a link's query: every kind of name, and the hostile websites. */
const REFLECTED = [
  ...EVERY_KIND.map((index) => TITLES[index]?.text as string),
  ...HOSTILE_WEBSITES,
];

/** `items` in groups of `size`. */
function batches<T>(items: readonly T[], size: number): T[][] {
  const groups: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    groups.push(items.slice(start, start + size));
  }
  return groups;
}

const harness = useBrowserAndServers();
let sites: Sites;
/** The control's own marker server: its hits are meant. */
let controlMarker: MarkerServer;
let markerPayloads: RequestPayload[] = [];
const places = new Map<string, ThreadPlace>();
const xss = xssThreads([...THREADS.map(({ pageId }) => pageId), REQUEST_THREAD]);
const threads: RenderedThreads = { xss, places };
const { badPosts, accepted } = xss;
/** A page titled with a payload, and its one comment. */
interface Titled {
  place: ThreadPlace;
  expected: Expected[];
}
const titled: Titled[] = [];

/** The page of thread `pageId`, titled as the widget would title it. */
function placeOf(pageId: string, title = `XSS thread ${pageId}`): ThreadPlace {
  const place = { url: `${SITE}/xss/${pageId}`, title };
  places.set(pageId, place);
  return place;
}

beforeAll(async () => {
  const [server, host, marker, control] = await Promise.all([
    // MAX_LINKS=0: a payload full of URLs would otherwise be held for moderation, and never
    // shown; PAGE_SIZE=200: each thread fits in its first part, so every comment is on show.
    harness.serve({ ...OWN_ADDRESS, MODERATION: 'none', MAX_LINKS: '0', PAGE_SIZE: '200' }),
    harness.host(),
    startMarkerServer(),
    startMarkerServer(),
  ]);
  sites = { server, host, marker };
  controlMarker = control;
  markerPayloads = requestPayloads(marker.origin);

  for (const { pageId, cases } of THREADS) {
    const place = placeOf(pageId);
    for (const each of cases) {
      const what = `case ${each.id} (${each.field}) ${JSON.stringify(each.text)}`;
      const author = `Case ${each.id}`;
      const email = `case${each.id}@example.com`;
      if (each.field === 'body') {
        const result = await postOn(server, place, { name: author, email, body: each.text });
        if (result.status !== 201) badPosts.push(`${what}: HTTP ${result.status}`);
        const text = showsAsTyped(each) ? each.text : undefined;
        accepted(pageId, what, result, { name: author, website: null, text });
      } else if (each.field === 'name') {
        const body = `The name is case ${each.id}.`;
        const result = await postOn(server, place, { name: each.text, email, body });
        if (result.status !== 201) badPosts.push(`${what}: HTTP ${result.status}`);
        accepted(pageId, what, result, { name: each.text.trim(), website: null });
      } else {
        const body = `The website is case ${each.id}.`;
        const result = await postOn(server, place, {
          name: author,
          email,
          website: each.text,
          body,
        });
        // A script address is refused as a website, as the JSON route's own tests expect.
        if (result.status !== 201 && result.status !== 400)
          badPosts.push(`${what}: HTTP ${result.status}`);
        accepted(pageId, what, result, { name: author, website: each.text.trim() });
      }
    }
  }
  const lastWebsite = places.get(LAST_WEBSITE_THREAD) as ThreadPlace;
  for (const [index, website] of HOSTILE_WEBSITES.entries()) {
    const name = `Hostile ${index}`;
    const result = await postOn(server, lastWebsite, {
      name,
      email: `hostile${index}@example.com`,
      website,
      body: `A hostile website, ${index}.`,
    });
    if (result.status !== 201) badPosts.push(`hostile website ${website}: HTTP ${result.status}`);
    accepted(LAST_WEBSITE_THREAD, `hostile website ${website}`, result, {
      name,
      website: website.trim(),
    });
  }

  // The payloads that act without scripts, in each field that can carry them.
  const requests = placeOf(REQUEST_THREAD);
  for (const payload of markerPayloads) {
    const what = `request payload ${payload.id} (${payload.vector})`;
    const fields = [
      { name: `Request ${payload.id}`, body: payload.html },
      {
        name: `Request ${payload.id}`,
        body: `Look: ![a picture](${marker.url(`/hit/${payload.id}`)})`,
      },
      { name: payload.html.slice(0, 100), body: `The name is ${what}.` },
      {
        name: `Request ${payload.id}`,
        website: `https://example.com/?q="${payload.html}`,
        body: `The website is ${what}.`,
      },
    ];
    for (const [n, each] of fields.entries()) {
      const result = await postOn(server, requests, {
        email: `request${payload.id}-${n}@example.com`,
        ...each,
      });
      if (result.status !== 201) badPosts.push(`${what}, ${n}: HTTP ${result.status}`);
      accepted(REQUEST_THREAD, `${what}, ${n}`, result, {
        name: each.name.trim(),
        website: each.website ?? null,
      });
    }
  }

  // Each payload a page's title, posted with its first comment.
  const titles = [
    ...TITLES.map((xss) => xss.text),
    ...HOSTILE_WEBSITES,
    ...markerPayloads.map((payload) => payload.html.slice(0, 300)),
  ];
  for (const [index, title] of titles.entries()) {
    const place = { url: `${SITE}/xss/title-${index}`, title };
    const result = await postOn(server, place, {
      name: `Title ${index}`,
      email: `title${index}@example.com`,
      body: `The title is payload ${index}.`,
    });
    if (result.status !== 201)
      badPosts.push(`title ${JSON.stringify(title)}: HTTP ${result.status}`);
    const id = result.posted?.comment.id;
    if (id !== undefined)
      titled.push({ place, expected: [{ id, name: `Title ${index}`, website: null }] });
  }
}, 240_000);

afterAll(async () => {
  await Promise.all([sites?.marker.close(), controlMarker?.close()]);
});

describe('XSS payloads in the server’s HTML of a thread', () => {
  it('stores every case, and refuses a website only when it is no web address', () => {
    expect(badPosts).toEqual([]);
    for (const { pageId } of THREADS) expect(xss.threads.get(pageId)?.length).toBeGreaterThan(30);
    expect(xss.threads.get(REQUEST_THREAD)).toHaveLength(markerPayloads.length * 4);
    expect(titled).toHaveLength(TITLES.length + HOSTILE_WEBSITES.length + markerPayloads.length);
  });

  for (const mode of MODES) {
    it(`would notice a payload that got through, through ${modeName(mode)}: live HTML stored behind the API`, async () => {
      const { server } = sites;
      // Stored straight into the database, as a renderer with a hole would store them.
      const place = {
        url: `${SITE}/xss/control-${mode.door.replace(' ', '-')}-${mode.javaScript}`,
        title: 'Control',
      };
      const control = requestPayloads(controlMarker.origin);
      const stored = [
        '<p><img src="x" onerror="alert(99991)"></p>',
        '<p><a href="javascript:alert(99992)" onmouseover="alert(99993)">x</a></p>',
        ...control.map((payload) => payload.html),
      ];
      const expected: Expected[] = [];
      for (const [index, html] of stored.entries()) {
        const row = await server.store.insertComment(
          { key: place.url, url: place.url, title: place.title },
          storedComment({
            name: `Control ${index}`,
            email: `control${index}@example.com`,
            body: html,
            html,
            tokenHash: `control-${mode.door}-${mode.javaScript}-${index}`,
          }),
        );
        expected.push({ id: row.id, name: `Control ${index}`, website: null });
      }
      const before = controlMarker.hits().length;

      const visit = await visitRendered(
        { harness },
        sites,
        mode,
        [{ place, expected }],
        [
          /^console\.error: XSS fired: alert\(9999[13]\)$/,
          /^console\.error: Failed to load resource: the server responded with a status of 404 \(Not Found\) \(http:\/\/[^/]+\/(rendered\/)?x\)$/,
          new RegExp(`^console\\.error: .*${controlMarker.origin.replace(/[.:/]/g, '\\$&')}/hit/`),
        ],
      );

      // Every payload that acts without scripts reached the marker server, scripts on or off.
      const reached = () =>
        new Set(
          controlMarker
            .hits()
            .slice(before)
            .map((hit) => payloadIdOf(hit.slice(hit.indexOf(' ') + 1))),
        );
      await expect
        .poll(() => control.filter((payload) => !reached().has(payload.id)).map((p) => p.vector), {
          timeout: WAIT,
        })
        .toEqual([]);
      expect(visit.trapped).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^unexpected request: GET http:\/\/[^/]+\/(rendered\/)?x$/),
          expect.stringContaining(`${controlMarker.origin}/hit/`),
        ]),
      );
      const [img, link] = expected.map((comment) => `comment-${comment.id}`);
      expect(visit.findings.unsafe).toEqual(
        expect.arrayContaining([
          `${img}: <img> has onerror="alert(99991)"`,
          `${img}: <img> is not allowed in the page`,
          `${link}: <a> has href="javascript:alert(99992)"`,
          `${link}: <a> has onmouseover="alert(99993)"`,
        ]),
      );
      if (mode.javaScript) {
        expect(visit.fired).toEqual(expect.arrayContaining(['alert(99991)', 'alert(99993)']));
      } else {
        // Nothing runs without JavaScript: what is caught is what it loads, and what it holds.
        expect(visit.fired).toEqual([]);
      }
    });
  }

  itRendersServerThreadsInert(harness, () => sites, threads, describeCall);

  for (const mode of MODES) {
    const size = PER_BATCH[mode.door];
    for (const [n, indices] of batches(TITLES_BY_DOOR[mode.door], size).entries()) {
      it.concurrent(`shows page titles (batch ${n + 1}) inert, as written, through ${modeName(mode)}`, async (test) => {
        const visit = await visitRendered(
          { harness, test },
          sites,
          mode,
          indices.map((index) => ({ ...(titled[index] as Titled), checkTitle: true })),
        );
        test.expect(visit.findings.unsafe).toEqual([]);
        test.expect(visit.findings.fidelity).toEqual([]);
        test.expect(visit.fired.map(describeCall)).toEqual([]);
        test.expect(visit.trapped).toEqual([]);
      });
    }

    for (const [n, group] of batches(REFLECTED, size).entries()) {
      it.concurrent(`shows payloads in a link’s own query ${n + 1} (page address, page id, title) inert through ${modeName(mode)}`, async (test) => {
        // Anyone can send a reader a link to /thread, or a site include a fragment, with these.
        const visit = await visitRendered(
          { harness, test },
          sites,
          mode,
          group.map((payload, index) => ({
            place: {
              url: `${SITE}/xss/reflected-${n}-${index}?q=${encodeURIComponent(payload)}`,
              title: payload,
            },
            expected: [],
            extra: { page: payload.slice(0, 100) },
          })),
        );
        test.expect(visit.findings.unsafe).toEqual([]);
        test.expect(visit.fired.map(describeCall)).toEqual([]);
        test.expect(visit.trapped).toEqual([]);
      });
    }
  }

  it('was never asked for anything by a payload: the marker server saw no request', () => {
    // After every visit above: a request that Chromium made for a payload reached it.
    expect(sites.marker.hits()).toEqual([]);
  });
});
