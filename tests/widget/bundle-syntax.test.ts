/**
 * What readers and the site owner download runs in the oldest browsers README promises: every
 * built script parses as ECMAScript 2020 (the build's ECMA_VERSION), every built stylesheet is
 * free of CSS nesting, and README's list of supported browsers is the build's target.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'acorn';
import { transform } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildWidget,
  ECMA_VERSION,
  isOnDemandModule,
  ON_DEMAND,
  TARGET,
} from '../../server/build/widget.ts';
import { isWordsFile } from '../../server/build/words.ts';
import { LOCALES } from '../../shared/i18n/locales.ts';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** README's names of the browsers, by esbuild's name of each. */
const BROWSER_NAMES: Record<string, string> = {
  chrome: 'Chrome',
  edge: 'Edge',
  firefox: 'Firefox',
  safari: 'Safari',
  ios: 'Safari on iOS',
};

/** Throws, naming the place, where `source` holds syntax newer than ECMA_VERSION. */
function parseAsSupported(source: string, sourceType: 'script' | 'module' = 'script'): void {
  // The bundles are classic scripts (IIFEs), as the embed tag loads them; the modules the embed
  // script imports on demand are modules.
  parse(source, { ecmaVersion: ECMA_VERSION, sourceType });
}

/**
 * The `&` of CSS nesting left in a stylesheet, outside strings and comments; none once esbuild
 * has lowered it for the target.
 */
function nestingIn(css: string): string[] {
  const bare = css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'/g, '""');
  return bare.match(/[^{};]*&[^{};]*\{/g) ?? [];
}

let dir = '';
let files: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'leave-a-reply-syntax-'));
  await buildWidget(dir);
  files = readdirSync(dir);
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the built files', () => {
  it(`hold no JavaScript newer than ECMAScript ${ECMA_VERSION}: embed.js, count.js and the dashboard's script`, () => {
    const scripts = files.filter((name) => name.endsWith('.js'));
    expect(scripts).toContain('embed.js');
    expect(scripts).toContain('count.js');
    expect(scripts.filter((name) => /^admin\.[0-9a-f]+\.js$/.test(name))).toHaveLength(1);
    expect(scripts.filter(isOnDemandModule)).toHaveLength(ON_DEMAND.length);
    // Each locale's words of what loads on demand.
    expect(scripts.filter(isWordsFile)).toHaveLength(LOCALES.length);
    for (const name of scripts) {
      const source = readFileSync(join(dir, name), 'utf8');
      const type = isOnDemandModule(name) || isWordsFile(name) ? 'module' : 'script';
      expect(() => parseAsSupported(source, type), name).not.toThrow();
    }
  });

  it('refuses syntax newer than ECMAScript 2020 and takes what 2020 has', () => {
    for (const newer of [
      'a ??= b;', // logical assignment, ES2021
      'const n = 1_000;', // numeric separators, ES2021
      'class A { x = 1 }', // class fields, ES2022
      'class A { #x; has(o) { return #x in o } }', // private fields, ES2022
      'class A { static { init() } }', // static blocks, ES2022
      'const m = /a/d;', // match indices, ES2022
    ]) {
      expect(() => parseAsSupported(newer), newer).toThrow(SyntaxError);
    }
    expect(() => parseAsSupported('const x = a?.b ?? 10n; import("./m.js");')).not.toThrow();
  });

  it('hold no CSS nesting: the widget stylesheet and the dashboard stylesheet', () => {
    const stylesheets = files.filter((name) => name.endsWith('.css'));
    expect(stylesheets.filter((name) => name.startsWith('embed.'))).toHaveLength(1);
    expect(stylesheets.filter((name) => name.startsWith('admin.'))).toHaveLength(1);
    for (const name of stylesheets) {
      expect(nestingIn(readFileSync(join(dir, name), 'utf8')), name).toEqual([]);
    }
  });

  it('would have nesting lowered for the target, which the check would otherwise see', async () => {
    const nested = '.thread{color:red;& a:hover{color:blue}}';
    expect(nestingIn(nested)).toEqual(['& a:hover{']);
    expect(nestingIn('.a::after{content:"&{"}')).toEqual([]);
    const lowered = await transform(nested, { loader: 'css', target: TARGET, minify: true });
    expect(nestingIn(lowered.code)).toEqual([]);
    expect(lowered.code).toContain('.thread a:hover{');
  });
});

describe("README's supported browsers", () => {
  it("are the build's target, and JavaScript is held to the ECMAScript version README names", () => {
    const line = /^Supported browsers: (.+), and newer\.$/m.exec(README)?.[1];
    expect(line, 'a "Supported browsers: …, and newer." line in README').toBeDefined();
    const listed = (line as string).split(', ').sort();
    const targeted = TARGET.filter((entry) => !entry.startsWith('es'))
      .map((entry) => {
        const [, engine = '', version = ''] = /^([a-z]+)(\d+)$/.exec(entry) ?? [];
        expect(BROWSER_NAMES[engine], entry).toBeDefined();
        return `${BROWSER_NAMES[engine]} ${version}`;
      })
      .sort();
    expect(listed).toEqual(targeted);
    expect(TARGET).toContain(`es${ECMA_VERSION}`);
    expect(README).toContain(`no newer than ECMAScript ${ECMA_VERSION}`);
  });
});
