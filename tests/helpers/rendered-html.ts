/**
 * Reading the renderer's HTML without a DOM, to find what could run in a reader's page:
 * sanitize-html writes every `<` of the text as `&lt;`, so each `<` left in its output opens a
 * tag, and each tag must be one the allowlist names, with only the attributes it allows, no
 * address that runs script, and every link an absolute web or mail address.
 */

const LINK_REL = 'nofollow ugc noopener';
const TAGS = ['p', 'br', 'em', 'strong', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a'];
const ATTRIBUTES: Record<string, string[]> = { a: ['href', 'rel'], ol: ['start'] };
const TAG = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[^\s=>/]+(?:="[^"]*")?)*)\s*\/?>/g;
const ATTRIBUTE = /\s+([^\s=>/]+)(?:="([^"]*)")?/g;
const NAMED: Record<string, string> = { colon: ':', tab: '\t', newline: '\n', quot: '"', amp: '&' };

/** The rel every link in a comment carries. */
export const COMMENT_LINK_REL = LINK_REL;

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
export function problemsOf(html: string): string[] {
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
export function linksWithoutAddress(html: string): string[] {
  return tagsOf(html)
    .filter((tag) => tag.name === 'a' && !tag.closing)
    .filter((tag) => {
      const href = tag.attributes.find(({ key }) => key === 'href')?.value;
      return href === undefined || !/^(https?:\/\/|mailto:)/i.test(decoded(href));
    })
    .map((tag) => tag.whole);
}
