/**
 * Text no browser sends and no database keeps as it is: a NUL (which PostgreSQL cannot store at
 * all) and half of a surrogate pair, in a comment's fields, a page id and a form's fields, taken
 * as U+FFFD on both engines, as a browser reads them from a page.
 */
import { describe, expect, it } from 'vitest';
import { newComment } from '../helpers/app.ts';
import { asAdmin } from '../helpers/requests.ts';
import { useTestApps } from '../helpers/test-apps.ts';

const setUp = useTestApps({ MODERATION: 'none' });
const PAGE = newComment().url;

describe('a NUL or a lone surrogate in what a reader sends', () => {
  it('is stored and shown as U+FFFD in a comment, its name and its website, and in an edit by the owner', async () => {
    const test = await setUp();
    const posted = await test.app.inject({
      method: 'POST',
      url: '/api/comments',
      payload: newComment({
        name: 'Ann\u0000Reader',
        body: 'A\u0000B \uD800 C',
        website: 'https://ann.example/\u0000',
      }),
    });
    expect(posted.statusCode, posted.body).toBe(201);
    const id = posted.json().comment.id as number;
    expect(await test.store.findComment(id)).toMatchObject({
      name: 'Ann\uFFFDReader',
      body: 'A\uFFFDB \uFFFD C',
      website: 'https://ann.example/\uFFFD',
    });
    const thread = await test.app.inject({
      method: 'GET',
      url: `/api/comments?url=${encodeURIComponent(PAGE)}`,
    });
    expect(thread.json().comments[0]).toMatchObject({ name: 'Ann\uFFFDReader' });

    const edited = await asAdmin(test, 'PATCH', `/comments/${id}`, { body: 'Edited\u0000.' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await test.store.findComment(id))?.body).toBe('Edited\uFFFD.');
  });

  it('is taken as U+FFFD in a page id, read or posted, and through the form without JavaScript', async () => {
    const test = await setUp();
    const read = await test.app.inject({
      method: 'GET',
      url: `/api/comments?url=${encodeURIComponent(PAGE)}&page=post%0042`,
    });
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().page).toBe('post\uFFFD42');
    const posted = await test.app.inject({
      method: 'POST',
      url: '/api/comments',
      payload: newComment({ page: 'post\u000042' }),
    });
    expect(posted.statusCode, posted.body).toBe(201);
    const again = await test.app.inject({
      method: 'GET',
      url: `/api/comments?url=${encodeURIComponent(PAGE)}&page=${encodeURIComponent('post\uFFFD42')}`,
    });
    expect(again.json().comments.map((c: { id: number }) => c.id)).toEqual([
      posted.json().comment.id,
    ]);

    const page = await test.app.inject({
      method: 'GET',
      url: `/thread?url=${encodeURIComponent(PAGE)}&title=A%00title`,
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('A\uFFFDtitle');
  });
});
