/**
 * HTML made from templates: html`<p>${text}</p>` escapes every value it is given, so that what a
 * reader typed (a name, a comment, a page title) or a request carried can never become markup in
 * the server's pages or in a mail. Markup passes through unescaped only as the result of another
 * `html` template (so nesting never escapes twice), or where the server marks markup it wrote
 * itself with `trustedHtml`.
 */

/**
 * Markup ready to send. Not exported, so that nothing outside this file can make one but through
 * `html`, `join` or `trustedHtml`; its private field keeps any other object from passing as one.
 */
class Markup {
  constructor(private readonly markup: string) {}

  toString(): string {
    return this.markup;
  }
}

/** Markup ready to send: made by `html` (every value escaped), `join` or `trustedHtml`. */
export type Html = Markup;

/**
 * What a template takes: text and numbers are escaped, Html goes in as it is, the items of an
 * array one after another, and null or undefined as nothing. Booleans are left out on purpose:
 * `${held && html`…`}` would print "false"; say `held ? html`…` : null`.
 */
export type HtmlValue = string | number | Html | null | undefined | readonly HtmlValue[];

/**
 * Between tags, `"` is written `&quot;`; inside an attribute value, `&#34;`. Both mean the same
 * to every HTML parser: each keeps the spelling the pages and mails have always carried.
 */
const TEXT_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const ATTRIBUTE_ESCAPES: Record<string, string> = { ...TEXT_ESCAPES, '"': '&#34;' };

/** How a value is escaped where it lands: between tags, or inside a quoted attribute value. */
type Escapes = Record<string, string>;

/** A template's literal parts are the same array at every call, so each is read once. */
const escapesByTemplate = new WeakMap<TemplateStringsArray, Escapes[]>();

/**
 * Reads a template's literal parts as a browser would, just far enough to know where each value
 * lands. A value anywhere else (a tag name, an unquoted attribute, an attribute's name) could
 * add markup whatever it is escaped to, so such a template is refused at its first use. (Nor
 * may a value go inside <script> or <style>: the server's pages have neither inline.)
 */
function escapesOf(strings: TemplateStringsArray): Escapes[] {
  const known = escapesByTemplate.get(strings);
  if (known) return known;
  const escapes: Escapes[] = [];
  let state: 'text' | 'tag' | '"' | "'" = 'text';
  strings.forEach((literal, index) => {
    for (let at = 0; at < literal.length; at++) {
      const character = literal[at];
      if (state === 'text') {
        // A `<` that opens a tag, or is followed by a value, which could name one.
        if (character === '<' && /^[a-zA-Z/!]?$/.test(literal[at + 1] ?? '')) state = 'tag';
      } else if (state === 'tag') {
        if (character === '"' || character === "'") state = character;
        else if (character === '>') state = 'text';
      } else if (character === state) {
        state = 'tag';
      }
    }
    if (index === strings.length - 1) return;
    if (state === 'tag') {
      throw new TypeError(
        `An html template puts a value inside a tag but not in a quoted attribute, after: ${literal}`,
      );
    }
    escapes.push(state === 'text' ? TEXT_ESCAPES : ATTRIBUTE_ESCAPES);
  });
  escapesByTemplate.set(strings, escapes);
  return escapes;
}

function render(value: HtmlValue, escapes: Escapes): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Markup) return value.toString();
  if (typeof value === 'object') return value.map((item) => render(item, escapes)).join('');
  return String(value).replace(/[&<>"']/g, (character) => escapes[character] as string);
}

/** The tag for HTML templates: html`<a href="${url}">${label}</a>`. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  const escapes = escapesOf(strings);
  let markup = strings[0] as string;
  values.forEach((value, index) => {
    markup += render(value, escapes[index] as Escapes) + strings[index + 1];
  });
  return new Markup(markup);
}

/** The items one after another with `separator` between them, each escaped unless Html. */
export function join(items: readonly HtmlValue[], separator: HtmlValue): Html {
  return new Markup(
    items.map((item) => render(item, TEXT_ESCAPES)).join(render(separator, TEXT_ESCAPES)),
  );
}

/**
 * Markup the server wrote itself, sent as it is. Never for anything a reader, a request or the
 * database gave: that goes through `html`.
 */
export function trustedHtml(markup: string): Html {
  return new Markup(markup);
}

/** An attribute's value: text or a number, `true` for a bare attribute, false or null for none. */
export type AttributeValue = string | number | boolean | Html | null | undefined;

const NAME = /^[a-z][a-z0-9-]*$/;

/**
 * An opening tag whose attributes depend on what is shown (`aria-invalid` on a field with a
 * problem, `checked` on a ticked box): each value escaped as in a quoted attribute. The names
 * are the server's own, and checked, so that none can carry markup.
 */
export function openTag(name: string, attributes: Record<string, AttributeValue>): Html {
  let markup = `<${name}`;
  for (const [attribute, value] of Object.entries(attributes)) {
    if (!NAME.test(attribute) || !NAME.test(name)) {
      throw new TypeError(`Not a tag or attribute name the server writes: ${name} ${attribute}`);
    }
    if (value === true) markup += ` ${attribute}`;
    else if (value !== false && value !== null && value !== undefined)
      markup += ` ${attribute}="${render(value, ATTRIBUTE_ESCAPES)}"`;
  }
  return new Markup(`${markup}>`);
}
