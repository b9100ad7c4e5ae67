/** The English words of count.js. */
import { R, type ReaderWords } from '../reader-text.ts';

export const counts = {
  /** count.js, for a page without comments. */
  [R.CountNone]: 'No Comments',
  /** count.js, for a page with `n` comments. */
  [R.Count]: { one: '{n} Comment', other: '{n} Comments' },
} satisfies Partial<ReaderWords>;
