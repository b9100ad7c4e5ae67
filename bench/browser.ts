/**
 * What a reader waits for: in headless Chromium, the demo page with a thread of 500 comments,
 * timed from the moment embed.js has arrived to a usable form and to every comment on screen.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { openSqliteStorage } from '../server/storage/sqlite-storage.ts';
import { normalisePageUrl } from '../shared/page-key.ts';
import { launchBrowser } from '../tests/helpers/browser.ts';
import { median } from './load.ts';
import { seedThread } from './seed.ts';
import { withApp } from './server-process.ts';

const RUNS = 5;
const COMMENTS = 500;
/** PAGE_SIZE may be at most 200 (LIMITS.pageSizeMax): 200 top-level threads hold all 500. */
const PAGE_SIZE = 200;
const REPLY_SHARE = (COMMENTS - PAGE_SIZE) / COMMENTS;
const RENDER_TIMEOUT_MS = 30_000;

export interface BrowserRun {
  /** From embed.js's responseEnd to a visible Post Comment button, in ms. */
  formReadyMs: number;
  /** From embed.js's responseEnd to all 500 comments in the document, in ms. */
  allRenderedMs: number;
  /** The thread's API request, from its start to the end of its response, in ms. */
  apiMs: number;
  longestTaskMs: number;
  longTasks: number;
}

export interface BrowserResult {
  runs: BrowserRun[];
  median: Omit<BrowserRun, 'longTasks'>;
  /** The longest task in any run. */
  worstTaskMs: number;
  rssBytes: number;
}

/** What watch-thread.js leaves in the page. */
interface PageWatch {
  done: () => boolean;
  collect: () => Promise<BrowserRun>;
}

declare global {
  interface Window {
    leaveAReplyBenchExpected?: number;
    leaveAReplyBench?: PageWatch;
  }
}

const WATCH_SCRIPT = readFileSync(
  fileURLToPath(new URL('watch-thread.js', import.meta.url)),
  'utf8',
);

/** Loads the page in a fresh context (an empty cache: a first visit) and times it. */
async function timeOnePageLoad(browser: Browser, url: string): Promise<BrowserRun> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.addInitScript({
      content: `window.leaveAReplyBenchExpected = ${COMMENTS};\n${WATCH_SCRIPT}`,
    });
    await page.goto(url);
    // Only bare arrows cross into the page: the watching itself is in watch-thread.js.
    await page.waitForFunction(() => window.leaveAReplyBench?.done(), undefined, {
      timeout: RENDER_TIMEOUT_MS,
      polling: 100,
    });
    return await page.evaluate(() => (window.leaveAReplyBench as PageWatch).collect());
  } finally {
    await context.close();
  }
}

export async function measureBrowser(workDir: string): Promise<BrowserResult> {
  const databasePath = join(workDir, 'browser.db');
  const settings = {
    DATABASE_PATH: databasePath,
    MODERATION: 'none',
    PAGE_SIZE: String(PAGE_SIZE),
  };
  return withApp(settings, async (server) => {
    // The demo page's thread is keyed by its address, which holds the port: seeded now that
    // the server listens, through a second connection (WAL lets the server read meanwhile).
    const demoUrl = `${server.origin}/`;
    const storage = openSqliteStorage(databasePath);
    const key = normalisePageUrl(demoUrl) as string;
    await seedThread(storage.store, { key, url: key, title: 'Demo' }, COMMENTS, REPLY_SHARE);
    await storage.close();

    const browser = await launchBrowser();
    const runs: BrowserRun[] = [];
    try {
      for (let run = 0; run < RUNS; run++) runs.push(await timeOnePageLoad(browser, demoUrl));
    } finally {
      await browser.close();
    }
    const middle = (pick: (run: BrowserRun) => number) => median(runs.map(pick));
    return {
      runs,
      median: {
        formReadyMs: middle((run) => run.formReadyMs),
        allRenderedMs: middle((run) => run.allRenderedMs),
        apiMs: middle((run) => run.apiMs),
        longestTaskMs: middle((run) => run.longestTaskMs),
      },
      worstTaskMs: Math.max(...runs.map((run) => run.longestTaskMs)),
      rssBytes: (await server.usage()).rssBytes,
    };
  });
}
