/** What browser tests of the widget share: waits, the demo page's title, the form, and threads. */
import type { Locator, Page } from 'playwright-core';

/** How long to wait for one condition in the page before failing. */
export const WAIT = 15_000;
/** How long one browser test may take: the harness gives it to every test of its file. */
export const TEST_TIMEOUT = 60_000;

/** The demo post's title: the thread's heading names the post, not the site. */
export const DEMO_TITLE = 'Notes on keeping a sourdough starter alive';

export function visible(locator: Locator): Promise<void> {
  return locator.waitFor({ state: 'visible', timeout: WAIT });
}

export function gone(locator: Locator): Promise<void> {
  return locator.waitFor({ state: 'detached', timeout: WAIT });
}

/** Waits until the thread inside `scope` has loaded: its form's "Leave a Reply" heading shows. */
export async function threadLoaded(scope: Page | Locator): Promise<void> {
  await visible(scope.getByRole('heading', { name: 'Leave a Reply', exact: true }));
}

/** Fills the form inside `scope` (a page with one thread, or one thread's host) and posts it. */
export async function submitCommentForm(
  scope: Page | Locator,
  fields: { body: string; name: string; email: string },
): Promise<void> {
  await scope.locator('#comment').fill(fields.body);
  await scope.locator('#author').fill(fields.name);
  await scope.locator('#email').fill(fields.email);
  await scope.getByRole('button', { name: 'Post Comment' }).click();
}

/** True when `locator`'s element has the focus inside its own shadow root. */
export function hasFocus(locator: Locator): Promise<boolean> {
  return locator.evaluate(
    (element) => (element.getRootNode() as ShadowRoot | Document).activeElement === element,
  );
}

/** The reader most tests post as. */
export const ANN = { name: 'Ann Reader', email: 'ann@example.com' };

/** How many elements of the page host a shadow root holding a comment form, i.e. threads. */
export function threadCount(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      [...document.querySelectorAll('*')].filter((element) =>
        element.shadowRoot?.querySelector('form.comment-form'),
      ).length,
  );
}

/** How many elements of the page host a shadow root at all. */
export function shadowHostCount(page: Page): Promise<number> {
  return page.evaluate(
    () => [...document.querySelectorAll('*')].filter((element) => element.shadowRoot).length,
  );
}
