import { describe, expect, it } from 'vitest';
import { seedComment, type TestApp } from '../helpers/app.ts';
import { asAdmin } from '../helpers/requests.ts';
import { useTestApps } from '../helpers/test-apps.ts';

const setUp = useTestApps({ MODERATION: 'none' });

async function setUpWithComment(): Promise<{ test: TestApp; id: number }> {
  const test = await setUp();
  const id = await seedComment(test, { name: '  Ann Reader  ', body: '\n  A first thought.  \n' });
  expect(await test.store.findComment(id)).toMatchObject({
    name: 'Ann Reader',
    body: 'A first thought.',
  });
  return { test, id };
}

describe('text the site owner types in the dashboard', () => {
  it('is stored without the whitespace around it, in an edit and in a reply', async () => {
    const { test, id } = await setUpWithComment();
    const edited = await asAdmin(test, 'PATCH', `/comments/${id}`, {
      body: '  An edited thought.\n\n',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await test.store.findComment(id))?.body).toBe('An edited thought.');

    const reply = await asAdmin(test, 'POST', `/comments/${id}/reply`, {
      body: '\t Thank you. \n',
    });
    expect(reply.statusCode, reply.body).toBe(201);
    expect((await test.store.findComment(reply.json().comment.id))?.body).toBe('Thank you.');
  });

  it('is refused as empty when it is only whitespace', async () => {
    const { test, id } = await setUpWithComment();
    const edited = await asAdmin(test, 'PATCH', `/comments/${id}`, { body: '   \n ' });
    expect(edited.statusCode).toBe(400);
    expect(edited.json().error.fields).toEqual({ body: expect.any(String) });
    expect((await test.store.findComment(id))?.body).toBe('A first thought.');
  });
});
