/**
 * One wave of unwanted posts against a server with every defence on (the honeypot, the form's
 * timing, flood control, the rate limit, the block and hold lists, MAX_LINKS, the proof-of-work
 * challenge and Akismet, the last a local server speaking its protocol), among ordinary readers'
 * comments: each kind is stopped or held by the defence meant for it, the readers' comments get
 * through, and the dashboard's overview counts each defence's work exactly.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ChallengeOffer } from '../../shared/types.ts';
import { type AkismetServer, SPAM_AUTHOR, startAkismetServer } from '../helpers/akismet-server.ts';
import { newComment, type TestApp } from '../helpers/app.ts';
import { solveChallenge } from '../helpers/challenge.ts';
import { asAdmin, reader, readThread, sendComment } from '../helpers/requests.ts';
import { standingClock } from '../helpers/standing-clock.ts';
import { useTestApps } from '../helpers/test-apps.ts';

const KEY = 'scenario-key';
const servers: AkismetServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});
const setUp = useTestApps();

describe('a wave of unwanted posts among readers’ comments', () => {
  it('is stopped or held by the defence meant for each kind, and the overview counts each', async () => {
    const akismet = await startAkismetServer(KEY);
    servers.push(akismet);
    const time = standingClock('2026-06-01T12:00:00.000Z');
    const test: TestApp = await setUp(
      {
        MODERATION: 'none',
        MIN_SUBMIT_SECONDS: '3',
        FLOOD_SECONDS: '15',
        RATE_LIMIT_PER_MINUTE: '5',
        MAX_LINKS: '2',
        HOLD_WORDS: 'casino',
        BLOCK_EMAILS: '@spam.example',
        CHALLENGE: 'suspicious',
        CHALLENGE_COST: '50',
        AKISMET_KEY: KEY,
        AKISMET_SITE: 'http://localhost:8080/',
        AKISMET_URL: akismet.url,
      },
      { clock: time.clock },
    );
    const form = (await readThread(test)).json().form as string;
    time.moveOn(10_000);
    let address = 1;
    const send = (changes: object, ip = `198.51.100.${address++}`) =>
      sendComment(test, newComment({ form, ...changes }), { remoteAddress: ip });
    const status = async (changes: object, ip?: string) => {
      const response = await send(changes, ip);
      return response.statusCode === 201
        ? response.json().comment.status
        : response.json().error.code;
    };
    /** Posts once, solves the challenge it is asked, and posts again with the solution. */
    const solved = async (changes: object) => {
      const ip = `198.51.100.${address++}`;
      const asked = await send(changes, ip);
      expect(asked.statusCode, asked.body).toBe(428);
      return status({ ...changes, challenge: solveChallenge(asked.json().error.challenge) }, ip);
    };

    // Readers, each from their own address.
    const readers = ['Ann', 'Ben', 'Cy'].map((name, index) => ({
      ...reader(name),
      body: `A reader’s thought, number ${index + 1}.`,
    }));
    for (const comment of readers) expect(await status(comment)).toBe('approved');

    // Bots that fill the hidden field: answered as held, nothing stored.
    for (let n = 0; n < 4; n++)
      expect(await status({ homepage: 'https://bot.example', body: `Bot ${n}` })).toBe('pending');
    // Scripts that post without the form, or with a forged one.
    expect(await status({ form: undefined, body: 'No form' })).toBe('form_unverified');
    expect(await status({ form: `${form}x`, body: 'Forged form' })).toBe('form_unverified');
    // Flood: the same client again within FLOOD_SECONDS.
    expect(await status({ body: 'First of two' }, '203.0.113.5')).toBe('approved');
    expect(await status({ body: 'Second of two' }, '203.0.113.5')).toBe('flood');
    // The rate limit: a client hammering the route. Its first comment is taken, the next four
    // meet flood control, and the sixth request in a minute the rate limit.
    expect(await status({ body: 'Hammer 0' }, '203.0.113.9')).toBe('approved');
    for (let n = 1; n < 5; n++)
      expect(await status({ body: `Hammer ${n}` }, '203.0.113.9')).toBe('flood');
    expect(await status({ body: 'Hammer 5' }, '203.0.113.9')).toBe('rate_limited');
    // A blocked domain.
    expect(await status({ email: 'seller@spam.example', body: 'Cheap pills' })).toBe('blocked');
    // Forged and reused solutions of the challenge.
    const linkSpam = { ...reader('Dee'), body: 'Look [here](https://spam.example/).' };
    expect(await status({ ...linkSpam, challenge: 'bm90IGEgc29sdXRpb24=' })).toBe(
      'challenge_invalid',
    );
    const ip = `198.51.100.${address++}`;
    const asked = (await send(linkSpam, ip)).json().error.challenge as ChallengeOffer;
    const solution = solveChallenge(asked);
    expect(await status({ ...linkSpam, challenge: solution }, ip)).toBe('approved');
    expect(
      await status({
        ...linkSpam,
        body: 'Again [here](https://spam.example/2).',
        challenge: solution,
      }),
    ).toBe('challenge_used');
    // Solved, and still held by the rule that made them suspicious.
    const links =
      'Visit [a](https://a.example/), [b](https://b.example/), [c](https://c.example/).';
    expect(await solved({ ...reader('Eve'), body: links })).toBe('pending');
    expect(await solved({ ...reader('Fay'), body: 'The best casino in town.' })).toBe('pending');
    // Spam that looks ordinary: Akismet's.
    for (let n = 0; n < 2; n++)
      expect(await status({ name: SPAM_AUTHOR, body: `Lovely post ${n}!` })).toBe('pending');

    const overview = (await asAdmin(test, 'GET', '/overview')).json();
    const caught = Object.fromEntries(
      Object.entries(overview.defences as Record<string, { stopped: number; held: number }>).filter(
        ([, { stopped, held }]) => stopped + held > 0,
      ),
    );
    console.log('defences in one wave:', JSON.stringify(caught));
    expect(caught).toEqual({
      honeypot: { stopped: 4, held: 0 },
      timing: { stopped: 2, held: 0 },
      flood: { stopped: 5, held: 0 },
      rate_limit: { stopped: 1, held: 0 },
      blocklist: { stopped: 1, held: 0 },
      links: { stopped: 0, held: 1 },
      words: { stopped: 0, held: 1 },
      challenge: { stopped: 2, held: 0 },
      akismet: { stopped: 2, held: 0 },
    });
    // The readers' comments, the first of each flooding client and the solved link are shown.
    const shown = (await readThread(test)).json().comments as { name: string }[];
    expect(shown.map((comment) => comment.name).sort()).toEqual(
      ['Ann', 'Ann Reader', 'Ann Reader', 'Ben', 'Cy', 'Dee'].sort(),
    );
    expect(await test.store.listByStatus('spam', 10)).toHaveLength(2);
  });
});
