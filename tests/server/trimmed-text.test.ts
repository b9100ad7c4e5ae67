import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, createTestApp, newComment, type TestApp } from '../helpers/app.ts';

const bearer = { authorization: `Bearer ${ADMIN_TOKEN}` };

let current: TestApp | null = null;

afterEach(async () => {
  await current?.close();
  current = null;
});

async function setUpWithComment(): Promise<{ test: TestApp; id: number }> {
  current = await createTestApp({ MODERATION: 'none' });
  const posted = await current.app.inject({
    method: 'POST',
    url: '/api/comments',
    payload: newComment({ name: '  Ann Reader  ', body: '\n  A first thought.  \n' }),
  });
  expect(posted.statusCode, posted.body).toBe(201);
  const id = posted.json().comment.id as number;
  expect(current.store.findComment(id)).toMatchObject({
    name: 'Ann Reader',
    body: 'A first thought.',
  });
  return { test: current, id };
}

describe('text the site owner types in the dashboard', () => {
  it('is stored without the whitespace around it, in an edit and in a reply', async () => {
    const { test, id } = await setUpWithComment();
    const edited = await test.app.inject({
      method: 'PATCH',
      url: `/api/admin/comments/${id}`,
      headers: bearer,
      payload: { body: '  An edited thought.\n\n' },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(test.store.findComment(id)?.body).toBe('An edited thought.');

    const reply = await test.app.inject({
      method: 'POST',
      url: `/api/admin/comments/${id}/reply`,
      headers: bearer,
      payload: { body: '\t Thank you. \n' },
    });
    expect(reply.statusCode, reply.body).toBe(201);
    expect(test.store.findComment(reply.json().comment.id)?.body).toBe('Thank you.');
  });

  it('is refused as empty when it is only whitespace', async () => {
    const { test, id } = await setUpWithComment();
    const edited = await test.app.inject({
      method: 'PATCH',
      url: `/api/admin/comments/${id}`,
      headers: bearer,
      payload: { body: '   \n ' },
    });
    expect(edited.statusCode).toBe(400);
    expect(edited.json().error.fields).toEqual({ body: expect.any(String) });
    expect(test.store.findComment(id)?.body).toBe('A first thought.');
  });
});
