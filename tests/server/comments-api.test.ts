import { describe, expect, it } from 'vitest';
import { newComment, type TestApp } from '../helpers/app.ts';
import { asAdmin, readThread, sendComment } from '../helpers/requests.ts';
import { useTestApps } from '../helpers/test-apps.ts';

const setUp = useTestApps();

function post(test: TestApp, body: unknown, headers: Record<string, string> = {}) {
  return sendComment(test, body, { headers });
}

function thread(test: TestApp, url?: string, page?: string) {
  return readThread(test, url, page ? { page } : {});
}

describe('GET /api/comments', () => {
  it('answers an empty thread for a page nobody commented on, keyed by the normalised URL', async () => {
    const test = await setUp();
    const response = await thread(test, 'HTTP://LOCALHOST:8080/posts/hello/?utm_source=x#top');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      form: expect.stringMatching(/^\d+\.[\w-]+$/),
      editWindowMinutes: 15,
      url: 'http://localhost:8080/posts/hello',
      page: 'http://localhost:8080/posts/hello',
      title: null,
      count: 0,
      open: true,
      notify: false,
      sort: 'oldest',
      likes: true,
      avatars: 'identicon',
      comments: [],
      next: null,
    });
  });

  it('refuses a page address that is not an http(s) URL', async () => {
    const test = await setUp();
    const response = await thread(test, 'javascript:alert(1)');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields.url).toMatch(/http/);
  });

  it('says a page outside SITE_ORIGINS is not open for comments', async () => {
    const test = await setUp({ SITE_ORIGINS: 'https://blog.example.com' });
    expect((await thread(test, 'https://blog.example.com/a')).json().open).toBe(true);
    expect((await thread(test, 'http://localhost:8080/a')).json().open).toBe(false);
  });
});

describe('POST /api/comments', () => {
  it('stores an approved comment and shows it in the thread without email or IP', async () => {
    const test = await setUp({ MODERATION: 'none' });
    const response = await post(test, newComment({ body: 'Hello\n\nSecond paragraph' }));
    expect(response.statusCode).toBe(201);
    const { comment, token } = response.json();
    expect(comment).toMatchObject({
      parent: null,
      depth: 1,
      name: 'Ann Reader',
      website: 'https://ann.example.com',
      status: 'approved',
      html: '<p>Hello</p>\n<p>Second paragraph</p>',
    });
    expect(token).toMatch(/^[\w-]{32}$/);
    expect(response.body).not.toContain('ann@example.com');

    const listed = await thread(test);
    expect(listed.json()).toMatchObject({ count: 1, title: 'Hello' });
    expect(listed.json().comments).toEqual([
      {
        id: comment.id,
        parent: null,
        depth: 1,
        name: 'Ann Reader',
        website: 'https://ann.example.com',
        html: comment.html,
        created: comment.created,
        likes: 0,
        verified: false,
        avatar: expect.stringMatching(/^[0-9a-f]{16}$/),
      },
    ]);
    expect(listed.body).not.toContain('ann@example.com');
    expect(listed.body).not.toContain('127.0.0.1');
  });

  it('keys a page by its explicit page id when one is given', async () => {
    const test = await setUp({ MODERATION: 'none' });
    await post(test, newComment({ page: 'post-42', url: 'http://localhost:8080/anything' }));
    expect((await thread(test, 'http://localhost:8080/other', 'post-42')).json().count).toBe(1);
    expect((await thread(test, 'http://localhost:8080/anything')).json().count).toBe(0);
  });

  it('escapes HTML, links bare URLs and marks links nofollow ugc noopener', async () => {
    const test = await setUp({ MODERATION: 'none' });
    const body = '<script>alert(1)</script> <img src=x onerror=alert(1)> see https://example.org/x';
    const { html } = (await post(test, newComment({ body }))).json().comment;
    expect(html).not.toMatch(/<script|<img|<[^>]*\son\w+=/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<a href="https://example.org/x" rel="nofollow ugc noopener">');
  });

  it('keeps line breaks inside a paragraph', async () => {
    const test = await setUp({ MODERATION: 'none' });
    const { html } = (await post(test, newComment({ body: 'one\ntwo' }))).json().comment;
    expect(html).toBe('<p>one<br />\ntwo</p>');
  });

  it('threads a reply under its parent', async () => {
    const test = await setUp({ MODERATION: 'none' });
    const first = (await post(test, newComment())).json().comment;
    const reply = await post(test, newComment({ parent: first.id, body: 'A reply' }));
    expect(reply.statusCode).toBe(201);
    expect(reply.json().comment).toMatchObject({ parent: first.id, depth: 2 });
    expect((await thread(test)).json().count).toBe(2);
  });

  it('attaches a reply to a fifth-level comment at the fifth level', async () => {
    const test = await setUp({ MODERATION: 'none' });
    let parent: number | null = null;
    const depths: number[] = [];
    for (let i = 0; i < 7; i++) {
      const response = await post(test, newComment({ parent, body: `Level ${i + 1}` }));
      const comment: { id: number; depth: number; parent: number | null } = response.json().comment;
      depths.push(comment.depth);
      expect(comment.parent).toBe(parent);
      parent = comment.id;
    }
    expect(depths).toEqual([1, 2, 3, 4, 5, 5, 5]);
  });

  it('answers 404 for a reply to an unknown comment or one on another page', async () => {
    const test = await setUp({ MODERATION: 'none' });
    expect((await post(test, newComment({ parent: 999 }))).statusCode).toBe(404);
    const elsewhere = (await post(test, newComment({ url: 'http://localhost:8080/other' }))).json();
    const response = await post(test, newComment({ parent: elsewhere.comment.id }));
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('parent_not_found');
  });

  it('answers 400 naming each invalid field, in the words the widget uses', async () => {
    const test = await setUp();
    const response = await post(test, {
      url: 'http://localhost:8080/a',
      name: '',
      email: 'nope',
      website: 'javascript:alert(1)',
      body: '   ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: {
        code: 'invalid_input',
        message: 'Please correct the marked fields.',
        fields: {
          name: 'Please enter your name.',
          email: 'Please enter a valid email address.',
          website: 'Please enter a web address starting with http:// or https://.',
          body: 'Please type your comment.',
        },
      },
    });
  });

  it('answers 400 for missing fields and for a name over the limit', async () => {
    const test = await setUp();
    const missing = await post(test, { url: 'http://localhost:8080/a' });
    expect(missing.statusCode).toBe(400);
    expect(Object.keys(missing.json().error.fields).sort()).toEqual(['body', 'email', 'name']);
    const long = await post(test, newComment({ name: 'x'.repeat(101) }));
    expect(long.statusCode).toBe(400);
    expect(long.json().error.fields.name).toBe('Name must be at most 100 characters.');
  });

  it('accepts a comment of exactly 10,000 characters surrounded by whitespace', async () => {
    const test = await setUp();
    const response = await post(test, newComment({ body: `  ${'a'.repeat(10_000)}\n` }));
    expect(response.statusCode).toBe(201);
  });

  it('answers 400 for a page URL that is not http(s)', async () => {
    const test = await setUp();
    const response = await post(test, newComment({ url: 'ftp://localhost/a' }));
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields.url).toBeDefined();
  });

  it('answers 403 naming SITE_ORIGINS for a page of another site', async () => {
    const test = await setUp();
    const response = await post(test, newComment({ url: 'https://elsewhere.example/post' }));
    expect(response.statusCode).toBe(403);
    expect(response.json().error.message).toContain('SITE_ORIGINS');
    expect(response.json().error.message).toContain('https://elsewhere.example');
  });

  it('accepts the origins listed in SITE_ORIGINS and only those', async () => {
    const test = await setUp({ SITE_ORIGINS: 'https://blog.example.com, https://www.example.org' });
    expect((await post(test, newComment({ url: 'https://blog.example.com/a' }))).statusCode).toBe(
      201,
    );
    expect((await post(test, newComment({ url: 'https://www.example.org/b' }))).statusCode).toBe(
      201,
    );
    expect((await post(test, newComment({ url: 'http://localhost:8080/a' }))).statusCode).toBe(403);
  });

  it('refuses a post sent from a page of another site', async () => {
    const test = await setUp();
    const response = await post(test, newComment(), { origin: 'https://attacker.example' });
    expect(response.statusCode).toBe(403);
  });

  it('answers 413 for a request body over 64 KB', async () => {
    const test = await setUp();
    const response = await post(test, newComment({ body: 'a'.repeat(70_000) }));
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('body_too_large');
  });

  it('answers 415 for a body that is not JSON', async () => {
    const test = await setUp();
    const response = await post(test, 'name=Ann&email=ann@example.com', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().error.message).toContain('application/json');
  });

  it('answers 400 for malformed JSON', async () => {
    const test = await setUp();
    const response = await post(test, '{"name": ', { 'content-type': 'application/json' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_json');
  });

  it('allows cross-origin requests from any page (CORS)', async () => {
    const test = await setUp();
    const response = await test.app.inject({
      method: 'OPTIONS',
      url: '/api/comments',
      headers: {
        origin: 'http://localhost:4000',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(response.statusCode).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe('http://localhost:4000');
  });
});

describe('moderation', () => {
  it('holds a first-time commenter and approves them once they have an approved comment', async () => {
    const test = await setUp();
    const first = (await post(test, newComment())).json().comment;
    expect(first.status).toBe('pending');
    expect((await thread(test)).json()).toMatchObject({ count: 0, comments: [] });

    const approved = await asAdmin(test, 'POST', `/comments/${first.id}/approve`);
    expect(approved.statusCode).toBe(200);
    expect((await thread(test)).json().count).toBe(1);

    const second = await post(test, newComment({ email: 'ANN@example.com', body: 'Again' }));
    expect(second.json().comment.status).toBe('approved');
  });

  it('holds every comment with MODERATION=all and none with MODERATION=none', async () => {
    const all = await setUp({ MODERATION: 'all' });
    const id = (await post(all, newComment())).json().comment.id;
    await asAdmin(all, 'POST', `/comments/${id}/approve`);
    expect((await post(all, newComment({ body: 'Again' }))).json().comment.status).toBe('pending');
    await all.close();

    const none = await setUp({ MODERATION: 'none' });
    expect((await post(none, newComment())).json().comment.status).toBe('approved');
  });

  it("shows a held comment to its author's token and to nobody else", async () => {
    const test = await setUp();
    const { comment, token } = (await post(test, newComment())).json();
    const other = (await post(test, newComment({ email: 'bob@example.com', body: 'Bob' }))).json();

    const own = await test.app.inject({
      method: 'POST',
      url: '/api/comments/own',
      payload: { tokens: [token, 'not-a-real-token'] },
    });
    expect(own.statusCode).toBe(200);
    expect(own.json().comments).toEqual([
      expect.objectContaining({ id: comment.id, status: 'pending' }),
    ]);
    expect(own.body).not.toContain(other.token);
    expect(own.body).not.toContain('ann@example.com');
  });

  it('shows spam to its author as held, so a spammer learns nothing', async () => {
    const test = await setUp();
    const { comment, token } = (await post(test, newComment())).json();
    await asAdmin(test, 'POST', `/comments/${comment.id}/spam`);
    const own = await test.app.inject({
      method: 'POST',
      url: '/api/comments/own',
      payload: { tokens: [token] },
    });
    expect(own.json().comments[0].status).toBe('pending');
  });
});

describe('/api/admin', () => {
  it('answers 401 without the admin token and leaks nothing', async () => {
    const test = await setUp();
    await post(test, newComment());
    for (const headers of [{}, { authorization: 'Bearer wrong-token-wrong-token' }]) {
      const response = await test.app.inject({
        method: 'GET',
        url: '/api/admin/comments',
        headers,
      });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.message).toContain('ADMIN_TOKEN');
      expect(response.body).not.toContain('ann@example.com');
    }
  });

  it('lists comments by status with their email and page', async () => {
    const test = await setUp();
    const id = (await post(test, newComment())).json().comment.id;
    const response = await asAdmin(test, 'GET', '/comments?status=pending');
    expect(response.statusCode).toBe(200);
    expect(response.json().comments).toEqual([
      expect.objectContaining({
        id,
        status: 'pending',
        email: 'ann@example.com',
        body: 'A first thought.',
        page: {
          key: 'http://localhost:8080/posts/hello',
          url: 'http://localhost:8080/posts/hello',
          title: 'Hello',
        },
      }),
    ]);
    expect((await asAdmin(test, 'GET', '/comments?status=approved')).json().comments).toEqual([]);
  });

  it('marks a comment as spam, removing it from the thread', async () => {
    const test = await setUp({ MODERATION: 'none' });
    const id = (await post(test, newComment())).json().comment.id;
    const response = await asAdmin(test, 'POST', `/comments/${id}/spam`);
    expect(response.json().comment.status).toBe('spam');
    expect((await thread(test)).json().count).toBe(0);
  });

  it('deletes a comment, keeping a placeholder where replies hang below it', async () => {
    const test = await setUp({ MODERATION: 'none' });
    const parent = (await post(test, newComment())).json().comment;
    const reply = (await post(test, newComment({ parent: parent.id, body: 'Reply' }))).json()
      .comment;
    const lonely = (await post(test, newComment({ body: 'Alone' }))).json().comment;

    expect((await asAdmin(test, 'DELETE', `/comments/${parent.id}`)).statusCode).toBe(204);
    expect((await asAdmin(test, 'DELETE', `/comments/${lonely.id}`)).statusCode).toBe(204);

    const listed = (await thread(test)).json();
    expect(listed.count).toBe(1);
    expect(listed.comments).toEqual([
      expect.objectContaining({ id: parent.id, deleted: true, name: '', html: '' }),
      expect.objectContaining({ id: reply.id, parent: parent.id }),
    ]);
    expect(JSON.stringify(listed)).not.toContain('A first thought.');
  });

  it('answers 404 for an unknown comment', async () => {
    const test = await setUp();
    const response = await asAdmin(test, 'POST', '/comments/12345/approve');
    expect(response.statusCode).toBe(404);
    expect((await asAdmin(test, 'DELETE', '/comments/12345')).statusCode).toBe(404);
  });
});

describe('GET /api/health', () => {
  it('answers 200', async () => {
    const test = await setUp();
    const response = await test.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });
});
