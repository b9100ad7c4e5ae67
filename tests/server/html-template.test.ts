/** The html`…` template every page and mail of the server is written with (server/html/template.ts). */
import { describe, expect, it } from 'vitest';
import { html, join, trustedHtml } from '../../server/html/template.ts';

const NASTY = `&<>"'`;

describe('html`…`', () => {
  it('escapes & < > " and \' in text between tags', () => {
    expect(String(html`<p>${NASTY}</p>`)).toBe('<p>&amp;&lt;&gt;&quot;&#39;</p>');
    expect(String(html`<p>${'<script>alert("x")</script>'}</p>`)).toBe(
      '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>',
    );
  });

  it('escapes & < > " and \' in attribute values in either quotes, so no value can leave one', () => {
    expect(String(html`<a href="${NASTY}" title='${NASTY}'>x</a>`)).toBe(
      `<a href="&amp;&lt;&gt;&#34;&#39;" title='&amp;&lt;&gt;&#34;&#39;'>x</a>`,
    );
    const attack = String(html`<a href="${'" onclick="alert(1)'}">x</a>`);
    expect(attack).toBe('<a href="&#34; onclick=&#34;alert(1)">x</a>');
    expect(attack.match(/"/g)).toHaveLength(2);
  });

  it('keeps a value after an attribute as text once the tag is closed', () => {
    expect(String(html`<a href="/x">${NASTY}</a> and ${NASTY}`)).toBe(
      '<a href="/x">&amp;&lt;&gt;&quot;&#39;</a> and &amp;&lt;&gt;&quot;&#39;',
    );
  });

  it('puts a nested template in as markup, escaping its values once only', () => {
    const inner = html`<b title="${'"'}">${'&'}</b>`;
    expect(String(html`<p>${inner}</p>`)).toBe('<p><b title="&#34;">&amp;</b></p>');
    expect(String(html`<div>${html`<p>${inner}</p>`}</div>`)).toBe(
      '<div><p><b title="&#34;">&amp;</b></p></div>',
    );
  });

  it('joins the items of an array with nothing between them, each escaped unless markup', () => {
    const items = ['<one>', html`<li>${'two & three'}</li>`, ['<four>', html`<br>`]];
    expect(String(html`<ul>${items}</ul>`)).toBe(
      '<ul>&lt;one&gt;<li>two &amp; three</li>&lt;four&gt;<br></ul>',
    );
    expect(String(html`<ul>${[]}</ul>`)).toBe('<ul></ul>');
  });

  it('writes numbers as text, and null and undefined as nothing', () => {
    expect(String(html`<p>${7} ${null}${undefined}${0}</p>`)).toBe('<p>7 0</p>');
  });

  it('joins with a separator, escaped unless markup', () => {
    expect(String(join(['a<', html`<i>b</i>`, 'c'], ' & '))).toBe('a&lt; &amp; <i>b</i> &amp; c');
    expect(String(join(['one', 'two'], html`<br>`))).toBe('one<br>two');
    expect(String(join([], '\n'))).toBe('');
  });

  it('passes markup the server marked as its own through unescaped', () => {
    expect(String(html`<p>${trustedHtml('<b>bold</b> &amp;')}</p>`)).toBe(
      '<p><b>bold</b> &amp;</p>',
    );
  });

  it('refuses a value where escaping cannot keep it from adding markup: a tag name, an unquoted attribute, an attribute of its own', () => {
    const name = 'script';
    expect(() => html`<${name}>`).toThrow(TypeError);
    expect(() => html`<a href=${'/x onclick=alert(1)'}>x</a>`).toThrow(/quoted attribute/);
    expect(() => html`<p ${'onclick="alert(1)"'}>x</p>`).toThrow(/quoted attribute/);
    // A `<` that opens no tag leaves the value as text.
    expect(String(html`<p>1 < ${2}</p>`)).toBe('<p>1 < 2</p>');
  });
});
