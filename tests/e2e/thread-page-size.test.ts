/**
 * The page at /thread stays light and fits a phone: with a thread of 20 comments, everything
 * Chromium loads for it (the page and its stylesheets), each gzipped at level 9, weighs 20 KB at
 * most together; and 375 px wide, it never scrolls sideways, long links and code included.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBrowserAndServers } from '../helpers/browser-and-servers.ts';
import { type Seed, seedThread } from '../helpers/seed.ts';
import type { RunningServer } from '../helpers/server.ts';
import { OWN_ADDRESS, threadPagePath } from '../helpers/server-rendered.ts';
import { visible } from '../helpers/widget-page.ts';

/** The most the page and what it loads may weigh, gzipped, all told. */
const BUDGET_BYTES = 20_000;
const SCREENSHOT = fileURLToPath(new URL('../screenshots/thread-375.png', import.meta.url));

const PAGE_URL = 'http://localhost:8080/posts/a-week-of-bread';
const TITLE = 'A week of bread: one starter, seven loaves';

/** Sentences a thread about baking is made of, taken in turn to make each comment's text. */
const SENTENCES = [
  'I tried this on Sunday and the crumb came out much more open than my usual loaf.',
  'Did you keep the dough at room temperature overnight, or in the fridge?',
  'The *autolyse* step made the biggest difference for me, especially with fresh flour.',
  'My starter smells of nail polish after two days without feeding; is that normal?',
  'A longer bake at a lower temperature gave me a thicker, darker crust that stayed crisp.',
  'I use a Dutch oven too, but I take the lid off after twenty minutes rather than thirty.',
  'Rye flour in the starter helped it double in about five hours in a cold kitchen.',
  'Thanks for writing this up so carefully, the photos of each stage really help.',
];

/** Twenty comments, six of them replies, some with websites, one with a long link and code. */
function twentyComments(): Seed[] {
  const seeds: Seed[] = [];
  for (let n = 0; n < 20; n++) {
    const sentences = Array.from(
      { length: 2 + (n % 4) },
      (_, k) => SENTENCES[(n + k) % SENTENCES.length],
    );
    const body =
      n === 7
        ? `${sentences.join(' ')}\n\nThe recipe I followed: https://bakery.example.com/recipes/country-sourdough-with-a-long-cold-retard-and-a-high-hydration-dough\n\n\`\`\`\nstarter 100g, water 350g, flour 500g, salt 10g, bake at 250C for 20 minutes then 230C\n\`\`\``
        : sentences.join(n % 3 === 0 ? '\n\n' : ' ');
    seeds.push({
      name: ['Ann Baker', 'Bo', 'Carmen Ruiz', 'Dev', 'Elif Yılmaz'][n % 5] as string,
      body,
      website: n % 4 === 0 ? `https://reader${n}.example.org/` : undefined,
      ...(n % 3 === 2 ? { parent: n - 1 - (n % 2) } : {}),
    });
  }
  return seeds;
}

const harness = useBrowserAndServers();
let server: RunningServer;

beforeAll(async () => {
  server = await harness.serve({ ...OWN_ADDRESS, MODERATION: 'none', MAX_LINKS: '0' });
  const ids = await seedThread(server, { url: PAGE_URL, title: TITLE }, twentyComments());
  expect(ids).toHaveLength(20);
});

describe('the page at /thread', () => {
  it('weighs 20 KB at most, gzipped, with everything it loads, for a thread of 20 comments', async () => {
    const { page } = await harness.open({ viewport: { width: 1280, height: 900 } });
    const loaded: { url: string; body: Promise<Buffer> }[] = [];
    page.on('response', (response) => loaded.push({ url: response.url(), body: response.body() }));
    const address = `${server.origin}${threadPagePath({ url: PAGE_URL, title: TITLE })}`;
    await page.goto(address);
    await page.waitForLoadState('networkidle');
    await visible(page.getByRole('heading', { name: `20 thoughts on "${TITLE}"` }));

    const sizes = await Promise.all(
      loaded.map(async ({ url, body }) => {
        const bytes = await body;
        return {
          path: new URL(url).pathname,
          raw: bytes.length,
          gzip: gzipSync(bytes, { level: 9 }).length,
        };
      }),
    );
    const total = sizes.reduce((sum, { gzip }) => sum + gzip, 0);
    const lines = sizes.map(({ path, raw, gzip }) => `  ${path}: ${raw} B, ${gzip} B gzip -9`);
    process.stdout.write(
      `the page at /thread, 20 comments:\n${lines.join('\n')}\n  all told: ${total} B gzip -9 (budget ${BUDGET_BYTES} B)\n`,
    );
    expect(sizes.map(({ path }) => path)).toEqual(
      expect.arrayContaining(['/thread', '/thread.css']),
    );
    expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it('has no sideways scroll 375 px wide, and looks right there (screenshot)', async () => {
    const { page } = await harness.open({
      viewport: { width: 375, height: 812 },
      deviceScaleFactor: 2,
      javaScriptEnabled: false,
    });
    await page.goto(`${server.origin}${threadPagePath({ url: PAGE_URL, title: TITLE })}`);
    await visible(page.getByRole('heading', { name: 'Leave a Reply', exact: true }));
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
      // What sticks out past the right edge (or the left, right to left), and what it is: a code
      // block may scroll within itself, but not stick out.
      wide: [...document.querySelectorAll('body *')]
        .filter((element) => {
          const box = element.getBoundingClientRect();
          return box.width > 0 && (box.right > window.innerWidth + 0.5 || box.left < -0.5);
        })
        .filter((element) => !element.parentElement?.closest('pre'))
        .map((element) => `<${element.localName} class="${element.className}">`)
        .slice(0, 10),
    }));
    expect(widths.client).toBe(375);
    expect(widths.wide).toEqual([]);
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);

    mkdirSync(new URL('../screenshots/', import.meta.url), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    process.stdout.write(`screenshot of /thread at 375 px: ${SCREENSHOT}\n`);
  });
});
