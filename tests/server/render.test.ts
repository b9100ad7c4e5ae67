/**
 * The renderer, on its own: every XSS payload of PayloadsAllTheThings' xss_alert_identifiable
 * list, and hand-made markdown attacks, must come out as the allowlist's tags only, with no
 * address that runs script, and every link an absolute web or mail address.
 *
 * The HTML is read without a DOM: sanitize-html writes every `<` of the text as `&lt;`, so each
 * `<` left in its output opens a tag, and each tag must be one the allowlist names.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderCommentHtml } from '../../server/render.ts';

const FIXTURE = new URL(
  '../../../shared/fixtures/patt-xss_alert_identifiable.txt',
  import.meta.url,
);
const PAYLOADS = readFileSync(FIXTURE, 'utf8')
  .split('\n')
  .filter((line) => line !== '');

const LINK_REL = 'nofollow ugc noopener';
const TAGS = ['p', 'br', 'em', 'strong', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a'];
const ATTRIBUTES: Record<string, string[]> = { a: ['href', 'rel'], ol: ['start'] };
const TAG = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[^\s=>/]+(?:="[^"]*")?)*)\s*\/?>/g;
const ATTRIBUTE = /\s+([^\s=>/]+)(?:="([^"]*)")?/g;
const NAMED: Record<string, string> = { colon: ':', tab: '\t', newline: '\n', quot: '"', amp: '&' };

/** The tags of `html`, with their attributes (values as written, entities and all). */
function tagsOf(html: string) {
  return [...html.matchAll(TAG)].map(([whole, closing, name = '', attributes = '']) => ({
    whole,
    closing: closing === '/',
    name: name.toLowerCase(),
    attributes: [...attributes.matchAll(ATTRIBUTE)].map(([, key = '', value = '']) => ({
      key: key.toLowerCase(),
      value,
    })),
  }));
}

/** An attribute value as a browser reads it: character references decoded. */
function decoded(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) =>
      String.fromCodePoint(Number.parseInt(hex, 16)),
    )
    .replace(/&#(\d+);?/g, (_, decimal: string) => String.fromCodePoint(Number(decimal)))
    .replace(
      /&(colon|tab|newline|quot|amp);/gi,
      (_, name: string) => NAMED[name.toLowerCase()] ?? '',
    );
}

/** True for an address that runs script or carries a document: javascript:, data:, vbscript:. */
function isScriptUrl(value: string): boolean {
  // What a browser ignores in a URL's scheme: controls and whitespace.
  const squeezed = decoded(value)
    .replace(/[\s\p{Cc}]/gu, '')
    .toLowerCase();
  return /^(javascript|data|vbscript):/.test(squeezed);
}

/** What could run or load in `html` once in a reader's page; `[]` when nothing could. */
function problemsOf(html: string): string[] {
  const problems: string[] = [];
  const tags = tagsOf(html);
  const opened = html.split('<').length - 1;
  if (opened !== tags.length) problems.push(`${opened - tags.length} "<" outside a known tag`);
  for (const tag of tags) {
    if (!TAGS.includes(tag.name)) problems.push(`tag ${tag.whole}`);
    if (tag.closing) continue;
    for (const { key, value } of tag.attributes) {
      if (!ATTRIBUTES[tag.name]?.includes(key)) problems.push(`attribute ${key} in ${tag.whole}`);
      if (isScriptUrl(value)) problems.push(`${key} ${JSON.stringify(value)}`);
    }
    if (tag.name === 'a') {
      const rel = tag.attributes.find(({ key }) => key === 'rel')?.value;
      if (rel !== LINK_REL) problems.push(`rel ${JSON.stringify(rel)} in ${tag.whole}`);
    }
  }
  return problems;
}

/** The links of `html` without an absolute http(s) or mailto address. */
function linksWithoutAddress(html: string): string[] {
  return tagsOf(html)
    .filter((tag) => tag.name === 'a' && !tag.closing)
    .filter((tag) => {
      const href = tag.attributes.find(({ key }) => key === 'href')?.value;
      return href === undefined || !/^(https?:\/\/|mailto:)/i.test(decoded(href));
    })
    .map((tag) => tag.whole);
}

describe('renderCommentHtml and XSS payloads', () => {
  it('keeps every payload of the list to the allowlist, with no address that runs script', () => {
    expect(PAYLOADS).toHaveLength(667);
    const failures = PAYLOADS.flatMap((payload, index) =>
      problemsOf(renderCommentHtml(payload)).map(
        (problem) => `#${index} ${JSON.stringify(payload)}: ${problem}`,
      ),
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
      ...PAYLOADS,
    ];
    const found = bodies.flatMap((body) =>
      linksWithoutAddress(renderCommentHtml(body)).map(
        (link) => `${JSON.stringify(body)}: ${link}`,
      ),
    );
    expect(found).toEqual([]);
  });
});
