/**
 * Every text the server itself writes to a reader, in English: the source each locale's file in
 * server/i18n/locales/ translates, key for key (a test holds them to it, and the type
 * `ServerWords` makes tsc refuse a missing or an extra key). What the widget shows is in
 * shared/i18n/ instead; what only the site owner reads is in owner.ts.
 *
 * Placeholders are `{name}`, the same in every locale. A text that counts something is a plural
 * entry, chosen by `{n}`, with the forms `Intl.PluralRules` names for the language. "You" is the
 * reader, addressed as the site's blog would address them (German: "du").
 */
import type { Entry } from '../../shared/i18n/reader-text.ts';

export const en = {
  // ---------------------------------------------------------------------------------------------
  // The `message` of an API error, shown by the widget beside the form or the comment.

  /** Above the fields of a refused comment, each of which has its own message. */
  invalidInput: 'Please correct the marked fields.',
  /** A page, or the page sending the request, on a site `origin` the server does not serve. */
  siteNotAllowed:
    'This comments server does not accept comments for pages on {origin}. The site owner can add that origin to SITE_ORIGINS.',
  /** A reply to a comment that is not (or no longer) shown on the page. */
  parentNotFound:
    'The comment you are replying to does not exist on this page (it may have been removed).',
  /** An author's edit or delete of a comment that is gone; `id` is its number. */
  commentNotFound: 'There is no comment with id {id}.',
  /** A feed asked for a site `origin` the server keeps no comments for. */
  feedNotFound:
    'This comments server keeps no comments for pages on {origin}, so it has no feed of them.',
  /** A comment, reply or like on a page closed to comments. */
  commentsClosed: 'Comments are closed on this page.',
  /** A like for a comment readers cannot see; `id` is its number. */
  notShown: 'There is no comment with id {id} to like.',
  /** A like on a site that turned likes off. */
  likesOff: 'Liking comments is turned off on this site.',
  /** A post whose form token is missing, forged, or from another page. */
  formUnverified:
    'This form could not be verified for this page. Please reload the page and post again.',
  /** A post from a form left open for more than `n` hours; the widget then renews it. */
  formExpired: {
    one: 'This form has been open for more than {n} hour, so it was renewed. Please post your comment again.',
    other:
      'This form has been open for more than {n} hours, so it was renewed. Please post your comment again.',
  },
  /** A post sent sooner after the form appeared than a person could write; wait `n` seconds. */
  tooFast: {
    one: 'That was quicker than anyone can write a comment. Please wait {n} second and post again.',
    other:
      'That was quicker than anyone can write a comment. Please wait {n} seconds and post again.',
  },
  /** A second comment too soon after the first; wait `n` seconds. */
  flood: {
    one: 'You are posting comments too quickly. Please wait {n} second before posting again.',
    other: 'You are posting comments too quickly. Please wait {n} seconds before posting again.',
  },
  /** Too many posts, edits, likes or look-ups from one connection; wait `n` seconds. */
  rateLimited: {
    one: 'Too many requests from your connection. Please try again in {n} second.',
    other: 'Too many requests from your connection. Please try again in {n} seconds.',
  },
  /** The same text again from the same address on the same page (WordPress's own words). */
  duplicate: "Duplicate comment detected; it looks as though you've already said that!",
  /** A comment matching the site's block lists. */
  /** A post that must first carry a solved anti-spam check (proof of work); the widget solves it by itself. */
  challengeRequired:
    'Before this comment is accepted, your browser must solve a short check that keeps spam out. Please post it again with the solution.',
  /** A solution that is garbled, forged or for another challenge. */
  challengeInvalid:
    'The anti-spam check sent with this comment is not valid. Please post your comment again.',
  /** A solution that was already used for a comment. */
  challengeUsed:
    'The anti-spam check sent with this comment was already used. Please post your comment again.',
  /** A solution to a challenge older than CHALLENGE_SECONDS. */
  challengeExpired:
    'The anti-spam check sent with this comment has expired. Please post your comment again.',
  blocked:
    'This comment cannot be accepted: it matches the site’s list of blocked words, addresses or networks.',
  /** An edit or delete from another browser than the one the comment was posted from. */
  notYourComment: 'This comment can only be changed from the browser it was posted from.',
  /** An edit or delete more than `n` minutes after posting. */
  editWindowClosed: {
    one: 'Comments can only be edited or deleted within {n} minute of posting. Ask the site owner if it needs changing.',
    other:
      'Comments can only be edited or deleted within {n} minutes of posting. Ask the site owner if it needs changing.',
  },
  /** A request whose body says it is in `charset`, not UTF-8. */
  notUtf8: 'Send JSON in UTF-8; this request says it is in {charset}.',
  /** The database cannot be written (a full disk, a read-only file). */
  storageUnavailable:
    'Comments cannot be saved right now: the server’s storage is unavailable. Please try again in a few minutes.',
  /** A request body over `n` KB. */
  bodyTooLarge: 'The request is larger than {n} KB.',
  /** A body that is not JSON. */
  notJson: 'Send the request body as JSON, with "Content-Type: application/json".',
  /** A JSON request without a body. */
  emptyBody: 'The request body is empty.',
  /** A body that does not parse as JSON. */
  invalidJson: 'The request body is not valid JSON.',
  /** An address that cannot be read. */
  badUrl: 'The address of this request is malformed.',
  /** An address with a part too long to be an id. */
  urlPartTooLong: 'A part of this address is too long.',
  /** An address no route answers: `method` (GET, POST…) and `url` as asked. */
  notFound: 'Nothing is at {method} {url}.',
  /** Anything else that failed on the server. */
  serverError: 'Something went wrong on the server. Please try again.',

  // ---------------------------------------------------------------------------------------------
  // The `fields` of an invalid_input error: one message under the field it is about.

  /** A field that must be there. */
  fieldRequired: 'This field is required.',
  /** A text longer than `n` characters. */
  fieldTooLong: {
    one: 'Must be at most {n} character.',
    other: 'Must be at most {n} characters.',
  },
  /** A text shorter than `n` characters (n is 2 or more). */
  fieldTooShort: {
    one: 'Must be at least {n} character.',
    other: 'Must be at least {n} characters.',
  },
  /** An empty text where one is needed. */
  fieldEmpty: 'Must not be empty.',
  /** A number where text is needed, text where a number is, and so on. */
  fieldWrongType: 'Has the wrong type.',
  /** A number below `n` (as a programmer writes it). */
  fieldBelowMinimum: 'Must be >= {n}.',
  /** A number above `n` (as a programmer writes it). */
  fieldAboveMaximum: 'Must be <= {n}.',
  /** A list of more than `n` entries. */
  fieldTooManyItems: {
    one: 'Must NOT have more than {n} item.',
    other: 'Must NOT have more than {n} items.',
  },
  /** A value that is none of those allowed (e.g. sort=random); the validator's own words. */
  fieldNotAllowed: 'Must be equal to constant.',
  /** An infinite number, or one with a fraction, where a whole number is needed. */
  fieldWholeNumber: 'Must be a whole number.',
  /** Any other value the API cannot take. */
  fieldInvalid: 'Is not valid.',
  /** Under `url`: the page's address is not a web address. */
  pageUrlInvalid: 'The page address must be an http(s) URL.',
  /** Under `parent`: the comment replied to cannot take replies (see parentNotFound). */
  parentNotReplyable: 'This comment cannot be replied to.',
  /** Under `after`: a cursor this server never gave. */
  cursorInvalid: 'This is not a cursor from a previous page.',
  /**
   * Under `after`: a cursor of one order (`was`: oldest, newest or best) sent with another
   * (`asked`); the words `sort=` are the API's own and stay as they are.
   */
  cursorOtherOrder:
    'This cursor continues the comments in sort={was} order, not sort={asked}: start again from the first page.',
  /** Under `url` of comment counts: more than `n` pages asked for at once. */
  countsTooMany: {
    one: 'Ask for at most {n} page at once.',
    other: 'Ask for at most {n} pages at once.',
  },
  /** Under `url` of comment counts: `url` (as sent) is not a web address. */
  countsNotUrl: '"{url}" is not an http(s) URL.',
  /** Under `url` of a feed asked for neither a page nor a site. */
  feedUrlMissing: 'Give the address of the page whose comments to follow.',
  /** Under `site` of a feed asked for neither a page nor a site. */
  feedSiteMissing: 'Or give the origin of the site whose comments to follow.',
  /** Under both `url` and `site` of a feed asked for both. */
  feedOneOf: 'Give either url (a page’s address) or site (an origin), not both.',
  /** Under `site` of a feed: not an origin. */
  feedSiteNotOrigin: 'The site must be an origin, like https://blog.example.com.',

  // ---------------------------------------------------------------------------------------------
  // The mail that asks a reader to confirm their address, once they asked for mail about
  // replies. `title` is the page's title, or its address when it has none.

  /** Its subject line. */
  confirmSubject: 'Please confirm: mail about replies to your comments',
  /** Its first paragraph. */
  confirmIntro: 'You asked to be told by email when someone replies to your comment on "{title}".',
  /** Before the link that confirms. */
  confirmAsk: 'Please confirm that this is your address; until you do, you get no such mail:',
  /** The link that confirms, in the HTML part. */
  confirmLink: 'Confirm my address',
  /** Before the link that unsubscribes, at the end. */
  confirmIgnore: 'If that was not you, ignore this mail. To never get mail from us, unsubscribe:',

  // The mail that tells a reader of a reply to their comment.

  /** Its subject line. */
  replySubject: 'New reply to your comment on "{title}"',
  /** Before the reply's text; `name` is who replied. */
  replyIntro: '{name} replied to your comment on "{title}":',
  /** The link to the reply on its page. */
  replyRead: 'Read it on the page',
  /** Before the reader's own comment, quoted. */
  replyYourComment: 'Your comment:',
  /** At the end, before the link that unsubscribes. */
  replyWhy: 'You get this mail because you asked for mail about replies to your comments.',
  /** The link that unsubscribes, in both mails (and the text part's "Unsubscribe: …" line). */
  unsubscribeLink: 'Unsubscribe',

  // ---------------------------------------------------------------------------------------------
  // The pages the links in those mails open. Each has a heading (its title) and a paragraph;
  // a question page has one button.

  /** Heading: a link that is unknown or cut short. */
  linkNotValidTitle: 'This link is not valid',
  linkNotValidText: 'Please check that the whole address from the mail is in the address bar.',
  /** Heading of the page the confirmation link opens. */
  confirmPageTitle: 'Confirm your address',
  confirmPageText:
    'Then we send you an email when someone replies to a comment you asked to be notified about.',
  /** Its button. */
  confirmPageButton: 'Confirm',
  /** Heading once confirmed. */
  confirmedPageTitle: 'Your address is confirmed',
  confirmedPageText:
    'You will get an email when someone replies to your comment. Every such mail has a link to unsubscribe.',
  /** Heading of the page the unsubscribe link opens. */
  unsubscribePageTitle: 'Unsubscribe?',
  unsubscribePageText:
    'After this, we send no more mail to your address: no replies, no confirmations.',
  /** Its button. */
  unsubscribePageButton: 'Unsubscribe',
  /** Heading once unsubscribed. */
  unsubscribedPageTitle: 'You are unsubscribed',
  unsubscribedPageText: 'We send no more mail to your address.',

  // ---------------------------------------------------------------------------------------------
  // Verifying a commenter's address: the mail a reader asks for from the comment form, and the
  // pages its link opens. `site` is the site's address, e.g. blog.example.com.

  /** The `message` of asking a server that sends no mail to verify an address. */
  verificationOff: 'This comments server sends no mail, so it cannot verify email addresses.',
  /** Its subject line. */
  verifySubject: 'Please verify your email address',
  /** Its first paragraph. */
  verifyIntro:
    'Someone, hopefully you, asked to verify this address for comments on {site}. Once it is verified, your comments from that browser are marked as verified, and comments others post with your address wait for moderation.',
  /** Before the link. */
  verifyAsk: 'To verify it, open this link within a week; it works once:',
  /** The link, in the HTML part. */
  verifyLink: 'Verify my address',
  /** At the end. */
  verifyIgnore: 'If that was not you, ignore this mail: nothing changes.',
  /** Heading of the page the link opens. */
  verifyPageTitle: 'Verify your email address',
  verifyPageText:
    'Your comments with this address from the browser that asked will be marked as verified.',
  /** Its button. */
  verifyPageButton: 'Verify',
  /** Heading once verified. */
  verifiedPageTitle: 'Your address is verified',
  verifiedPageText: 'Your comments with it from that browser are now marked as verified.',
  /** Heading: a link used before, or more than a week old. */
  verifyGoneTitle: 'This link no longer works',
  verifyGoneText:
    'It was used already, or it is more than a week old. To verify your address, ask again from the comment form.',
} satisfies Record<string, Entry>;

/** The name of a text the server writes to readers. */
export type ServerKey = keyof typeof en;

/** One locale's words for every server text: no key missing, none extra. */
export type ServerWords = { [Key in ServerKey]: Entry };
