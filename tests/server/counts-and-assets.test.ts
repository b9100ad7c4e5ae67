import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWidget, type WidgetBuild } from '../../server/build/widget.ts';
import { createTestApp, newComment, type TestApp } from '../helpers/app.ts';

let test: TestApp;
let widget: WidgetBuild;

beforeAll(async () => {
  widget = await buildWidget(mkdtempSync(join(tmpdir(), 'leave-a-reply-assets-')));
  test = await createTestApp({ MODERATION: 'none' }, { widgetDir: widget.outDir });
  const post = (changes: object) =>
    test.app.inject({ method: 'POST', url: '/api/comments', payload: newComment(changes) });
  await post({ url: 'http://localhost:8080/a', body: 'one' });
  await post({ url: 'http://localhost:8080/a', body: 'two' });
  await post({ url: 'http://localhost:8080/b', body: 'three' });
  await post({ url: 'http://localhost:8080/x', page: 'post-7', body: 'four' });
  const held = await post({ url: 'http://localhost:8080/b', body: 'held' });
  await test.store.setStatus(held.json().comment.id, 'pending', new Date().toISOString());
});

afterAll(async () => {
  await test.close();
});

describe('GET /api/counts', () => {
  it('answers approved counts for many pages in one request, under the names it was asked by', async () => {
    const response = await test.app.inject({
      method: 'GET',
      url: '/api/counts?url=http://localhost:8080/a/&url=http://LOCALHOST:8080/b&url=http://localhost:8080/none&page=post-7',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      counts: {
        'http://localhost:8080/a/': 2,
        'http://LOCALHOST:8080/b': 1,
        'http://localhost:8080/none': 0,
        'post-7': 1,
      },
    });
    expect(response.headers['cache-control']).toMatch(/s-maxage=\d+/);
  });

  it('takes up to 100 pages and refuses more', async () => {
    const urls = (n: number) =>
      Array.from({ length: n }, (_, i) => `url=http://localhost:8080/p${i}`).join('&');
    expect(
      (await test.app.inject({ method: 'GET', url: `/api/counts?${urls(100)}` })).statusCode,
    ).toBe(200);
    expect(
      (await test.app.inject({ method: 'GET', url: `/api/counts?${urls(101)}` })).statusCode,
    ).toBe(400);
  });

  it('refuses an address that is not http(s)', async () => {
    const response = await test.app.inject({
      method: 'GET',
      url: '/api/counts?url=javascript:alert(1)',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields.url).toMatch(/not an http/);
  });
});

describe('the widget’s files', () => {
  it('sends brotli or gzip as the client accepts, with the right type', async () => {
    for (const [accept, encoding] of [
      ['br, gzip', 'br'],
      ['gzip', 'gzip'],
      ['identity', undefined],
    ] as const) {
      const response = await test.app.inject({
        method: 'GET',
        url: '/embed.js',
        headers: { 'accept-encoding': accept },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-encoding']).toBe(encoding);
      expect(response.headers['content-type']).toMatch(/javascript/);
      expect(response.headers.vary).toMatch(/accept-encoding/i);
    }
  });

  it('keeps embed.js short-lived and the hashed stylesheet it names for a year', async () => {
    const script = await test.app.inject({ method: 'GET', url: '/embed.js' });
    expect(script.headers['cache-control']).toBe('public, max-age=300');
    expect(script.body).toContain(widget.stylesheet);
    expect(widget.stylesheet).toMatch(/^embed\.[0-9a-f]{10}\.css$/);
    const styles = await test.app.inject({ method: 'GET', url: `/${widget.stylesheet}` });
    expect(styles.statusCode).toBe(200);
    expect(styles.headers['content-type']).toMatch(/text\/css/);
    expect(styles.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('compresses large API answers for clients that accept it', async () => {
    for (let i = 0; i < 30; i++) {
      await test.app.inject({
        method: 'POST',
        url: '/api/comments',
        payload: newComment({
          url: 'http://localhost:8080/long',
          body: `A long enough comment, number ${i}.`,
        }),
      });
    }
    const read = (acceptEncoding: string) =>
      test.app.inject({
        method: 'GET',
        url: '/api/comments?url=http://localhost:8080/long',
        headers: { 'accept-encoding': acceptEncoding },
      });
    const plain = await read('identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    const thread = plain.json();
    expect(thread.comments).toHaveLength(30);
    for (const [accept, encoding, decode] of [
      ['gzip, deflate, br', 'br', brotliDecompressSync],
      ['gzip;q=1, br;q=0', 'gzip', gunzipSync],
      ['x-gzip', 'gzip', gunzipSync],
    ] as const) {
      const response = await read(accept);
      expect(response.headers['content-encoding'], accept).toBe(encoding);
      expect(response.headers.vary).toMatch(/accept-encoding/i);
      expect(Number(response.headers['content-length'])).toBe(response.rawPayload.length);
      const decoded = JSON.parse(decode(response.rawPayload).toString('utf8'));
      // The same thread; only the form's timestamp may be a second newer.
      expect({ ...decoded, form: '' }).toEqual({ ...thread, form: '' });
    }
  });

  it('sends a short API answer uncompressed, where compression would save nothing', async () => {
    const response = await test.app.inject({
      method: 'GET',
      url: '/api/comments?url=http://localhost:8080/empty',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.json().comments).toEqual([]);
  });
});

describe('what reaches a reader', () => {
  // Kilobytes of 1,000 bytes: the stricter reading of "14 KB" and "1 KB".
  const KB = 1000;

  it('weighs at most 14 KB gzipped for script and stylesheet together, and count.js at most 1 KB', async () => {
    const { builtSizes } = await import('../../server/build/widget.ts');
    const script = builtSizes(widget.outDir, 'embed.js');
    const styles = builtSizes(widget.outDir, widget.stylesheet);
    const count = builtSizes(widget.outDir, 'count.js');
    expect(script.gzip + styles.gzip).toBeLessThanOrEqual(14 * KB);
    expect(count.gzip).toBeLessThanOrEqual(1 * KB);
  });

  it('bundles nothing but widget/, shared/ and preact', () => {
    const outside = Object.values(widget.metafile.outputs)
      .flatMap((output) => Object.keys(output.inputs))
      .filter((input) => !/^(widget\/|shared\/|node_modules\/preact\/)/.test(input));
    expect(outside).toEqual([]);
    expect(Object.keys(widget.metafile.outputs['embed.js']?.inputs ?? {})).toEqual(
      expect.arrayContaining(['widget/index.ts', 'node_modules/preact/dist/preact.mjs']),
    );
  });
});
