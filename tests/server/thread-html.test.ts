/**
 * The thread as HTML, for pages to include and for readers without JavaScript: GET
 * /api/comments.html (a fragment, kept ready and validated by ETag as the JSON answer is) and
 * the page at /thread with its plain form.
 */
import { describe, expect, it } from 'vitest';
import { DEFENCES_OFF, newComment, type TestApp } from '../helpers/app.ts';
import { approveComment, asAdmin } from '../helpers/requests.ts';
import { rowCount, runSql } from '../helpers/scene.ts';
import { seedThread } from '../helpers/seed.ts';
import { useTestApps } from '../helpers/test-apps.ts';

const POST = 'http://localhost:8080/posts/hello';
const METRICS_TOKEN = 'metrics-token-0123456789abcdef';
const start = useTestApps({ ...DEFENCES_OFF, MODERATION: 'none', METRICS_TOKEN });

const fragment = (test: TestApp, query = '', headers: Record<string, string> = {}) =>
  test.app.inject({ url: `/api/comments.html?url=${encodeURIComponent(POST)}${query}`, headers });

const threadPage = (test: TestApp, query = '', headers: Record<string, string> = {}) =>
  test.app.inject({ url: `/thread?url=${encodeURIComponent(POST)}${query}`, headers });

const postForm = (test: TestApp, fields: Record<string, string>, headers = {}) =>
  test.app.inject({
    method: 'POST',
    url: '/thread',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: new URLSearchParams(fields).toString(),
  });

/** The form token a page or fragment carries. */
const formToken = (html: string) => /name="form" value="([^"]+)"/.exec(html)?.[1] ?? '';

async function serialisations(test: TestApp): Promise<number> {
  const metrics = await test.app.inject({
    url: '/metrics',
    headers: { authorization: `Bearer ${METRICS_TOKEN}` },
  });
  return Number(/^leave_a_reply_thread_serialisations_total (\d+)$/m.exec(metrics.body)?.[1]);
}

describe('GET /api/comments.html', () => {
  it('gives the thread as the widget shows it, each comment marked up as a schema.org Comment', async () => {
    const test = await start();
    const [first, reply] = await seedThread(test, { url: POST, title: 'Hello' }, [
      { name: 'Ann', body: 'A *first* thought.', website: 'https://ann.example.com' },
      { name: 'Bob', body: 'A reply.', parent: 0 },
      { name: 'Cy', body: 'Another thought.' },
    ]);
    const like = await test.app.inject({
      method: 'POST',
      url: `/api/comments/${first}/like`,
      payload: { voter: 'voter-0123456789abcdef' },
    });
    expect(like.statusCode, like.body).toBe(200);

    const response = await fragment(test);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = response.body;
    expect(html).toMatch(
      /^<link rel="stylesheet" href="http:\/\/[^"]+\/thread\.css">\n<div class="leave-a-reply" lang="en" data-server-rendered>/,
    );
    expect(html).toContain('<h2 class="count">3 thoughts on &quot;Hello&quot;</h2>');
    // Ann's comment: an article with its author (linked to her site), date, text and likes.
    const ann = html.slice(
      html.indexOf(`<li id="comment-${first}"`),
      html.indexOf(`<li id="comment-${reply}"`),
    );
    expect(ann).toContain(`class="comment depth-1"`);
    expect(ann).toMatch(
      /<article id="comment-\d+-body" class="comment-body" aria-label="Comment by Ann" itemscope itemtype="https:\/\/schema\.org\/Comment" itemref="comment-\d+-body">/,
    );
    expect(ann).toContain(
      '<b class="author" itemprop="author" itemscope itemtype="https://schema.org/Person"><a href="https://ann.example.com" rel="nofollow ugc noopener" itemprop="url"><span itemprop="name">Ann</span></a></b>',
    );
    expect(ann).toMatch(
      /<time datetime="\d{4}-\d\d-\d\dT[\d:.]+Z" itemprop="dateCreated">[^<]+ UTC<\/time>/,
    );
    expect(ann).toContain(
      '<div class="content" dir="auto" itemprop="text"><p>A <em>first</em> thought.</p></div>',
    );
    expect(ann).toContain('<span class="likes" itemprop="upvoteCount">1</span>');
    expect(ann).toMatch(
      /<svg class="avatar" viewBox="-1 -1 7 7" aria-hidden="true"><path fill="hsl\(\d+ 50% 45%\)" d="[Mhvz\d -]*"><\/path><\/svg>/,
    );
    // Bob's reply is nested in Ann's list of replies, which her article refers to, and is her
    // comment's `comment`.
    expect(html).toContain(
      `<ol class="children"><li id="comment-${reply}" class="comment depth-2"><article id="comment-${reply}-body" class="comment-body" aria-label="Comment by Bob" itemprop="comment" itemscope`,
    );
    // What the widget offers: reply links, the form, the feed; and never an address.
    expect(html).toContain(`replytocom=${first}#respond" aria-label="Reply to Ann">Reply</a>`);
    expect(html).toContain('<form class="comment-form" method="post" action="http://');
    expect(html).toContain('<a class="feed" href="http://');
    expect(html).not.toMatch(/reader\d@example\.com|ann@example/);
  });

  it('answers with a form token the widget’s POST takes, renewed each second', async () => {
    const test = await start({ MIN_SUBMIT_SECONDS: '0' });
    const token = formToken((await fragment(test)).body);
    expect(token).toMatch(/^\d+\.[\w-]+$/);
    const posted = await test.app.inject({
      method: 'POST',
      url: '/api/comments',
      payload: newComment({ url: POST, form: token }),
    });
    expect(posted.statusCode, posted.body).toBe(201);
  });

  it('is kept ready per page version, its ETag answered with 304 and changed by a new comment', async () => {
    const test = await start();
    await seedThread(test, { url: POST }, [{ name: 'Ann', body: 'One.' }]);
    const first = await fragment(test);
    const before = await serialisations(test);
    const again = await fragment(test);
    expect(again.body.replace(/value="\d+\.[\w-]+"/, '')).toBe(
      first.body.replace(/value="\d+\.[\w-]+"/, ''),
    );
    expect(await serialisations(test)).toBe(before);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/".+\.html"$/);
    expect((await fragment(test, '', { 'if-none-match': etag })).statusCode).toBe(304);
    // The JSON answer of the same version has its own ETag: a cache never mixes them up.
    const json = await test.app.inject({ url: `/api/comments?url=${encodeURIComponent(POST)}` });
    expect(json.headers.etag).not.toBe(etag);

    await seedThread(test, { url: POST }, [{ name: 'Bob', body: 'Two.' }]);
    const changed = await fragment(test, '', { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.body).toContain('Two.');
    expect(changed.headers.etag).not.toBe(etag);
  });

  it('is compressed once and sent compressed to a client that accepts it', async () => {
    const test = await start();
    const seeds = Array.from({ length: 20 }, (_, n) => ({
      name: `Reader ${n}`,
      body: `Thought ${n}.`,
    }));
    await seedThread(test, { url: POST }, seeds);
    const response = await fragment(test, '', { 'accept-encoding': 'br, gzip' });
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers.vary).toContain('Accept-Encoding');
  });

  it('takes the same questions as the JSON route: order, parts, language, and the heading’s title', async () => {
    const test = await start({ PAGE_SIZE: '2' });
    await seedThread(test, { url: POST, title: 'Stored title' }, [
      { name: 'Ann', body: 'One.' },
      { name: 'Bob', body: 'Two.' },
      { name: 'Cy', body: 'Three.' },
    ]);
    const oldest = (await fragment(test)).body;
    expect(oldest.indexOf('One.')).toBeLessThan(oldest.indexOf('Two.'));
    expect(oldest).not.toContain('Three.');
    const next =
      /<p class="load-more"><a href="[^"]*after=([^"&#]+)[^"]*">Load more comments<\/a><\/p>/.exec(
        oldest,
      )?.[1];
    expect(next).toBeTruthy();
    const rest = (await fragment(test, `&after=${next}`)).body;
    expect(rest).toContain('Three.');
    expect(rest).not.toContain('One.');
    const newest = (await fragment(test, '&sort=newest')).body;
    expect(newest.indexOf('Three.')).toBeLessThan(newest.indexOf('Two.'));
    expect(newest).toContain('<strong aria-current="true">Newest</strong>');

    const german = (await fragment(test, '&lang=de&title=Mein%20Beitrag')).body;
    expect(german).toContain('<div class="leave-a-reply" lang="de" data-server-rendered>');
    expect(german).toContain('Mein Beitrag');
    expect(german).toContain('Antworten');
    const hebrew = (await fragment(test, '', { 'accept-language': 'he' })).body;
    expect(hebrew).toContain(
      '<div class="leave-a-reply" lang="he" dir="rtl" data-server-rendered>',
    );
    // A bad question is answered as the JSON route answers it.
    const bad = await test.app.inject({ url: '/api/comments.html?url=nope' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      error: { code: 'invalid_input', fields: { url: expect.any(String) } },
    });
  });

  it('says comments are closed, with no form, on a closed page', async () => {
    const test = await start();
    await seedThread(test, { url: POST }, [{ name: 'Ann', body: 'One.' }]);
    const pages = await asAdmin(test, 'GET', '/pages');
    const key = (pages.json() as { pages: { key: string }[] }).pages[0]?.key;
    expect((await asAdmin(test, 'PATCH', '/pages', { key, open: false })).statusCode).toBe(200);
    const html = (await fragment(test)).body;
    expect(html).toContain('<p class="closed">Comments are closed.</p>');
    expect(html).not.toContain('<form');
    expect(html).not.toContain('class="reply"');
  });
});

describe('the page at /thread', () => {
  it('is a whole page, never indexed, with a link back to the article and the thread', async () => {
    const test = await start();
    await seedThread(test, { url: POST, title: 'Hello' }, [{ name: 'Ann', body: 'One.' }]);
    const response = await threadPage(test, '&title=Hello');
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-robots-tag']).toBe('noindex');
    expect(response.headers['cache-control']).toBe('no-store');
    const html = response.body;
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).toContain(
      `<h1 class="article"><a class="back" href="${POST}"><span aria-hidden="true">← </span>Hello</a></h1>`,
    );
    expect(html).toContain('<meta name="referrer" content="same-origin">');
    expect(html).toContain('<link rel="stylesheet" href="/thread.css">');
    expect(html).toContain('<form class="comment-form" method="post" action="/thread" novalidate>');
    expect(html).not.toContain('<script');
    expect(html).toContain('<h3 class="reply-title">Leave a Reply</h3>');
  });

  it('takes a post and sends its author back to it, shown once by its token while it is held', async () => {
    const test = await start({ MODERATION: 'all' });
    const page = (await threadPage(test, '&title=Hello')).body;
    const posted = await postForm(test, {
      url: POST,
      title: 'Hello',
      form: formToken(page),
      name: 'Ann',
      email: 'ann@example.com',
      website: '',
      body: 'Held for now.',
      homepage: '',
    });
    expect(posted.statusCode, posted.body).toBe(303);
    const location = posted.headers.location as string;
    const [stored] = await runSql<{ id: number }>(test, 'SELECT id FROM comments');
    const id = stored?.id as number;
    expect(location).toMatch(new RegExp(`^/thread\\?url=[^#]+&posted=[\\w-]+#comment-${id}$`));

    const shown = (await test.app.inject({ url: location })).body;
    expect(shown).toContain(`<li id="comment-${id}"`);
    expect(shown).toContain('<p class="held">Your comment is awaiting moderation.</p>');
    expect(shown).toContain('Held for now.');
    // Once: the same address shows nothing of it again, nor does it to anyone else.
    const again = (await test.app.inject({ url: location })).body;
    expect(again).not.toContain('Held for now.');

    await approveComment(test, id);
    expect((await threadPage(test)).body).toContain('Held for now.');
    expect((await fragment(test)).body).toContain('Held for now.');
  });

  it('puts the form under the comment a reply link names, and the reply under it', async () => {
    const test = await start();
    const [ann] = await seedThread(test, { url: POST }, [
      { name: 'Ann', body: 'One.' },
      { name: 'Bob', body: 'Two.' },
    ]);
    const html = (await threadPage(test, `&replytocom=${ann}`)).body;
    const item = html.slice(html.indexOf(`<li id="comment-${ann}"`), html.indexOf('Two.'));
    expect(item).toContain('<h3 class="reply-title">Leave a Reply to Ann</h3>');
    expect(item).toContain(`<input type="hidden" name="parent" value="${ann}">`);
    expect(item).toContain(`#comment-${ann}">Cancel reply</a>`);

    const posted = await postForm(test, {
      url: POST,
      parent: String(ann),
      form: formToken(html),
      name: 'Cy',
      email: 'cy@example.com',
      body: 'A reply to Ann.',
    });
    expect(posted.statusCode, posted.body).toBe(303);
    const rows = await runSql(test, 'SELECT parent_id FROM comments WHERE body = ?', [
      'A reply to Ann.',
    ]);
    expect(rows).toEqual([{ parent_id: ann }]);
  });

  it('shows a refused post again with every value kept and each problem next to its field', async () => {
    const test = await start();
    const page = (await threadPage(test)).body;
    const refused = await postForm(test, {
      url: POST,
      form: formToken(page),
      name: 'Ann <b>',
      email: 'not an address',
      website: 'ann.example.com',
      body: '',
      remember: '1',
    });
    expect(refused.statusCode).toBe(400);
    const html = refused.body;
    expect(html).toContain(
      '<p class="form-error" role="alert">Please correct the marked fields.</p>',
    );
    expect(html).toContain('value="Ann &lt;b&gt;"');
    expect(html).toContain('value="not an address"');
    expect(html).toContain('aria-describedby="email-error" type="email" value="not an address"');
    expect(html).toContain(
      '<span class="error" id="email-error">Please enter a valid email address.</span>',
    );
    expect(html).toContain(
      '<span class="error" id="comment-error">Please type your comment.</span>',
    );
    expect(html).toContain('<span class="error" id="url-error">');
    expect(html).toMatch(/id="remember" name="remember" type="checkbox" value="1" checked>/);
    expect(await rowCount(test, 'comments')).toBe(0);
  });

  it('keeps what was typed when a post is over the rate limit, and says when to try again', async () => {
    const test = await start({ RATE_LIMIT_PER_MINUTE: '1' });
    const page = (await threadPage(test)).body;
    const fields = { url: POST, form: formToken(page), name: 'Ann', email: 'ann@example.com' };
    expect((await postForm(test, { ...fields, body: 'The first.' })).statusCode).toBe(303);
    const limited = await postForm(test, { ...fields, body: 'The second, kept.' });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body).toContain('\nThe second, kept.</textarea>');
    expect(limited.body).toContain('<p class="form-error" role="alert">');
  });

  it('keeps the author’s details in its own cookie when asked, and fills the form with them', async () => {
    const test = await start();
    const page = (await threadPage(test)).body;
    const fields = {
      url: POST,
      form: formToken(page),
      name: 'Ann',
      email: 'ann@example.com',
      website: 'https://ann.example.com',
      body: 'Remember me.',
    };
    const posted = await postForm(test, { ...fields, remember: '1' });
    const cookie = String(posted.headers['set-cookie']);
    expect(cookie).toMatch(
      /^leave_a_reply_author=[\w-]+; Max-Age=31536000; Path=\/thread; HttpOnly; SameSite=Lax$/,
    );
    const filled = (await threadPage(test, '', { cookie: cookie.split(';')[0] as string })).body;
    expect(filled).toContain('id="author" name="name" required type="text" value="Ann"');
    expect(filled).toContain('value="ann@example.com"');
    expect(filled).toMatch(/id="remember" name="remember" type="checkbox" value="1" checked>/);
    // Unticked, the cookie goes.
    const forgot = await postForm(
      test,
      { ...fields, body: 'Forget me.' },
      { cookie: cookie.split(';')[0] as string },
    );
    expect(String(forgot.headers['set-cookie'])).toMatch(
      /^leave_a_reply_author=; Max-Age=0; Path=\/thread/,
    );
  });

  it('answers a bot that fills the honeypot as if its comment were held, and stores nothing', async () => {
    const test = await start();
    const page = (await threadPage(test)).body;
    const posted = await postForm(test, {
      url: POST,
      form: formToken(page),
      name: 'Bot',
      email: 'bot@example.com',
      body: 'Buy now.',
      homepage: 'https://spam.example',
    });
    expect(posted.statusCode).toBe(303);
    expect(posted.headers.location).toMatch(/&posted=[\w-]+#comment-1$/);
    expect(await rowCount(test, 'comments')).toBe(0);
  });

  it('offers reply mail only where the server can send it', async () => {
    const without = await start();
    expect((await threadPage(without)).body).not.toContain('name="notify"');
    const mailing = await start({ SMTP_URL: 'smtp://127.0.0.1:9' });
    expect((await threadPage(mailing)).body).toContain('id="notify" name="notify" type="checkbox"');
  });
});
