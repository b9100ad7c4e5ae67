/** The dashboard's English texts of the list of pages and of the overview. */
import type { Entry } from '../../../../shared/i18n/reader-text.ts';

export const pages = {
  // The list of pages

  /** Instead of the list when no page's address or title holds the words typed. */
  noPageMatches: 'No page matches.',
  /** Instead of the list before any page has a comment. */
  noPages: 'No pages yet.',
  /** In the box that finds pages above the list, while it is empty. */
  findPage: 'Find a page',
  /** Instead of the list while it loads. */
  loadingPages: 'Loading pages…',
  /** The list's caption. */
  pagesCaption: 'Whether each page takes new comments',
  /** A column heading of the list of pages and of the overview's shares. */
  commentsColumn: 'Comments',
  /** A column heading of the list of pages: when the page was published. */
  published: 'Published',
  /** A column heading of the list of pages: whether the page takes them. */
  newComments: 'New comments',
  /** A column heading of the list of pages: the button that opens or closes it. */
  change: 'Change',
  /** In the Published column, where nobody knows when the page was published. */
  unknown: 'Unknown',
  /** In the New comments column: the page takes them. */
  isOpen: 'Open',
  /** In the New comments column: the page takes none. */
  isClosed: 'Closed',
  /** The button that opens a closed page to new comments. */
  open: 'Open',
  /** The button that closes an open page to new comments. */
  close: 'Close',
  /** The name of the Open button; `page`: the page's title or address. */
  openOn: 'Open comments on {page}',
  /** The name of the Close button; `page`: the page's title or address. */
  closeOn: 'Close comments on {page}',
  /** Said once a page was opened; `page`: its title or address. */
  openedOn: 'Comments are open on {page}.',
  /** Said once a page was closed; `page`: its title or address. */
  closedOn: 'Comments are closed on {page}.',
  /** Above the list when opening or closing failed without a message from the server. */
  pageNotChanged: '{page} could not be changed.',

  // The overview

  /** Instead of the overview when it could not load, above Try again. */
  overviewNotLoaded: 'The overview could not load.',
  /** Instead of the overview while it loads. */
  loadingOverview: 'Loading the overview…',
  /** The heading of the chart. */
  perDay: 'Comments per day',
  /** The heading of the shares of each status. */
  moderation: 'Moderation',
  /** The caption of the shares; `n`: all comments. */
  sharesCaption: 'How all {n} comments were moderated',
  /** A column heading of the shares: the status. */
  status: 'Status',
  /** A column heading of the shares: the share of all comments. */
  share: 'Share',
  /** A share of all comments, in the Share column. */
  percent: '{n}%',
  /** The shares' row of pending comments (the other rows are the queues' names). */
  held: 'Held for moderation',
  /** The heading of the busiest pages. */
  topPages: 'Most commented pages',
  /** Under "Most commented pages". */
  byApproved: 'By approved comments.',
  /** Instead of the busiest pages while no page has an approved comment. */
  noCommentsYet: 'No comments yet.',
  /** A page's count in the busiest pages, and the counts in the chart's summary. */
  commentCount: { one: '{n} comment', other: '{n} comments' },
  /** The heading of what each defence did. */
  defences: 'Defences',
  /** The caption of the defences' table. */
  defencesCaption: 'New comments each defence stopped or held over the last 90 days',
  /** The defences' column headings. */
  defenceColumn: 'Defence',
  stoppedColumn: 'Stopped',
  heldColumn: 'Held',
  /** The defences, one row each (shared/defences.ts). */
  defenceHoneypot: 'Hidden field (honeypot)',
  defenceTiming: 'Form timing',
  defenceFlood: 'Flood control (FLOOD_SECONDS)',
  defenceRateLimit: 'Rate limit (RATE_LIMIT_PER_MINUTE)',
  defenceBlocklist: 'Block and hold lists of addresses and IPs',
  defenceLinks: 'Too many links (MAX_LINKS)',
  defenceWords: 'Hold words (HOLD_WORDS)',
  defenceImpersonation: 'A verified address without its verification',
  defenceChallenge: 'Challenge failed',
  defenceAkismet: 'Akismet',

  // The chart of comments per day

  /** Instead of the chart when the overview brought no days. */
  noDays: 'No days to show.',
  /** The chart's title. */
  chartTitle: 'Comments per day over the last {n} days',
  /** The summary under the chart when there were none; `first`, `last`: days. */
  noneFromTo: 'No comments from {first} to {last}.',
  /** The summary under the chart: `total` and `most` are comment counts (above), the rest days. */
  summary: '{total} from {first} to {last}; the busiest day was {busiest}, with {most}.',
  /** The title of a day's bar. */
  dayCount: { one: '{day}: {n} comment', other: '{day}: {n} comments' },
  /** Under the chart, between the first day and the last: the tallest bar. */
  mostADay: 'most: {n} a day',
  /** Opens the table of the chart's numbers. */
  numbers: 'The numbers, day by day',
  /** A column heading of the table of the chart's numbers, beside Comments. */
  day: 'Day',
} as const satisfies Record<string, Entry>;
