/**
 * WordPress comment HTML to our stored text: the markdown subset `renderCommentHtml` reads.
 * Comment HTML is not XML (unclosed `<p>`, bare `<br>`), so a small tag scanner does it; any
 * tag we have no markdown for is dropped and its text kept, so no words are lost.
 */

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  laquo: '«',
  raquo: '»',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  sbquo: '‚',
  bdquo: '„',
  hellip: '…',
  ndash: '–',
  mdash: '—',
  copy: '©',
  reg: '®',
  trade: '™',
  deg: '°',
  middot: '·',
  bull: '•',
  times: '×',
  divide: '÷',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  sect: '§',
  para: '¶',
  shy: '\u00ad',
};

/** Decodes HTML entities; an unknown name stays as it was written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z][a-z0-9]*);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X'
          ? Number.parseInt(name.slice(2), 16)
          : Number.parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name] ?? NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Tags whose content we wrap: the open tag starts a buffer, the close tag wraps it. */
type Wrapper = { tag: string; href?: string; text: string };

const WRAPPED = new Set(['a', 'em', 'i', 'strong', 'b', 'code', 'blockquote']);
const BLOCKS = new Set([
  'div',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'table',
  'tr',
  'dl',
  'dt',
  'dd',
  'pre',
  'hr',
]);

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>|<!--[\s\S]*?-->/g;

/** Converts a WordPress comment's HTML to our stored text, keeping every word. */
export function convertCommentHtml(html: string): string {
  const stack: Wrapper[] = [{ tag: '', text: '' }];
  const append = (text: string) => {
    (stack.at(-1) as Wrapper).text += text;
  };
  let at = 0;
  for (const match of html.matchAll(TAG)) {
    append(decodeEntities(html.slice(at, match.index)));
    at = match.index + match[0].length;
    const [, closing, rawName, attributes] = match;
    if (!rawName) continue; // an HTML comment
    const tag = rawName.toLowerCase();
    if (WRAPPED.has(tag)) {
      if (!closing) {
        const href = tag === 'a' ? hrefOf(attributes ?? '') : undefined;
        stack.push({ tag, href, text: '' });
        continue;
      }
      // A close tag with no matching open one is dropped, like any tag we do not know.
      let index = stack.length - 1;
      while (index > 0 && stack[index]?.tag !== tag) index--;
      if (index < 1) continue;
      while (stack.length > index) closeWrapper(stack);
      continue;
    }
    if (tag === 'br') append('\n');
    else if (tag === 'p') append('\n\n');
    else if (tag === 'li') append(closing ? '\n' : '\n- ');
    else if (BLOCKS.has(tag)) append('\n');
  }
  append(decodeEntities(html.slice(at)));
  while (stack.length > 1) closeWrapper(stack);
  return tidy((stack[0] as Wrapper).text);
}

function closeWrapper(stack: Wrapper[]): void {
  const { tag, href, text } = stack.pop() as Wrapper;
  (stack.at(-1) as Wrapper).text += wrap(tag, text, href);
}

function wrap(tag: string, text: string, href: string | undefined): string {
  const inner = text.trim();
  if (inner === '') return text;
  switch (tag) {
    case 'a':
      return href ? `[${inner.replace(/[[\]]/g, '\\$&')}](${href})` : text;
    case 'em':
    case 'i':
      return `*${inner}*`;
    case 'strong':
    case 'b':
      return `**${inner}**`;
    case 'code':
      return inner.includes('`') ? `\`\` ${inner} \`\`` : `\`${inner}\``;
    default: {
      const quoted = tidy(text)
        .split('\n')
        .map((line) => (line === '' ? '>' : `> ${line}`))
        .join('\n');
      return `\n\n${quoted}\n\n`;
    }
  }
}

/** A link's address, if it is one a reader can follow (the renderer drops the others). */
function hrefOf(attributes: string): string | undefined {
  const match = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(attributes);
  const href = decodeEntities(match?.[1] ?? match?.[2] ?? match?.[3] ?? '').trim();
  if (!/^(https?:\/\/|mailto:)/i.test(href)) return undefined;
  // Markdown ends a link's address at a space or an unbalanced parenthesis.
  return href.replace(/[\s()]/g, (c) => encodeURIComponent(c));
}

/** Trims the text and keeps at most one blank line between paragraphs. */
function tidy(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      .replace(/[ \t]+\n/g, '\n')
      // An indented line would become a code block in markdown; WordPress never meant one.
      .replace(/\n[ \t]+/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  );
}
