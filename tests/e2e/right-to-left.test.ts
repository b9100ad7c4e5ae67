/**
 * Threads in a right-to-left language, in Chromium against a real server: Arabic and Hebrew
 * threads are marked rtl and their layout mirrors (replies indented from the right, the avatar
 * right of the name, the actions, badges, labels, notes and button from the right) while
 * addresses and code still read left to right; no horizontal scroll at 375 px, on a
 * right-to-left host page or a left-to-right one; and screenshots of an Arabic thread at
 * desktop width and at 375 px, saved to tests/screenshots/ for a human eye.
 */
import { mkdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BrowserContextOptions, Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../shared/i18n/locales.ts';
import { R } from '../../shared/i18n/reader-text.ts';
import { useBrowserAndServers } from '../helpers/browser-and-servers.ts';
import { embedTag } from '../helpers/embed.ts';
import type { HostServer } from '../helpers/host-server.ts';
import {
  edgesOf,
  pageWith,
  textEdgesOf,
  textOf,
  threadLoadedIn,
  threadRoot,
} from '../helpers/reader-language.ts';
import { asAdmin } from '../helpers/requests.ts';
import { seedThread } from '../helpers/seed.ts';
import type { RunningServer } from '../helpers/server.ts';
import { visible, WAIT } from '../helpers/widget-page.ts';

const SCREENSHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));
const DESKTOP = { width: 1000, height: 800 };
const NARROW = { width: 375, height: 812 };
/** How far two edges may lie apart and still be one edge: rounding of fractional pixels. */
const SAME_EDGE = 1;

const harness = useBrowserAndServers();
let server: RunningServer;
let host: HostServer;

const TITLE = 'الخبز بالعجين المخمّر';
const OWNER = 'Nadia Karam';
const FIRST = 'Layla Haddad';
const REPLIER = 'Omar Saleh';
const THIRD = 'Sara Nasser';

beforeAll(async () => {
  host = await harness.host();
  server = await harness.serve({ MODERATION: 'none', OWNER_NAME: OWNER });
  const url = host.url('/post');
  const ids = await seedThread(server, { url, title: TITLE }, [
    { name: FIRST, body: 'أطعمتُ الخميرة في التاسعة، فانتفخت قبل الظهر.' },
    { name: REPLIER, body: 'وأنا أطعمها مرتين في اليوم صيفًا.', parent: 0 },
    {
      name: THIRD,
      body: 'أحسب الماء هكذا: `water = flour * 0.7`\n\n```\nconst starter = feed(flour, water);\n```',
    },
  ]);
  const owner = await asAdmin(server, 'POST', `/comments/${ids[2]}/reply`, {
    body: 'شكرًا، سأجرّب ذلك.',
  });
  expect(owner.statusCode, owner.body).toBe(201);

  const tag = (attributes = '') =>
    embedTag(server, `async data-page-url="${url}" ${attributes}`.trim());
  const body = (attributes = '') => `<h1>${TITLE}</h1>\n${tag(attributes)}`;
  // An Arabic site: the host page itself is right to left.
  host.setPage('/ar', pageWith('lang="ar" dir="rtl"', { title: TITLE, body: body() }));
  // Threads in a language of their own on an English page.
  host.setPage('/he', pageWith('lang="en"', { title: TITLE, body: body('data-lang="he"') }));
  host.setPage('/en', pageWith('lang="en"', { title: TITLE, body: body() }));
  // A thread of its own for a reader's own comment, so that the others stay as seeded.
  host.setPage(
    '/ar-own',
    pageWith('lang="ar" dir="rtl"', {
      title: TITLE,
      body: embedTag(server, `async data-page-url="${host.url('/own')}"`),
    }),
  );
  // A theme that aligns all its text to the left, the thread's too.
  host.setPage(
    '/ar-on-left-aligned',
    pageWith('lang="en"', {
      title: TITLE,
      head: '<style>body { text-align: left }</style>',
      body: body('data-lang="ar"'),
    }),
  );
  mkdirSync(SCREENSHOTS, { recursive: true });
}, 60_000);

/** Opens `path` of the host site with `options` and waits for its thread in `locale`. */
async function openThread(
  path: string,
  locale: Locale,
  options: BrowserContextOptions = {},
): Promise<Page> {
  const { page } = await harness.open({ viewport: DESKTOP, ...options });
  await page.goto(host.url(path));
  await threadLoadedIn(page, locale);
  await visible(page.getByText('شكرًا، سأجرّب ذلك.'));
  return page;
}

/** The `li.comment` of the comment by `name`. */
function commentBy(page: Page, name: string): Locator {
  return page
    .locator('li.comment')
    .filter({ has: page.locator(`:scope > article .author`, { hasText: name }) });
}

/** The comment's own box, without the replies below it. */
function ownBox(comment: Locator): Locator {
  return comment.locator(':scope > article');
}

/** Whether the page can be scrolled sideways: its content is wider than its viewport. */
function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(
    () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
  );
}

describe('the direction of a thread', () => {
  it.each([
    ['/ar', 'ar', 'rtl'],
    ['/he', 'he', 'rtl'],
    ['/en', 'en', 'ltr'],
  ] as const)('is marked on the %s thread (%s) as %s', async (path, locale, direction) => {
    const page = await openThread(path, locale);
    const root = threadRoot(page);
    expect(await root.getAttribute('dir')).toBe(direction);
    expect(await root.evaluate((element) => getComputedStyle(element).direction)).toBe(direction);
  });
});

describe('an Arabic thread mirrors', () => {
  it('indents a reply from the right in Arabic, and from the left in English', async () => {
    for (const [path, locale] of [
      ['/ar', 'ar'],
      ['/en', 'en'],
    ] as const) {
      const page = await openThread(path, locale);
      const parent = await edgesOf(ownBox(commentBy(page, FIRST)));
      const reply = await edgesOf(ownBox(commentBy(page, REPLIER)));
      const [stays, moves] =
        locale === 'ar' ? (['left', 'right'] as const) : (['right', 'left'] as const);
      expect(
        Math.abs(reply[stays] - parent[stays]),
        `${locale}: the ${stays} edge stays`,
      ).toBeLessThanOrEqual(SAME_EDGE);
      expect(
        Math.abs(reply[moves] - parent[moves]),
        `${locale}: the ${moves} edge moves in`,
      ).toBeGreaterThanOrEqual(10);
      expect(reply.right - reply.left).toBeLessThan(parent.right - parent.left);
    }
  });

  it('puts the avatar right of the name, the date and the badge left of it, Like right of Reply', async () => {
    const page = await openThread('/ar', 'ar');
    const first = commentBy(page, FIRST);
    const avatar = await edgesOf(first.locator(':scope > article .avatar'));
    const name = await edgesOf(first.locator(':scope > article .author'));
    const date = await edgesOf(first.locator(':scope > article time'));
    expect(avatar.left).toBeGreaterThanOrEqual(name.right);
    expect(date.right).toBeLessThanOrEqual(name.left);

    const owner = commentBy(page, OWNER);
    const badge = owner.locator(':scope > article .badge', { hasText: textOf('ar', R.SiteOwner) });
    expect(await edgesOf(badge).then((edges) => edges.right)).toBeLessThanOrEqual(
      (await edgesOf(owner.locator(':scope > article time'))).left,
    );

    const like = await edgesOf(first.locator(':scope > article .like'));
    const reply = await edgesOf(first.locator(':scope > article .reply'));
    expect(like.left).toBeGreaterThanOrEqual(reply.right);
  });

  it("sets the form's labels, notes, heading and button on the right, on a theme that aligns its text left", async () => {
    const page = await openThread('/ar-on-left-aligned', 'ar');
    const form = await edgesOf(page.locator('form.comment-form'));
    for (const css of ['label[for="author"]', 'label[for="comment"]', '.notes']) {
      const box = page.locator(css);
      const text = await textEdgesOf(box);
      expect(Math.abs(text.right - (await edgesOf(box)).right), css).toBeLessThanOrEqual(SAME_EDGE);
      expect(text.left, css).toBeGreaterThan(form.left + SAME_EDGE);
    }
    const title = await edgesOf(page.locator('.reply-title'));
    expect(Math.abs(title.right - form.right)).toBeLessThanOrEqual(SAME_EDGE);
    const button = await edgesOf(page.getByRole('button', { name: textOf('ar', R.PostComment) }));
    expect(Math.abs(button.right - form.right)).toBeLessThanOrEqual(SAME_EDGE);
    expect(button.left).toBeGreaterThan(form.left + 100);
  });

  it('asks whether to delete a comment from the right of its buttons', async () => {
    const { page } = await harness.open({ viewport: DESKTOP });
    await page.goto(host.url('/ar-own'));
    await threadLoadedIn(page, 'ar');
    const body = 'تعليقي أنا، وسأحذفه.';
    await page.locator('#comment').fill(body);
    await page.locator('#author').fill('Rami');
    await page.locator('#email').fill('rami@example.com');
    await page.getByRole('button', { name: textOf('ar', R.PostComment), exact: true }).click();
    await expect
      .poll(() => page.locator('[aria-live]').textContent(), { timeout: WAIT })
      .toBe(textOf('ar', R.Posted));
    const mine = page.locator('li.comment').filter({ hasText: body });
    await mine.getByRole('button', { name: textOf('ar', R.Delete), exact: true }).click();
    const question = mine.locator('fieldset.confirm-delete');
    await visible(question);
    const legend = await edgesOf(question.locator('legend'));
    const confirm = await edgesOf(
      question.getByRole('button', { name: textOf('ar', R.Delete), exact: true }),
    );
    const keep = await edgesOf(
      question.getByRole('button', { name: textOf('ar', R.KeepIt), exact: true }),
    );
    expect(legend.left).toBeGreaterThanOrEqual(confirm.right);
    expect(confirm.left).toBeGreaterThanOrEqual(keep.right);
  });
});

describe('what reads left to right in an Arabic thread', () => {
  it('writes email and web addresses and code left to right, and the rest right to left', async () => {
    const page = await openThread('/ar', 'ar');
    const direction = (css: string) =>
      page
        .locator(css)
        .first()
        .evaluate((element) => getComputedStyle(element).direction);
    expect(await direction('#email')).toBe('ltr');
    expect(await direction('#url')).toBe('ltr');
    expect(await direction('.content pre')).toBe('ltr');
    expect(await direction('.content p code')).toBe('ltr');
    expect(await direction('#comment')).toBe('rtl');
    expect(await direction('#author')).toBe('rtl');
    expect(await direction('.content p')).toBe('rtl');
  });
});

describe('at 375 px', () => {
  it.each([
    ['/ar', 'ar', 'a right-to-left host page'],
    ['/he', 'he', 'a left-to-right host page'],
  ] as const)('leaves %s (%s) on %s without a horizontal scroll', async (path, locale, _host) => {
    const page = await openThread(path, locale, { viewport: NARROW });
    expect(await scrollsSideways(page)).toBe(false);
    await page
      .getByRole('link', { name: textOf(locale, R.ReplyTo, { name: REPLIER }), exact: true })
      .click();
    await visible(
      page.getByRole('heading', { name: textOf(locale, R.LeaveReplyTo, { name: REPLIER }) }),
    );
    expect(await scrollsSideways(page)).toBe(false);
  });
});

describe('screenshots', () => {
  it('saves the Arabic thread, with a reply and the form, at desktop width and at 375 px', async () => {
    const saved: string[] = [];
    for (const [name, viewport] of [
      ['ar-desktop.png', DESKTOP],
      ['ar-375.png', NARROW],
    ] as const) {
      const page = await openThread('/ar', 'ar', { viewport, colorScheme: 'light' });
      await visible(page.locator('svg.avatar').first());
      await visible(page.locator('form.comment-form'));
      const path = `${SCREENSHOTS}${name}`;
      await page.screenshot({ path, fullPage: true });
      saved.push(path);
    }
    for (const path of saved) expect(statSync(path).size, path).toBeGreaterThan(0);
  });
});
