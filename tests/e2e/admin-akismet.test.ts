/**
 * Akismet's verdict in the dashboard, in a real Chromium against a real server whose Akismet is
 * a local server speaking its REST API: each comment in the queue says what Akismet made of it,
 * and taking one out of spam queues Akismet's submit-ham. Any console error or warning fails a
 * test (the harness's check), except the 401 of the dashboard's first "am I signed in?".
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type AkismetServer, SPAM_AUTHOR, startAkismetServer } from '../helpers/akismet-server.ts';
import { createTestApp } from '../helpers/app.ts';
import { useBrowserAndServers } from '../helpers/browser-and-servers.ts';
import { BEN, card, PASSWORD, queueLink, signedIn } from '../helpers/dashboard.ts';
import { seedComments } from '../helpers/seed.ts';
import { builtWidget, type RunningServer } from '../helpers/server.ts';
import { gone, visible } from '../helpers/widget-page.ts';

const harness = useBrowserAndServers();
const KEY = 'a1b2c3d4e5f6';

let akismet: AkismetServer | null = null;
let server: RunningServer | null = null;
afterEach(async () => {
  await server?.close();
  await akismet?.close();
  server = akismet = null;
});

/** A server as the harness starts one, with the job queue running as `serve` runs it. */
async function serveWithJobs(env: Record<string, string>): Promise<RunningServer> {
  const app = await createTestApp(env, { widgetDir: await builtWidget(), jobs: { pollMs: 20 } });
  await app.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.app.server.address() as { port: number };
  return Object.assign(app, { origin: `http://127.0.0.1:${port}`, port });
}

describe('Akismet in the dashboard', () => {
  it('shows each comment’s verdict, and Restore from Spam reports the comment as not spam', async () => {
    akismet = await startAkismetServer(KEY);
    server = await serveWithJobs({
      ADMIN_PASSWORD: PASSWORD,
      MODERATION: 'all',
      AKISMET_KEY: KEY,
      AKISMET_SITE: 'http://localhost:8080',
      AKISMET_URL: akismet.url,
    });
    // Ben's comment meets an Akismet that fails, every time it is asked.
    akismet.checks = (fields) => (fields.comment_author === BEN.name ? 'fail' : 'answer');
    const [, , spam] = await seedComments(server, [
      { ...BEN, body: 'Not checked yet.' },
      { name: 'Ann Reader', body: 'A fair point.' },
      { name: SPAM_AUTHOR, email: 'bot@example.com', body: 'Cheap pills.' },
    ]);
    const { page } = await signedIn(harness, server);
    await visible(card(page, 'Ann Reader'));
    await visible(card(page, 'Ann Reader').getByText('Akismet: not spam', { exact: true }));
    await visible(card(page, BEN.name).getByText('Akismet: unchecked', { exact: true }));

    await queueLink(page, 'Spam (1)').click();
    const bot = card(page, SPAM_AUTHOR);
    await visible(bot.getByText('Akismet: spam', { exact: true }));
    await bot.getByRole('button', { name: 'Restore', exact: true }).click();
    await gone(bot);
    expect((await server.store.findComment(spam))?.status).toBe('pending');
    const [ham] = await akismet.waitFor('submit-ham');
    expect(ham?.fields).toMatchObject({
      comment_author: SPAM_AUTHOR,
      comment_content: 'Cheap pills.',
    });
    expect(akismet.requestsTo('submit-spam')).toEqual([]);
  });
});
