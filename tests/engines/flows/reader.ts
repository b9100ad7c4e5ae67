/**
 * The reader's flows, in every engine: the widget on a host page of another origin
 * (http://localhost:PORT) embedding a comments server's script (http://127.0.0.1:PORT).
 */
import { expect, it } from 'vitest';
import { type EngineSuite, expectNoProblems, FLOW_TIMEOUT } from '../../helpers/engine-suite.ts';
import type { EnginePage } from '../../helpers/engines.ts';
import { htmlPage } from '../../helpers/host-server.ts';
import type { RunningServer } from '../../helpers/server.ts';

/** The embed tag as a site owner pastes it, pointing at `server`. */
export function embedTag(server: RunningServer, attributes = 'async'): string {
  return `<script src="${server.origin}/embed.js"${attributes ? ` ${attributes}` : ''}></script>`;
}

/** A host page titled `title` with the problem recorder and the embed tag. */
export function hostPage(server: RunningServer, title: string, extra = ''): string {
  return htmlPage({
    title,
    recorder: true,
    body: `<h1>${title}</h1>\n<p>Herons, mostly.</p>\n${extra}${embedTag(server)}`,
  });
}

/** Waits until the thread has loaded: its form's "Leave a Reply" heading shows. */
export function threadLoaded(page: EnginePage, nth = 0): Promise<void> {
  return page.visible({ css: 'h3, h2', text: 'Leave a Reply', nth });
}

/** Fills the form (of the `nth` thread) and posts it. */
export async function postComment(
  page: EnginePage,
  fields: { body: string; name: string; email: string },
  nth = 0,
): Promise<void> {
  await page.type({ css: '#comment', nth }, fields.body);
  await page.type({ css: '#author', nth }, fields.name);
  await page.type({ css: '#email', nth }, fields.email);
  await page.click({ css: 'button', text: 'Post Comment', nth });
}

export function readerFlows(suite: EngineSuite): void {
  it(
    'posts a comment and a reply from a page on another origin, and shows both after a reload',
    async () => {
      const server = await suite.serve({ MODERATION: 'none' });
      const title = 'A walk along the canal';
      const site = await suite.host({ '/post': hostPage(server, title) });
      const page = await suite.open();
      await page.goto(site.url('/post'));
      await threadLoaded(page);

      const first = 'I saw a kingfisher by the third lock last spring.';
      await postComment(page, { body: first, name: 'Ann Reader', email: 'ann@example.com' });
      await page.visible({ css: 'li.comment p', text: first });
      await page.visible({ css: 'h2, h3', text: `One thought on "${title}"` });

      await page.click({ css: 'a', text: 'Reply' });
      await page.visible({ css: 'h2, h3', text: 'Leave a Reply to Ann Reader' });
      const reply = 'They nest in the bank just past the bridge.';
      await postComment(page, { body: reply, name: 'Ben Walker', email: 'ben@example.com' });
      await page.visible({ css: 'ol.children > li.comment p', text: reply });

      await page.reload();
      await threadLoaded(page);
      await page.visible({ css: 'ol.children > li.comment p', text: reply });
      expect(await page.count('li.comment')).toBe(2);
      await page.visible({ css: 'h2, h3', text: `2 thoughts on "${title}"` });
      await expectNoProblems(page);
      await page.close();
    },
    FLOW_TIMEOUT,
  );
}
