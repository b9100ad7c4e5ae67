/**
 * AVATARS: each comment a reader sees carries a seed for its author's identicon, keyed by a
 * secret the server keeps, and with AVATARS=gravatar the hash Gravatar's addresses use. The
 * seed must tell authors apart across pages without giving their addresses away.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import type { PublicComment, Thread } from '../../shared/types.ts';
import type { TestApp } from '../helpers/app.ts';
import {
  asAdmin,
  deleteOwnComment,
  editOwnComment,
  postComment,
  readThread,
} from '../helpers/requests.ts';
import { useFolders, useTestApps } from '../helpers/test-apps.ts';

// Before the apps: their folders go after the apps that use them are closed.
const folder = useFolders('avatars');
const setUp = useTestApps({ MODERATION: 'none' });

const FIRST_PAGE = 'http://localhost:8080/posts/first';
const SECOND_PAGE = 'http://localhost:8080/posts/second';

/** Posts a comment; its id, its author's token, and the comment as the post's answer gives it. */
async function post(test: TestApp, changes: object) {
  const response = await postComment(test, changes);
  expect(response.statusCode, response.body).toBe(201);
  const { comment, token } = response.json() as { comment: PublicComment; token: string };
  return { id: comment.id, token, comment };
}

async function thread(test: TestApp, url: string): Promise<{ body: string; thread: Thread }> {
  const response = await readThread(test, url);
  expect(response.statusCode, response.body).toBe(200);
  return { body: response.body, thread: response.json() as Thread };
}

async function commentOn(test: TestApp, url: string, id: number): Promise<PublicComment> {
  const found = (await thread(test, url)).thread.comments.find((comment) => comment.id === id);
  if (!found) throw new Error(`Comment ${id} is not shown on ${url}.`);
  return found;
}

function hex(algorithm: string, text: string): string {
  return createHash(algorithm).update(text).digest('hex');
}

describe('avatar seeds in the thread', () => {
  it('gives one author the same seed on two pages, however the address is typed', async () => {
    const test = await setUp();
    const first = await post(test, { url: FIRST_PAGE, email: '  Ann.Reader@Example.COM ' });
    const second = await post(test, { url: SECOND_PAGE, email: 'ann.reader@example.com' });

    const onFirst = await commentOn(test, FIRST_PAGE, first.id);
    const onSecond = await commentOn(test, SECOND_PAGE, second.id);
    expect(onFirst.avatar).toMatch(/^[0-9a-f]{16}$/);
    expect(onSecond.avatar).toBe(onFirst.avatar);
    expect((await thread(test, FIRST_PAGE)).thread.avatars).toBe('identicon');
  });

  it('gives different authors different seeds', async () => {
    const test = await setUp();
    const ann = await post(test, { url: FIRST_PAGE, email: 'ann@example.com' });
    const bob = await post(test, { url: FIRST_PAGE, name: 'Bob', email: 'bob@example.com' });
    const comments = (await thread(test, FIRST_PAGE)).thread.comments;
    const seedOf = (id: number) => comments.find((comment) => comment.id === id)?.avatar;
    expect(seedOf(ann.id)).toMatch(/^[0-9a-f]{16}$/);
    expect(seedOf(bob.id)).toMatch(/^[0-9a-f]{16}$/);
    expect(seedOf(ann.id)).not.toBe(seedOf(bob.id));
  });

  it('makes a seed that is no plain hash of the address, as typed or normalised', async () => {
    const test = await setUp();
    const typed = ' Zoe@Example.com';
    const { id } = await post(test, { url: FIRST_PAGE, email: typed });
    const seed = (await commentOn(test, FIRST_PAGE, id)).avatar as string;
    expect(seed).toMatch(/^[0-9a-f]{16}$/);
    for (const address of [typed, typed.trim(), 'zoe@example.com']) {
      for (const algorithm of ['md5', 'sha1', 'sha256']) {
        expect(hex(algorithm, address)).not.toContain(seed);
      }
    }
  });

  it('gives the same address another seed on a server with another secret', async () => {
    const one = await setUp();
    const other = await setUp();
    const onOne = await post(one, { url: FIRST_PAGE, email: 'ann@example.com' });
    const onOther = await post(other, { url: FIRST_PAGE, email: 'ann@example.com' });
    const seedOnOne = (await commentOn(one, FIRST_PAGE, onOne.id)).avatar;
    const seedOnOther = (await commentOn(other, FIRST_PAGE, onOther.id)).avatar;
    expect(seedOnOne).toMatch(/^[0-9a-f]{16}$/);
    expect(seedOnOther).toMatch(/^[0-9a-f]{16}$/);
    expect(seedOnOther).not.toBe(seedOnOne);
  });

  it('keeps the seeds of a server the same across a restart', async () => {
    const dir = folder();
    const before = await setUp({}, { dir });
    const { id } = await post(before, { url: FIRST_PAGE, email: 'ann@example.com' });
    const seed = (await commentOn(before, FIRST_PAGE, id)).avatar;
    await before.close();
    const after = await setUp({}, { dir });
    expect(seed).toMatch(/^[0-9a-f]{16}$/);
    expect((await commentOn(after, FIRST_PAGE, id)).avatar).toBe(seed);
  });

  it('gives the comments the site owner writes a seed, marked as the owner’s', async () => {
    const test = await setUp();
    const { id } = await post(test, { url: FIRST_PAGE });
    const reply = await asAdmin(test, 'POST', `/comments/${id}/reply`, { body: 'Thank you.' });
    expect(reply.statusCode, reply.body).toBe(201);
    const owners = (await thread(test, FIRST_PAGE)).thread.comments.find((c) => c.owner);
    expect(owners?.avatar).toMatch(/^[0-9a-f]{16}$/);
    expect(owners?.avatar).not.toBe((await commentOn(test, FIRST_PAGE, id)).avatar);
  });

  it('leaves the seed off a deleted comment kept as a placeholder', async () => {
    const test = await setUp();
    const parent = await post(test, { url: FIRST_PAGE });
    await post(test, { url: FIRST_PAGE, parent: parent.id, name: 'Bob', email: 'b@example.com' });
    expect((await deleteOwnComment(test, parent.id, parent.token)).statusCode).toBe(204);
    const placeholder = await commentOn(test, FIRST_PAGE, parent.id);
    expect(placeholder.deleted).toBe(true);
    expect(placeholder).not.toHaveProperty('avatar');
    expect(placeholder).not.toHaveProperty('gravatar');
  });
});

describe('avatar seeds outside the thread', () => {
  it('gives a posted, an edited and an own comment the seed the thread shows', async () => {
    const test = await setUp();
    const posted = await post(test, { url: FIRST_PAGE, email: 'Ann@Example.com' });
    const seed = (await commentOn(test, FIRST_PAGE, posted.id)).avatar;
    expect(seed).toMatch(/^[0-9a-f]{16}$/);
    expect(posted.comment.avatar).toBe(seed);

    const edited = await editOwnComment(test, posted.id, posted.token, 'Second thoughts.');
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().comment.avatar).toBe(seed);

    const own = await test.app.inject({
      method: 'POST',
      url: '/api/comments/own',
      payload: { tokens: [posted.token] },
    });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().comments[0].avatar).toBe(seed);
  });

  it('gives a held comment, and what a bot is told of one, the seed a held comment has', async () => {
    const test = await setUp({ MODERATION: 'all' });
    const held = await post(test, { url: FIRST_PAGE, email: 'ann@example.com' });
    expect(held.comment).toMatchObject({ status: 'pending' });
    expect(held.comment.avatar).toMatch(/^[0-9a-f]{16}$/);
    const bot = await post(test, {
      url: FIRST_PAGE,
      email: 'ann@example.com',
      body: 'Buy now.',
      homepage: 'https://spam.example',
    });
    expect(bot.comment).toMatchObject({ status: 'pending' });
    expect(bot.comment.avatar).toBe(held.comment.avatar);
  });
});

describe('AVATARS', () => {
  it('with none, gives comments no avatar fields and says so in the thread', async () => {
    const test = await setUp({ AVATARS: 'none' });
    const posted = await post(test, { url: FIRST_PAGE });
    expect(posted.comment).not.toHaveProperty('avatar');
    const { thread: answer } = await thread(test, FIRST_PAGE);
    expect(answer.avatars).toBe('none');
    expect(answer.comments).toHaveLength(1);
    expect(answer.comments[0]).not.toHaveProperty('avatar');
    expect(answer.comments[0]).not.toHaveProperty('gravatar');
  });

  it('with gravatar, adds the SHA-256 of the normalised address beside the seed', async () => {
    const test = await setUp({ AVATARS: 'gravatar' });
    const { id } = await post(test, { url: FIRST_PAGE, email: ' Ann@Example.COM ' });
    const { thread: answer } = await thread(test, FIRST_PAGE);
    expect(answer.avatars).toBe('gravatar');
    const comment = answer.comments.find((shown) => shown.id === id);
    expect(comment?.gravatar).toBe(hex('sha256', 'ann@example.com'));
    expect(comment?.avatar).toMatch(/^[0-9a-f]{16}$/);
  });

  it('with identicon (the default), gives no Gravatar hash', async () => {
    const test = await setUp();
    const { id } = await post(test, { url: FIRST_PAGE, email: 'ann@example.com' });
    const comment = await commentOn(test, FIRST_PAGE, id);
    expect(comment.avatar).toMatch(/^[0-9a-f]{16}$/);
    expect(comment).not.toHaveProperty('gravatar');
  });

  it('puts no address anywhere in the thread, whatever the setting', async () => {
    for (const setting of ['identicon', 'gravatar', 'none']) {
      const test = await setUp({ AVATARS: setting });
      await post(test, { url: FIRST_PAGE, email: 'Secret.Reader@Hidden-Domain.test' });
      const { body } = await thread(test, FIRST_PAGE);
      expect(body.toLowerCase()).not.toContain('secret.reader');
      expect(body.toLowerCase()).not.toContain('hidden-domain');
    }
  });

  it('refuses a setting it does not know, naming the ones it does', () => {
    expect(() => loadConfig({ AVATARS: 'robohash' })).toThrow(
      'AVATARS must be one of identicon, gravatar, none, not "robohash".',
    );
    expect(loadConfig({}).avatars).toBe('identicon');
    expect(loadConfig({ AVATARS: ' Gravatar ' }).avatars).toBe('gravatar');
  });
});
