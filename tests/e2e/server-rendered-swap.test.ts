/**
 * A host page that includes the thread's server-rendered fragment (GET /api/comments.html) in
 * the element the widget mounts into: the reader sees the comments at once, then the live
 * thread takes their place in one frame. Measured in Chromium with the Layout Instability API
 * (nothing below the thread may move) and with a MutationObserver set up before any script of
 * the page runs (at no moment is a comment missing or shown twice).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserAndServers } from '../helpers/browser-and-servers.ts';
import { embedTag } from '../helpers/embed.ts';
import { htmlPage } from '../helpers/host-server.ts';
import { seedThread } from '../helpers/seed.ts';
import { fragmentOf, OWN_ADDRESS } from '../helpers/server-rendered.ts';
import { ANN, submitCommentForm, visible, WAIT } from '../helpers/widget-page.ts';

const harness = useBrowserAndServers();

const TITLE = 'Notes from a week of rain';

/** The thread: two comments and a reply to the first. */
const SEEDS = [
  { name: 'Ann Walker', body: 'The gutters held, which I did not expect.' },
  { name: 'Ben Marsh', body: 'Our cellar took in water on the third night.' },
  { name: 'Cleo Hart', body: 'Ann, ours overflowed twice before we cleared them.', parent: 0 },
];

/** The most that the page may shift, from its start until the swap (a score, not pixels). */
const MOST_SHIFT = 0.01;

/** What the probe of `watchThePage` keeps in the page. */
interface Probe {
  /** Each moment recorded: how many times each seeded comment's text was in sight then. */
  moments: number[][];
  /** The layout shift so far, not counting shifts right after the reader's input. */
  shift: () => number;
}

/**
 * Before any script of the page runs: sums the page's layout shifts, and at each change of its
 * DOM (the light DOM, and every shadow root as it is attached) and at each frame, counts how
 * many times each of `texts` is in sight. In sight: in a text node whose element has a box
 * (checkVisibility), so that a light DOM child that no slot shows and a hidden root do not
 * count. The moments start once the page has been parsed down to its footer.
 */
function watchThePage(texts: string[]): void {
  const probe = window as unknown as Probe;
  probe.moments = [];
  let shift = 0;
  const add = (entries: PerformanceEntryList) => {
    for (const entry of entries as (PerformanceEntry & {
      value: number;
      hadRecentInput: boolean;
    })[])
      if (!entry.hadRecentInput) shift += entry.value;
  };
  const shifts = new PerformanceObserver((list) => add(list.getEntries()));
  shifts.observe({ type: 'layout-shift', buffered: true });
  probe.shift = () => {
    add(shifts.takeRecords());
    return shift;
  };

  const inSight = (text: string) => {
    let count = 0;
    const walk = (root: Node) => {
      const walker = document.createTreeWalker(
        root,
        NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT,
      );
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node instanceof Text) {
          if (node.data.includes(text) && node.parentElement?.checkVisibility()) count++;
        } else if (node instanceof Element && node.shadowRoot) {
          walk(node.shadowRoot);
        }
      }
    };
    walk(document);
    return count;
  };
  const record = () => {
    if (document.getElementById('footer')) probe.moments.push(texts.map(inSight));
  };
  const changes = new MutationObserver(record);
  const watched = { subtree: true, childList: true, attributes: true, characterData: true };
  changes.observe(document, watched);
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init: ShadowRootInit) {
    const shadow = attachShadow.call(this, init);
    changes.observe(shadow, watched);
    return shadow;
  };
  const everyFrame = () => {
    record();
    requestAnimationFrame(everyFrame);
  };
  requestAnimationFrame(everyFrame);
}

/** Waits until the live thread is in sight, with its form, where the server-rendered one was. */
async function liveThreadShown(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const root = document.getElementById('comments')?.shadowRoot?.querySelector('.leave-a-reply');
      return root?.checkVisibility() === true && root.querySelector('form.comment-form') !== null;
    },
    null,
    { timeout: WAIT },
  );
  // Two frames more, so that the frame of the swap has been laid out and its shifts reported.
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
}

/** The texts of the seeded comments, each of which must be in sight once at every moment. */
const TEXTS = SEEDS.map((seed) => seed.body);

/**
 * A fresh server with the seeded thread, and a page of a host site whose comments element
 * holds that thread's fragment, with the embed tag after it and paragraphs below, watched by
 * `watchThePage` from its start, `width` pixels wide; opened, not yet navigated to `url`. With
 * a `theme`, the element and the tag both say it, as a page that forces one does.
 */
async function threadPage({ theme = '', width = 900 } = {}): Promise<{ page: Page; url: string }> {
  const [server, site] = await Promise.all([
    harness.serve({ ...OWN_ADDRESS, MODERATION: 'none' }),
    harness.host(),
  ]);
  const url = site.url('/post');
  await seedThread(server, { url, title: TITLE }, SEEDS);
  const fragment = await fragmentOf(server, { url, title: TITLE });
  expect(fragment).toContain('data-server-rendered');
  site.setPage(
    '/post',
    htmlPage({
      title: TITLE,
      body: [
        `<article><h1>${TITLE}</h1><p>It rained from Monday to Sunday.</p></article>`,
        `<div id="comments"${theme && ` data-theme="${theme}"`}>${fragment}</div>`,
        embedTag(server, `async data-target="#comments"${theme && ` data-theme="${theme}"`}`),
        '<p id="after">An article paragraph below the thread.</p>',
        '<footer><p id="footer">A footer paragraph below it all.</p></footer>',
      ].join('\n'),
    }),
  );
  // Tall enough for the whole thread and what is below it: a shift out of view counts for nothing.
  const { page } = await harness.open({ viewport: { width, height: 2400 } });
  await page.addInitScript(watchThePage, TEXTS);
  return { page, url };
}

/** Checks the page's layout shift so far, and every moment recorded: each comment once. */
async function expectNothingMovedOrDoubled(page: Page): Promise<number> {
  const shift = await page.evaluate(() => (window as unknown as Probe).shift());
  expect(shift).toBeLessThanOrEqual(MOST_SHIFT);
  const moments = await page.evaluate(() => (window as unknown as Probe).moments);
  // At least the page as parsed, the widget mounted, its answer rendered, and the swap.
  expect(moments.length).toBeGreaterThan(3);
  for (const [index, moment] of moments.entries()) {
    expect(moment, `moment ${index} of ${moments.length}`).toEqual(TEXTS.map(() => 1));
  }
  return shift;
}

describe('a thread rendered by the server, then by the widget', () => {
  it('shows the server-rendered comments until the live thread takes their place, in one frame', async () => {
    const { page, url } = await threadPage();
    await page.goto(url);
    await liveThreadShown(page);
    const shift = await expectNothingMovedOrDoubled(page);
    console.log(`Layout shift from the page's start until after the swap: ${shift.toFixed(4)}`);

    // The server-rendered copy and its stylesheet are gone from the page's own DOM.
    const container = page.locator('#comments');
    expect(await container.evaluate((element) => element.children.length)).toBe(0);
    expect(await page.locator('link[href$="/thread.css"]').count()).toBe(0);

    // The live thread works: a comment posted shows in it.
    const body = 'The river is back inside its banks this morning.';
    await submitCommentForm(page, { body, ...ANN });
    await visible(container.getByText(body));
    await visible(container.getByRole('heading', { name: `4 thoughts on "${TITLE}"` }));
  });

  it('keeps the server-rendered comments in sight until the widget has its stylesheet too', async () => {
    const { page, url } = await threadPage();
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(/\/embed\.[0-9a-f]{10}\.css$/, async (route) => {
      await released;
      await route.continue();
    });
    // Not until "load": that waits for the stylesheet held back here.
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    // The live thread has its answer, rendered out of sight; the server's copy is still shown.
    await page.waitForFunction(
      () => {
        const root = document
          .getElementById('comments')
          ?.shadowRoot?.querySelector('.leave-a-reply');
        return root?.querySelector('form.comment-form') && !root.checkVisibility();
      },
      null,
      { timeout: WAIT },
    );
    await visible(page.locator('#comments [data-server-rendered]').getByText(TEXTS[0] as string));

    release();
    await liveThreadShown(page);
    await expectNothingMovedOrDoubled(page);
    expect(await page.locator('#comments [data-server-rendered]').count()).toBe(0);
  });

  it('swaps without moving the page on a narrow screen too, for a thread forced to the dark theme', async () => {
    // The element says the theme as the tag does, so that the copy wears it before the widget runs.
    const { page, url } = await threadPage({ theme: 'dark', width: 375 });
    await page.goto(url);
    await liveThreadShown(page);
    await expectNothingMovedOrDoubled(page);
    const background = await page
      .locator('#comments .leave-a-reply')
      .evaluate((root) => getComputedStyle(root).backgroundColor);
    expect(background).toBe('rgb(21, 23, 26)');
  });
});
