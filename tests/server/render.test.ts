/**
 * The renderer, on its own: every case of our generated XSS corpus (tests/fixtures/xss-corpus.ts),
 * and hand-made markdown attacks, must come out as the allowlist's tags only, with no address
 * that runs script, and every link an absolute web or mail address.
 */
import { describe, expect, it } from 'vitest';
import { renderCommentHtml } from '../../server/comments/render.ts';
import { buildXssCorpus, XSS_CASES, XSS_CONTEXTS } from '../fixtures/xss-corpus.ts';
import { COMMENT_LINK_REL, linksWithoutAddress, problemsOf } from '../helpers/rendered-html.ts';

const LINK_REL = COMMENT_LINK_REL;

/** Every case's text, rendered as a comment's text whatever field it was made for. */
const RENDERED = XSS_CASES.map((xss) => ({ xss, html: renderCommentHtml(xss.text) }));

describe('the XSS corpus', () => {
  it('holds at least 2,000 distinct cases, in every context, each with its own number', () => {
    expect(XSS_CASES.length).toBeGreaterThanOrEqual(2000);
    expect(XSS_CASES.map((xss) => xss.id)).toEqual(XSS_CASES.map((_, index) => index + 1));
    expect(new Set(XSS_CASES.map((xss) => xss.text)).size).toBe(XSS_CASES.length);
    const kinds = XSS_CASES.map((xss) => `${xss.vector} | ${xss.encoding} | ${xss.context}`);
    expect(new Set(kinds).size).toBe(XSS_CASES.length);
    expect(new Set(XSS_CASES.map((xss) => xss.context))).toEqual(new Set(XSS_CONTEXTS));
    // Each case's marker call passes its own number, whatever it is spelt like.
    for (const xss of XSS_CASES) expect(xss.marker).toMatch(new RegExp(`\\b${xss.id}\\b`));
    expect(new Set(XSS_CASES.map((xss) => xss.marker.replace(/\d+/, 'N'))).size).toBeGreaterThan(
      10,
    );
  });

  it('is the same list every time it is made', () => {
    expect(buildXssCorpus()).toEqual(XSS_CASES);
  });
});

describe('renderCommentHtml and XSS payloads', () => {
  it('keeps every case of the corpus to the allowlist, with no address that runs script', () => {
    const failures = RENDERED.flatMap(({ xss, html }) =>
      problemsOf(html).map((problem) => `#${xss.id} ${JSON.stringify(xss.text)}: ${problem}`),
    );
    expect(failures).toEqual([]);
  });

  it('shows raw HTML as text, not dropped', () => {
    expect(renderCommentHtml('<script>alert(1)</script>')).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>',
    );
    expect(renderCommentHtml('<img src=x onerror=alert(2)>')).toBe(
      '<p>&lt;img src=x onerror=alert(2)&gt;</p>',
    );
    expect(renderCommentHtml('"><svg/onload=alert(3)>')).toBe(
      '<p>"&gt;&lt;svg/onload=alert(3)&gt;</p>',
    );
    // Every raw-HTML case of the corpus written plainly reads as the text that was typed.
    const plain = RENDERED.filter(
      ({ xss }) =>
        xss.context === 'raw-html' && xss.encoding === 'plain' && !/[`\\*_&[\]]/.test(xss.text),
    );
    expect(plain.length).toBeGreaterThan(20);
    for (const { xss, html } of plain) {
      expect(html.replace(/^<p>|<\/p>$/g, '')).toBe(
        xss.text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;'),
      );
    }
  });

  it.each([
    '[click](javascript:alert(1))',
    '[click](JaVaScRiPt:alert(1))',
    '[click](  javascript:alert(1))',
    '[click](jav&#x61;script:alert(1))',
    '[click](jav&#97;script:alert(1))',
    '[click](&#106;avascript:alert(1))',
    '[click](javascript&colon;alert(1))',
    '[click](java%0ascript:alert(1))',
    '[click](java\tscript:alert(1))',
    '[click](vbscript:msgbox(1))',
    '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '[click](file:///etc/passwd)',
    '[click](https:javascript:alert(1))',
    '<javascript:alert(1)>',
    '<data:text/html,<script>alert(1)</script>>',
    '[click]\n\n[click]: javascript:alert(1)',
    '![image](javascript:alert(1))',
    '![image](https://example.com/x.png)',
    '[click](https://example.com "title" onmouseover="alert(1))',
    '[click](https://example.com/"onmouseover="alert(1))',
    '`<script>alert(1)</script>`',
    '```html\n<script>alert(1)</script>\n```',
    '> <iframe src=javascript:alert(1)>',
    '1. <svg onload=alert(1)>',
  ])('makes no live link or element of %j', (body) => {
    expect(problemsOf(renderCommentHtml(body))).toEqual([]);
  });

  it('links web and mail addresses with the fixed rel', () => {
    expect(renderCommentHtml('[site](https://example.com/a?b=1&c=2)')).toBe(
      `<p><a href="https://example.com/a?b=1&amp;c=2" rel="${LINK_REL}">site</a></p>`,
    );
    expect(renderCommentHtml('<mailto:ann@example.com>')).toBe(
      `<p><a href="mailto:ann@example.com" rel="${LINK_REL}">mailto:ann@example.com</a></p>`,
    );
    expect(renderCommentHtml('see https://example.com/x')).toBe(
      `<p>see <a href="https://example.com/x" rel="${LINK_REL}">https://example.com/x</a></p>`,
    );
  });

  it('makes every link an absolute http(s) or mailto one, never one that goes nowhere', () => {
    // markdown-it makes links the sanitiser does not keep whole: an autolink of any scheme and a
    // protocol-relative linkify lose their address and stay as an <a> to nowhere; a relative
    // address stays, and points into the host site (its own paths, the page's fragments).
    const bodies = [
      '<xss:xss>',
      '<a xlink:href="//jsfiddle.net/t846h/">click',
      '[click](//evil.example/)',
      '[click]()',
      '[click](/wp-login.php?action=logout)',
      '[click](#comment-1)',
      '[click](java%0ascript:alert(1))',
    ];
    const found = [
      ...bodies.map((body) => ({ body, html: renderCommentHtml(body) })),
      ...RENDERED.map(({ xss, html }) => ({ body: xss.text, html })),
    ].flatMap(({ body, html }) =>
      linksWithoutAddress(html).map((link) => `${JSON.stringify(body)}: ${link}`),
    );
    expect(found).toEqual([]);
  });

  it("keeps the corpus's own web addresses as links, so the checks above meet real links", () => {
    // The corpus's links to example.com stay links, so the checks above see real <a> elements.
    const linked = RENDERED.filter(({ html }) => /<a href="https:\/\/example\.com\//.test(html));
    expect(linked.length).toBeGreaterThan(100);
  });
});
