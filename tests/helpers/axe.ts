/** axe-core in a real page: runs the WCAG 2.1 A/AA and best-practice rules, shadow DOM included. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type {
  AxeResults,
  ImpactValue,
  Result,
  RunOptions,
  UnlabelledFrameSelector,
} from 'axe-core';
import type { Page } from 'playwright-core';
import type { EnginePage } from './engines.ts';

/** The rule sets checked: WCAG 2.0 and 2.1 levels A and AA (colour contrast included), and best practice. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

const require = createRequire(import.meta.url);
let axeSource: string | null = null;

/** The source of axe-core's browser build, read once. */
function source(): string {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

interface AxeWindow {
  axe?: { run: (context: Document, options: RunOptions) => Promise<AxeResults> };
}

/**
 * Runs axe on the whole of `page` as it is now (open shadow roots included) and returns every
 * violation, whatever its impact. Injects axe first when the page does not have it yet (a
 * navigation or reload drops it): through page.evaluate, which the DevTools protocol runs
 * whatever the page's Content-Security-Policy says, where page.addScriptTag would add an inline
 * <script> that a CSP such as the demo page's `script-src 'self'` blocks. axe also applies an
 * inline style while it runs, which a CSP without 'unsafe-inline' in style-src blocks with a
 * console error: open such a page in a context with `bypassCSP: true`.
 */
/** In the page: runs axe's rules of `tags` over the whole document and answers the violations. */
async function violationsIn(tags: string[]): Promise<Result[]> {
  const axe = (window as AxeWindow).axe;
  if (!axe) throw new Error('axe-core did not load in the page');
  const results = await axe.run(document, {
    runOnly: { type: 'tag', values: tags },
    resultTypes: ['violations'],
  });
  return results.violations;
}

export async function runAxe(page: Page): Promise<Result[]> {
  const present = await page.evaluate(() => Boolean((window as AxeWindow).axe));
  if (!present) await page.evaluate(source());
  return page.evaluate(violationsIn, AXE_TAGS);
}

/**
 * runAxe for a page of any engine (engines.ts): injects axe when absent with runScript, which
 * each engine runs whatever the page's Content-Security-Policy, then runs the same rules. There is
 * no bypassCSP outside Chromium: should a strict CSP refuse an inline style axe applies, the engine
 * reports it among the page's problems, so prefer pages without one (a host site's).
 */
export async function runAxeOn(page: EnginePage): Promise<Result[]> {
  const present = await page.evaluate(() => Boolean((window as AxeWindow).axe));
  if (!present) await page.runScript(source());
  return page.evaluate(violationsIn, AXE_TAGS);
}

const SEVERE: ImpactValue[] = ['serious', 'critical'];

/** Only the violations of impact "serious" or "critical". */
export function severe(violations: Result[]): Result[] {
  return violations.filter((violation) => SEVERE.includes(violation.impact ?? null));
}

/**
 * A selector path as one string: a target inside a shadow root is a list of selectors, the
 * shadow host first, joined here with " >>> ".
 */
function selector(target: UnlabelledFrameSelector): string {
  return target
    .map((part) => (Array.isArray(part) ? part.join(' >>> ') : String(part)))
    .join(' | ');
}

/** True when a target lies inside a shadow root (for the demo page: inside the widget). */
function inShadowRoot(target: UnlabelledFrameSelector): boolean {
  return target.some((part) => Array.isArray(part) && part.length > 1);
}

/**
 * One readable line per failing element: rule id, impact, where (widget or host page), the
 * selector, and axe's failure summary, e.g.
 * `color-contrast (serious) [widget] .leave-a-reply-thread >>> .notes: Fix any of the following: …`.
 */
export function formatViolations(violations: Result[]): string[] {
  return violations.flatMap((violation) =>
    violation.nodes.map((node) => {
      const where = inShadowRoot(node.target) ? 'widget' : 'page';
      const summary = (node.failureSummary ?? violation.help).replace(/\s*\n\s*/g, ' ');
      return `${violation.id} (${node.impact ?? violation.impact}) [${where}] ${selector(node.target)}: ${summary}`;
    }),
  );
}

/** Runs axe and returns the serious and critical violations, formatted; `[]` when there are none. */
export async function severeViolations(page: Page): Promise<string[]> {
  return formatViolations(severe(await runAxe(page)));
}
