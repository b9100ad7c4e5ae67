/**
 * POST /thread, the form of the page for readers without JavaScript, obeys every rule POST
 * /api/comments does: which sites may hold comments and post them (SITE_ORIGINS), the rate
 * limit, flood control, the duplicate check, the honeypot, the form's signed timestamp, the
 * block lists, closed pages, the fields' own checks. Each case is played through both doors,
 * each on a fresh server with the same settings, and must be answered with the same status;
 * where the JSON route refuses, the form's answer is an HTML page that says why in the JSON
 * route's words.
 */
import { decodeHTML } from 'entities';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { createFormTokens } from '../../server/comments/defences.ts';
import { newComment, type TestApp } from '../helpers/app.ts';
import { asAdmin, PAGE, sendComment } from '../helpers/requests.ts';
import { rowCount } from '../helpers/scene.ts';
import { postThreadForm } from '../helpers/server-rendered.ts';
import { type Settings, useTestApps } from '../helpers/test-apps.ts';

const setUp = useTestApps({ MODERATION: 'none' });

/** The two ways a comment is posted: the widget's JSON, and the page's urlencoded form. */
type Door = 'json' | 'form';

/** A post as both doors take it: POST /api/comments's field names, every value a string. */
type Fields = Record<string, string>;

/** Where a post comes from: its headers and the client's address. */
interface Sender {
  headers?: Record<string, string>;
  ip?: string;
}

/** A comment that passes every check, with `changes` over it. */
function fields(changes: Fields = {}): Fields {
  const { website, ...comment } = newComment();
  return { ...comment, website, ...changes };
}

/** One answer, as the comparison reads it. */
interface Answer {
  door: Door;
  status: number;
  /** Taken: 201 from the JSON route, 303 back to the thread from the form. */
  accepted: boolean;
  retryAfter: string | undefined;
  /** What the answer says: the JSON error's message and fields, or the page's text. */
  said: string;
  /** The problem beside each field of the page's form, by field name. */
  fieldErrors: Record<string, string>;
  response: LightMyRequestResponse;
}

/** The text of a page, as a reader reads it: tags gone, entities decoded, spaces collapsed. */
function textOf(html: string): string {
  const body = html.replace(/^[\s\S]*<body>/, '').replace(/<\/body>[\s\S]*$/, '');
  return decodeHTML(body.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

/** The problems shown as `<span class="error" id="FIELD-error">` beside the fields, by id. */
function fieldErrorsOf(html: string): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [, id, text] of html.matchAll(/<span class="error" id="([\w-]+)-error">([^<]*)</g)) {
    errors[id as string] = decodeHTML(text as string);
  }
  return errors;
}

/** The form's ids of the JSON body's fields, as the widget names them too. */
const FIELD_IDS: Record<string, string> = {
  body: 'comment',
  name: 'author',
  email: 'email',
  website: 'url',
};

/** Sends `post` through `door`, and reads the answer. */
async function send(test: TestApp, door: Door, post: Fields, from: Sender = {}): Promise<Answer> {
  const headers = from.headers ?? {};
  if (door === 'json') {
    const response = await sendComment(test, post, {
      headers,
      ...(from.ip ? { remoteAddress: from.ip } : {}),
    });
    const error = response.statusCode === 201 ? null : response.json().error;
    return {
      door,
      status: response.statusCode,
      accepted: response.statusCode === 201,
      retryAfter: response.headers['retry-after'] as string | undefined,
      said: error ? [error.message, ...Object.values(error.fields ?? {})].join(' ') : '',
      fieldErrors: {},
      response,
    };
  }
  const response = await postThreadForm(test, post, headers, from.ip);
  const accepted =
    response.statusCode === 303 && String(response.headers.location).startsWith('/thread?');
  if (!accepted) {
    expect(response.headers['content-type'], response.body).toBe('text/html; charset=utf-8');
  }
  return {
    door,
    status: response.statusCode,
    accepted,
    retryAfter: response.headers['retry-after'] as string | undefined,
    said: accepted ? '' : textOf(response.body),
    fieldErrors: accepted ? {} : fieldErrorsOf(response.body),
    response,
  };
}

/** A case: the settings of its server, and what it sends there, in order, through one door. */
interface Case {
  settings?: Settings;
  play(test: TestApp, door: Door): Promise<Answer[]>;
}

/** Plays `scene` through each door on a fresh server of its own; the answers, by door. */
async function throughBoth(scene: Case): Promise<Record<Door, Answer[]>> {
  const answers = {} as Record<Door, Answer[]>;
  for (const door of ['json', 'form'] as const) {
    const test = await setUp(scene.settings);
    answers[door] = await scene.play(test, door);
    await test.close();
  }
  return answers;
}

/** A JSON message with its numbers (seconds to wait) left open: two servers count alike. */
function withAnyNumbers(message: string): RegExp {
  const quoted = message.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(quoted.replace(/\d+/g, '\\d+'));
}

/**
 * Plays `scene` through both doors and checks that every answer of the form has the status of
 * the JSON route's (201 being 303 to the thread), and that each refusal is a page saying what
 * the JSON route says. Returns the answers, for what a case checks besides.
 */
async function expectSameRules(scene: Case): Promise<Record<Door, Answer[]>> {
  const answers = await throughBoth(scene);
  const { json, form } = answers;
  expect(form.map((answer) => (answer.accepted ? 'accepted' : answer.status))).toEqual(
    json.map((answer) => (answer.accepted ? 'accepted' : answer.status)),
  );
  for (const [index, answer] of json.entries()) {
    const page = form[index] as Answer;
    if (answer.accepted) continue;
    // Every refusal shows the form again, in the JSON route's words, even on a page that takes
    // no comments (closed, or outside SITE_ORIGINS): the reader keeps what they typed. Only an
    // address that is no web page has no thread to show it in.
    if (!answer.response.json().error.fields?.url)
      expect(page.response.body, `answer ${index + 1}`).toContain('<form class="comment-form"');
    expect(page.said, `answer ${index + 1}`).toMatch(
      withAnyNumbers(answer.response.json().error.message),
    );
    expect(page.retryAfter === undefined, `answer ${index + 1}: Retry-After`).toBe(
      answer.retryAfter === undefined,
    );
    // A field's problem is beside its field, in the JSON route's words.
    for (const [field, message] of Object.entries(answer.response.json().error.fields ?? {})) {
      const id = FIELD_IDS[field];
      if (id) expect(page.fieldErrors[id], `${field}'s problem`).toBe(message);
      else expect(page.said).toContain(message);
    }
  }
  return answers;
}

/** Posts `post` once from `from`. */
function once(post: Fields, from: Sender = {}): Case['play'] {
  return async (test, door) => [await send(test, door, post, from)];
}

/** A form token for `page`, signed by `test`'s server, issued `secondsAgo` before now. */
async function formToken(test: TestApp, page: string, secondsAgo: number): Promise<string> {
  const key = (await test.store.getSetting('form_key')) as string;
  return createFormTokens(key).issue(new Date(Date.now() - secondsAgo * 1000), page);
}

/** How many comments the server stored, shown or not. */
function storedCount(test: TestApp): Promise<number> {
  return rowCount(test, 'comments');
}

const BLOG = 'https://blog.example.com';
const OWN = 'https://comments.example.com';

describe('POST /thread, beside POST /api/comments', () => {
  it('accepts a valid post through both doors', async () => {
    const { form } = await expectSameRules({ play: once(fields()) });
    expect(form[0]?.status).toBe(303);
    expect(form[0]?.response.headers.location).toMatch(/^\/thread\?url=[^#]+#comment-\d+$/);
  });

  it('refuses a page outside SITE_ORIGINS (403), both naming the origin, the page keeping the form', async () => {
    const {
      json: [json],
      form: [form],
    } = await expectSameRules({
      settings: { SITE_ORIGINS: BLOG },
      play: once(fields({ url: 'https://elsewhere.example/post' })),
    });
    expect(json?.status).toBe(403);
    expect(json?.said).toContain('https://elsewhere.example');
    expect(form?.said).toContain('https://elsewhere.example');
  });

  it('refuses a post sent from a page of an unlisted site (Origin, 403)', async () => {
    const { json } = await expectSameRules({
      settings: { SITE_ORIGINS: BLOG },
      play: once(fields({ url: `${BLOG}/post` }), {
        headers: { origin: 'https://attacker.example' },
      }),
    });
    expect(json[0]?.status).toBe(403);
  });

  it('refuses a post from an opaque origin (Origin: null), as from a sandboxed frame', async () => {
    const { json } = await expectSameRules({
      play: once(fields(), { headers: { origin: 'null' } }),
    });
    expect(json[0]?.status).toBe(403);
  });

  it('accepts a post sent from a page of a listed site (Origin)', async () => {
    const { form } = await expectSameRules({
      settings: { SITE_ORIGINS: BLOG, PUBLIC_URL: OWN },
      play: once(fields({ url: `${BLOG}/post` }), { headers: { origin: BLOG } }),
    });
    expect(form[0]?.accepted).toBe(true);
  });

  it('accepts its own origin without SITE_ORIGINS, through both doors', async () => {
    const { form } = await expectSameRules({
      settings: { PUBLIC_URL: OWN },
      play: once(fields({ url: `${OWN}/demo` }), { headers: { origin: OWN } }),
    });
    expect(form[0]?.accepted).toBe(true);
  });

  it('accepts the form from its own page at /thread (Origin: its own origin) with SITE_ORIGINS set', async () => {
    // The one difference, by design: the form is posted from the server's own page, for a page
    // of a listed site; the JSON route is posted to from the sites' pages only, and keeps
    // refusing its own origin unless SITE_ORIGINS lists it.
    const { json, form } = await throughBoth({
      settings: { SITE_ORIGINS: BLOG, PUBLIC_URL: OWN },
      play: once(fields({ url: `${BLOG}/post` }), { headers: { origin: OWN } }),
    });
    expect(form[0]?.accepted).toBe(true);
    expect(json[0]?.status).toBe(403);
    // Its own origin does not make its own pages a site that may hold comments.
    const own = await throughBoth({
      settings: { SITE_ORIGINS: BLOG, PUBLIC_URL: OWN },
      play: once(fields({ url: `${OWN}/demo` }), { headers: { origin: OWN } }),
    });
    expect(own.form[0]?.status).toBe(403);
    expect(own.json[0]?.status).toBe(403);
  });

  it('answers 429 with Retry-After past RATE_LIMIT_PER_MINUTE, per client', async () => {
    const { json } = await expectSameRules({
      settings: { RATE_LIMIT_PER_MINUTE: '2' },
      play: async (test, door) => [
        await send(test, door, fields({ body: 'One.' }), { ip: '203.0.113.1' }),
        await send(test, door, fields({ body: 'Two.' }), { ip: '203.0.113.1' }),
        await send(test, door, fields({ body: 'Three.' }), { ip: '203.0.113.1' }),
        await send(test, door, fields({ body: 'Elsewhere.' }), { ip: '203.0.113.2' }),
      ],
    });
    expect(json.map((answer) => answer.status)).toEqual([201, 201, 429, 201]);
  });

  it('answers 429 to a second comment within FLOOD_SECONDS from one client', async () => {
    const { json } = await expectSameRules({
      settings: { FLOOD_SECONDS: '15' },
      play: async (test, door) => [
        await send(test, door, fields({ body: 'First.' }), { ip: '203.0.113.5' }),
        await send(test, door, fields({ body: 'Again.' }), { ip: '203.0.113.5' }),
        await send(test, door, fields({ body: 'Other.' }), { ip: '203.0.113.6' }),
      ],
    });
    expect(json.map((answer) => answer.status)).toEqual([201, 429, 201]);
  });

  it('answers 409 to the same text from the same address on the same page', async () => {
    const { json } = await expectSameRules({
      play: async (test, door) => [
        await send(test, door, fields()),
        await send(test, door, fields()),
        await send(test, door, fields({ email: 'bob@example.com' })),
      ],
    });
    expect(json.map((answer) => answer.status)).toEqual([201, 409, 201]);
  });

  it('answers a filled honeypot as if the comment were held, and stores nothing', async () => {
    const answers = await throughBoth({
      play: async (test, door) => {
        const answer = await send(test, door, fields({ homepage: 'http://spam.example' }));
        expect(await storedCount(test), door).toBe(0);
        expect(await test.store.findPage(PAGE), door).toBeNull();
        if (door === 'form') {
          // Sent back to the thread with a token, as a held comment's author is: it shows nothing.
          const location = String(answer.response.headers.location);
          expect(location).toMatch(/[?&]posted=[^&#]+/);
          const page = await test.app.inject({ method: 'GET', url: location });
          expect(page.statusCode).toBe(200);
          expect(page.body).not.toContain('class="held"');
        }
        return [answer];
      },
    });
    expect(answers.json[0]?.status).toBe(201);
    expect(answers.json[0]?.response.json().comment.status).toBe('pending');
    expect(answers.form[0]?.accepted).toBe(true);
  });

  it('refuses a post without the form’s signed timestamp (400)', async () => {
    const { json } = await expectSameRules({
      settings: { MIN_SUBMIT_SECONDS: '3' },
      play: once(fields()),
    });
    expect(json[0]?.status).toBe(400);
    expect(json[0]?.response.json().error.code).toBe('form_unverified');
  });

  it('refuses a post sooner than MIN_SUBMIT_SECONDS after the form rendered (429)', async () => {
    const { json } = await expectSameRules({
      settings: { MIN_SUBMIT_SECONDS: '30' },
      play: async (test, door) => [
        await send(test, door, fields({ form: await formToken(test, PAGE, 1) })),
      ],
    });
    expect(json[0]?.status).toBe(429);
    expect(json[0]?.response.json().error.code).toBe('too_fast');
  });

  it('refuses a form rendered more than four hours ago (400), and takes a fresher one', async () => {
    const { json } = await expectSameRules({
      settings: { MIN_SUBMIT_SECONDS: '3' },
      play: async (test, door) => [
        await send(test, door, fields({ form: await formToken(test, PAGE, 4 * 3600 + 60) })),
        await send(test, door, fields({ form: await formToken(test, PAGE, 60) })),
      ],
    });
    expect(json.map((answer) => answer.status)).toEqual([400, 201]);
    expect(json[0]?.response.json().error.code).toBe('form_expired');
  });

  it('refuses a form token signed for another page (400)', async () => {
    const { json } = await expectSameRules({
      settings: { MIN_SUBMIT_SECONDS: '3' },
      play: async (test, door) => [
        await send(
          test,
          door,
          fields({ form: await formToken(test, 'http://localhost:8080/other', 60) }),
        ),
      ],
    });
    expect(json[0]?.status).toBe(400);
  });

  it('refuses a blocked word (403) and holds a held one', async () => {
    const { json } = await expectSameRules({
      settings: { BLOCK_WORDS: 'viagra', HOLD_WORDS: 'casino' },
      play: async (test, door) => [
        await send(test, door, fields({ body: 'Buy VIAGRA here.' })),
        await send(test, door, fields({ body: 'The best casino.' })),
      ],
    });
    expect(json.map((answer) => answer.status)).toEqual([403, 201]);
    expect(json[1]?.response.json().comment.status).toBe('pending');
  });

  it('refuses a post on a page its owner closed', async () => {
    const { json } = await expectSameRules({
      play: async (test, door) => {
        const first = await send(test, door, fields({ body: 'Before closing.' }));
        const closed = await asAdmin(test, 'PATCH', '/pages', { key: PAGE, open: false });
        expect(closed.statusCode, closed.body).toBe(200);
        return [first, await send(test, door, fields({ body: 'After closing.' }))];
      },
    });
    expect(json[1]?.status).toBe(403);
  });

  it('refuses a reply to a comment that is not on the page (404)', async () => {
    const { json } = await expectSameRules({ play: once(fields({ parent: '999' })) });
    expect(json[0]?.status).toBe(404);
  });

  it('refuses fields that fail their checks (400), each problem beside its field', async () => {
    const { json, form } = await expectSameRules({
      play: once(fields({ body: '', email: 'not-an-address', website: 'javascript:alert(1)' })),
    });
    expect(json[0]?.status).toBe(400);
    expect(Object.keys(form[0]?.fieldErrors ?? {}).sort()).toEqual(['comment', 'email', 'url']);
  });

  it('refuses a page address that is not http(s) (400)', async () => {
    const { json } = await expectSameRules({ play: once(fields({ url: 'ftp://localhost/a' })) });
    expect(json[0]?.status).toBe(400);
  });
});
