/**
 * What the browser tests of XSS payloads share: posting a payload through the real API, then
 * opening the thread it landed in, rendered by the built widget in Chromium, sweeping it with
 * events and the mouse, and searching it for anything a payload could have made live.
 *
 * The page is the demo page at `/`, opened with its Content-Security-Policy bypassed: the demo's
 * `script-src 'self'` would block an injected inline handler before it ran, and most pages that
 * embed the widget have no such policy. With it bypassed, an injected handler runs, and payloads
 * end in `alert`, `prompt` or `confirm` (through `eval` and the like or not), which are replaced,
 * with `print` and `open`, by a trap that records the call and logs a console error: a payload
 * that fires names itself by the number it passes. Dialogs, popups, navigations and requests for
 * anything the page does not load are trapped too; console errors and page errors fail the test
 * through the harness (page-problems.ts), as in every browser test.
 */
import type { Page } from 'playwright-core';
import { expect, it, type TestContext } from 'vitest';
import type { BrowserAndServers, WatchedPage } from './browser-and-servers.ts';
import type { RunningServer } from './server.ts';
import { WAIT } from './widget-page.ts';
import { EVENT_TYPES, installTraps, settled, sweep, type Traps, VIEWPORT } from './xss-traps.ts';

/** The demo page, which hosts the threads under test. */
const DEMO_PAGE = '/';

/** The title each thread is mounted with, so its heading can be waited for. */
export function titleOf(pageId: string): string {
  return `XSS thread ${pageId}`;
}

/** What one stored comment must look like in the page. */
export interface Expected {
  id: number;
  /** The author's name as stored (trimmed), shown as text. */
  name: string;
  /** The website as stored, the href of the author's link; null for none. */
  website: string | null;
  /** When set, the comment's text must read exactly this. */
  text?: string;
}

export interface Posted {
  comment: { id: number; status: string; name: string; website: string | null };
}

/** Posts one comment through the real API; returns the status and, on 201, the comment. */
export async function postComment(
  server: RunningServer,
  pageId: string,
  fields: { name: string; email: string; website?: string; body: string },
) {
  const response = await server.app.inject({
    method: 'POST',
    url: '/api/comments',
    payload: { url: `${server.origin}/`, page: pageId, title: titleOf(pageId), ...fields },
  });
  return {
    status: response.statusCode,
    posted: response.statusCode === 201 ? (response.json() as Posted) : null,
    error: response.statusCode === 201 ? null : (response.json() as { error: unknown }),
  };
}

/** Websites that are valid http(s) URLs yet try to break out of the attribute they land in. */
export const HOSTILE_WEBSITES = [
  'https://example.com/" onmouseover="alert(90001)',
  "https://example.com/'><script>alert(90002)</script>",
  'https://javascript:alert(90003)@example.com/',
  'http://example.com/#<img src=x onerror=alert(90004)>',
  'https://example.com/?q=</a><svg onload=alert(90005)>',
  'HTTPS://EXAMPLE.COM/"><iframe src=javascript:alert(90006)>',
];

/** What a file of XSS threads keeps while it posts: what each thread must show, what went wrong. */
export interface XssThreads {
  /** The comments each thread must show, by page id. */
  threads: Map<string, Expected[]>;
  /** Every post that did not answer as it must: status, field and payload. */
  badPosts: string[];
  /** Records an accepted comment for its thread, and that it was published at once. */
  accepted(
    pageId: string,
    what: string,
    result: Awaited<ReturnType<typeof postComment>>,
    expected: Omit<Expected, 'id'>,
  ): void;
}

/** A text as the server takes it in: a NUL, which no browser sends, as U+FFFD. */
export const asReceived = (text: string) => text.replaceAll('\0', '\uFFFD');

/** An empty XssThreads for the threads of `pageIds`. */
export function xssThreads(pageIds: readonly string[]): XssThreads {
  const threads = new Map<string, Expected[]>(pageIds.map((id) => [id, []]));
  const badPosts: string[] = [];
  return {
    threads,
    badPosts,
    accepted(pageId, what, result, expected) {
      const comment = result.posted?.comment;
      if (!comment) return;
      if (comment.status !== 'approved') badPosts.push(`${what}: stored as ${comment.status}`);
      threads.get(pageId)?.push({
        id: comment.id,
        name: asReceived(expected.name),
        website: expected.website === null ? null : asReceived(expected.website),
        ...(expected.text === undefined ? {} : { text: asReceived(expected.text) }),
      });
    },
  };
}

/** What the demo page and the widget load: the page, its assets, the widget and the API. */
const EXPECTED_PATH =
  /^\/(|index\.html|style\.css|favicon\.svg|embed(\.[\w-]+)?\.(js|css)|api\/comments)$/;

/** How a page is opened for payloads: the harness's, with the test to check it in. */
interface Opener {
  harness: Pick<BrowserAndServers, 'open'>;
  /** A concurrent test's context (see watchProblems); a test run alone needs none. */
  test?: Pick<TestContext, 'onTestFinished'>;
}

/**
 * A watched page whose CSP is bypassed and whose frames are trapped, for payloads to run in:
 * the harness fails the test on its console errors and page errors but those `expected`.
 */
async function openTrappedPage(
  { harness, test }: Opener,
  options: { viewport?: typeof VIEWPORT },
  expected: readonly RegExp[],
): Promise<WatchedPage> {
  const watched = await harness.open({ bypassCSP: true, ...options }, test);
  watched.expectProblems(...expected);
  await watched.context.addInitScript(installTraps);
  return watched;
}

/**
 * Records on `page` every dialog, popup, and request for anything the demo page and widget do not
 * load (an injected image, script or frame would ask for one), and any navigation away.
 */
function trap(page: Page, server: RunningServer): string[] {
  const trapped: string[] = [];
  page.on('dialog', (dialog) => {
    trapped.push(`dialog (${dialog.type()}): ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  page.on('popup', (popup) => trapped.push(`popup: ${popup.url()}`));
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin !== server.origin || !EXPECTED_PATH.test(url.pathname)) {
      trapped.push(`unexpected request: ${request.method()} ${request.url()}`);
    }
  });
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame() && frame.url() !== `${server.origin}${DEMO_PAGE}`) {
      trapped.push(`navigated away to ${frame.url()}`);
    }
  });
  return trapped;
}

/** Fires, on every element of the thread's comments, the events inline handlers listen for. */
function fireEvents(types: string[]): void {
  const root = document.querySelector('#xss')?.shadowRoot;
  if (!root) throw new Error('the thread was not mounted');
  for (const element of root.querySelectorAll('.comment-list *')) {
    for (const type of types) element.dispatchEvent(new Event(type, { bubbles: true }));
  }
  // Real focus too, for any handler that listens for it.
  for (const element of root.querySelectorAll<HTMLElement>(
    '.comment-list a, .comment-list [tabindex]',
  )) {
    element.focus();
  }
  (document.activeElement as HTMLElement | null)?.blur();
}

export interface Findings {
  /** What could run or load: handlers, script URLs, elements and attributes not allowed. */
  unsafe: string[];
  /** Links in comments without an http(s) or mailto address. */
  links: string[];
  /** Comments not shown as written. */
  fidelity: string[];
  /** How many comments the thread shows. */
  comments: number;
}

/** Searches the mounted thread for anything a payload could have made live. */
function inspect(expected: Expected[]): Findings {
  const host = document.querySelector('#xss');
  const root = host?.shadowRoot;
  if (!host || !root) throw new Error('the thread was not mounted');
  const unsafe: string[] = [];
  const links: string[] = [];
  const fidelity: string[] = [];
  const where = (element: Element) =>
    `${element.closest('li.comment')?.id ?? 'outside any comment'}: <${element.localName}>`;

  const URL_ATTRIBUTES = new Set([
    'href',
    'src',
    'action',
    'formaction',
    'xlink:href',
    'data',
    'poster',
    'background',
    'srcdoc',
    'srcset',
    'ping',
    'cite',
    'codebase',
    'lowsrc',
    'dynsrc',
    'archive',
  ]);
  const FORBIDDEN = new Set([
    'script',
    'iframe',
    'frame',
    'frameset',
    'object',
    'embed',
    'applet',
    'img',
    'image',
    'picture',
    'source',
    'video',
    'audio',
    'svg',
    'math',
    'style',
    'link',
    'form',
    'input',
    'textarea',
    'button',
    'select',
    'meta',
    'base',
    'template',
    'portal',
  ]);
  const ownStylesheet = (element: Element) =>
    element.localName === 'link' &&
    element.parentNode === root &&
    element.getAttribute('rel') === 'stylesheet';
  const ownControl = (element: Element) =>
    (element.localName === 'form' && element.matches('form.comment-form')) ||
    (['input', 'textarea', 'button'].includes(element.localName) &&
      element.closest('form.comment-form') !== null);

  // The widget's own avatars, Like buttons and order list: never inside a comment's text.
  const ownThreadPart = (element: Element) =>
    element.closest('.content') === null &&
    element.matches('svg.avatar, img.avatar, .comment-actions > button.like, label.sort > select');

  for (const element of [host, ...root.querySelectorAll('*')]) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on')) {
        unsafe.push(`${where(element)} has ${name}=${JSON.stringify(attribute.value)}`);
      }
      // What a browser ignores in a URL's scheme: controls, whitespace, and the like.
      const squeezed = attribute.value.replace(/[\s\p{Cc}]/gu, '').toLowerCase();
      if (URL_ATTRIBUTES.has(name) && /^(javascript|data|vbscript):/.test(squeezed)) {
        unsafe.push(`${where(element)} has ${name}=${JSON.stringify(attribute.value)}`);
      }
    }
    if (
      element !== host &&
      FORBIDDEN.has(element.localName) &&
      !ownStylesheet(element) &&
      !ownControl(element) &&
      !ownThreadPart(element)
    ) {
      unsafe.push(`${where(element)} is not allowed in the thread`);
    }
  }

  // What the server's allowlist lets through, and nothing else.
  const CONTENT_TAGS = new Set([
    'p',
    'br',
    'em',
    'strong',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
  ]);
  const CONTENT_ATTRIBUTES: Record<string, string[]> = { a: ['href', 'rel'], ol: ['start'] };
  // What the widget itself sets on the server's HTML: code blocks take the keyboard's focus.
  const WIDGET_ATTRIBUTES: Record<string, Record<string, string>> = { pre: { tabindex: '0' } };
  const checkLink = (link: Element) => {
    const rel = link.getAttribute('rel');
    if (rel !== 'nofollow ugc noopener')
      unsafe.push(`${where(link)} has rel=${JSON.stringify(rel)}`);
    const href = link.getAttribute('href');
    if (href === null || !/^(https?:\/\/|mailto:)/i.test(href)) {
      links.push(`${where(link)} "${link.textContent}" has href=${JSON.stringify(href)}`);
    }
  };
  for (const content of root.querySelectorAll('.comment-body .content')) {
    for (const element of content.querySelectorAll('*')) {
      if (!CONTENT_TAGS.has(element.localName)) {
        unsafe.push(`${where(element)} is not allowed in a comment's text`);
      }
      const allowed = CONTENT_ATTRIBUTES[element.localName] ?? [];
      const own = WIDGET_ATTRIBUTES[element.localName] ?? {};
      for (const attribute of element.attributes) {
        if (!allowed.includes(attribute.name) && own[attribute.name] !== attribute.value) {
          unsafe.push(`${where(element)} has ${attribute.name} in a comment's text`);
        }
      }
      if (element.localName === 'a') checkLink(element);
    }
  }
  for (const author of root.querySelectorAll('.comment-body .author')) {
    for (const element of author.querySelectorAll('*')) {
      if (element.localName !== 'a') unsafe.push(`${where(element)} is not allowed in a name`);
      for (const attribute of element.attributes) {
        if (!['href', 'rel'].includes(attribute.name)) {
          unsafe.push(`${where(element)} has ${attribute.name} in a name`);
        }
      }
      if (element.localName === 'a') checkLink(element);
    }
  }

  // The host page: the demo's one script tag, and nothing the thread could have added.
  const scripts = [...document.scripts].map((script) => script.getAttribute('src'));
  if (scripts.join() !== '/embed.js')
    unsafe.push(`the page has scripts ${JSON.stringify(scripts)}`);
  for (const element of document.querySelectorAll('iframe, frame, object, embed, base')) {
    unsafe.push(`the host page has a <${element.localName}>`);
  }

  for (const comment of expected) {
    const item = root.querySelector(`#comment-${comment.id}`);
    if (!item) {
      fidelity.push(`comment ${comment.id} is not shown`);
      continue;
    }
    const author = item.querySelector(':scope > .comment-body .author');
    if (author?.textContent !== comment.name) {
      fidelity.push(
        `comment ${comment.id}: name ${JSON.stringify(author?.textContent)}, expected ${JSON.stringify(comment.name)}`,
      );
    }
    const link = author?.querySelector('a');
    if ((link?.getAttribute('href') ?? null) !== comment.website) {
      fidelity.push(
        `comment ${comment.id}: website ${JSON.stringify(link?.getAttribute('href'))}, expected ${JSON.stringify(comment.website)}`,
      );
    }
    const text = item.querySelector(':scope > .comment-body .content')?.textContent?.trim() ?? '';
    if (text === '') fidelity.push(`comment ${comment.id}: its text is empty`);
    if (comment.text !== undefined && text !== comment.text) {
      fidelity.push(
        `comment ${comment.id}: text ${JSON.stringify(text)}, expected ${JSON.stringify(comment.text)}`,
      );
    }
  }

  return { unsafe, links, fidelity, comments: root.querySelectorAll('li.comment').length };
}

export interface Visit {
  /** The console errors and warnings and page errors the page showed. */
  problems: string[];
  /** Dialogs, popups, unexpected requests and navigations away. */
  trapped: string[];
  /** Every trapped call in the page, as `name(first argument)`: a payload that fired. */
  fired: string[];
  findings: Findings;
}

/**
 * Opens the demo page, mounts thread `pageId` into a new element, waits until it shows
 * `expected.length` comments in its heading, fires events at it, scrolls through it, and
 * reports what it finds. The page may show only the problems `expectProblems` names.
 */
export async function visitThread(
  opener: Opener,
  server: RunningServer,
  pageId: string,
  expected: Expected[],
  expectProblems: readonly RegExp[] = [],
): Promise<Visit> {
  const watched = await openTrappedPage(opener, { viewport: VIEWPORT }, expectProblems);
  const { page, problems } = watched;
  const trapped = trap(page, server);
  try {
    const response = await page.goto(`${server.origin}${DEMO_PAGE}`);
    if (!response?.ok()) throw new Error(`the demo page answered HTTP ${response?.status()}`);
    await page.waitForFunction(() => window.LeaveAReply !== undefined, null, { timeout: WAIT });
    await page.evaluate(
      ({ origin, id, title }) => {
        const element = document.createElement('div');
        element.id = 'xss';
        document.body.append(element);
        window.LeaveAReply?.mount(element, {
          server: origin,
          pageId: id,
          pageUrl: `${origin}/`,
          pageTitle: title,
        });
      },
      { origin: server.origin, id: pageId, title: titleOf(pageId) },
    );
    const count = expected.length === 1 ? 'One thought' : `${expected.length} thoughts`;
    await page
      .locator('#xss')
      .getByRole('heading', { name: `${count} on "${titleOf(pageId)}"`, exact: true })
      .waitFor({ state: 'visible', timeout: WAIT });
    // The demo's own thread has loaded too, so every request the page makes has been made.
    await page
      .locator('.leave-a-reply-thread')
      .getByRole('heading', { name: 'Leave a Reply', exact: true })
      .waitFor({ state: 'visible', timeout: WAIT });

    await page.evaluate(fireEvents, EVENT_TYPES);
    await page.evaluate(settled);
    await sweep(page);

    const fired = await page.evaluate(() => (window as Traps).__xssFired ?? []);
    const findings = await page.evaluate(inspect, expected);
    return { problems: [...problems], trapped: [...trapped], fired, findings };
  } finally {
    await watched.close();
  }
}

/**
 * Registers a concurrent test for each thread of `xss` (a few at a time, each in a browser context
 * of its own) that renders it and finds it inert, then one test that every link in them has an
 * address. `describeCall` names a case that fired, e.g. by its number in a corpus.
 */
export function itRendersThreadsInert(
  harness: Pick<BrowserAndServers, 'open'>,
  server: () => RunningServer,
  xss: XssThreads,
  describeCall: (call: string) => string = (call) => call,
): void {
  const linksWithoutAddress: string[] = [];
  for (const [pageId, expected] of xss.threads) {
    it.concurrent(`renders thread ${pageId} inert: nothing fires, loads, or carries a handler`, async (test) => {
      const { trapped, fired, findings } = await visitThread(
        { harness, test },
        server(),
        pageId,
        expected,
      );
      linksWithoutAddress.push(...findings.links.map((link) => `${pageId} ${link}`));

      test.expect(findings.comments).toBe(expected.length);
      test.expect(findings.unsafe).toEqual([]);
      // Shown as written: names and websites exactly, the texts asked for exactly, none empty.
      test.expect(findings.fidelity).toEqual([]);
      // A case that fired is named.
      test.expect(fired.map(describeCall)).toEqual([]);
      test.expect(trapped).toEqual([]);
    });
  }

  it('gives every link in a comment an http(s) or mailto address', () => {
    // Filled by the thread tests above: a link whose address the sanitiser dropped is inert,
    // but it is still a link to nowhere in the middle of a reader's text.
    expect(linksWithoutAddress).toEqual([]);
  });
}

/** The steps of a live run, in order: a case's marker is first called at one of them. */
export type LiveStep = 'on-load' | 'on-event' | 'on-click';

/** A payload to run as the HTML of a page of its own, `id` being the number its marker passes. */
export interface LivePayload {
  id: number;
  live: string;
  fires: LiveStep | 'never';
}

/** What a trap logs when a live case calls its marker, as it is meant to. */
const MARKER_CALLED = /^console\.error: XSS fired: \w+\(\d+/;

/** Cases per page: each has a frame of its own, so that one cannot stop another. */
const LIVE_BATCH = 100;

/** Pages a live run keeps open at once. */
const LIVE_PAGES = 2;

/** How often a live run looks again for markers it waits for. */
const LIVE_POLL_MS = 20;

/** Puts each payload in a frame of its own (srcdoc), and resolves once every frame has loaded. */
function mountFrames(payloads: { id: number; live: string }[]): Promise<void> {
  return new Promise((resolve) => {
    let left = payloads.length;
    for (const { id, live } of payloads) {
      const frame = document.createElement('iframe');
      frame.id = `case-${id}`;
      frame.addEventListener(
        'load',
        () => {
          left--;
          if (left === 0) resolve();
        },
        { once: true },
      );
      frame.srcdoc = live;
      document.body.append(frame);
    }
  });
}

/** Fires, at every element of every frame, the events inline handlers listen for. */
function fireFrameEvents(types: string[]): void {
  for (const frame of document.querySelectorAll('iframe')) {
    const inner = frame.contentDocument;
    if (!inner) continue;
    for (const element of inner.querySelectorAll('*')) {
      for (const type of types) element.dispatchEvent(new Event(type, { bubbles: true }));
      (element as HTMLElement).focus?.();
    }
  }
}

/** Clicks every link, image-map area and button of every frame, as a reader would. */
function clickFrames(): void {
  for (const frame of document.querySelectorAll('iframe')) {
    for (const element of frame.contentDocument?.querySelectorAll('a, area, button') ?? []) {
      element.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    }
  }
}

/** Resolves when `condition` holds, or after WAIT (the caller then reports what is missing). */
async function until(condition: () => boolean): Promise<void> {
  const end = Date.now() + WAIT;
  while (!condition() && Date.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, LIVE_POLL_MS));
  }
}

/**
 * Runs each payload as the HTML of a page of its own, in Chromium with the traps above, where
 * the payloads may cause the problems `expectProblems` names (and their markers log): lets it
 * load, then fires events at its elements, then clicks its links and buttons, moving to the next
 * step once every payload expected to fire at this one has. Returns, for each payload that
 * fired, the step at which its marker was first called: a payload is known by its number, as
 * the trap logs it (markers in frames of another origin, such as data: documents, reach the
 * console though they cannot reach the top window).
 */
export async function runLive(
  harness: Pick<BrowserAndServers, 'open'>,
  payloads: readonly LivePayload[],
  expectProblems: readonly RegExp[],
): Promise<Map<number, LiveStep>> {
  const fired = new Map<number, LiveStep>();
  const batches: LivePayload[][] = [];
  for (let start = 0; start < payloads.length; start += LIVE_BATCH) {
    batches.push(payloads.slice(start, start + LIVE_BATCH));
  }
  // Two pages at a time: each spends much of its time waiting for frames to load.
  const workers = Array.from({ length: LIVE_PAGES }, async () => {
    for (let batch = batches.shift(); batch; batch = batches.shift()) {
      await runBatch({ harness }, batch, fired, [MARKER_CALLED, ...expectProblems]);
    }
  });
  await Promise.all(workers);
  return fired;
}

/** Runs one batch of payloads in a page of its own, recording what fired at which step. */
async function runBatch(
  opener: Opener,
  batch: readonly LivePayload[],
  fired: Map<number, LiveStep>,
  expectProblems: readonly RegExp[],
): Promise<void> {
  const watched = await openTrappedPage(opener, {}, expectProblems);
  const { page } = watched;
  let step: LiveStep = 'on-load';
  const record = (id: number) => {
    if (!fired.has(id)) fired.set(id, step);
  };
  page.on('console', (message) => {
    const call = /^XSS fired: \w+\((\d+)/.exec(message.text());
    if (call) record(Number(call[1]));
  });
  // A frame the init script did not reach would show a real dialog: it fired all the same.
  page.on('dialog', (dialog) => {
    record(Number.parseInt(dialog.message(), 10));
    dialog.dismiss().catch(() => {});
  });
  const firedAt = (at: LiveStep) =>
    batch.every((payload) => payload.fires !== at || fired.has(payload.id));
  try {
    await page.goto('about:blank');
    await page.evaluate(
      mountFrames,
      batch.map(({ id, live }) => ({ id, live })),
    );
    await until(() => firedAt('on-load'));
    step = 'on-event';
    await page.evaluate(fireFrameEvents, EVENT_TYPES);
    await until(() => firedAt('on-event'));
    step = 'on-click';
    await page.evaluate(clickFrames);
    await until(() => firedAt('on-click'));
    await page.evaluate(settled);
  } finally {
    await watched.close();
  }
}
