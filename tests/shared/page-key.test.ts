import { describe, expect, it } from 'vitest';
import { identifyPage, normalisePageUrl } from '../../shared/page-key.ts';

// biome-ignore format: one case a line reads as a table
const SAME_PAGE: [string, string, string | null][] = [
  ['lower-cases the scheme and host', 'HTTPS://Blog.Example.COM/Post', 'https://blog.example.com/Post'],
  ['keeps the case of the path', 'https://example.com/About/Me', 'https://example.com/About/Me'],
  ['drops the default https port', 'https://example.com:443/a', 'https://example.com/a'],
  ['drops the default http port', 'http://example.com:80/a', 'http://example.com/a'],
  ['keeps another port', 'http://localhost:8080/a', 'http://localhost:8080/a'],
  ['drops the fragment', 'https://example.com/a#comment-5', 'https://example.com/a'],
  ['drops utm parameters', 'https://example.com/a?utm_source=x&utm_medium=y&utm_campaign=z', 'https://example.com/a'],
  ['drops utm parameters of any name', 'https://example.com/a?utm_whatever=1', 'https://example.com/a'],
  ['drops fbclid', 'https://example.com/a?fbclid=abc', 'https://example.com/a'],
  ['drops gclid', 'https://example.com/a?gclid=abc', 'https://example.com/a'],
  ['drops mailchimp ids', 'https://example.com/a?mc_cid=1&mc_eid=2', 'https://example.com/a'],
  ['keeps other parameters', 'https://example.com/a?p=42', 'https://example.com/a?p=42'],
  ['sorts the remaining parameters', 'https://example.com/a?b=2&a=1', 'https://example.com/a?a=1&b=2'],
  ['keeps parameters while dropping trackers', 'https://example.com/a?utm_source=x&p=1', 'https://example.com/a?p=1'],
  ['reads a trailing slash as the bare path', 'https://example.com/blog/post/', 'https://example.com/blog/post'],
  ['reads /index.html as the bare path', 'https://example.com/blog/index.html', 'https://example.com/blog'],
  ['reads a root index.html as the root', 'https://example.com/index.html', 'https://example.com/'],
  ['keeps the root as a slash', 'https://example.com', 'https://example.com/'],
  ['drops an empty query', 'https://example.com/a?', 'https://example.com/a'],
  ['drops credentials', 'https://user:secret@example.com/a', 'https://example.com/a'],
  ['trims surrounding whitespace', '  https://example.com/a  ', 'https://example.com/a'],
  ['turns an international host into its ASCII form', 'https://BÜCHER.example/a', 'https://xn--bcher-kva.example/a'],
  ['refuses a javascript: URL', 'javascript:alert(1)', null],
  ['refuses a data: URL', 'data:text/html,hi', null],
  ['refuses an ftp URL', 'ftp://example.com/a', null],
  ['refuses a relative path without a base', '/a/b', null],
  ['refuses text that is not a URL', 'not a url', null],
];

describe('normalisePageUrl', () => {
  it.each(SAME_PAGE)('%s', (_, input, expected) => {
    expect(normalisePageUrl(input)).toBe(expected);
  });

  it('gives one key for every spelling of one page', () => {
    const spellings = [
      'https://example.com/post/',
      'HTTPS://EXAMPLE.COM:443/post/index.html',
      'https://example.com/post?utm_source=feed#comments',
      'https://example.com/post/#respond',
    ];
    const keys = new Set(spellings.map((url) => normalisePageUrl(url)));
    expect([...keys]).toEqual(['https://example.com/post']);
  });

  it('resolves a relative URL against a base', () => {
    expect(normalisePageUrl('../other/', 'https://example.com/blog/post')).toBe(
      'https://example.com/other',
    );
  });
});

describe('identifyPage', () => {
  const location = 'https://example.com/post/?utm_source=x#c1';

  it('keys a page by its location when nothing else is given', () => {
    expect(identifyPage({ location })).toEqual({
      key: 'https://example.com/post',
      url: 'https://example.com/post',
    });
  });

  it('prefers the canonical link over the location', () => {
    expect(identifyPage({ location, canonical: 'https://www.example.com/post' })).toEqual({
      key: 'https://www.example.com/post',
      url: 'https://www.example.com/post',
    });
  });

  it('prefers data-page-url over the canonical link', () => {
    expect(
      identifyPage({ location, canonical: 'https://example.com/c', pageUrl: '/explicit/' })?.url,
    ).toBe('https://example.com/explicit');
  });

  it('lets data-page-id win over both for the key', () => {
    expect(
      identifyPage({ location, canonical: 'https://example.com/c', pageId: 'post-42' }),
    ).toEqual({
      key: 'post-42',
      url: 'https://example.com/c',
    });
  });

  it('falls back to the location when the canonical link is unusable', () => {
    expect(identifyPage({ location, canonical: 'javascript:void(0)' })?.key).toBe(
      'https://example.com/post',
    );
  });
});
