/** The dashboard's English texts of everywhere: signing in and out, the navigation, the filters. */
import type { Entry } from '../../../../shared/i18n/reader-text.ts';

export const dashboard = {
  // Anywhere

  /** The heading of the sign-in page and of the dashboard. */
  comments: 'Comments',
  /** While the session is checked, before anything else shows. */
  loading: 'Loading…',
  /** The button beside a part of the dashboard that could not load. */
  tryAgain: 'Try again',
  /** Closes a form or a confirmation without doing anything. */
  cancel: 'Cancel',
  /** A failed call when no answer came at all. */
  unreachable: 'The server cannot be reached. Check your connection and try again.',
  /** A failed call whose answer had no message; `status`: the HTTP status. */
  serverProblem: 'The server had a problem (HTTP {status}). Try again.',

  // Signing in and out

  /** Instead of the dashboard when checking the session failed, above Try again. */
  dashboardNotLoaded: 'The dashboard could not load.',
  /** Above the password field when a session ended while the dashboard was open. */
  sessionEnded: 'Your session has ended. Please sign in again.',
  /** Above the password field after signing out. */
  signedOut: 'Signed out.',
  /** The label of the password field. */
  password: 'Password',
  /** The sign-in button. */
  signIn: 'Sign in',
  /** Under the password field when it was sent empty. */
  passwordMissing: 'Please enter the password.',
  /** Under the password field when signing in failed without a message from the server. */
  signInFailed: 'Could not sign in. Please try again.',
  /** The dashboard's button at the top. */
  signOut: 'Sign out',
  /** Under the navigation when signing out failed without a message from the server. */
  signOutFailed: 'Could not sign out.',

  // The navigation, and what the dashboard loads beside the part shown

  /** The name of the navigation, for screen readers. */
  commentsByStatus: 'Comments by status',
  /** A queue's link once the counts are there; `queue`: the queue's name (below). */
  queueCount: '{queue} ({n})',
  /** The queues' names: their links, and where an Undo says comments are back. */
  queuePending: 'Pending',
  /** The name of the queue of approved comments; also a row of the overview's shares. */
  queueApproved: 'Approved',
  /** The name of the queue of spam; also a row of the overview's shares. */
  queueSpam: 'Spam',
  /** The name of the queue of the trash; also a row of the overview's shares. */
  queueTrash: 'Trash',
  /** The link to the list of pages, and its heading. */
  pages: 'Pages',
  /** The link to the overview. */
  overview: 'Overview',
  /** Under the navigation when the queues' counts could not be fetched. */
  countsNotLoaded: 'Counts could not be loaded.',
  /** Under the navigation when the site filter's sites could not be fetched. */
  sitesNotLoaded: 'Sites could not be loaded.',

  // The filters above a queue

  /** The name of the filters, for screen readers. */
  filterComments: 'Filter comments',
  /** The label of the site filter. */
  site: 'Site',
  /** The site filter's first choice. */
  allSites: 'All sites',
  /** The label of the page filter; also the list of pages' first column. */
  page: 'Page',
  /** The page filter's first choice. */
  allPages: 'All pages',
  /** The label of the box that finds pages, in the filters and above the list of pages. */
  addressOrTitle: 'Address or title',
  /** In the box that finds a page for the page filter, while it is empty. */
  findPageToChoose: 'Find a page to choose',
  /** Fetches the next part of the pages, in the page filter and under the list of pages. */
  morePages: 'More pages',
  /** The label of the search of comments. */
  search: 'Search',
  /** In the search of comments while it is empty: what it looks in. */
  searchPlaceholder: 'Text, name or email',
  /** Beside the box that finds pages, or above the list of pages, when they could not load. */
  pagesNotLoaded: 'Pages could not be loaded.',
} as const satisfies Record<string, Entry>;
