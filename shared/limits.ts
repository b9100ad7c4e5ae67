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
  /** Most pages one request for comment counts may name. */
  countsMax: 100,
  /** Largest request body the API reads, in bytes. */
  requestBytesMax: 64 * 1024,
} as const;
