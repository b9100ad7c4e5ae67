/**
 * What the XSS tests do to a page to find out whether anything a payload carried can run: trap
 * what payloads call, fire the events inline handlers listen for, and sweep the mouse over it.
 */
import type { Page } from 'playwright-core';

export interface Traps {
  /** Every trapped call, as `name(first argument)`, recorded on the top window. */
  __xssFired?: string[];
}

/**
 * Runs in every frame before any of its scripts: replaces what the payloads call with a trap
 * that records the call on the top window when it can, and logs it as a console error.
 */
export function installTraps(): void {
  const trap =
    (name: string) =>
    (...args: unknown[]) => {
      let recorder: Traps = window as Traps;
      try {
        recorder = (window.top ?? window) as Traps;
        // Reading a property throws for a cross-origin top: record here instead.
        void recorder.__xssFired;
      } catch {
        recorder = window as Traps;
      }
      recorder.__xssFired ??= [];
      recorder.__xssFired.push(`${name}(${String(args[0])})`);
      console.error(`XSS fired: ${name}(${args.map(String).join(', ')})`);
      return null;
    };
  const target = window as unknown as Record<string, unknown>;
  // Not eval: Playwright evaluates its own functions through it. A payload that reaches eval
  // still ends in one of these.
  for (const name of ['alert', 'prompt', 'confirm', 'print', 'open']) {
    target[name] = trap(name);
  }
}

/** Tall, so that a sweep of the mouse crosses many comments at once. */
export const VIEWPORT = { width: 1280, height: 1600 };

/** The events inline handlers listen for, fired at every element under test. */
export const EVENT_TYPES = [
  'mouseover',
  'mouseenter',
  'mousemove',
  'mousedown',
  'mouseup',
  'mouseout',
  'mouseleave',
  'pointerover',
  'pointerenter',
  'pointerdown',
  'pointerup',
  'focus',
  'focusin',
  'blur',
  'focusout',
  'keydown',
  'keyup',
  'input',
  'change',
  'wheel',
  'scroll',
  'copy',
  'paste',
  'dblclick',
  'contextmenu',
  'load',
  'error',
  'toggle',
  'animationstart',
  'animationend',
  'transitionend',
  'propertychange',
  'resize',
];

/** Resolves once the page has rendered a frame and run what that frame queued. */
export function settled(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/** Scrolls through the whole page, sweeping the mouse down across what shows at each step. */
export async function sweep(page: Page): Promise<void> {
  const { width, height } = VIEWPORT;
  const total = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0; y < total; y += Math.floor(height * 0.9)) {
    await page.evaluate((to) => window.scrollTo(0, to), y);
    await page.mouse.move(width * (y % 2 ? 0.2 : 0.4), height * 0.1);
    await page.mouse.move(width * 0.3, height * 0.9, { steps: 2 });
  }
  await page.evaluate(settled);
}
