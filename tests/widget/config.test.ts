import { describe, expect, it } from 'vitest';
import { type HostFacts, mountsByItself, parseConfig } from '../../widget/config.ts';

const page: HostFacts = {
  location: 'https://blog.example.com/post/?utm_source=feed',
  canonical: null,
  title: 'Post',
  lang: '',
};

describe('parseConfig', () => {
  it('takes the server origin from the script and keys the page by its location', () => {
    expect(parseConfig({ server: 'https://comments.example.com/embed.js' }, page)).toEqual({
      server: 'https://comments.example.com',
      page: { key: 'https://blog.example.com/post', url: 'https://blog.example.com/post' },
      title: 'Post',
      theme: 'auto',
      sort: 'oldest',
      lang: '',
      followsLocation: true,
    });
  });

  it("asks for the tag's language, else the page's, else none (the browser's is the server's clue)", () => {
    const server = 'https://c.example';
    const lang = (given: string | undefined, pageLang: string) =>
      parseConfig({ server, lang: given }, { ...page, lang: pageLang }).lang;
    expect(lang('de', 'fr')).toBe('de');
    expect(lang(undefined, 'pt-BR')).toBe('pt-BR');
    expect(lang(undefined, '')).toBe('');
  });

  it('takes the default order from data-sort, and oldest first for anything else', () => {
    const server = 'https://c.example';
    expect(parseConfig({ server, sort: 'best' }, page).sort).toBe('best');
    expect(parseConfig({ server, sort: 'newest' }, page).sort).toBe('newest');
    expect(parseConfig({ server, sort: 'random' as never }, page).sort).toBe('oldest');
  });

  it('prefers data-page-id, data-page-url and data-page-title when given', () => {
    const given: Parameters<typeof parseConfig>[0] = {
      server: 'https://c.example',
      pageId: 'p-1',
      pageUrl: 'https://blog.example.com/p',
      pageTitle: ' The post ',
      theme: 'dark',
    };
    expect(parseConfig(given, page)).toMatchObject({
      page: { key: 'p-1', url: 'https://blog.example.com/p' },
      title: 'The post',
      theme: 'dark',
      followsLocation: false,
    });
  });

  it('uses the canonical link over the location', () => {
    const config = parseConfig(
      { server: 'https://c.example' },
      { ...page, canonical: 'https://blog.example.com/canonical/' },
    );
    expect(config.page.key).toBe('https://blog.example.com/canonical');
    expect(config.followsLocation).toBe(true);
  });

  it('throws a readable error without a server', () => {
    expect(() => parseConfig({}, page)).toThrow(/server/);
  });
});

describe('mountsByItself', () => {
  /** A script tag as far as these functions read it: its data-* attributes. */
  const tag = (dataset: Record<string, string>) => ({ dataset }) as unknown as HTMLScriptElement;

  it('leaves mounting to the page only for data-mount="manual"', () => {
    expect(mountsByItself(tag({ mount: 'manual' }))).toBe(false);
    expect(mountsByItself(tag({}))).toBe(true);
    expect(mountsByItself(tag({ mount: 'auto' }))).toBe(true);
  });
});
