/**
 * One browser, any of the three engines readers use, behind the same few calls: Chromium through
 * playwright-core, Firefox ESR through puppeteer-core over WebDriver BiDi, and WebKitGTK (Safari's
 * engine) through its WebDriver service with MiniBrowser under Xvfb, driven by selenium-webdriver.
 * All three come from Debian's packages; nothing is downloaded. A test written against EnginePage
 * runs unchanged in each: see `describeEngines` in engine-suite.ts.
 *
 * Elements are named by a Target, looked for in the document and in every open shadow root, so
 * that the widget's inside is reached as readers' clicks reach it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type {
  Browser as PlaywrightBrowser,
  ElementHandle as PlaywrightElement,
} from 'playwright-core';
import type {
  Browser as PuppeteerBrowser,
  ElementHandle as PuppeteerElement,
  Page as PuppeteerPage,
} from 'puppeteer-core';
import type { WebDriver, WebElement } from 'selenium-webdriver';
import { consoleProblem, launchBrowser, openPage } from './browser.ts';

export type EngineName = 'chromium' | 'firefox' | 'webkit';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const WEBKIT_DRIVER_PATH = process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver';
export const MINIBROWSER_PATH =
  process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const XVFB_RUN = '/usr/bin/xvfb-run';

/** What each engine needs on this machine, to say plainly why it is skipped when it is. */
const NEEDS: Record<EngineName, string[]> = {
  chromium: [process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'],
  firefox: [FIREFOX_PATH],
  webkit: [WEBKIT_DRIVER_PATH, MINIBROWSER_PATH, XVFB_RUN],
};

/** The files `engine` needs that this machine lacks; empty when it can run. */
export function missingFor(engine: EngineName): string[] {
  return NEEDS[engine].filter((path) => !existsSync(path));
}

/** How long one condition in the page may take before a test fails. */
export const ENGINE_WAIT = 15_000;

export interface PageOptions {
  colorScheme?: 'light' | 'dark';
  /** The viewport's width and height in CSS pixels; 1280 × 800 unless given. */
  width?: number;
  height?: number;
}

/**
 * An element anywhere in the page, shadow roots included: a CSS selector (matched inside each
 * tree), optionally only among elements whose whitespace-collapsed text is `text`, and the
 * `nth` (from 0) of those in document order.
 */
export type Target = string | { css: string; text?: string; nth?: number };

export interface EnginePage {
  readonly engine: EngineName;
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  /** Runs `fn` in the page with serialisable `args` and returns its (awaited) result. */
  evaluate<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Promise<Awaited<R>>;
  /** Runs a whole script's source in the page, as a <script> would (e.g. a library's build). */
  runScript(source: string): Promise<void>;
  /** Waits until `fn` returns something truthy in the page, and returns that. */
  waitUntil<A extends unknown[], R>(
    what: string,
    fn: (...args: A) => R,
    ...args: A
  ): Promise<Awaited<R>>;
  /** Waits until `target` is in the page and rendered (it has a box). */
  visible(target: Target): Promise<void>;
  /** Waits until `target` is gone from the page or no longer rendered. */
  gone(target: Target): Promise<void>;
  /** How many elements `target`'s selector (and text) match, rendered or not. */
  count(target: Target): Promise<number>;
  /** The element's text as rendered (innerText), once it is visible. */
  text(target: Target): Promise<string>;
  /** The value of a form field. */
  value(target: Target): Promise<string>;
  click(target: Target): Promise<void>;
  /** Replaces a field's value with `text`, typed key by key. */
  type(target: Target, text: string): Promise<void>;
  /** Presses a key, or a chord such as "Shift+Tab", on whatever has the focus. */
  press(key: string): Promise<void>;
  /** Saves what the viewport shows as a PNG at `path`. */
  screenshot(path: string): Promise<void>;
  /** Console errors and warnings and uncaught errors seen so far (see `problems` below). */
  problems(): Promise<string[]>;
  close(): Promise<void>;
}

export interface Engine {
  readonly name: EngineName;
  /** The browser's own name and version, e.g. "Firefox 153.8.0esr". */
  readonly version: string;
  /** A new page in a fresh profile: no cookies, no storage from other pages. */
  open(options?: PageOptions): Promise<EnginePage>;
  close(): Promise<void>;
}

export interface EngineOptions {
  /**
   * An HTTP proxy (e.g. http://127.0.0.1:43121) for every request to a host other than
   * localhost or a loopback address, http and https alike: with startLoopbackProxy
   * (loopback-proxy.ts), pages are reached by a name like dashboard.test, as on a LAN.
   */
  proxy?: string;
}

export function launchEngine(name: EngineName, options: EngineOptions = {}): Promise<Engine> {
  if (name === 'chromium') return launchChromium(options);
  if (name === 'firefox') return launchFirefox(options);
  return launchWebKit(options);
}

// ---------------------------------------------------------------------------------------------
// In the page. Functions below are sent to the browser as source: each stands alone.

/**
 * Looks `css` (and `text`) up in the document and every open shadow root below it, and answers
 * either the `nth` match itself or what tests read of it. It stands alone, as it is sent to the
 * page as source; it uses no eval, which a strict Content-Security-Policy would refuse.
 */
function pageLookup(css: string, text: string | null, nth: number, want: 'element' | 'state') {
  const found: Element[] = [];
  const visit = (root: Document | ShadowRoot) => {
    for (const element of root.querySelectorAll('*')) {
      if (
        element.matches(css) &&
        (text === null || (element.textContent ?? '').replace(/\s+/g, ' ').trim() === text)
      ) {
        found.push(element);
      }
      if (element.shadowRoot) visit(element.shadowRoot);
    }
  };
  visit(document);
  const element = found[nth] as HTMLElement | undefined;
  if (want === 'element') return element ?? null;
  return {
    count: found.length,
    shown: Boolean(element && element.getClientRects().length > 0),
    // biome-ignore lint/performance/useDomNodeTextContent: the text as a reader sees it, without hidden parts.
    text: element ? (element.innerText ?? element.textContent ?? '') : '',
    value: element && 'value' in element ? String((element as HTMLInputElement).value) : '',
  };
}

interface ElementState {
  count: number;
  shown: boolean;
  text: string;
  value: string;
}

function lookupArgs(target: Target, want: 'element' | 'state') {
  return typeof target === 'string'
    ? ([target, null, 0, want] as const)
    : ([target.css, target.text ?? null, target.nth ?? 0, want] as const);
}

function describe(target: Target): string {
  if (typeof target === 'string') return target;
  return `${target.css}${target.text === undefined ? '' : ` with text "${target.text}"`}${target.nth ? ` (#${target.nth})` : ''}`;
}

/**
 * Records console errors and warnings, uncaught errors and refused content in the page itself,
 * for WebKit, whose WebDriver service reports none of them. Host pages load it first of all (see
 * RECORDER_PATH in host-server.ts); on other pages it is put in once the page has loaded.
 */
export function recordProblems(): void {
  const record = window as unknown as { __problems?: string[] };
  if (record.__problems) return;
  const problems: string[] = [];
  record.__problems = problems;
  for (const [method, level] of [
    ['error', 'error'],
    ['warn', 'warning'],
  ] as const) {
    const original = console[method];
    console[method] = (...args: unknown[]) => {
      problems.push(`console.${level}: ${args.map(String).join(' ')}`);
      original.apply(console, args);
    };
  }
  addEventListener(
    'error',
    (event: Event) => {
      if (event instanceof ErrorEvent) problems.push(`page error: ${event.message}`);
      else {
        const element = event.target as Element | null;
        problems.push(
          `failed to load: ${element?.getAttribute('src') ?? element?.getAttribute('href')}`,
        );
      }
    },
    true,
  );
  addEventListener('unhandledrejection', (event) => problems.push(`page error: ${event.reason}`));
  document.addEventListener('securitypolicyviolation', (event) =>
    problems.push(`refused by CSP: ${event.violatedDirective} ${event.blockedURI}`),
  );
}

/** The recorder's source as a script file, for host pages to load before anything else. */
export const RECORDER_SCRIPT = `(${recordProblems.toString()})();\n`;

// ---------------------------------------------------------------------------------------------
// What every engine's page shares: waiting, and reading elements through pageLookup.

interface Driver {
  engine: EngineName;
  evaluate<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Promise<Awaited<R>>;
}

async function waitFor<T>(what: string, check: () => Promise<T>): Promise<NonNullable<T>> {
  const deadline = Date.now() + ENGINE_WAIT;
  let last: unknown;
  for (;;) {
    try {
      const result = await check();
      if (result) return result;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`Waited ${ENGINE_WAIT} ms for ${what}${last ? `: ${String(last)}` : ''}`);
    }
    await sleep(50);
  }
}

function state(driver: Driver, target: Target): Promise<ElementState> {
  return driver.evaluate(pageLookup, ...lookupArgs(target, 'state')) as Promise<ElementState>;
}

/** How each driver says an element it found was replaced (a re-render) before it acted on it. */
const REPLACED = /not attached to the DOM|detached|stale ?element|no such node/i;

/**
 * Runs an act on an element again, from finding it, when the element was replaced between being
 * found and being acted on: the drivers refuse such an act before doing anything, so a retry does
 * not click or type twice.
 */
async function onFreshElement(act: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await act();
    } catch (error) {
      if (attempt >= 5 || !REPLACED.test(String(error))) throw error;
    }
  }
}

/** The calls of EnginePage that are the same in every engine, built on `evaluate`. */
function commonCalls(
  driver: Driver,
): Pick<EnginePage, 'waitUntil' | 'visible' | 'gone' | 'count' | 'text' | 'value'> {
  return {
    waitUntil<A extends unknown[], R>(what: string, fn: (...args: A) => R, ...args: A) {
      return waitFor(`${what} (${driver.engine})`, () => driver.evaluate(fn, ...args));
    },
    async visible(target: Target) {
      await waitFor(`${describe(target)} to show (${driver.engine})`, async () =>
        (await state(driver, target)).shown ? true : null,
      );
    },
    async gone(target: Target) {
      await waitFor(`${describe(target)} to go (${driver.engine})`, async () =>
        (await state(driver, target)).shown ? null : true,
      );
    },
    async count(target: Target) {
      return (await state(driver, target)).count;
    },
    async text(target: Target): Promise<string> {
      const shown = await waitFor(`${describe(target)} to show (${driver.engine})`, async () => {
        const found = await state(driver, target);
        return found.shown ? found : null;
      });
      return (shown as ElementState).text;
    },
    async value(target: Target) {
      return (await state(driver, target)).value;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Chromium and Firefox: Playwright's and Puppeteer's pages answer the same calls.

/** What the pages of playwright-core and of puppeteer-core share, as this file uses them. */
interface ScriptedPage {
  goto(url: string): Promise<unknown>;
  reload(): Promise<unknown>;
  evaluate(source: string): Promise<unknown>;
  evaluateHandle(source: string): Promise<{ asElement(): unknown }>;
  screenshot(options: { path: string }): Promise<unknown>;
}

/** How one driver types into a field it found and presses keys: what differs between the two. */
interface Keys<Field> {
  type(field: Field, text: string): Promise<void>;
  press(key: string): Promise<void>;
}

/** `fn` called with `args`, as source: the DevTools protocol and BiDi run it whatever the CSP. */
function callSource(fn: (...args: never[]) => unknown, args: readonly unknown[]): string {
  return `(${fn.toString()})(...${JSON.stringify(args)})`;
}

/** An EnginePage over a Playwright or a Puppeteer page, typing and pressing keys as `keys` do. */
function scriptedPage<Field extends { click(): Promise<void> }>(
  engine: 'chromium' | 'firefox',
  page: ScriptedPage,
  keys: Keys<Field>,
  problems: string[],
  close: () => Promise<void>,
): EnginePage {
  const driver: Driver = {
    engine,
    evaluate: (fn, ...args) => page.evaluate(callSource(fn, args)) as never,
  };
  const element = async (target: Target) => {
    await commonCalls(driver).visible(target);
    const handle = (
      await page.evaluateHandle(callSource(pageLookup, lookupArgs(target, 'element')))
    ).asElement() as Field | null;
    if (!handle) throw new Error(`${describe(target)} is not in the page (${engine})`);
    return handle;
  };
  return {
    engine,
    ...commonCalls(driver),
    evaluate: driver.evaluate,
    goto: async (url) => {
      await page.goto(url);
    },
    reload: async () => {
      await page.reload();
    },
    runScript: async (source) => {
      await page.evaluate(source);
    },
    click: (target) => onFreshElement(async () => (await element(target)).click()),
    type: (target, text) => onFreshElement(async () => keys.type(await element(target), text)),
    press: (key) => keys.press(key),
    screenshot: async (path) => {
      await page.screenshot({ path });
    },
    problems: async () => [...problems],
    close,
  };
}

// Chromium, through playwright-core (as the rest of the browser tests).

async function launchChromium({ proxy }: EngineOptions): Promise<Engine> {
  // Chromium sends loopback addresses past a proxy unless told otherwise, as the option says.
  const browser: PlaywrightBrowser = await launchBrowser(proxy ? [`--proxy-server=${proxy}`] : []);
  return {
    name: 'chromium',
    version: `Chromium ${browser.version()}`,
    async open(options = {}) {
      const { page, context, problems } = await openPage(browser, {
        colorScheme: options.colorScheme ?? 'light',
        viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
      });
      const keys: Keys<PlaywrightElement<HTMLInputElement>> = {
        type: async (field, text) => {
          await field.fill('');
          await field.type(text);
        },
        press: (key) => page.keyboard.press(key),
      };
      return scriptedPage('chromium', page, keys, problems, () => context.close());
    },
    close: () => browser.close(),
  };
}

// Firefox ESR, through puppeteer-core over WebDriver BiDi.

/** Firefox's preference for the colour scheme pages see: 0 dark, 1 light. */
const FIREFOX_SCHEME = { dark: 0, light: 1 } as const;

/** Firefox's preferences for a manual proxy, for http and https; it never proxies loopback. */
function firefoxProxyPrefs(proxy: string | undefined): Record<string, string | number> {
  if (!proxy) return {};
  const { hostname, port } = new URL(proxy);
  return {
    'network.proxy.type': 1,
    'network.proxy.http': hostname,
    'network.proxy.http_port': Number(port),
    'network.proxy.ssl': hostname,
    'network.proxy.ssl_port': Number(port),
  };
}

async function launchFirefox({ proxy }: EngineOptions): Promise<Engine> {
  const { default: puppeteer } = await import('puppeteer-core');
  // A colour scheme is a preference of the whole browser in Firefox: one browser per scheme,
  // the dark one started only when a test asks for it.
  const browsers = new Map<'light' | 'dark', Promise<PuppeteerBrowser>>();
  const browserFor = (scheme: 'light' | 'dark') => {
    let browser = browsers.get(scheme);
    if (!browser) {
      browser = puppeteer.launch({
        browser: 'firefox',
        executablePath: FIREFOX_PATH,
        headless: true,
        extraPrefsFirefox: {
          'layout.css.prefers-color-scheme.content-override': FIREFOX_SCHEME[scheme],
          // No updates, telemetry or remote settings: the network here reaches nothing else.
          'app.update.enabled': false,
          'browser.shell.checkDefaultBrowser': false,
          'datareporting.policy.dataSubmissionEnabled': false,
          'network.captive-portal-service.enabled': false,
          ...firefoxProxyPrefs(proxy),
        },
      });
      browsers.set(scheme, browser);
    }
    return browser;
  };
  const first = await browserFor('light');
  const version = (await first.version()).replace(/^firefox\//i, 'Firefox ');
  return {
    name: 'firefox',
    version,
    async open(options = {}) {
      const browser = await browserFor(options.colorScheme ?? 'light');
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await setFirefoxViewport(page, options.width ?? 1280, options.height ?? 800);
      const problems: string[] = [];
      page.on('console', (message) => {
        const line = consoleProblem(message.type(), message.text());
        if (line) problems.push(line);
      });
      page.on('pageerror', (error) =>
        problems.push(`page error: ${error instanceof Error ? error.message : String(error)}`),
      );
      return scriptedPage('firefox', page, firefoxKeys(page), problems, () => context.close());
    },
    async close() {
      await Promise.all([...browsers.values()].map(async (browser) => (await browser).close()));
    },
  };
}

/** Puppeteer types into a field it selects first, and presses a chord key by key. */
function firefoxKeys(page: PuppeteerPage): Keys<PuppeteerElement<HTMLInputElement>> {
  return {
    type: async (field, text) => {
      await field.evaluate((node) => {
        (node as HTMLInputElement).focus();
        (node as HTMLInputElement).select();
      });
      if (text) await field.type(text);
      else await page.keyboard.press('Backspace');
    },
    press: async (key) => {
      const keys = key.split('+') as Parameters<typeof page.keyboard.press>[0][];
      const main = keys.pop() as (typeof keys)[number];
      for (const modifier of keys) await page.keyboard.down(modifier);
      await page.keyboard.press(main);
      for (const modifier of keys.reverse()) await page.keyboard.up(modifier);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// WebKitGTK, through WebKitWebDriver and MiniBrowser under Xvfb, driven by selenium-webdriver.

/** A port nothing listens on now, on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** One WebKitWebDriver service on its own Xvfb display, and whether a page uses it now. */
interface WebKitService {
  address: string;
  busy: boolean;
  stop(): void;
}

/**
 * Starts WebKitWebDriver under xvfb-run, which gives it (and the MiniBrowsers it starts) a
 * display of their own. The service listens on loopback only.
 */
async function startWebKitService(): Promise<WebKitService> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    XVFB_RUN,
    [
      '-a',
      '-s',
      '-screen 0 1600x1200x24',
      WEBKIT_DRIVER_PATH,
      `--port=${port}`,
      '--host=127.0.0.1',
    ],
    { detached: true, stdio: 'ignore' },
  );
  const stop = () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  };
  // A test process that ends without closing its engine (a crash, a timed-out worker) takes
  // the service and its display with it rather than leaving them to run on.
  process.once('exit', stop);
  const address = `http://127.0.0.1:${port}`;
  try {
    await waitFor('WebKitWebDriver to listen', async () => (await fetch(`${address}/status`)).ok);
  } catch (error) {
    stop();
    throw error;
  }
  return { address, busy: false, stop };
}

async function launchWebKit({ proxy }: EngineOptions): Promise<Engine> {
  const { WebDriver } = await import('selenium-webdriver');
  const { Executor, HttpClient } = await import('selenium-webdriver/http');
  // A WebKitWebDriver service drives one session at a time ("Maximum number of active
  // sessions"): a test with two readers' pages open at once gets a second service.
  const services: WebKitService[] = [await startWebKitService()];
  const idleService = async () => {
    let service = services.find((each) => !each.busy);
    if (!service) {
      service = await startWebKitService();
      services.push(service);
    }
    service.busy = true;
    return service;
  };
  // Each page is a session of its own: a MiniBrowser process with a fresh, ephemeral profile.
  const newSession = (service: WebKitService, options: PageOptions): Promise<WebDriver> =>
    WebDriver.createSession(new Executor(new HttpClient(service.address)), {
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': {
        binary: MINIBROWSER_PATH,
        args: [
          '--automation',
          ...(options.colorScheme === 'dark' ? ['--dark-mode'] : []),
          // MiniBrowser would send loopback through the proxy too: it is named to go direct.
          ...(proxy ? [`--proxy=${proxy}`, '--ignore-host=localhost,127.0.0.1,::1'] : []),
        ],
      },
    }) as unknown as Promise<WebDriver>;

  const sessions = new Set<WebDriver>();
  const openSession = async (options: PageOptions) => {
    const service = await idleService();
    try {
      const driver = await newSession(service, options);
      sessions.add(driver);
      return {
        driver,
        quit: async () => {
          sessions.delete(driver);
          try {
            await driver.quit();
          } finally {
            service.busy = false;
          }
        },
      };
    } catch (error) {
      service.busy = false;
      throw error;
    }
  };
  const probe = await openSession({});
  const version = `WebKitGTK ${(await probe.driver.getCapabilities()).get('browserVersion')}`;
  await probe.quit();

  return {
    name: 'webkit',
    version,
    async open(options = {}) {
      const { driver, quit } = await openSession(options);
      const width = options.width ?? 1280;
      const height = options.height ?? 800;
      const framed = !(await sizeViewport(driver, width, height));
      return webdriverPage(driver, framed ? { width, height } : null, quit);
    },
    async close() {
      await Promise.allSettled([...sessions].map((driver) => driver.quit()));
      for (const service of services) service.stop();
    },
  };
}

/**
 * Sets a Firefox page's viewport. Puppeteer sets the screen's orientation with it, a command
 * Firefox ESR 140 (Debian 12's) does not know: the viewport is set all the same, as is checked.
 */
async function setFirefoxViewport(page: PuppeteerPage, width: number, height: number) {
  try {
    await page.setViewport({ width, height });
  } catch (error) {
    if (!/unknown command emulation\.setScreenOrientationOverride/.test(String(error))) throw error;
    // Sent together with the refused command, the viewport's may be answered a moment later.
    const until = Date.now() + 5_000;
    for (;;) {
      const size = await page.evaluate(() => [window.innerWidth, window.innerHeight]);
      if (size[0] === width && size[1] === height) return;
      if (Date.now() > until)
        throw new Error(`The viewport is ${size.join(' × ')}, not ${width} × ${height}.`);
      await sleep(50);
    }
  }
}

/**
 * Sizes the window so that the viewport (not the window around it) is width × height. False when
 * the window cannot be that narrow: MiniBrowser's toolbar keeps it some 450 px wide at least.
 */
async function sizeViewport(driver: WebDriver, width: number, height: number): Promise<boolean> {
  const viewport = async () =>
    (await driver.executeScript('return [innerWidth, innerHeight]')) as [number, number];
  await driver.manage().window().setRect({ width, height, x: 0, y: 0 });
  const [innerWidth, innerHeight] = await viewport();
  if (innerWidth === width && innerHeight === height) return true;
  await driver
    .manage()
    .window()
    .setRect({
      width: Math.max(width, 2 * width - innerWidth),
      height: 2 * height - innerHeight,
      x: 0,
      y: 0,
    });
  const [finalWidth] = await viewport();
  return finalWidth === width;
}

/**
 * A page that shows `url` in a frame of exactly width × height, for viewports narrower than the
 * window can be: inside the frame, the page's media queries and layout see that width.
 */
function framePage(url: string, { width, height }: { width: number; height: number }): string {
  const frame = `<iframe src="${url.replaceAll('"', '&quot;')}" style="border:0;display:block;width:${width}px;height:${height}px"></iframe>`;
  return `data:text/html,${encodeURIComponent(`<!DOCTYPE html><body style="margin:0">${frame}`)}`;
}

/** Resolves once the page has painted what it shows now: two animation frames from now. */
function painted(): Promise<void> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
  );
}

/** Selenium's names of the keys the tests press. */
const WEBDRIVER_KEYS: Record<string, string> = {
  Enter: '\uE007',
  Tab: '\uE004',
  Escape: '\uE00C',
  Backspace: '\uE003',
  Space: ' ',
  ArrowUp: '\uE013',
  ArrowDown: '\uE015',
  ArrowLeft: '\uE012',
  ArrowRight: '\uE014',
  Home: '\uE011',
  End: '\uE010',
  Shift: '\uE008',
  Control: '\uE009',
  Alt: '\uE00A',
  Meta: '\uE03D',
};

function webdriverPage(
  driver: WebDriver,
  frame: { width: number; height: number } | null,
  close: () => Promise<void>,
): EnginePage {
  const harvested: string[] = [];
  // WebDriver runs a script as a function body, whatever the page's Content-Security-Policy,
  // and waits for a promise it returns.
  const evaluate = ((fn: (...args: unknown[]) => unknown, ...args: unknown[]) =>
    driver.executeScript(
      `return (${fn.toString()}).apply(null, arguments)`,
      ...args,
    )) as Driver['evaluate'];
  const driverCalls: Driver = { engine: 'webkit', evaluate };
  /** Takes the problems the recorder kept before the page they belong to goes away. */
  const harvest = async () => {
    try {
      const kept = (await driver.executeScript('return window.__problems || []')) as string[];
      harvested.push(...kept);
    } catch {
      // No page yet.
    }
  };
  /** On pages that do not load the recorder themselves, it starts once they have loaded. */
  const record = () => driver.executeScript(`(${recordProblems.toString()})()`) as Promise<unknown>;
  const element = async (target: Target): Promise<WebElement> => {
    await commonCalls(driverCalls).visible(target);
    const found = (await evaluate(
      pageLookup,
      ...lookupArgs(target, 'element'),
    )) as unknown as WebElement | null;
    if (!found) throw new Error(`${describe(target)} is not in the page (webkit)`);
    return found;
  };
  /**
   * A click of the mouse at the element's middle. WebDriver's Element Click refuses elements in
   * a shadow root ("click intercepted": its hit test finds the shadow host), the pointer does not.
   */
  const pointerClick = async (found: WebElement) => {
    await driver.executeScript('arguments[0].scrollIntoView({block: "center"})', found);
    await driver.actions({ async: true }).move({ origin: found }).click().perform();
  };
  const page: EnginePage = {
    engine: 'webkit',
    ...commonCalls(driverCalls),
    evaluate,
    goto: async (url) => {
      await harvest();
      if (frame) {
        await driver.switchTo().defaultContent();
        await driver.get(framePage(url, frame));
        await driver.switchTo().frame(0);
        await waitFor('the framed page to load (webkit)', () =>
          evaluate(() => document.readyState === 'complete' && location.href !== 'about:blank'),
        );
      } else {
        await driver.get(url);
      }
      await record();
    },
    reload: async () => {
      await harvest();
      // A framed page is loaded afresh, as a reload would load it.
      if (frame) await page.goto(await evaluate(() => location.href));
      else {
        await driver.navigate().refresh();
        await record();
      }
    },
    runScript: async (source) => {
      await driver.executeScript(source);
    },
    click: (target) => onFreshElement(async () => pointerClick(await element(target))),
    type: (target, text) =>
      onFreshElement(async () => {
        const field = await element(target);
        // A click gives the field the focus as a reader's would, and the frame too when framed.
        await pointerClick(field);
        await driver.executeScript('arguments[0].select()', field);
        // Keys go to what has the focus, as a reader's typing does (also inside a frame, where
        // WebKit's Element Send Keys finds the field "not focusable").
        await driver
          .actions({ async: true })
          .sendKeys(text || (WEBDRIVER_KEYS.Backspace as string))
          .perform();
      }),
    press: async (key) => {
      const keys = key.split('+').map((name) => WEBDRIVER_KEYS[name] ?? name);
      const main = keys.pop() as string;
      let actions = driver.actions({ async: true });
      for (const modifier of keys) actions = actions.keyDown(modifier);
      actions = actions.keyDown(main).keyUp(main);
      for (const modifier of keys.reverse()) actions = actions.keyUp(modifier);
      await actions.perform();
    },
    screenshot: async (path) => {
      await evaluate(painted);
      let shot: string;
      if (frame) {
        await driver.switchTo().defaultContent();
        shot = await driver.findElement({ css: 'iframe' }).takeScreenshot();
        await driver.switchTo().frame(0);
      } else {
        shot = await driver.takeScreenshot();
      }
      writeFileSync(path, Buffer.from(shot, 'base64'));
    },
    problems: async () => {
      const now = (await driver.executeScript('return window.__problems || []')) as string[];
      return [...harvested, ...now];
    },
    close,
  };
  return page;
}
