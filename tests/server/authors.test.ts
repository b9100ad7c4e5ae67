import { describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.ts';
import { deleteOwnComment, editOwnComment, postComment, readThread } from '../helpers/requests.ts';
import { runSql } from '../helpers/scene.ts';
import { useTestApps } from '../helpers/test-apps.ts';

const setUp = useTestApps({ MODERATION: 'none' });

async function postOne(test: TestApp, changes: object = {}) {
  const response = await postComment(test, changes);
  return response.json() as { comment: { id: number; created: string }; token: string };
}

async function thread(test: TestApp) {
  return (await readThread(test)).json();
}

/** Moves a comment's creation time into the past, as if the clock had run on. */
async function age(test: TestApp, id: number, minutes: number): Promise<void> {
  const row = await test.store.findComment(id);
  const created = new Date(Date.parse(row?.created_at as string) - minutes * 60_000).toISOString();
  await runSql(test, 'UPDATE comments SET created_at = ? WHERE id = ?', [created, id]);
}

describe('an author editing their comment', () => {
  it('changes the text, re-renders it and marks it edited', async () => {
    const test = await setUp();
    const { comment, token } = await postOne(test);
    const response = await editOwnComment(test, comment.id, token, 'Better *words*');
    expect(response.statusCode).toBe(200);
    expect(response.json().comment).toMatchObject({
      html: '<p>Better <em>words</em></p>',
      body: 'Better *words*',
    });
    const shown = (await thread(test)).comments[0];
    expect(shown.html).toBe('<p>Better <em>words</em></p>');
    expect(shown.edited).toEqual(expect.any(String));
  });

  it('refuses a wrong token and another comment’s token', async () => {
    const test = await setUp();
    const first = await postOne(test);
    const second = await postOne(test, { body: 'Second' });
    for (const token of ['wrong', second.token]) {
      const response = await editOwnComment(test, first.comment.id, token, 'Hijacked');
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('not_your_comment');
    }
    expect((await thread(test)).comments[0].html).toBe('<p>A first thought.</p>');
  });

  it('refuses after the edit window, saying how long it was', async () => {
    const test = await setUp({ EDIT_WINDOW_MINUTES: '15' });
    const { comment, token } = await postOne(test);
    await age(test, comment.id, 16);
    const response = await editOwnComment(test, comment.id, token, 'Too late');
    expect(response.statusCode).toBe(403);
    expect(response.json().error.message).toBe(
      'Comments can only be edited or deleted within 15 minutes of posting. Ask the site owner if it needs changing.',
    );
    expect((await deleteOwnComment(test, comment.id, token)).statusCode).toBe(403);
  });

  it('holds an approved comment again when the edit adds too many links', async () => {
    const test = await setUp();
    const { comment, token } = await postOne(test);
    const threeLinks = 'https://a.example https://b.example https://c.example';
    const response = await editOwnComment(test, comment.id, token, threeLinks);
    expect(response.json().comment.status).toBe('pending');
    expect((await thread(test)).count).toBe(0);
  });

  it('refuses an empty edit with the form’s words', async () => {
    const test = await setUp();
    const { comment, token } = await postOne(test);
    const response = await editOwnComment(test, comment.id, token, '   ');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields.body).toBe('Please type your comment.');
  });
});

describe('an author deleting their comment', () => {
  it('removes a comment without replies', async () => {
    const test = await setUp();
    const { comment, token } = await postOne(test);
    expect((await deleteOwnComment(test, comment.id, token)).statusCode).toBe(204);
    expect(await thread(test)).toMatchObject({ count: 0, comments: [] });
  });

  it('leaves a placeholder where replies hang below, so the thread stays intact', async () => {
    const test = await setUp();
    const parent = await postOne(test);
    await postOne(test, { parent: parent.comment.id, body: 'A reply', email: 'bob@example.com' });
    expect((await deleteOwnComment(test, parent.comment.id, parent.token)).statusCode).toBe(204);
    const shown = await thread(test);
    expect(shown.count).toBe(1);
    expect(shown.comments[0]).toMatchObject({
      id: parent.comment.id,
      deleted: true,
      name: '',
      html: '',
    });
    expect(shown.comments[1]).toMatchObject({ parent: parent.comment.id });
  });
});
