/**
 * The proof-of-work challenge of POST /api/comments (CHALLENGE, CHALLENGE_SECONDS,
 * CHALLENGE_COST): which posts are asked for one, ALTCHA's 428, and what a solution buys.
 */
import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { newComment, type TestApp } from '../helpers/app.ts';
import { solveChallenge } from '../helpers/challenge.ts';
import { PAGE, sendComment } from '../helpers/requests.ts';
import { standingClock } from '../helpers/standing-clock.ts';
import { useFolders, useTestApps } from '../helpers/test-apps.ts';

const folder = useFolders('challenge');
// A cheap challenge: the tests find its number in a few dozen hashes.
const setUp = useTestApps({ CHALLENGE: 'suspicious', CHALLENGE_COST: '50', MODERATION: 'none' });

/** Every post comes from an address of its own unless a test says otherwise. */
let nextAddress = 1;
const freshAddress = () => `198.51.100.${nextAddress++ % 250}`;

function post(test: TestApp, changes: object = {}, ip = freshAddress()) {
  return sendComment(test, newComment(changes), { remoteAddress: ip });
}

/** The challenge a 428 asks for, solved. */
async function solvedFor(test: TestApp, changes: object = {}): Promise<string> {
  const asked = await post(test, changes);
  expect(asked.statusCode, asked.body).toBe(428);
  return solveChallenge(asked.json().error.challenge);
}

const WITH_LINK = { body: 'Read [this](https://elsewhere.example.com/).' };

describe('a post that looks like spam', () => {
  it('is answered 428 with an ALTCHA challenge to solve, and nothing is stored', async () => {
    const test = await setUp();
    const response = await post(test, WITH_LINK);
    expect(response.statusCode).toBe(428);
    const { error } = response.json();
    expect(error.code).toBe('challenge_required');
    expect(error.message).toMatch(/check that keeps spam out/);
    expect(Object.keys(error.challenge).sort()).toEqual([
      'algorithm',
      'challenge',
      'maxnumber',
      'salt',
      'signature',
    ]);
    expect(error.challenge).toMatchObject({ algorithm: 'SHA-256', maxnumber: 50 });
    expect(error.challenge.salt).toMatch(/\?expires=\d+&$/);
    expect(await test.store.findPage(PAGE)).toBeNull();
  });

  it('says so in the reader’s language', async () => {
    const test = await setUp();
    const response = await post(test, { ...WITH_LINK, lang: 'de' });
    expect(response.json().error.message).toMatch(/Prüfung gegen Spam/);
  });

  it('is taken once it comes back with the solution', async () => {
    const test = await setUp();
    const challenge = await solvedFor(test, WITH_LINK);
    const response = await post(test, { ...WITH_LINK, challenge });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().comment.status).toBe('approved');
  });

  it('still meets every other check once solved: too many links hold it', async () => {
    const test = await setUp({ MAX_LINKS: '1' });
    const links = { body: 'See https://a.example.com and https://b.example.com.' };
    const challenge = await solvedFor(test, links);
    const response = await post(test, { ...links, challenge });
    expect(response.statusCode).toBe(201);
    expect(response.json().comment.status).toBe('pending');
  });
});

describe('the signals of CHALLENGE=suspicious', () => {
  /** Ann's first comment, without a link: she is a regular from then on. */
  async function withRegular(env: Record<string, string> = {}) {
    const test = await setUp(env);
    expect((await post(test, { body: 'Hello.' })).statusCode).toBe(201);
    return test;
  }

  it('lets an ordinary comment through without a challenge', async () => {
    const test = await setUp({ MODERATION: 'first-time' });
    const response = await post(test, { body: 'A plain thought.' });
    expect(response.statusCode).toBe(201);
    expect(response.json().comment.status).toBe('pending');
  });

  it('asks a first-time commenter with any link, and not a regular', async () => {
    const test = await withRegular();
    expect((await post(test, WITH_LINK)).statusCode).toBe(201);
    const stranger = { name: 'Bo', email: 'bo@example.com', ...WITH_LINK };
    expect((await post(test, stranger)).statusCode).toBe(428);
    // Ann's email under another name is no regular either.
    expect((await post(test, { ...stranger, email: 'ann@example.com' })).statusCode).toBe(428);
  });

  it('asks for a comment with more links than MAX_LINKS, even from a regular', async () => {
    const test = await withRegular({ MAX_LINKS: '1' });
    const response = await post(test, { body: 'https://a.example.com https://b.example.com' });
    expect(response.statusCode).toBe(428);
  });

  it('asks for a comment matching HOLD_WORDS, even from a regular', async () => {
    const test = await withRegular({ HOLD_WORDS: 'casino' });
    expect((await post(test, { body: 'Best Casino in town.' })).statusCode).toBe(428);
    expect((await post(test, { body: 'Best cafe in town.' })).statusCode).toBe(201);
  });

  it('asks a client posting again within a minute, by its IPv6 /64', async () => {
    const { clock, moveOn } = standingClock();
    const test = await setUp({}, { clock });
    expect((await post(test, { body: 'One.' }, '2001:db8:1:1::1')).statusCode).toBe(201);
    moveOn(30_000);
    expect((await post(test, { body: 'Two.' }, '2001:db8:1:1::2')).statusCode).toBe(428);
    expect((await post(test, { body: 'Three.' }, '2001:db8:2:1::1')).statusCode).toBe(201);
    moveOn(61_000);
    expect((await post(test, { body: 'Four.' }, '2001:db8:1:1::1')).statusCode).toBe(201);
  });

  it('forgets a client a minute after its post, and only then', async () => {
    const { clock, moveOn } = standingClock();
    const test = await setUp({}, { clock });
    expect((await post(test, { body: 'A.' }, '192.0.2.1')).statusCode).toBe(201);
    moveOn(30_000);
    expect((await post(test, { body: 'B.' }, '192.0.2.2')).statusCode).toBe(201);
    moveOn(31_000);
    // The first is forgotten as the next post comes; the second, 31 s on, is not.
    expect((await post(test, { body: 'C.' }, '192.0.2.3')).statusCode).toBe(201);
    expect((await post(test, { body: 'A again.' }, '192.0.2.1')).statusCode).toBe(201);
    expect((await post(test, { body: 'B again.' }, '192.0.2.2')).statusCode).toBe(428);
  });
});

describe('CHALLENGE', () => {
  it('always: asks every post that carries no solution', async () => {
    const test = await setUp({ CHALLENGE: 'always' });
    const plain = { body: 'A plain thought.' };
    const challenge = await solvedFor(test, plain);
    expect((await post(test, { ...plain, challenge })).statusCode).toBe(201);
  });

  it('off: asks none, whatever it holds', async () => {
    const test = await setUp({ CHALLENGE: 'off', HOLD_WORDS: 'casino', MAX_LINKS: '1' });
    const response = await post(test, { body: 'casino https://a.example https://b.example' });
    expect(response.statusCode).toBe(201);
    expect(response.json().comment.status).toBe('pending');
  });

  it('is suspicious by default, and refuses to start on a value it does not know', () => {
    expect(loadConfig({}).challenge).toBe('suspicious');
    expect(loadConfig({}).challengeSeconds).toBe(600);
    expect(() => loadConfig({ CHALLENGE: 'sometimes' })).toThrow(
      /CHALLENGE must be one of off, suspicious, always, not "sometimes"/,
    );
    expect(() => loadConfig({ CHALLENGE_COST: '0' })).toThrow(/CHALLENGE_COST must be at least 1/);
  });
});

describe('a solution', () => {
  it('that is forged or garbled is refused with challenge_invalid, naming the field', async () => {
    const test = await setUp();
    const solved = JSON.parse(Buffer.from(await solvedFor(test, WITH_LINK), 'base64').toString());
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');
    // Signed with another key: what a client would make up for itself.
    const challenge = createHash('sha256').update(`${solved.salt}${solved.number}`).digest('hex');
    const selfSigned = createHmac('sha256', 'not the key').update(challenge).digest('hex');
    for (const payload of [
      encode({ ...solved, number: solved.number + 1 }),
      encode({ ...solved, signature: selfSigned }),
      encode({ ...solved, salt: `${solved.salt}x` }),
      encode({ ...solved, algorithm: 'SHA-1' }),
      'not base64 of JSON',
      encode(null),
    ]) {
      const response = await post(test, { ...WITH_LINK, challenge: payload });
      expect(response.statusCode, payload).toBe(400);
      expect(response.json().error).toMatchObject({
        code: 'challenge_invalid',
        fields: { challenge: expect.stringMatching(/not valid/) },
      });
    }
    expect((await post(test, { ...WITH_LINK, challenge: encode(solved) })).statusCode).toBe(201);
  });

  it('is good for one post: the second is refused with challenge_used', async () => {
    const test = await setUp();
    const challenge = await solvedFor(test, WITH_LINK);
    expect((await post(test, { ...WITH_LINK, challenge })).statusCode).toBe(201);
    const again = await post(test, { ...WITH_LINK, body: 'Again https://x.example', challenge });
    expect(again.statusCode).toBe(400);
    expect(again.json().error).toMatchObject({
      code: 'challenge_used',
      fields: { challenge: expect.stringMatching(/already used/) },
    });
  });

  it('stays used after a restart, and for a second server on the same database', async () => {
    const dir = folder();
    const first = await setUp({}, { dir });
    const second = await setUp({}, { dir });
    const challenge = await solvedFor(first, WITH_LINK);
    expect((await post(first, { ...WITH_LINK, challenge })).statusCode).toBe(201);
    expect(
      (await post(second, { ...WITH_LINK, body: 'b https://x.example', challenge })).json(),
    ).toMatchObject({ error: { code: 'challenge_used' } });
    await first.close();
    const restarted = await setUp({}, { dir });
    const again = await post(restarted, { ...WITH_LINK, body: 'c https://x.example', challenge });
    expect(again.json().error.code).toBe('challenge_used');
  });

  it('is not used up by a post that is refused when it is written', async () => {
    const test = await setUp({ CHALLENGE: 'always' });
    const challenge = await solvedFor(test, WITH_LINK);
    expect((await post(test, { ...WITH_LINK, challenge })).statusCode).toBe(201);
    const second = await solvedFor(test, WITH_LINK);
    // The same text again: refused as a duplicate in the write, which takes nothing with it.
    expect((await post(test, { ...WITH_LINK, challenge: second })).statusCode).toBe(409);
    const other = { body: 'Other https://x.example', challenge: second };
    expect((await post(test, other)).statusCode).toBe(201);
  });

  it('expires CHALLENGE_SECONDS after its challenge was set: challenge_expired', async () => {
    const { clock, moveOn } = standingClock();
    const test = await setUp({ CHALLENGE_SECONDS: '120' }, { clock });
    const challenge = await solvedFor(test, WITH_LINK);
    moveOn(121_000);
    const response = await post(test, { ...WITH_LINK, challenge });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: 'challenge_expired',
      fields: { challenge: expect.stringMatching(/expired/) },
    });
  });
});

describe('the form without JavaScript (POST /thread)', () => {
  const postForm = (test: TestApp, fields: Record<string, string>) =>
    test.app.inject({
      method: 'POST',
      url: '/thread',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
      remoteAddress: freshAddress(),
    });
  const fields = (changes: object) =>
    Object.fromEntries(Object.entries(newComment(changes)).map(([k, v]) => [k, String(v)]));

  it.each(['suspicious', 'always'])(
    'never answers 428 (CHALLENGE=%s): the comment is held for moderation',
    async (mode) => {
      const test = await setUp({ CHALLENGE: mode });
      const response = await postForm(test, fields(WITH_LINK));
      expect(response.statusCode).toBe(303);
      const page = await test.store.findPage(PAGE);
      expect((await test.store.listByStatus('pending', 10)).map((row) => row.page_id)).toEqual([
        page?.id,
      ]);
    },
  );

  it('publishes an ordinary comment as before', async () => {
    const test = await setUp();
    const response = await postForm(test, fields({ body: 'A plain thought.' }));
    expect(response.statusCode).toBe(303);
    expect(await test.store.listByStatus('pending', 10)).toEqual([]);
  });
});
