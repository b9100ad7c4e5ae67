/**
 * The one shell of every HTML document the server makes: its own pages (the landing page, the
 * dashboard's, the pages the links in mail lead to) and the HTML part of every mail.
 */
import { isRightToLeft, type Locale } from '../../shared/i18n/locales.ts';
import { type Html, html, join } from './template.ts';

export interface PageOptions {
  /** The language the document is written in; English unless said. */
  locale?: Locale;
  /** The document's title, also the subject of a mail. */
  title: string;
  /** What search engines may do with the page; unsaid, they follow their defaults. */
  robots?: 'noindex' | 'noindex, nofollow';
  /** Which address a followed link may tell the next site; unsaid, the server's header says. */
  referrer?: 'same-origin';
  /** Stylesheets' addresses. The server's pages take no inline style: its CSP allows none. */
  stylesheet?: string | readonly string[];
  /** A script's address, run once the page is read; never inline, for the same CSP. */
  script?: string;
  /**
   * Makes the document a mail's HTML part, with this style on `<body>`: a mail client loads no
   * stylesheet from elsewhere, and the style attribute is what most of them keep.
   */
  mailStyle?: string;
  body: Html;
}

/**
 * A whole HTML document, laid out for phones as well as desks, that names its language (so that
 * screen readers speak it, and browsers hyphenate and choose fonts for it) and, for Arabic and
 * Hebrew, that it runs right to left.
 */
export function page(options: PageOptions): string {
  const { locale = 'en', title, robots, referrer, stylesheet, script, mailStyle, body } = options;
  const head = [
    html`<meta charset="utf-8">`,
    html`<meta name="viewport" content="width=device-width, initial-scale=1">`,
    robots ? html`<meta name="robots" content="${robots}">` : null,
    referrer ? html`<meta name="referrer" content="${referrer}">` : null,
    html`<title>${title}</title>`,
    // The data: icon keeps browsers from asking for /favicon.ico, which does not exist. A mail
    // is not fetched from the server, and its only links are the ones it offers.
    mailStyle ? null : html`<link rel="icon" href="data:,">`,
    ...[stylesheet ?? []].flat().map((href) => html`<link rel="stylesheet" href="${href}">`),
    script ? html`<script src="${script}" defer></script>` : null,
  ].filter((line) => line !== null);
  const bodyTag = mailStyle ? html`<body style="${mailStyle}">` : html`<body>`;
  const htmlTag = isRightToLeft(locale)
    ? html`<html lang="${locale}" dir="rtl">`
    : html`<html lang="${locale}">`;
  return String(html`<!doctype html>
${htmlTag}
<head>
${join(head, '\n')}
</head>
${bodyTag}
${body}
</body>
</html>
`);
}

/** The main part of a page of text: its heading, then what it says. */
export function headedMain(heading: string, content: Html): Html {
  return html`<main>
<h1>${heading}</h1>
${content}
</main>`;
}
