/**
 * WordPress comment HTML to our stored text: the markdown subset `renderCommentHtml` reads
 * (paragraphs, line breaks, emphasis, code, fenced blocks, quotes, lists, links). Turndown
 * reads the HTML as a browser would (unclosed `<p>`, bare `<br>`, every named entity); the
 * rules below write only what that renderer turns back into the same structure, and any tag
 * it has no markdown for keeps its text, so no words are lost.
 */
import { decodeHTMLStrict } from 'entities';
import TurndownService from 'turndown';

/**
 * Decodes the HTML entities of a plain-text field (an author's name, a post's title). Strict:
 * only entities ended by `;` are read, so a name such as "AT&T" or "R&Dept" stays as typed.
 */
export function decodeEntities(text: string): string {
  return decodeHTMLStrict(text);
}

/** Converts a WordPress comment's HTML to our stored text, keeping every word. */
export function convertCommentHtml(html: string): string {
  return tidy(turndown.turndown(markLineBreaks(html)));
}

const turndown = createConverter();

function createConverter(): TurndownService {
  const service = new TurndownService({ emDelimiter: '*', strongDelimiter: '**' });
  // Markdown in the text was typed as markdown or as plain text, and our renderer reads the
  // stored text the way the writer saw it; escaping it would add backslashes to every `\o/`.
  service.escape = (text) => text;
  // A script or a style sheet holds code for a browser, not words for a reader.
  service.remove(['script', 'style']);
  service.addRule('image', { filter: 'img', replacement: () => '' });
  // Headings and rules have no markdown in our subset: a heading becomes a paragraph, a rule
  // a paragraph break.
  service.addRule('heading', {
    filter: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
    replacement: (content) => `\n\n${content}\n\n`,
  });
  service.addRule('rule', { filter: 'hr', replacement: () => '\n\n' });
  service.addRule('link', {
    filter: 'a',
    replacement: (content, node) => {
      const href = followableAddress((node as HTMLElement).getAttribute('href'));
      const words = content.trim();
      if (!href || words === '') return content;
      return `[${words.replace(/[[\]]/g, '\\$&')}](${href})`;
    },
  });
  service.addRule('list', {
    filter: ['ul', 'ol'],
    replacement: (content, node) => {
      const item = node.parentNode as HTMLElement | null;
      if (item?.nodeName !== 'LI') return `\n\n${content}\n\n`;
      // CommonMark lets a list break into an item's text only when it is a bullet list or
      // counts from 1; any other needs a blank line before it.
      const breaksIn = node.nodeName === 'UL' || content.startsWith('1. ');
      const after = item.lastElementChild === node ? '\n' : '\n\n';
      return `${breaksIn ? '\n' : '\n\n'}${content}${after}`;
    },
  });
  service.addRule('listItem', { filter: 'li', replacement: writeListItem });
  // `<pre>` with or without `<code>` inside: a fence longer than any run of backticks in it.
  service.addRule('preformatted', {
    filter: 'pre',
    replacement: (_content, node) => {
      const code = (node.textContent ?? '').replace(/\n+$/, '');
      const longest = Math.max(2, ...(code.match(/`+/g) ?? []).map((run) => run.length));
      const fence = '`'.repeat(longest + 1);
      return `\n\n${fence}\n${code}\n${fence}\n\n`;
    },
  });
  return service;
}

// CommonMark reads at most nine digits as a list number: a start kept below this leaves room
// for the items after it.
const LARGEST_LIST_START = 99_999_999;

/** `- item`, or `3. item` in an ordered list (its `start` counted), nested lines indented. */
function writeListItem(content: string, node: TurndownService.Node): string {
  const list = node.parentNode as HTMLElement | null;
  let marker = '- ';
  if (list?.nodeName === 'OL') {
    const start = Number.parseInt(list.getAttribute('start') ?? '', 10);
    const index = Array.prototype.indexOf.call(list.children, node);
    const first = start >= 0 && start <= LARGEST_LIST_START ? start : 1;
    marker = `${first + index}. `;
  }
  // A nested list or a second paragraph belongs to the item when indented past its marker.
  const endsInParagraph = /\n$/.test(content);
  const text = content.replace(/^\n+/, '').replace(/\n+$/, '');
  const indented = text.replace(/\n/g, `\n${' '.repeat(marker.length)}`);
  return marker + indented + (endsInParagraph || node.nextSibling ? '\n' : '');
}

/** A link's address, if it is one a reader can follow (the renderer drops the others). */
function followableAddress(value: string | null): string | undefined {
  const href = (value ?? '').trim();
  if (!/^(https?:\/\/|mailto:)/i.test(href)) return undefined;
  // Markdown ends a link's address at a space or an unbalanced parenthesis.
  return href.replace(/[\s()]/g, (c) => encodeURIComponent(c));
}

const BLOCK_TAG =
  /^<\/?(?:address|blockquote|br|dd|div|dl|dt|h[1-6]|hr|li|ol|p|pre|table|tbody|td|tfoot|th|thead|tr|ul)\b/i;
const TAG_OR_COMMENT = /(<!--[\s\S]*?-->|<\/?[a-zA-Z][^>]*>)/;

/**
 * WordPress stores a comment as typed and adds paragraphs when it shows it (`wpautop`): a blank
 * line is a new paragraph, a newline a line break. HTML would read both as a space, so they are
 * written as `<br>` first; newlines beside block tags, and inside `<pre>`, are only layout.
 */
function markLineBreaks(html: string): string {
  const parts = html.replace(/\r\n?/g, '\n').split(TAG_OR_COMMENT);
  let preDepth = 0;
  return parts
    .map((part, index) => {
      if (index % 2 === 1) {
        if (/^<pre\b/i.test(part)) preDepth++;
        else if (/^<\/pre\b/i.test(part)) preDepth = Math.max(0, preDepth - 1);
        return part;
      }
      if (preDepth > 0 || !part.includes('\n')) return part;
      let text = part;
      if (index === 0 || BLOCK_TAG.test(parts[index - 1] ?? '')) text = text.replace(/^\s+/, '');
      if (index === parts.length - 1 || BLOCK_TAG.test(parts[index + 1] ?? ''))
        text = text.replace(/\s+$/, '');
      return text.replace(/[ \t]*\n(?:[ \t]*\n)+[ \t]*/g, '<br><br>').replace(/\n/g, '<br>');
    })
    .join('');
}

/** Trims the text, drops spaces at line ends and keeps at most one blank line in a row. */
function tidy(text: string): string {
  return text
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
