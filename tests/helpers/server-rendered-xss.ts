/**
 * What the browser tests of XSS payloads in the server's own HTML share: a thread whose comments
 * carry payloads, opened as readers get it without the widget, through both doors (the fragment
 * of GET /api/comments.html pasted into a host page, as a site's server or build includes it,
 * and the page at GET /thread) with JavaScript on and with it off, and searched for anything a
 * payload could have made live.
 *
 * The page's Content-Security-Policy is bypassed: it would block an injected handler before it
 * ran, or an injected image before it loaded, and a host page may have no policy; what is tested
 * is the markup. With JavaScript on, `alert`, `prompt`, `confirm`, `print` and `open` are
 * replaced by a trap that records the call: a payload that fires names itself by the number it
 * passes. With JavaScript off no script can run, and what an injection can still do is load
 * something or leave the page: every request the browser makes but for the page and its
 * stylesheets, every frame, navigation, dialog and popup is trapped, and requests for a marker
 * server (marker-server.ts) are seen by that server too. In both, the page's DOM is searched for
 * handlers, script addresses and elements that the thread does not make itself.
 */
import { expect, it, type TestContext } from 'vitest';
import type { BrowserAndServers, WatchedPage } from './browser-and-servers.ts';
import { type HostServer, htmlPage } from './host-server.ts';
import type { MarkerServer } from './marker-server.ts';
import type { RunningServer } from './server.ts';
import { fragmentOf, hostPageWith, threadPagePath } from './server-rendered.ts';
import { WAIT } from './widget-page.ts';
import { asReceived, type Expected, type Posted, type XssThreads } from './xss-threads.ts';
import { EVENT_TYPES, installTraps, settled, sweep, type Traps, VIEWPORT } from './xss-traps.ts';

/** Where a reader gets the server's HTML of a thread. */
export type Door = 'fragment' | 'thread page';

/** A door, and whether the browser runs JavaScript. */
export interface Mode {
  door: Door;
  javaScript: boolean;
}

/** Every door, with JavaScript on and off. */
export const MODES: readonly Mode[] = [
  { door: 'fragment', javaScript: true },
  { door: 'fragment', javaScript: false },
  { door: 'thread page', javaScript: true },
  { door: 'thread page', javaScript: false },
];

/** A mode as a test's name says it. */
export function modeName({ door, javaScript }: Mode): string {
  const where = door === 'fragment' ? 'the fragment in a host page' : 'the page at /thread';
  return `${where}, JavaScript ${javaScript ? 'on' : 'off'}`;
}

/** The page a thread is on: its address, and the title the page gives it. */
export interface ThreadPlace {
  url: string;
  title: string;
}

/** The servers a visit needs: the comments server, a host site, and the marker server. */
export interface Sites {
  server: RunningServer;
  host: HostServer;
  marker: MarkerServer;
}

/** Posts one comment on `place` through the real API; the status and, on 201, the comment. */
export async function postOn(
  server: RunningServer,
  place: ThreadPlace,
  fields: { name: string; email: string; website?: string; body: string },
) {
  const response = await server.app.inject({
    method: 'POST',
    url: '/api/comments',
    payload: { url: place.url, title: place.title, ...fields },
  });
  return {
    status: response.statusCode,
    posted: response.statusCode === 201 ? (response.json() as Posted) : null,
    error: response.statusCode === 201 ? null : (response.json() as { error: unknown }),
  };
}

/** How a page is opened for payloads: the harness's, with the test to check it in. */
export interface Opener {
  harness: Pick<BrowserAndServers, 'open'>;
  /** A concurrent test's context (see watchProblems); a test run alone needs none. */
  test?: Pick<TestContext, 'onTestFinished'>;
}

/** Fires, at every element of the page's body, the events inline handlers listen for. */
function fireEvents(types: string[]): void {
  for (const element of document.body.querySelectorAll('*')) {
    for (const type of types) element.dispatchEvent(new Event(type, { bubbles: true }));
  }
  for (const element of document.body.querySelectorAll<HTMLElement>('a, [tabindex]')) {
    element.focus();
  }
  (document.activeElement as HTMLElement | null)?.blur();
}

export interface Findings {
  /** What could run or load: handlers, script addresses, elements and attributes not allowed. */
  unsafe: string[];
  /** Links in comments without an http(s) or mailto address. */
  links: string[];
  /** Comments (and the title) not shown as written. */
  fidelity: string[];
  /** How many comments the thread shows. */
  comments: number;
}

/** What the search of a page is told: what it must show, and the server's own origin. */
interface Inspection {
  expected: Expected[];
  origin: string;
  /** Titles that the heading of a thread in the page must show as written. */
  titles: string[];
}

/** Searches the whole page for anything a payload could have made live. Runs in the page. */
function inspect({ expected, origin, titles }: Inspection): Findings {
  const STYLESHEETS = ['/thread.css', '/thread/page.css'];
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
    'noscript',
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
  /** The fields the server's form has, by name: any other control was not made by it. */
  const FORM_FIELDS = new Set([
    'body',
    'name',
    'email',
    'website',
    'homepage',
    'remember',
    'notify',
    'parent',
    'form',
    'url',
    'page',
    'title',
    'lang',
  ]);
  const inText = (element: Element) => element.closest('.content, .author') !== null;
  // What the server's pages and the host page put in <head> themselves.
  const ownHead = (element: Element) =>
    element.parentElement === document.head &&
    (element.localName === 'meta' ||
      (element.localName === 'link' &&
        element.getAttribute('rel') === 'icon' &&
        element.getAttribute('href') === 'data:,'));
  // Addresses as the browser resolves them: the fragment names the server's origin, its own page
  // at /thread names its own paths.
  const ownStylesheet = (element: Element) =>
    element instanceof HTMLLinkElement &&
    element.getAttribute('rel') === 'stylesheet' &&
    STYLESHEETS.includes(element.href.replace(origin, '')) &&
    element.attributes.length === 2;
  const ownForm = (element: Element) =>
    element instanceof HTMLFormElement &&
    element.matches('form.comment-form') &&
    element.getAttribute('method') === 'post' &&
    element.action === `${origin}/thread`;
  const ownControl = (element: Element) => {
    const form = element.closest('form');
    if (!form || !ownForm(form)) return false;
    if (element.localName === 'button') return element.getAttribute('type') === 'submit';
    return FORM_FIELDS.has(element.getAttribute('name') ?? '');
  };
  // The thread's own avatars, likes and the date an edit was made, never inside a text.
  const ownThreadPart = (element: Element) =>
    element.closest('.leave-a-reply') !== null &&
    element.matches(
      'svg.avatar, .comment-actions > button.like, .comment-meta > meta[itemprop="dateModified"]',
    );
  const isOwn = (element: Element) =>
    !inText(element) &&
    (ownHead(element) ||
      ownStylesheet(element) ||
      ownForm(element) ||
      ownControl(element) ||
      ownThreadPart(element));

  for (const element of document.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on')) {
        unsafe.push(`${where(element)} has ${name}=${JSON.stringify(attribute.value)}`);
      }
      // What a browser ignores in a URL's scheme: controls, whitespace, and the like.
      const squeezed = attribute.value.replace(/[\s\p{Cc}]/gu, '').toLowerCase();
      if (
        URL_ATTRIBUTES.has(name) &&
        /^(javascript|data|vbscript):/.test(squeezed) &&
        !ownHead(element)
      ) {
        unsafe.push(`${where(element)} has ${name}=${JSON.stringify(attribute.value)}`);
      }
      if (name === 'style' || name === 'http-equiv') {
        unsafe.push(`${where(element)} has ${name}=${JSON.stringify(attribute.value)}`);
      }
    }
    if (FORBIDDEN.has(element.localName) && !isOwn(element)) {
      unsafe.push(`${where(element)} is not allowed in the page`);
    }
  }

  // What the server's allowlist lets through in a comment's text, and nothing else.
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
  const checkLink = (link: Element) => {
    const rel = link.getAttribute('rel');
    if (rel !== 'nofollow ugc noopener')
      unsafe.push(`${where(link)} has rel=${JSON.stringify(rel)}`);
    const href = link.getAttribute('href');
    if (href === null || !/^(https?:\/\/|mailto:)/i.test(href)) {
      links.push(`${where(link)} "${link.textContent}" has href=${JSON.stringify(href)}`);
    }
  };
  for (const content of document.querySelectorAll('.comment-body .content')) {
    for (const element of content.querySelectorAll('*')) {
      if (!CONTENT_TAGS.has(element.localName)) {
        unsafe.push(`${where(element)} is not allowed in a comment's text`);
      }
      const allowed = CONTENT_ATTRIBUTES[element.localName] ?? [];
      for (const attribute of element.attributes) {
        if (!allowed.includes(attribute.name)) {
          unsafe.push(`${where(element)} has ${attribute.name} in a comment's text`);
        }
      }
      if (element.localName === 'a') checkLink(element);
    }
  }
  // A name is its text, linked to the author's website when there is one.
  for (const author of document.querySelectorAll('.comment-body .author')) {
    for (const element of author.querySelectorAll('*')) {
      const allowed =
        element.localName === 'a'
          ? ['href', 'rel', 'itemprop']
          : element.localName === 'span'
            ? ['itemprop']
            : null;
      if (!allowed) {
        unsafe.push(`${where(element)} is not allowed in a name`);
        continue;
      }
      for (const attribute of element.attributes) {
        if (!allowed.includes(attribute.name)) {
          unsafe.push(`${where(element)} has ${attribute.name} in a name`);
        }
      }
      if (element.localName === 'a') checkLink(element);
    }
  }

  // What an HTML parser makes of text: CR and CRLF are LF, a NUL is dropped between tags and
  // read as U+FFFD in an attribute's value. A page cannot carry them otherwise, escaped or not.
  const asParsedText = (text: string) => text.replace(/\r\n?/g, '\n').replace(/\0/g, '');
  const asParsedValue = (text: string) => text.replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD');
  const roots = document.querySelectorAll('.leave-a-reply[data-server-rendered]');
  if (roots.length === 0) fidelity.push('the page shows no server-rendered thread');
  for (const comment of expected) {
    const item = document.getElementById(`comment-${comment.id}`);
    if (!item) {
      fidelity.push(`comment ${comment.id} is not shown`);
      continue;
    }
    const author = item.querySelector(':scope > .comment-body .author');
    if (author?.textContent !== asParsedText(comment.name)) {
      fidelity.push(
        `comment ${comment.id}: name ${JSON.stringify(author?.textContent)}, expected ${JSON.stringify(comment.name)}`,
      );
    }
    const link = author?.querySelector('a');
    const website = comment.website === null ? null : asParsedValue(comment.website);
    if ((link?.getAttribute('href') ?? null) !== website) {
      fidelity.push(
        `comment ${comment.id}: website ${JSON.stringify(link?.getAttribute('href'))}, expected ${JSON.stringify(comment.website)}`,
      );
    }
    const text = item.querySelector(':scope > .comment-body .content')?.textContent?.trim() ?? '';
    if (text === '') fidelity.push(`comment ${comment.id}: its text is empty`);
    if (comment.text !== undefined && text !== asParsedText(comment.text)) {
      fidelity.push(
        `comment ${comment.id}: text ${JSON.stringify(text)}, expected ${JSON.stringify(comment.text)}`,
      );
    }
  }
  const headings = [...document.querySelectorAll('.leave-a-reply h2.count')].map(
    (heading) => heading.textContent ?? '',
  );
  for (const title of titles) {
    if (!headings.some((heading) => heading.includes(asParsedText(title)))) {
      fidelity.push(`no heading shows the title ${JSON.stringify(title)} as written`);
    }
  }
  return { unsafe, links, fidelity, comments: document.querySelectorAll('li.comment').length };
}

export interface Visit {
  /** Unexpected requests, frames, navigations, dialogs and popups. */
  trapped: string[];
  /** Every trapped call in the page, as `name(first argument)`: a payload that fired. */
  fired: string[];
  findings: Findings;
}

/** One thread to open, with `extra` in its query (a reflected case's). */
export interface Visiting {
  place: ThreadPlace;
  expected: Expected[];
  /** Whether the heading must show the place's title as written. */
  checkTitle?: boolean;
  extra?: Record<string, string>;
}

let hostPages = 0;

/**
 * Opens the threads of `visitings` through `mode`'s door (the fragments of all of them pasted
 * into one host page, or each thread's page at /thread in turn), lets each page load (and,
 * with JavaScript on, fires events at it and sweeps the mouse across it), and reports what it
 * finds, all pages together. The pages may show only the problems `expectProblems` names.
 */
export async function visitRendered(
  opener: Opener,
  sites: Sites,
  mode: Mode,
  visitings: readonly Visiting[],
  expectProblems: readonly RegExp[] = [],
): Promise<Visit> {
  const { server, host } = sites;
  const queryOf = ({ place, extra }: Visiting) => ({
    url: place.url,
    title: place.title,
    ...extra,
  });
  // A title as the server takes it, from a post or a query: a NUL as U+FFFD.
  const titlesOf = (some: readonly Visiting[]) =>
    some.filter((each) => each.checkTitle).map((each) => asReceived(each.place.title).trim());
  if (mode.door === 'fragment') {
    // As a site's own server or build would: each fragment fetched, and pasted into its page.
    const fragments = await Promise.all(
      visitings.map((visiting) => fragmentOf(server, queryOf(visiting))),
    );
    hostPages++;
    const path = `/rendered/${hostPages}`;
    host.setPage(
      path,
      htmlPage({ title: 'A host page', body: hostPageWith(fragments.join('\n'), 'A post') }),
    );
    return searchPage(opener, sites, mode, host.url(path), {
      expected: visitings.flatMap((each) => each.expected),
      titles: titlesOf(visitings),
      expectProblems,
    });
  }
  const visits: Visit[] = [];
  for (const visiting of visitings) {
    visits.push(
      await searchPage(
        opener,
        sites,
        mode,
        `${server.origin}${threadPagePath(queryOf(visiting))}`,
        {
          expected: visiting.expected,
          titles: titlesOf([visiting]),
          expectProblems,
        },
      ),
    );
  }
  return {
    trapped: visits.flatMap((visit) => visit.trapped),
    fired: visits.flatMap((visit) => visit.fired),
    findings: {
      unsafe: visits.flatMap((visit) => visit.findings.unsafe),
      links: visits.flatMap((visit) => visit.findings.links),
      fidelity: visits.flatMap((visit) => visit.findings.fidelity),
      comments: visits.reduce((sum, visit) => sum + visit.findings.comments, 0),
    },
  };
}

/** Opens `address` in a page of its own as `mode` says, and searches it. */
async function searchPage(
  opener: Opener,
  { server }: Sites,
  mode: Mode,
  address: string,
  {
    expected,
    titles,
    expectProblems,
  }: { expected: Expected[]; titles: string[]; expectProblems: readonly RegExp[] },
): Promise<Visit> {
  // The page, and the stylesheets of the thread (and of the page at /thread): nothing else.
  const expectedRequests = new Set([
    address,
    `${server.origin}/thread.css`,
    `${server.origin}/thread/page.css`,
  ]);
  const watched: WatchedPage = await opener.harness.open(
    { bypassCSP: true, javaScriptEnabled: mode.javaScript, viewport: VIEWPORT },
    opener.test,
  );
  watched.expectProblems(...expectProblems);
  const { page, context } = watched;
  if (mode.javaScript) await context.addInitScript(installTraps);
  const trapped: string[] = [];
  context.on('request', (request) => {
    if (!expectedRequests.has(request.url())) {
      trapped.push(`unexpected request: ${request.method()} ${request.url()}`);
    }
  });
  context.on('page', (opened) => {
    if (opened !== page) trapped.push(`popup: ${opened.url()}`);
  });
  page.on('dialog', (dialog) => {
    trapped.push(`dialog (${dialog.type()}): ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  page.on('frameattached', (frame) => trapped.push(`a frame: ${frame.url()}`));
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame() && frame.url() !== address) {
      trapped.push(`navigated away to ${frame.url()}`);
    }
  });
  try {
    // Until the page has loaded and then the network is quiet: what the page loads, and where a
    // refresh takes it, is asked for by then. Playwright's network idle alone can come before the
    // end of a long document's parsing, on a busy machine, and would leave comments unseen.
    const response = await page.goto(address, { waitUntil: 'load', timeout: WAIT });
    await page.waitForLoadState('networkidle', { timeout: WAIT });
    expect(response?.status(), address).toBe(200);
    let fired: string[] = [];
    if (mode.javaScript) {
      await page.evaluate(fireEvents, EVENT_TYPES);
      await page.evaluate(settled);
      await sweep(page);
      await page.evaluate(settled);
      fired = await page.evaluate(() => (window as Traps).__xssFired ?? []);
    }
    const findings = await page.evaluate(inspect, { expected, origin: server.origin, titles });
    return { trapped: [...trapped], fired, findings };
  } finally {
    await watched.close();
  }
}

/** A place's threads: what each must show, by the id XssThreads keeps it under. */
export interface RenderedThreads {
  xss: XssThreads;
  places: Map<string, ThreadPlace>;
}

/**
 * Registers, for each thread of `threads` and each mode, a concurrent test that opens it and
 * finds it inert, then one that every link in them has an address. `describeCall` names a case
 * that fired.
 */
export function itRendersServerThreadsInert(
  harness: Pick<BrowserAndServers, 'open'>,
  sites: () => Sites,
  { xss, places }: RenderedThreads,
  describeCall: (call: string) => string = (call) => call,
): void {
  const linksWithoutAddress = new Set<string>();
  for (const [id, expected] of xss.threads) {
    for (const mode of MODES) {
      it.concurrent(`shows thread ${id} inert through ${modeName(mode)}`, async (test) => {
        const place = places.get(id) as ThreadPlace;
        const { trapped, fired, findings } = await visitRendered({ harness, test }, sites(), mode, [
          { place, expected },
        ]);
        for (const link of findings.links) linksWithoutAddress.add(`${id} ${link}`);
        // Shown as written, first, as it names a comment missing: names and websites exactly,
        // the texts asked for exactly, none empty.
        test.expect(findings.fidelity).toEqual([]);
        test.expect(findings.comments).toBe(expected.length);
        test.expect(findings.unsafe).toEqual([]);
        test.expect(fired.map(describeCall)).toEqual([]);
        test.expect(trapped).toEqual([]);
      });
    }
  }

  it('gives every link in a comment an http(s) or mailto address', () => {
    // Filled by the thread tests above: a link whose address the sanitiser dropped is inert,
    // but it is still a link to nowhere in the middle of a reader's text.
    expect([...linksWithoutAddress]).toEqual([]);
  });
}
