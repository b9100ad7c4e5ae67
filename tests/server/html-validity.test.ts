/**
 * The server's HTML of a thread is valid HTML, as html-validate reads it: the fragment of GET
 * /api/comments.html as a part of someone else's page, and the page at GET /thread as a whole
 * document, in every state a thread is shown in (empty, with replies, likes, the site owner's
 * badge, an edit, a deleted comment's placeholder; closed; right to left; in parts), and the
 * page in the states only it has (a reply's form, the author's held comment, a refused post).
 */
import { HtmlValidate, type RuleConfig } from 'html-validate';
import { describe, expect, it } from 'vitest';
import { newComment, type TestApp } from '../helpers/app.ts';
import {
  approveComment,
  asAdmin,
  deleteOwnComment,
  editOwnComment,
  PAGE,
  postComment,
} from '../helpers/requests.ts';
import {
  fragmentOf,
  postThreadForm,
  readThreadPage,
  type ThreadQuery,
} from '../helpers/server-rendered.ts';
import { useTestApps } from '../helpers/test-apps.ts';

const setUp = useTestApps({ MODERATION: 'none' });

/**
 * What both are held to beyond html-validate's recommended rules, and the two left out: the
 * doctype's case is a matter of style (HTML reads `<!doctype html>` as `<!DOCTYPE html>`), and
 * Subresource Integrity guards files from someone else's server, while the thread's stylesheet
 * is the comments server's own, changing with each of its releases.
 */
const SHARED_RULES: RuleConfig = {
  'doctype-style': 'off',
  'require-sri': 'off',
  'input-missing-label': 'error',
  'no-missing-references': 'error',
};

/**
 * A part of someone else's page: where its headings start depends on where the page includes
 * it, so its first heading may have any rank; from there on, none may skip a level.
 */
const fragmentValidator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: { ...SHARED_RULES, 'heading-level': ['error', { minInitialRank: 'h6' }] },
});

/** A whole document: a doctype, and headings that start at <h1>. */
const documentValidator = new HtmlValidate({
  extends: ['html-validate:recommended', 'html-validate:document'],
  rules: SHARED_RULES,
});

/** Each problem html-validate finds in `markup`, with where it is and the markup around it. */
async function problemsOf(validator: HtmlValidate, markup: string): Promise<string[]> {
  const report = await validator.validateString(markup);
  const lines = markup.split('\n');
  return report.results.flatMap((result) =>
    result.messages.map((message) => {
      const line = lines[message.line - 1] ?? '';
      const around = line.slice(Math.max(0, message.column - 60), message.column + 60);
      return `${message.ruleId}: ${message.message} (line ${message.line}, ${message.selector ?? 'document'}): …${around}…`;
    }),
  );
}

/** The page at /thread for `query`, answering `status` with HTML. */
async function threadPage(test: TestApp, query: ThreadQuery, status = 200): Promise<string> {
  const response = await readThreadPage(test, query);
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
  return response.body;
}

const TITLE = 'Notes on keeping a sourdough starter alive';
const QUERY = { url: PAGE, title: TITLE };

/** A voter id as a reader's browser keeps it for liking. */
const VOTER = 'voter-0123456789abcdef';

/**
 * A thread with all a thread can hold: text in markdown (a quote, a list, code, a link), a reply,
 * the site owner's reply with its badge, likes, a pinned comment, an edited one, and a deleted
 * comment with a reply, kept as a placeholder. Returns the ids of the first comment and its reply.
 */
async function richThread(test: TestApp): Promise<{ first: number; reply: number }> {
  const posted = async (changes: object) => {
    const response = await postComment(test, changes);
    expect(response.statusCode, response.body).toBe(201);
    const answer = response.json() as { comment: { id: number; status: string }; token: string };
    // Under MODERATION=first-time, shown once approved, so that the next may reply to it.
    if (answer.comment.status === 'pending') await approveComment(test, answer.comment.id);
    return answer;
  };
  const first = await posted({
    body: 'A *first* thought, with a [link](https://example.org/) and `code`.\n\n> A quote.\n\n- one\n- two\n\n```\nconst loaf = 1;\n```',
  });
  const reply = await posted({
    name: 'Bo',
    email: 'bo@example.com',
    website: '',
    body: 'A reply to the first.',
    parent: first.comment.id,
  });
  const owner = await asAdmin(test, 'POST', `/comments/${first.comment.id}/reply`, {
    body: 'Thanks for reading.',
  });
  expect(owner.statusCode, owner.body).toBe(201);
  const like = await test.app.inject({
    method: 'POST',
    url: `/api/comments/${first.comment.id}/like`,
    payload: { voter: VOTER },
  });
  expect(like.statusCode, like.body).toBe(200);
  expect((await asAdmin(test, 'POST', `/comments/${first.comment.id}/pin`)).statusCode).toBe(200);

  const edited = await posted({ name: 'Cy', email: 'cy@example.com', body: 'Before an edit.' });
  expect(
    (await editOwnComment(test, edited.comment.id, edited.token, 'After an edit.')).statusCode,
  ).toBe(200);

  const deleted = await posted({ name: 'Dee', email: 'dee@example.com', body: 'Soon gone.' });
  await posted({
    name: 'Ed',
    email: 'ed@example.com',
    body: 'A reply that outlives its parent.',
    parent: deleted.comment.id,
  });
  expect((await deleteOwnComment(test, deleted.comment.id, deleted.token)).statusCode).toBe(204);
  return { first: first.comment.id, reply: reply.comment.id };
}

/** Closes the page to new comments, as its owner does in the dashboard. */
async function closePage(test: TestApp): Promise<void> {
  const response = await asAdmin(test, 'PATCH', '/pages', { key: PAGE, open: false });
  expect(response.statusCode, response.body).toBe(200);
}

/** The states both the fragment and the page show a thread in, each given a fresh app. */
const SCENES: [string, (test: TestApp) => Promise<ThreadQuery>][] = [
  ['an empty thread', async () => QUERY],
  [
    'a thread with replies, likes, the owner’s badge, a pin, an edit and a deleted placeholder',
    async (test) => {
      await richThread(test);
      return QUERY;
    },
  ],
  [
    'a closed page',
    async (test) => {
      await richThread(test);
      await closePage(test);
      return QUERY;
    },
  ],
  [
    'a right-to-left locale (ar)',
    async (test) => {
      await richThread(test);
      return { ...QUERY, lang: 'ar' };
    },
  ],
  [
    'a thread in parts, with the link to the next',
    async (test) => {
      await richThread(test);
      return { ...QUERY, limit: '1' };
    },
  ],
  [
    'a thread in the newest-first order',
    async (test) => {
      await richThread(test);
      return { ...QUERY, sort: 'newest' };
    },
  ],
];

describe('GET /api/comments.html', () => {
  it.each(SCENES)('is a valid fragment of HTML for %s', async (_scene, build) => {
    const test = await setUp();
    const html = await fragmentOf(test, await build(test));
    expect(html).toContain('data-server-rendered');
    expect(await problemsOf(fragmentValidator, html)).toEqual([]);
  });
});

describe('GET /thread', () => {
  it.each(SCENES)('is a valid HTML document for %s', async (_scene, build) => {
    const test = await setUp();
    const html = await threadPage(test, await build(test));
    expect(html).toContain('data-server-rendered');
    expect(await problemsOf(documentValidator, html)).toEqual([]);
  });

  it('is a valid HTML document with the form under the comment it replies to (replytocom)', async () => {
    const test = await setUp();
    const { reply } = await richThread(test);
    const html = await threadPage(test, { ...QUERY, replytocom: String(reply) });
    expect(html).toMatch(
      new RegExp(`id="comment-${reply}"[\\s\\S]*name="parent" value="${reply}"`),
    );
    expect(await problemsOf(documentValidator, html)).toEqual([]);
  });

  it('is a valid HTML document showing the author’s held comment (posted=TOKEN)', async () => {
    const test = await setUp({ MODERATION: 'first-time' });
    await richThread(test);
    const posted = await postThreadForm(test, {
      ...QUERY,
      name: 'Fay',
      email: 'fay@example.com',
      body: 'Held, and shown to me alone.',
    });
    expect(posted.statusCode, posted.body).toBe(303);
    const location = String(posted.headers.location);
    expect(location).toMatch(/[?&]posted=[^&#]+.*#comment-\d+$/);
    const response = await test.app.inject({ method: 'GET', url: location });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<p class="held">Your comment is awaiting moderation.</p>');
    expect(await problemsOf(documentValidator, response.body)).toEqual([]);
  });

  it('is a valid HTML document re-rendered after a refused post, each problem beside its field', async () => {
    const test = await setUp();
    await richThread(test);
    const refused = await postThreadForm(test, {
      ...QUERY,
      name: 'Gus',
      email: 'not-an-address',
      website: 'https://gus.example',
      body: '',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('id="comment-error"');
    expect(refused.body).toContain('id="email-error"');
    expect(await problemsOf(documentValidator, refused.body)).toEqual([]);
  });

  it('is a valid HTML document re-rendered after a post refused as a whole (a duplicate)', async () => {
    const test = await setUp();
    await postComment(test, { body: 'Said once.' });
    const refused = await postThreadForm(test, {
      ...QUERY,
      name: newComment().name,
      email: newComment().email,
      body: 'Said once.',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('class="form-error"');
    expect(await problemsOf(documentValidator, refused.body)).toEqual([]);
  });

  it('is a valid HTML document saying what is wrong with an address that names no page', async () => {
    const test = await setUp();
    const html = await threadPage(test, { url: 'ftp://localhost/a' }, 400);
    expect(await problemsOf(documentValidator, html)).toEqual([]);
  });
});

describe('the validators', () => {
  it('find the faults they are here to find, in a fragment and in a document', async () => {
    // So that an empty list above means valid markup, not a validator that reads nothing.
    expect(await problemsOf(fragmentValidator, '<p><div>x</div></p>')).not.toEqual([]);
    expect(await problemsOf(fragmentValidator, '<p id="a"></p><p id="a"></p>')).not.toEqual([]);
    expect(
      await problemsOf(fragmentValidator, '<input id="x" aria-describedby="missing">'),
    ).not.toEqual([]);
    expect(await problemsOf(documentValidator, '<html><body><p>x</p></body></html>')).not.toEqual(
      [],
    );
    expect(
      await problemsOf(
        documentValidator,
        '<!doctype html><html lang="en"><head><title>t</title></head><body><h2>x</h2></body></html>',
      ),
    ).not.toEqual([]);
  });
});
