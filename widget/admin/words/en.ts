/**
 * Every text of the site owner's dashboard, in English, the one language it speaks for now. The
 * rules of the readers' catalogue hold: a `{placeholder}` is filled in where the text is said,
 * and a count is always `{n}`, so that a language that inflects where English does not can give
 * plural forms (`{ one, few, many, other }`) there. Another language is another object with the
 * same keys and placeholders.
 */
import type { Entry } from '../../../shared/i18n/reader-text.ts';
import { dashboard } from './en/dashboard.ts';
import { pages } from './en/pages.ts';
import { queue } from './en/queue.ts';

/** The parts, by where the owner meets them; no key is in two of them (a test checks it). */
export const EN_PARTS = { dashboard, queue, pages };

export const en = { ...dashboard, ...queue, ...pages } as const satisfies Record<string, Entry>;
