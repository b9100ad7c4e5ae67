import { describe, expect, it } from 'vitest';
import { renderCommentHtml } from '../../server/comments/render.ts';
import { convertCommentHtml, decodeEntities } from '../../server/import/wordpress-html.ts';

/** The HTML a reader sees once WordPress markup is stored as markdown and rendered back. */
function roundTrip(html: string): string {
  return renderCommentHtml(convertCommentHtml(html)).replace(/\n/g, '');
}

describe('convertCommentHtml', () => {
  it('keeps a list inside a list item nested under it', () => {
    const html = '<ul><li>flour<ul><li>rye</li><li>spelt</li></ul></li><li>water</li></ul>';
    expect(convertCommentHtml(html)).toBe('- flour\n  - rye\n  - spelt\n- water');
    expect(roundTrip(html)).toBe(
      '<ul><li>flour<ul><li>rye</li><li>spelt</li></ul></li><li>water</li></ul>',
    );
  });

  it('keeps an ordered list numbered, from its start', () => {
    expect(convertCommentHtml('<ol><li>mix</li><li>wait</li></ol>')).toBe('1. mix\n2. wait');
    const html = '<p>Then:</p><ol start="3"><li>shape</li><li>bake</li></ol>';
    expect(convertCommentHtml(html)).toBe('Then:\n\n3. shape\n4. bake');
    expect(roundTrip(html)).toBe('<p>Then:</p><ol start="3"><li>shape</li><li>bake</li></ol>');
  });

  it('keeps an ordered list nested in a bullet list, even one not counting from 1', () => {
    const html =
      '<ul><li>steps<ol start="2"><li>fold</li><li>rest</li></ol></li><li>done</li></ul>';
    expect(roundTrip(html)).toContain('<ol start="2"><li>fold</li><li>rest</li></ol></li>');
    expect(roundTrip(html)).toMatch(/<\/ol><\/li><li>(<p>)?done(<\/p>)?<\/li><\/ul>$/);
  });

  it('keeps the text of an address on its own lines', () => {
    expect(
      convertCommentHtml('Find us at<address>1 Mill Lane<br>Ryeford</address>Come early.'),
    ).toBe('Find us at\n\n1 Mill Lane\nRyeford\n\nCome early.');
  });

  it('decodes named, decimal and hex entities in the text', () => {
    expect(
      convertCommentHtml('<p>Caf&eacute;, cr&#232;me &amp; cr&#xEA;pe &ndash; &hellip;</p>'),
    ).toBe('Café, crème & crêpe – …');
  });

  it('reads newlines of text typed without tags as WordPress shows them', () => {
    expect(convertCommentHtml('One line.\nNext line.\n\nNew paragraph.')).toBe(
      'One line.\nNext line.\n\nNew paragraph.',
    );
  });

  it('keeps preformatted text and code as code', () => {
    expect(convertCommentHtml('<pre>  indented\n    more</pre>')).toBe(
      '```\n  indented\n    more\n```',
    );
    expect(roundTrip('<pre><code>a ``` b</code></pre>')).toBe('<pre><code>a ``` b</code></pre>');
    expect(roundTrip('<p>Use <code>salt = 2%</code>.</p>')).toBe(
      '<p>Use <code>salt = 2%</code>.</p>',
    );
  });

  it('keeps quotes, emphasis and followable links, and drops images', () => {
    const html =
      '<blockquote><p>Bread is <em>patience</em>.</p></blockquote><p><strong>Yes</strong>, see <a href="https://example.org/a b">the guide</a> or <a href="data:text/html,x">this</a> <img src="https://example.org/x.jpg" alt="x">.</p>';
    expect(roundTrip(html)).toBe(
      '<blockquote><p>Bread is <em>patience</em>.</p></blockquote><p><strong>Yes</strong>, see <a href="https://example.org/a%20b" rel="nofollow ugc noopener">the guide</a> or this .</p>',
    );
  });
});

describe('decodeEntities', () => {
  it('decodes every named entity, decimal and hex ones, and &amp;', () => {
    expect(decodeEntities('Ren&eacute; L&#233;g&#xE9;r &amp; Co')).toBe('René Légér & Co');
    expect(decodeEntities('&Aring;sa &oslash; &#x1F35E;')).toBe('Åsa ø 🍞');
  });

  it('leaves an ampersand that starts no entity as it was typed', () => {
    expect(decodeEntities('AT&T & R&D')).toBe('AT&T & R&D');
  });
});
