/**
 * Accessibility of the widget on the demo page, in a real browser against a real server: axe-core
 * (WCAG 2.0/2.1 A and AA, colour contrast included, and best practice) in every state of the
 * thread in light and dark colour schemes, screenshots for a human eye, the data-theme override,
 * and the whole comment flow with the keyboard alone. Each test gets a server (and so a database)
 * of its own; all are closed in afterAll. Any console error or warning fails a test (the harness's
 * check).
 */
import { mkdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BrowserContextOptions, Locator, Page, Route } from 'playwright-core';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { runAxe, severeViolations } from '../helpers/axe.ts';
import { failedLoad } from '../helpers/browser.ts';
import { useBrowserAndServers, type WatchedPage } from '../helpers/browser-and-servers.ts';
import { type Seed, seedThread } from '../helpers/seed.ts';
import type { RunningServer } from '../helpers/server.ts';
import { startSmtpServer } from '../helpers/smtp.ts';
import { DEMO_TITLE, threadLoaded, visible, WAIT } from '../helpers/widget-page.ts';

const SCREENSHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));
const DESKTOP = { width: 1000, height: 800 };

/** The accent colours of widget/styles.css, as the browser computes them. */
const LIGHT_ACCENT = 'rgb(29, 95, 191)'; // #1d5fbf
const DARK_ACCENT = 'rgb(138, 180, 248)'; // #8ab4f8

const harness = useBrowserAndServers();

beforeAll(() => {
  mkdirSync(SCREENSHOTS, { recursive: true });
});

/** Posts `seeds` in order to the demo page's thread, through the API; returns their ids. */
function seed(server: RunningServer, seeds: Seed[]): Promise<number[]> {
  return seedThread(server, { url: `${server.origin}/`, title: DEMO_TITLE }, seeds);
}

/** A few comments with a reply, an author link and some markdown. */
const SHORT_THREAD: Seed[] = [
  {
    name: 'Ann Reader',
    body: 'Mine is called Dough Nut and has survived two house moves.',
    website: 'https://ann.example.com',
  },
  { name: 'Ben Baker', body: 'Rye starters forgive *even more*, in my experience.', parent: 0 },
  { name: 'Cleo Crumb', body: 'How warm is "room temperature" in your kitchen?' },
  { name: 'Dan Dough', body: 'About 19 °C in winter, so it takes a while.', parent: 2 },
];

/** About 30 comments, nested up to seven deep (shown five deep), with links, quotes and code. */
function longThread(): Seed[] {
  const seeds: Seed[] = [];
  const names = ['Ann', 'Ben', 'Cleo', 'Dan', 'Eve', 'Finn', 'Gia', 'Hal', 'Ida', 'Jon'];
  const bodies = [
    'I feed mine every Sunday, just like you.',
    '> A starter is far tougher than the internet makes it sound.\n\nSo true.',
    'Use `50%` wholemeal and it wakes up **much** faster. See https://example.com/rye',
    'Does the hooch mean it is dying?\n\n- no\n- it is only hungry',
    'A [good guide](https://example.com/guide) helped me a lot.',
  ];
  for (let n = 0; n < 30; n++) {
    const name = `${names[n % names.length]} Reader ${n + 1}`;
    // Every third comment starts a new top-level thread and the others reply to the one before,
    // except that the 16th carries on the chain of the 13th: six deep, one past the five shown.
    const parent = n % 3 === 0 && n !== 15 ? undefined : n - 1;
    seeds.push({
      name,
      body: bodies[n % bodies.length] as string,
      parent,
      website: n % 4 === 0 ? `https://reader${n + 1}.example.com` : undefined,
    });
  }
  return seeds;
}

/** Opens the demo page in a context with `options`, on a desktop unless they say otherwise. */
function openDemo(server: RunningServer, options: BrowserContextOptions): Promise<WatchedPage> {
  return harness.openDemo(server, { viewport: DESKTOP, ...options });
}

/**
 * The context options for running axe in colour scheme `colorScheme`. The demo page's
 * Content-Security-Policy (`style-src 'self'`) blocks the inline style axe-core applies while it
 * runs, which Chromium would log as a console error; bypassCSP lets axe work as designed. The
 * widget under CSP is covered by the other browser tests, which run without it.
 */
function forAxe(colorScheme: 'light' | 'dark'): BrowserContextOptions {
  return { colorScheme, bypassCSP: true };
}

/** Clicks Post Comment with every field empty and waits for the three errors. */
async function showValidationErrors(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Post Comment' }).click();
  await visible(page.locator('.field-comment .error'));
  await visible(page.locator('.field-author .error'));
  await visible(page.locator('.field-email .error'));
}

/**
 * Where the keyboard focus is, looking inside shadow roots (the shadow host is
 * document.activeElement while the focus is inside its shadow root): `#id` for an element with an
 * id, else its tag and accessible label or text, e.g. `a "Reply to Ann Reader"`.
 */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    if (!element || element === document.body) return 'body';
    if (element.id) return `#${element.id}`;
    const label = element.getAttribute('aria-label') ?? element.textContent?.trim() ?? '';
    return `${element.tagName.toLowerCase()} "${label}"`;
  });
}

/** The text of the thread's live region, which screen readers announce. */
function announced(page: Page): Promise<string> {
  return page
    .locator('.leave-a-reply-thread [aria-live]')
    .textContent()
    .then((text) => text ?? '');
}

/** The computed background colour of the Post Comment button inside `thread`. */
function buttonBackground(thread: Locator): Promise<string> {
  return thread
    .getByRole('button', { name: 'Post Comment' })
    .evaluate((button) => getComputedStyle(button).backgroundColor);
}

/** Mounts a second thread, with the given theme, below the demo page's own. */
async function mountThemedThread(page: Page, server: string, theme: 'light' | 'dark') {
  await page.evaluate(
    ({ server, theme }) => {
      const element = document.createElement('div');
      element.id = 'theme-test';
      document.body.append(element);
      window.LeaveAReply?.mount(element, { server, pageId: 'theme-test', theme });
    },
    { server, theme },
  );
  const themed = page.locator('#theme-test');
  await threadLoaded(themed);
  return themed;
}

/** The message of the server failure that failPosts() answers with. */
const SERVER_FAILURE = 'Something went wrong on the server. Please try again.';
/** What Chromium logs for the 500 answer failPosts() gives. */
const FAILED_POST_LOG = failedLoad('500 (Internal Server Error)', '/api/comments');

/** From now on, every comment posted in `page` gets a 500 answer from "the server". */
async function failPosts(page: Page): Promise<void> {
  await page.route('**/api/comments', (route: Route) =>
    route.request().method() === 'POST'
      ? route.fulfill({
          status: 500,
          contentType: 'application/json',
          body: JSON.stringify({ error: { code: 'server_error', message: SERVER_FAILURE } }),
        })
      : route.continue(),
  );
}

describe.each(['light', 'dark'] as const)('axe on the demo page, %s colour scheme', (scheme) => {
  it('finds no serious or critical violation with an empty thread', async () => {
    const server = await harness.serve({ MODERATION: 'none' });
    const { page } = await openDemo(server, forAxe(scheme));

    expect(await severeViolations(page)).toEqual([]);
  });

  it('finds no serious or critical violation with a long, nested thread', async () => {
    const server = await harness.serve({ MODERATION: 'none' });
    await seed(server, longThread());
    const { page } = await openDemo(server, forAxe(scheme));
    await visible(page.getByRole('heading', { name: `30 thoughts on "${DEMO_TITLE}"` }));
    expect(await page.locator('li.comment').count()).toBe(30);

    expect(await severeViolations(page)).toEqual([]);
  });

  it('finds no serious or critical violation in reply mode', async () => {
    const server = await harness.serve({ MODERATION: 'none' });
    const ids = await seed(server, longThread());
    const { page } = await openDemo(server, forAxe(scheme));
    // A reply three levels deep, so the form stands indented inside the thread.
    await page.getByRole('link', { name: 'Reply to Cleo Reader 3', exact: true }).click();
    await visible(page.getByRole('heading', { name: 'Leave a Reply to Cleo Reader 3' }));
    await visible(page.locator(`#comment-${ids[2]} > .respond form.comment-form`));
    await visible(page.getByRole('link', { name: 'Cancel reply' }));

    expect(await severeViolations(page)).toEqual([]);
  });

  it('finds no serious or critical violation with validation errors shown', async () => {
    const server = await harness.serve({ MODERATION: 'none' });
    const { page } = await openDemo(server, forAxe(scheme));
    await showValidationErrors(page);

    expect(await severeViolations(page)).toEqual([]);
  });

  it('finds no serious or critical violation with a comment awaiting moderation', async () => {
    const server = await harness.serve();
    const { page } = await openDemo(server, forAxe(scheme));
    const body = 'First time here: does a starter mind being fed tap water?';
    await page.locator('#comment').fill(body);
    await page.locator('#author').fill('Cleo New');
    await page.locator('#email').fill('cleo@example.com');
    await page.getByRole('button', { name: 'Post Comment' }).click();
    await visible(page.locator('li.comment').getByText(body));
    await visible(page.getByText('Your comment is awaiting moderation.'));

    expect(await severeViolations(page)).toEqual([]);
  });
});

describe('a code block that scrolls', () => {
  it('can be reached and scrolled with the keyboard, and axe finds it focusable', async () => {
    const server = await harness.serve({ MODERATION: 'none' });
    const longLine = `const starter = [${Array.from({ length: 40 }, (_, n) => `'feed ${n}'`).join(', ')}];`;
    await seed(server, [
      { name: 'Ann Reader', body: `My feeding script:\n\n\`\`\`\n${longLine}\n\`\`\`` },
    ]);
    const { page } = await openDemo(server, forAxe('light'));
    const code = page.locator('li.comment .content pre');
    await visible(code);
    // The line is longer than the thread is wide: the block scrolls.
    expect(await code.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);

    const violations = await runAxe(page);
    expect(
      violations.filter((violation) => violation.id === 'scrollable-region-focusable'),
    ).toEqual([]);
    expect(await severeViolations(page)).toEqual([]);

    // Tab reaches it, and the arrow keys scroll it.
    let stop = '';
    for (let n = 0; n < 40 && !stop.startsWith('pre '); n++) {
      await page.keyboard.press('Tab');
      stop = await focused(page);
    }
    expect(stop.startsWith('pre '), `focus went to ${stop}`).toBe(true);
    await page.keyboard.press('ArrowRight');
    await expect
      .poll(() => code.evaluate((element) => element.scrollLeft), { timeout: WAIT })
      .toBeGreaterThan(0);
  });
});

describe('screenshots', () => {
  it('saves the light, dark, mobile, reply and error states to tests/screenshots/, with avatars and likes', async () => {
    const server = await harness.serve({ MODERATION: 'none' });
    const ids = await seed(server, SHORT_THREAD);
    // Readers have liked the first comment three times and the second once.
    for (const [id, voters] of [
      [ids[0], 3],
      [ids[1], 1],
    ] as const) {
      for (let n = 0; n < voters; n++) {
        const liked = await server.app.inject({
          method: 'POST',
          url: `/api/comments/${id}/like`,
          payload: { voter: `${'0'.repeat(31)}${n}` },
        });
        expect(liked.statusCode, liked.body).toBe(200);
      }
    }
    const heading = `4 thoughts on "${DEMO_TITLE}"`;
    const saved: string[] = [];
    const shoot = async (page: Page, name: string) => {
      const path = `${SCREENSHOTS}${name}`;
      await page.screenshot({ path, fullPage: true });
      saved.push(path);
    };

    const light = await openDemo(server, { colorScheme: 'light' });
    await visible(light.page.getByRole('heading', { name: heading }));
    await visible(light.page.getByRole('button', { name: 'Like 3' }));
    await visible(light.page.locator('svg.avatar').first());
    await shoot(light.page, 'light.png');

    const dark = await openDemo(server, { colorScheme: 'dark' });
    await visible(dark.page.getByRole('heading', { name: heading }));
    // This reader likes the second comment: its button shows pressed.
    await dark.page.getByRole('button', { name: 'Like 1' }).click();
    await visible(dark.page.getByRole('button', { name: 'Like 2', pressed: true }));
    await shoot(dark.page, 'dark.png');

    const mobile = await openDemo(server, {
      colorScheme: 'light',
      viewport: { width: 375, height: 812 },
    });
    await visible(mobile.page.getByRole('heading', { name: heading }));
    await shoot(mobile.page, 'mobile-375.png');

    await light.page.getByRole('link', { name: 'Reply to Cleo Crumb' }).click();
    await visible(light.page.getByRole('heading', { name: 'Leave a Reply to Cleo Crumb' }));
    await shoot(light.page, 'reply-mode.png');

    await light.page.getByRole('link', { name: 'Cancel reply' }).click();
    await threadLoaded(light.page);
    await showValidationErrors(light.page);
    await shoot(light.page, 'error-state.png');

    for (const path of saved) expect(statSync(path).size, path).toBeGreaterThan(0);
    expect(saved).toHaveLength(5);
  });
});

describe('the data-theme override', () => {
  // The theme, the accent's name, the reader's scheme, and the two threads' accent colours.
  it.each([
    ['dark', 'dark', 'light', DARK_ACCENT, LIGHT_ACCENT],
    ['light', 'light', 'dark', LIGHT_ACCENT, DARK_ACCENT],
  ] as const)(
    'gives a thread with theme "%s" the %s accent in a %s colour scheme',
    async (theme, _accent, colorScheme, themedAccent, demoAccent) => {
      const server = await harness.serve({ MODERATION: 'none' });
      const { page } = await openDemo(server, { colorScheme });
      const themed = await mountThemedThread(page, server.origin, theme);
      const demo = page.locator('.leave-a-reply-thread');

      expect(await themed.getAttribute('data-theme')).toBe(theme);
      expect(await demo.getAttribute('data-theme')).toBe('auto');
      expect(await buttonBackground(themed)).toBe(themedAccent);
      expect(await buttonBackground(demo)).toBe(demoAccent);
    },
  );

  it.each([
    ['dark', 'light'],
    ['light', 'dark'],
  ] as const)(
    'keeps a thread forced to %s readable on a page in the %s scheme',
    async (theme, colorScheme) => {
      const server = await harness.serve({ MODERATION: 'none' });
      const { page } = await openDemo(server, forAxe(colorScheme));
      const themed = await mountThemedThread(page, server.origin, theme);
      await themed.getByRole('button', { name: 'Post Comment' }).click();
      await visible(themed.locator('.field-comment .error'));

      expect(await severeViolations(page)).toEqual([]);
    },
  );
});

describe('the keyboard alone', () => {
  it('reaches every control in order, posts, replies, cancels and hears the outcome', async () => {
    // With mail set up, so that the form has every control, the reply-mail box included.
    const smtp = await startSmtpServer();
    onTestFinished(() => smtp.close());
    const server = await harness.serve({ MODERATION: 'none', SMTP_URL: smtp.url });
    await seed(server, [{ name: 'Ann Reader', body: 'Gus sounds like a fine starter.' }]);
    const { page, expectProblems } = await harness.openDemo(server);
    // Chromium logs a response with status 500 as a console error; that is the failure this
    // test causes on purpose (failPosts), so only that one is expected here.
    expectProblems(FAILED_POST_LOG);
    const key = async (name: string) => {
      await page.keyboard.press(name);
      return focused(page);
    };

    // Past the demo page's own links, the first stop in the thread is the comment's Reply link.
    const passed: string[] = [];
    while (passed.at(-1) !== 'a "Reply to Ann Reader"' && passed.length < 40) {
      passed.push(await key('Tab'));
    }
    expect(passed.at(-1), `focus went through ${passed.join(', ')}`).toBe(
      'a "Reply to Ann Reader"',
    );
    const forwards: string[] = [];
    for (let n = 0; n < 7; n++) forwards.push(await key('Tab'));
    expect(forwards).toEqual([
      '#comment',
      '#author',
      '#email',
      '#url',
      '#remember',
      '#notify',
      'button "Post Comment"',
    ]);
    const backwards: string[] = [];
    for (let n = 0; n < 6; n++) backwards.push(await key('Shift+Tab'));
    expect(backwards).toEqual(['#notify', '#remember', '#url', '#email', '#author', '#comment']);

    // Enter in a field with Name and Email empty: errors, the text kept, focus on Name.
    const body = 'Typed without a mouse, and it should not be lost.';
    await page.keyboard.type(body);
    expect(await key('Tab')).toBe('#author');
    await page.keyboard.press('Enter');
    await visible(page.locator('.field-author .error'));
    await visible(page.locator('.field-email .error'));
    await expect.poll(() => focused(page), { timeout: WAIT }).toBe('#author');
    expect(await page.locator('#comment').inputValue()).toBe(body);
    await expect.poll(() => announced(page), { timeout: WAIT }).toContain('not sent');

    // Name and email typed, Enter in Email posts, and the live region says so.
    await page.keyboard.type('Kim Keys');
    expect(await key('Tab')).toBe('#email');
    await page.keyboard.type('kim@example.com');
    await page.keyboard.press('Enter');
    await visible(page.locator('li.comment').getByText(body));
    await expect.poll(() => announced(page), { timeout: WAIT }).toContain('posted');
    expect(await page.locator('li.comment').count()).toBe(2);

    // Reply with Enter: focus into the form; Cancel reply with Enter: focus back to Reply.
    const replyLink = page.getByRole('link', { name: 'Reply to Kim Keys' });
    await replyLink.focus();
    await page.keyboard.press('Enter');
    await visible(page.getByRole('heading', { name: 'Leave a Reply to Kim Keys' }));
    await expect.poll(() => focused(page), { timeout: WAIT }).toBe('#comment');
    expect(await key('Shift+Tab')).toBe('a "Cancel reply"');
    await page.keyboard.press('Enter');
    await threadLoaded(page);
    await expect.poll(() => focused(page), { timeout: WAIT }).toBe('a "Reply to Kim Keys"');

    // The server fails: the live region says so and the text stays in the form.
    await failPosts(page);
    const second = 'A second thought, for a server having a bad day.';
    // Past the reader's own Edit and Delete (if any) to the Comment field, just below.
    const toComment: string[] = [];
    while (toComment.at(-1) !== '#comment' && toComment.length < 5) {
      toComment.push(await key('Tab'));
    }
    expect(toComment.at(-1), `focus went through ${toComment.join(', ')}`).toBe('#comment');
    await page.keyboard.type(second);
    expect(await key('Tab')).toBe('#author');
    expect(await key('Tab')).toBe('#email');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => announced(page), { timeout: WAIT })
      .toBe(`Your comment was not sent. ${SERVER_FAILURE}`);
    await visible(page.locator('form.comment-form [role="alert"]'));
    expect(await page.locator('#comment').inputValue()).toBe(second);
    expect(await page.locator('li.comment').count()).toBe(2);
  });

  it('keeps the focus in the form when posting from the Post Comment button fails', async () => {
    const server = await harness.serve({ MODERATION: 'none' });
    const { page, expectProblems } = await harness.openDemo(server);
    // As in the test above: the 500 this test causes on purpose is logged by Chromium.
    expectProblems(FAILED_POST_LOG);
    await failPosts(page);

    const body = 'Posted with Enter on the button, while the server is down.';
    await page.locator('#comment').fill(body);
    await page.locator('#author').fill('Lea Keys');
    await page.locator('#email').fill('lea@example.com');
    const button = page.getByRole('button', { name: 'Post Comment' });
    await button.focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => announced(page), { timeout: WAIT })
      .toBe(`Your comment was not sent. ${SERVER_FAILURE}`);
    expect(await page.locator('#comment').inputValue()).toBe(body);
    // No field is wrong, so the widget means to focus the form's error message
    // (focusFirstProblem in CommentForm.tsx); a keyboard or screen reader user must not be
    // dropped on <body>, back at the top of the page.
    await expect
      .poll(() => focused(page), { timeout: WAIT })
      .toBe(`p "${SERVER_FAILURE} Your comment is still here."`);
  });
});
