/**
 * The language a thread speaks, in Chromium against a real server: chosen from the tag's
 * data-lang, mount()'s lang, the host page's `<html lang>` or the browser's languages; dates and
 * plurals as that language writes them, count.js's counts too; what a thread in another language
 * than English costs in requests; and axe in two languages of other scripts.
 */
import type { BrowserContextOptions, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { isRightToLeft, type Locale } from '../../shared/i18n/locales.ts';
import { type Plural, R } from '../../shared/i18n/reader-text.ts';
import { severeViolations } from '../helpers/axe.ts';
import { useBrowserAndServers } from '../helpers/browser-and-servers.ts';
import { embedTag } from '../helpers/embed.ts';
import type { HostServer } from '../helpers/host-server.ts';
import {
  pageWith,
  pluralForm,
  textOf,
  threadLoadedIn,
  threadRoot,
} from '../helpers/reader-language.ts';
import { seedThread } from '../helpers/seed.ts';
import type { RunningServer } from '../helpers/server.ts';
import { visible, WAIT } from '../helpers/widget-page.ts';

const harness = useBrowserAndServers();
let server: RunningServer;
let host: HostServer;

/** The post's title, which the heading names; the same word in every language. */
const TITLE = 'Sourdough';

/**
 * The heading's plural forms to see: a locale, a number of approved comments, and the category
 * Intl.PluralRules gives that number in that locale.
 */
const PLURALS: [Locale, number, keyof Plural][] = [
  ['ru', 1, 'one'],
  ['ru', 3, 'few'],
  ['ru', 5, 'many'],
  ['pl', 1, 'one'],
  ['pl', 3, 'few'],
  ['pl', 5, 'many'],
  ['ar', 1, 'one'],
  ['ar', 2, 'two'],
  ['ar', 3, 'few'],
  ['ar', 11, 'many'],
  ['ar', 100, 'other'],
];

/** The address of the post that holds `count` comments for the plural test in `locale`. */
function pluralPost(locale: Locale, count: number): string {
  return host.url(`/plural/${locale}/${count}`);
}

/**
 * A post of the host site whose `<html>` carries `html`, with the embed tag given `attributes`
 * (`data-lang="de"` and so on); its thread is the one of `/post` unless `attributes` say.
 */
function post(html: string, attributes = '', body = ''): string {
  const tag = embedTag(server, `async data-page-url="${host.url('/post')}" ${attributes}`.trim());
  return pageWith(html, { title: TITLE, body: `<h1>${TITLE}</h1>\n${body}${tag}` });
}

beforeAll(async () => {
  host = await harness.host();
  server = await harness.serve({ MODERATION: 'none' });
  await seedThread(server, { url: host.url('/post') }, [
    { name: 'Ada Okafor', body: 'Fed at nine, risen by noon.' },
  ]);
  host.setPage('/de', post('lang="en"', 'data-lang="de"'));
  host.setPage('/pt-BR', post('lang="pt-BR"'));
  host.setPage('/zh-CN', post('lang="zh-CN"'));
  host.setPage('/no-lang', post(''));
  host.setPage('/xx', post('lang="en"', 'data-lang="xx"'));
  host.setPage('/fr-page-de-tag', post('lang="fr"', 'data-lang="de"'));
  host.setPage('/en', post('lang="en"'));
  host.setPage('/ar', post('lang="en"', 'data-lang="ar"'));
  host.setPage('/ja', post('lang="en"', 'data-lang="ja"'));
  host.setPage(
    '/manual',
    pageWith('lang="en"', {
      title: TITLE,
      body: `<h1>${TITLE}</h1>\n<div id="comments"></div>\n${embedTag(server, 'async data-mount="manual"')}`,
    }),
  );
  for (const [locale, count] of PLURALS) {
    const seeds = Array.from({ length: count }, (_, n) => ({
      name: `Reader ${n + 1}`,
      body: `Comment ${n + 1} of ${count}.`,
    }));
    await seedThread(server, { url: pluralPost(locale, count) }, seeds);
    host.setPage(
      `/plural/${locale}/${count}`,
      pageWith(`lang="${locale}"`, {
        title: TITLE,
        body: `<h1>${TITLE}</h1>\n${embedTag(server)}`,
      }),
    );
  }
}, 120_000);

/** Opens `path` of the host site in a fresh context with `options`. */
async function openPost(path: string, options: BrowserContextOptions = {}): Promise<Page> {
  const { page } = await harness.open(options);
  await page.goto(host.url(path));
  return page;
}

/**
 * Checks that the thread of `page` speaks `locale`: its root says so (and the direction it is
 * written in), its form's heading and button are in it, and, for another locale than English,
 * English's are nowhere.
 */
async function expectThreadIn(page: Page, locale: Locale): Promise<void> {
  await threadLoadedIn(page, locale);
  const root = threadRoot(page);
  expect(await root.getAttribute('lang')).toBe(locale);
  expect(await root.getAttribute('dir')).toBe(isRightToLeft(locale) ? 'rtl' : 'ltr');
  await visible(page.getByRole('button', { name: textOf(locale, R.PostComment), exact: true }));
  if (locale === 'en') return;
  const shown = (await root.textContent()) ?? '';
  expect(shown).not.toContain(textOf('en', R.LeaveReply));
  expect(shown).not.toContain(textOf('en', R.PostComment));
}

describe('the language a thread speaks', () => {
  it('is German for a tag with data-lang="de" on an English page', async () => {
    const page = await openPost('/de');
    await expectThreadIn(page, 'de');
    expect(textOf('de', R.LeaveReply)).not.toBe(textOf('en', R.LeaveReply));
  });

  it('is Portuguese on a host page in pt-BR, whatever the browser speaks', async () => {
    const page = await openPost('/pt-BR', { locale: 'fr-FR' });
    await expectThreadIn(page, 'pt');
  });

  it('is Simplified Chinese on a host page in zh-CN', async () => {
    const page = await openPost('/zh-CN');
    await expectThreadIn(page, 'zh-Hans');
  });

  it("is the browser's French on a host page that names no language", async () => {
    const page = await openPost('/no-lang', { locale: 'fr-FR' });
    expect(await page.evaluate(() => [...navigator.languages])).toEqual(['fr-FR']);
    await expectThreadIn(page, 'fr');
  });

  it('is English for a data-lang it has no words for', async () => {
    const page = await openPost('/xx');
    await expectThreadIn(page, 'en');
  });

  it('is Japanese for a thread mounted with { lang: "ja" }', async () => {
    const page = await openPost('/manual');
    await page.waitForFunction(() => window.LeaveAReply !== undefined, null, { timeout: WAIT });
    await page.evaluate(
      ({ server, pageUrl }) => {
        const element = document.querySelector('#comments') as Element;
        window.LeaveAReply?.mount(element, { server, pageUrl, lang: 'ja' });
      },
      { server: server.origin, pageUrl: host.url('/post') },
    );
    await expectThreadIn(page, 'ja');
  });

  it("takes the tag's data-lang over the host page's <html lang>", async () => {
    const page = await openPost('/fr-page-de-tag');
    await expectThreadIn(page, 'de');
  });
});

describe('dates', () => {
  it("writes a comment's date and time as German writes them", async () => {
    const page = await openPost('/de');
    await threadLoadedIn(page, 'de');
    const time = page.locator('li.comment time').first();
    await visible(time);
    const written = await time.evaluate((element: HTMLTimeElement) => {
      const date = new Date(element.dateTime);
      const style = { dateStyle: 'long', timeStyle: 'short' } as const;
      return {
        shown: element.textContent,
        german: new Intl.DateTimeFormat('de', style).format(date),
        english: new Intl.DateTimeFormat('en', style).format(date),
      };
    });
    expect(written.shown).toBe(written.german);
    expect(written.german).not.toBe(written.english);
  });
});

describe('plurals', () => {
  it.each(PLURALS)(
    'heads a %s thread of %i comments with its "%s" form',
    async (locale, count, category) => {
      expect(new Intl.PluralRules(locale).select(count)).toBe(category);
      const heading = pluralForm(locale, R.Heading, category)
        .replace('{n}', count.toLocaleString(locale))
        .replace('{title}', TITLE);
      const page = await openPost(`/plural/${locale}/${count}`);
      await threadLoadedIn(page, locale);
      await visible(page.getByRole('heading', { name: heading, exact: true }));
      expect(await page.locator('h2.count').textContent()).toBe(heading);
    },
  );

  it("writes count.js's counts in Russian on a Russian index page", async () => {
    const links = [1, 3, 5]
      .map((count) => `<a href="${pluralPost('ru', count)}" data-comments-count>…</a>`)
      .concat(`<a href="${host.url('/nothing-yet')}" data-comments-count>…</a>`)
      .join('\n');
    host.setPage(
      '/ru-index',
      pageWith('lang="ru"', {
        title: 'Архив',
        body: `${links}\n<script src="${server.origin}/count.js" async></script>`,
      }),
    );
    const expected = (
      [
        [1, 'one'],
        [3, 'few'],
        [5, 'many'],
      ] as const
    )
      .map(([count, category]) => {
        expect(new Intl.PluralRules('ru').select(count)).toBe(category);
        return pluralForm('ru', R.Count, category).replace('{n}', count.toLocaleString('ru'));
      })
      .concat(textOf('ru', R.CountNone));
    const page = await openPost('/ru-index');
    await expect
      .poll(() => page.locator('[data-comments-count]').allTextContents(), { timeout: WAIT })
      .toEqual(expected);
  });
});

describe('what a thread in another language costs', () => {
  /** Every request `page` makes but the one for its own document. */
  function requestsOf(page: Page): string[] {
    const asked: string[] = [];
    page.on('request', (request) => {
      if (!request.isNavigationRequest()) asked.push(request.url());
    });
    return asked;
  }

  /** The paths of `urls`, each checked to be on the comments server. */
  function onCommentsServer(urls: string[]): string[] {
    for (const url of urls) expect(new URL(url).origin, url).toBe(server.origin);
    return urls.map((url) => new URL(url).pathname);
  }

  // Another language's words come with the thread's answer: no request of their own.
  it.each(['de', 'en'] as const)(
    'renders a thread in %s with three requests, all to the comments server',
    async (locale) => {
      const { page } = await harness.open();
      const asked = requestsOf(page);
      await page.goto(host.url(`/${locale}`));
      await threadLoadedIn(page, locale);
      await visible(page.getByText('Fed at nine, risen by noon.'));
      const paths = onCommentsServer(asked);
      expect(paths).toHaveLength(3);
      expect(paths).toEqual(
        expect.arrayContaining([
          '/embed.js',
          expect.stringMatching(/^\/embed\.[0-9a-f]{10}\.css$/),
          '/api/comments',
        ]),
      );
    },
  );
});

describe('axe in other scripts', () => {
  it.each(['ar', 'ja'] as const)(
    'finds no serious or critical violation in a %s thread, its form errors shown too',
    async (locale) => {
      const page = await openPost(`/${locale}`);
      await expectThreadIn(page, locale);
      expect(await severeViolations(page)).toEqual([]);

      await page.locator('#comment').focus();
      await page.getByRole('button', { name: textOf(locale, R.PostComment), exact: true }).click();
      await visible(page.locator('.field-comment .error'));
      await expect
        .poll(() => page.locator('.field-comment .error').textContent(), { timeout: WAIT })
        .toBe(textOf(locale, R.BodyMissing));
      expect(await severeViolations(page)).toEqual([]);
    },
  );
});
