/**
 * thread.css, the stylesheet of the thread's server-rendered copy: built with the widget from
 * the widget's own stylesheet, scoped to `.leave-a-reply` so that it styles nothing else of a
 * host page, with every theme variable, and served at /thread.css like embed.js.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { THREAD_STYLESHEET, threadStylesheet } from '../../server/build/thread-css.ts';
import { buildWidget, TARGET } from '../../server/build/widget.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

const THEME_SOURCE = readFileSync(
  new URL('../../widget/styles/theme.css', import.meta.url),
  'utf8',
);

let dir = '';
let css = '';
let test: TestApp;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'leave-a-reply-thread-css-'));
  await buildWidget(dir);
  css = readFileSync(join(dir, THREAD_STYLESHEET), 'utf8');
  test = await createTestApp({}, { widgetDir: dir });
}, 60_000);

afterAll(async () => {
  await test?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** `list` split at its commas outside parentheses: `a:is(b,c),d` → `a:is(b,c)`, `d`. */
function splitList(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const char = list[i];
    if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (char === ',' && depth === 0) {
      parts.push(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(list.slice(start).trim());
  return parts;
}

/** Every selector of the style rules of `stylesheet`, inside at-rules such as @media too. */
function selectorsOf(stylesheet: string): string[] {
  const bare = stylesheet.replace(/\/\*[\s\S]*?\*\//g, '');
  const selectors: string[] = [];
  // A prelude is what stands before a `{`: an at-rule's, or a style rule's selector list.
  for (const match of bare.matchAll(/([^{};]+)\{/g)) {
    const prelude = (match[1] as string).trim();
    if (!prelude.startsWith('@')) selectors.push(...splitList(prelude));
  }
  return selectors;
}

/** The `--lar-*` declarations of `stylesheet`, as `name:value` without spaces. */
function themeDeclarations(stylesheet: string): Set<string> {
  const found = stylesheet
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .matchAll(/(--lar-[\w-]+)\s*:\s*([^;}]+)/g);
  return new Set([...found].map(([, name, value]) => `${name}:${value?.trim()}`));
}

describe('thread.css', () => {
  it('is built beside the widget stylesheet, with gzip and brotli copies of the same bytes', () => {
    const files = readdirSync(dir);
    expect(files).toContain(THREAD_STYLESHEET);
    expect(files.filter((name) => /^embed\.[0-9a-f]{10}\.css$/.test(name))).toHaveLength(1);
    const raw = readFileSync(join(dir, THREAD_STYLESHEET));
    expect(raw.length).toBeGreaterThan(1000);
    expect(gunzipSync(readFileSync(join(dir, `${THREAD_STYLESHEET}.gz`)))).toEqual(raw);
    expect(brotliDecompressSync(readFileSync(join(dir, `${THREAD_STYLESHEET}.br`)))).toEqual(raw);
  });

  it('scopes every rule to .leave-a-reply, so that nothing of the host page outside it is styled', () => {
    const selectors = selectorsOf(css);
    expect(selectors.length).toBeGreaterThan(50);
    for (const selector of selectors) {
      // `.leave-a-reply` itself, or something of it: not `.leave-a-reply-thread`, not `…, h2`.
      expect(selector).toMatch(/^\.leave-a-reply(?![\w-])/);
    }
    expect(css).not.toMatch(/:host|::slotted/);
    // The rules of the widget's elements, e.g. its headings and its list of comments.
    expect(selectors).toContain('.leave-a-reply h2');
    expect(selectors).toContain('.leave-a-reply .comment-list');
  });

  it("declares every theme variable of the widget's stylesheet, in its light and dark values", () => {
    const source = themeDeclarations(THEME_SOURCE);
    expect(source.size).toBeGreaterThan(20);
    expect(source).toContain('--lar-accent:#1d5fbf');
    expect(source).toContain('--lar-accent:#8ab4f8');
    expect(source).toContain('--lar-background:#15171a');
    const built = themeDeclarations(css);
    for (const declaration of source) expect(built, declaration).toContain(declaration);
    expect(css).toContain('@media(prefers-color-scheme:dark)');
  });

  it('takes a data-theme on the thread or on the element that holds it, as the widget does', async () => {
    const scoped = (await threadStylesheet(Buffer.from(THEME_SOURCE), TARGET)).toString();
    const rules = selectorsOf(scoped);
    expect(rules).toContain('.leave-a-reply');
    expect(rules).toContain('.leave-a-reply:is([data-theme=dark],[data-theme=dark]>*)');
    expect(rules).toContain('.leave-a-reply:not([data-theme=light],[data-theme=light]>*)');
  });

  it('refuses a shadow selector it cannot map, rather than build a stylesheet that misses it', async () => {
    const slotted = Buffer.from('::slotted(p){color:red}');
    await expect(threadStylesheet(slotted, TARGET)).rejects.toThrow(/cannot map/);
  });

  it('is served at /thread.css, compressed, and checked again after five minutes as embed.js is', async () => {
    for (const [accept, encoding, decode] of [
      ['br, gzip', 'br', brotliDecompressSync],
      ['gzip', 'gzip', gunzipSync],
    ] as const) {
      const response = await test.app.inject({
        method: 'GET',
        url: '/thread.css',
        headers: { 'accept-encoding': accept },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/css/);
      expect(response.headers['content-encoding']).toBe(encoding);
      expect(response.headers['cache-control']).toBe('public, max-age=300');
      expect(decode(response.rawPayload).toString()).toBe(css);
    }
  });
});
