/**
 * The dashboard's overview in a real browser shows what each defence stopped or held over the
 * last 90 days, counted from posts through the public API of a real server.
 */
import { describe, expect, it } from 'vitest';
import { newComment } from '../helpers/app.ts';
import { useBrowserAndServers } from '../helpers/browser-and-servers.ts';
import { PASSWORD, queueLink, signedIn } from '../helpers/dashboard.ts';
import { visible } from '../helpers/widget-page.ts';

const harness = useBrowserAndServers();

describe('the overview’s defences', () => {
  it('shows, per defence, how many new comments it stopped and how many it held', async () => {
    const server = await harness.serve({
      ADMIN_PASSWORD: PASSWORD,
      MODERATION: 'none',
      HOLD_WORDS: 'casino',
    });
    const post = (changes: object) =>
      server.app.inject({ method: 'POST', url: '/api/comments', payload: newComment(changes) });
    expect((await post({ homepage: 'https://bot.example' })).statusCode).toBe(201);
    expect((await post({ body: 'The best casino in town' })).json().comment.status).toBe('pending');
    expect((await post({ body: 'Another casino' })).json().comment.status).toBe('pending');

    const { page } = await signedIn(harness, server);
    await queueLink(page, 'Overview').click();
    const table = page.getByRole('table', {
      name: 'New comments each defence stopped or held over the last 90 days',
    });
    await visible(table);
    const cells = (label: string) =>
      table
        .getByRole('row', { name: new RegExp(`^${label.replace(/[()]/g, '\\$&')} `) })
        .getByRole('cell');
    expect(await cells('Hidden field (honeypot)').allTextContents()).toEqual(['1', '0']);
    expect(await cells('Hold words (HOLD_WORDS)').allTextContents()).toEqual(['0', '2']);
    expect(await cells('Akismet').allTextContents()).toEqual(['0', '0']);
    expect(await table.getByRole('row').count()).toBe(11);
  });
});
