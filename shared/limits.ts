/** Every length and count limit of a comment, shared by the widget's checks and the server's schemas. */
export const LIMITS = {
  nameMax: 100,
  emailMax: 254,
  websiteMax: 2000,
  bodyMin: 1,
  bodyMax: 10_000,
  urlMax: 2000,
  titleMax: 300,
  pageIdMax: 200,
  /** WordPress's default thread depth: deeper replies are shown at this depth. */
  depthMax: 5,
  /** Most top-level comments one request for a thread may ask for. */
  pageSizeMax: 200,
  /**
   * Most comments, top-level and replies together, in one answer for a thread: replies that do
   * not fit continue in the next answer, by the same cursor.
   */
  threadCommentsMax: 500,
  /** Most pages one request for comment counts may name. */
  countsMax: 100,
  /**
   * Most of an author's own comments the widget remembers (their tokens, in localStorage), and
   * so the most tokens one request for them (POST /api/comments/own) may carry.
   */
  ownCommentsMax: 200,
  /** Pages of the dashboard's page list per request: by default, and at most. */
  adminPagesDefault: 50,
  adminPagesMax: 200,
  /** Most sites (origins) the dashboard's site list names. */
  adminSitesMax: 500,
  /** Newest comments one comment feed (a page's or a site's) carries. */
  feedEntriesMax: 50,
  /** Largest request body the API reads, in bytes. */
  requestBytesMax: 64 * 1024,
} as const;
