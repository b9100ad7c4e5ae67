/**
 * thread.css in Chromium: the server-rendered thread, in a host page's own DOM, is laid out and
 * themed as the widget lays out and themes the same markup in its shadow root, whatever a
 * theme's rules for plain elements say; and nothing of the host page outside the thread changes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBrowserAndServers } from '../helpers/browser-and-servers.ts';
import { htmlPage } from '../helpers/host-server.ts';
import { seedThread } from '../helpers/seed.ts';
import { builtWidget, type RunningServer } from '../helpers/server.ts';
import { fragmentOf, OWN_ADDRESS } from '../helpers/server-rendered.ts';

const harness = useBrowserAndServers();

/** A theme's rules for plain elements, and for some of the class names the thread uses. */
const THEME_CSS = `
body { font: 17px/1.7 Georgia, serif; color: #222 }
#light, #shadow { width: 640px }
h2, h3 { font-size: 40px; margin: 2em 0; text-transform: uppercase }
ol { padding-left: 3em; list-style: decimal }
li { margin-bottom: 24px }
p { margin: 2em 0 }
a { font-weight: 700; padding: 4px }
header { display: grid }
article { border: 3px solid; padding: 12px }
label { display: inline; font-size: 12px }
input, textarea, button { font-size: 22px; padding: 12px; border: 4px solid black; width: 50% }
div { padding: 6px; margin: 4px }
time { display: block }
.comment-body { padding: 40px }
.comment-list { margin: 30px }
.reply { display: block; font-size: 30px }
`;

/** Every theme variable the widget's stylesheet declares, e.g. --lar-accent. */
const THEME_VARIABLES = [
  ...new Set(
    readFileSync(new URL('../../widget/styles/theme.css', import.meta.url), 'utf8').match(
      /--lar-[\w-]+(?=\s*:)/g,
    ),
  ),
];

let server: RunningServer;
let fragment = '';
let embedStylesheet = '';

beforeAll(async () => {
  const [started, site, widgetDir] = await Promise.all([
    harness.serve({ ...OWN_ADDRESS, MODERATION: 'none' }),
    harness.host(),
    builtWidget(),
  ]);
  server = started;
  embedStylesheet = readdirSync(widgetDir).find((name) =>
    /^embed\.[0-9a-f]{10}\.css$/.test(name),
  ) as string;
  const url = site.url('/post');
  const title = 'A thread laid out twice';
  await seedThread(server, { url, title }, [
    {
      name: 'Ann Walker',
      body: 'A first comment, long enough to wrap onto a second line of text.',
    },
    {
      name: 'Ben Marsh',
      body: 'A second comment, with `code` in it.',
      website: 'https://ben.example',
    },
    { name: 'Cleo Hart', body: 'A reply to the first, one level down.', parent: 0 },
  ]);
  fragment = await fragmentOf(server, { url, title });
}, 60_000);

/** Resolves once every stylesheet `link` of `root` has loaded. */
function stylesheetsLoaded(page: Page, selector: string, inShadow: boolean): Promise<unknown> {
  return page.evaluate(
    ({ selector, inShadow }) => {
      const host = document.querySelector(selector) as Element;
      const root = inShadow ? (host.shadowRoot as ShadowRoot) : host;
      const links = [...root.querySelectorAll('link[rel="stylesheet"]')] as HTMLLinkElement[];
      return Promise.all(
        links.map(
          (link) =>
            link.sheet ??
            new Promise((resolve, reject) => {
              link.addEventListener('load', resolve);
              link.addEventListener('error', reject);
            }),
        ),
      );
    },
    { selector, inShadow },
  );
}

/**
 * Puts a copy of the thread of #light into a shadow root of #shadow, styled by the widget's own
 * stylesheet as the widget's shadow root is, with `theme` as the widget sets it on its host.
 */
async function copyIntoShadow(page: Page, theme: string): Promise<void> {
  await page.evaluate(
    ({ href, theme }) => {
      const host = document.getElementById('shadow') as HTMLElement;
      host.setAttribute('data-theme', theme);
      const shadow = host.attachShadow({ mode: 'open' });
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = href;
      const thread = document.querySelector('#light .leave-a-reply') as Element;
      shadow.append(link, thread.cloneNode(true));
    },
    { href: `${server.origin}/${embedStylesheet}`, theme },
  );
  await stylesheetsLoaded(page, '#shadow', true);
}

describe('thread.css in a browser', () => {
  it("lays the server's thread out in the page as the widget's stylesheet lays it out in a shadow root, under a theme's rules", async () => {
    const { page } = await harness.open({ viewport: { width: 1400, height: 900 } });
    await page.setContent(
      htmlPage({
        head: `<style>${THEME_CSS}</style>`,
        body: `<div id="light">${fragment}</div>\n<div id="shadow"></div>`,
      }),
    );
    await stylesheetsLoaded(page, '#light', false);
    await copyIntoShadow(page, 'auto');

    // Each element's box, from the thread's own top left corner, in the page and in the shadow.
    const boxes = await page.evaluate(() => {
      const layout = (root: Element) => {
        const origin = root.getBoundingClientRect();
        // Elements without a box (hidden inputs, the honeypot's) have no place to compare.
        const boxed = [root, ...root.querySelectorAll('*')].filter(
          (element) => element.getClientRects().length > 0,
        );
        return boxed.map((element) => {
          const box = element.getBoundingClientRect();
          const at = (n: number) => Math.round(n);
          return `${element.tagName.toLowerCase()}.${element.getAttribute('class') ?? ''} ${at(box.x - origin.x)},${at(box.y - origin.y)} ${at(box.width)}×${at(box.height)}`;
        });
      };
      const light = document.querySelector('#light .leave-a-reply') as Element;
      const shadow = document.getElementById('shadow')?.shadowRoot?.querySelector('.leave-a-reply');
      return { light: layout(light), shadow: layout(shadow as Element) };
    });
    expect(boxes.light.length).toBeGreaterThan(60);
    expect(boxes.light).toEqual(boxes.shadow);
  });

  it('themes the thread as the widget does: by the colour scheme, or by data-theme on its container or on itself', async () => {
    const cases = [
      { scheme: 'light', theme: 'auto', on: null },
      { scheme: 'dark', theme: 'auto', on: null },
      { scheme: 'dark', theme: 'light', on: 'container' },
      { scheme: 'dark', theme: 'light', on: 'thread' },
      { scheme: 'light', theme: 'dark', on: 'container' },
      { scheme: 'light', theme: 'dark', on: 'thread' },
    ] as const;
    for (const { scheme, theme, on } of cases) {
      const { page, close } = await harness.open({ colorScheme: scheme });
      const attribute = `data-theme="${theme}"`;
      const container = on === 'container' ? ` ${attribute}` : '';
      const thread = fragment.replace(
        '<div class="leave-a-reply"',
        `<div class="leave-a-reply"${on === 'thread' ? ` ${attribute}` : ''}`,
      );
      await page.setContent(
        htmlPage({ body: `<div id="light"${container}>${thread}</div>\n<div id="shadow"></div>` }),
      );
      await stylesheetsLoaded(page, '#light', false);
      await copyIntoShadow(page, theme);
      const looks = await page.evaluate((names) => {
        const look = (root: Element) => {
          const style = getComputedStyle(root);
          const variables = names.map((name) => `${name}:${style.getPropertyValue(name).trim()}`);
          return [...variables, style.backgroundColor, style.color, style.padding];
        };
        const light = document.querySelector('#light .leave-a-reply') as Element;
        const shadow = document
          .getElementById('shadow')
          ?.shadowRoot?.querySelector('.leave-a-reply');
        return { light: look(light), shadow: look(shadow as Element) };
      }, THEME_VARIABLES);
      const what = `${scheme} scheme, data-theme="${theme}" on the ${on ?? 'host only'}`;
      expect(THEME_VARIABLES.length).toBeGreaterThan(10);
      expect(looks.light, what).toEqual(looks.shadow);
      await close();
    }
  });

  it('leaves every element of the host page outside the thread as it was', async () => {
    const { page } = await harness.open();
    const own = [
      '<h2 id="own-heading">Elsewhere</h2>',
      '<p class="notes" id="own-notes">Notes of the page <a href="#x" class="reply">a link</a></p>',
      '<ol class="comment-list" id="own-list"><li class="comment">an item</li></ol>',
      '<label for="own-input">Label</label> <input id="own-input" type="text">',
      '<button type="button">A button</button> <time>today</time>',
      '<svg class="avatar" viewBox="0 0 1 1"><path d="M0 0h1v1z"></path></svg>',
      '<div class="leave-a-reply-thread" data-theme="dark"><p>Beside the thread</p></div>',
    ].join('\n');
    await page.setContent(
      htmlPage({ body: `<main id="own">${own}</main>\n<div id="light"></div>` }),
    );
    const styles = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('#own, #own *')].map((element) => {
          const style = getComputedStyle(element);
          return [...style].map((name) => `${name}:${style.getPropertyValue(name)}`).join(';');
        }),
      );
    const before = await styles();
    await page.evaluate((html) => {
      (document.getElementById('light') as Element).innerHTML = html;
    }, fragment);
    await stylesheetsLoaded(page, '#light', false);
    expect(await page.evaluate(() => document.styleSheets.length)).toBe(1);
    const after = await styles();
    expect(after.length).toBe(before.length);
    for (const [index, style] of after.entries())
      expect(style, `element ${index}`).toBe(before[index]);
  });
});
