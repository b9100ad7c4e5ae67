/** Headless Chromium from the system, driven by playwright-core, recording every page's problems. */
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type ConsoleMessage,
  chromium,
  type Page,
} from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/** Launches Chromium with the usual switches, and `extraArgs` after them. */
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, ...extraArgs],
    headless: true,
  });
}

/**
 * A console message of `type` as a problem line, e.g. "console.error: …"; null for a message
 * that is not one (a log, an info). Puppeteer calls a warning "warn", Playwright "warning".
 */
export function consoleProblem(type: string, text: string): string | null {
  if (type === 'error') return `console.error: ${text}`;
  if (type === 'warning' || type === 'warn') return `console.warning: ${text}`;
  return null;
}

/**
 * A problem line for `message`. Chromium's "Failed to load resource" does not say what failed to
 * load; the message's location does, and is added, so that a test expecting one failed request
 * (e.g. the dashboard's 401 from /api/admin/session) lets by that one and no other.
 */
function chromiumProblem(message: ConsoleMessage): string | null {
  const text = message.text();
  const failed = text.startsWith('Failed to load resource') ? ` (${message.location().url})` : '';
  return consoleProblem(message.type(), `${text}${failed}`);
}

/**
 * What Chromium logs when a request for `path` (on any origin, with any query) is answered
 * `status`, e.g. failedLoad('401 (Unauthorized)', '/api/admin/session'), or fails altogether,
 * e.g. failedLoad('net::ERR_FAILED', '/api/comments'): for a test's expectProblems.
 */
export function failedLoad(status: string, path: string): RegExp {
  const quote = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const answer = status.startsWith('net::')
    ? quote(status)
    : `the server responded with a status of ${quote(status)}`;
  return new RegExp(
    `^console\\.error: Failed to load resource: ${answer} \\(https?://[^/]+${quote(path)}(\\?[^)]*)?\\)$`,
  );
}

/**
 * Chromium's notes that it ignores a header it honours only on https or localhost, on a page
 * reached over plain http by another name. The server still sends those headers over http:
 * behind a TLS proxy that TRUST_PROXY does not name, an https page looks like http to the
 * server, and the headers protect it there.
 */
export const INSECURE_ORIGIN_NOTES = [
  /^console\.error: The Cross-Origin-Opener-Policy header has been ignored, because the URL's origin was untrustworthy/,
  /^console\.warning: The page requested an origin-keyed agent cluster using the Origin-Agent-Cluster header, but could not be origin-keyed/,
];

export interface OpenedPage {
  page: Page;
  context: BrowserContext;
  /** Console errors and warnings, and uncaught page errors, of every page of the context so far. */
  problems: string[];
}

/**
 * Opens a page in a fresh context with `options` (colour scheme, viewport, …) that records every
 * console error or warning and page error of its pages, popups included. Tests open pages through
 * their harness (browser-and-servers.ts), which fails a test on what is recorded here.
 */
export async function openPage(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<OpenedPage> {
  const context = await browser.newContext(options);
  const problems: string[] = [];
  const recorded = new WeakSet<Page>();
  const record = (page: Page) => {
    if (recorded.has(page)) return;
    recorded.add(page);
    page.on('console', (message) => {
      const line = chromiumProblem(message);
      if (line) problems.push(line);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  };
  context.on('page', record);
  const page = await context.newPage();
  record(page);
  return { page, context, problems };
}
