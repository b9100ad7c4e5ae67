/** Turning a comment's text into the HTML readers see: a small markdown subset, then an allowlist. */
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

// The 'zero' preset enables nothing; we opt in to what a comment needs. Raw HTML stays text,
// headings, images and tables stay text, so a comment cannot restyle or embed into the page.
const markdown = new MarkdownIt('zero', { html: false, linkify: true, breaks: true }).enable([
  'linkify',
  'newline',
  'escape',
  'backticks',
  'emphasis',
  'link',
  'autolink',
  'entity',
  'code',
  'fence',
  'blockquote',
  'list',
]);

// Only absolute web and mail addresses become links: a relative one would point into the host
// site (its logout page, say), and anything else is no link a reader needs.
markdown.validateLink = (url) => /^(https?:\/\/[^/]|mailto:[^\s])/i.test(url);

const LINK_REL = 'nofollow ugc noopener';

// The sanitiser runs even though markdown-it escapes HTML: it is the one place that decides what
// may reach a reader's page, whatever the renderer above it does.
const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'em', 'strong', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a'],
  allowedAttributes: { a: ['href', 'rel'], ol: ['start'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  // Markdown never yields raw HTML, so a disallowed tag is one made below: dropped, text kept.
  disallowedTagsMode: 'discard',
  transformTags: {
    // A link whose address did not pass is no link at all, only its words.
    a: (tagName, attribs) =>
      attribs.href
        ? { tagName, attribs: { ...attribs, rel: LINK_REL } }
        : { tagName: 'unlinked', attribs: {} },
  },
};

/** Renders a comment's stored text to safe HTML. */
export function renderCommentHtml(body: string): string {
  return sanitizeHtml(markdown.render(body), SANITIZE_OPTIONS).trim();
}
