/** Decides what happens to a new or edited comment: accepted, held for moderation, or refused. */
import type { CommentFields } from '../shared/validate.ts';
import type { Config } from './config.ts';
import type { Store } from './db/store.ts';
import {
  countLinks,
  createBlocklistMatcher,
  createFloodGuard,
  createFormTokens,
} from './defences.ts';
import { problems } from './errors.ts';

export type CommentPolicy = ReturnType<typeof createCommentPolicy>;

/**
 * The status a comment gets, and, when that holds it back, why: in the site owner's words, for
 * the log line that says so. Never shown to readers, who learn only that it awaits moderation.
 */
export interface Judgement<Status extends string> {
  status: Status;
  held: string | null;
}

export interface Submission {
  text: CommentFields;
  html: string;
  ip: string;
  /** The form's signed render time, when sent. */
  form?: string;
  pageId: number | null;
}

export function createCommentPolicy(config: Config, store: Store, formKey: string) {
  const formTokens = createFormTokens(formKey);
  const flood = createFloodGuard(config.floodSeconds);
  const isBlocked = createBlocklistMatcher(config.block);
  // One matcher per hold list, so that the log can name the list a held comment matched.
  const holdLists = (['words', 'emails', 'ips'] as const)
    .filter((part) => config.hold[part].length > 0)
    .map((part) => ({
      reason: `matches HOLD_${part.toUpperCase()}`,
      matches: createBlocklistMatcher({
        words: [],
        emails: [],
        ips: [],
        [part]: config.hold[part],
      }),
    }));

  /** Why the checks that hold a comment back without refusing it hold this one, or null. */
  function heldForContent(text: CommentFields, html: string, ip: string): string | null {
    if (config.maxLinks > 0 && countLinks(html) > config.maxLinks)
      return `more than ${config.maxLinks} ${config.maxLinks === 1 ? 'link' : 'links'} (MAX_LINKS)`;
    return holdLists.find((list) => list.matches(text, ip))?.reason ?? null;
  }

  return {
    issueFormToken: (now: Date) => formTokens.issue(now),

    /**
     * Throws the reason a new comment is refused, or returns the status it is stored with.
     * Cheap checks come first; the flood time is recorded only for comments that get through.
     * MODERATION=first-time publishes a comment whose name and email already have an approved
     * comment together (see Store.hasApprovedCommentFrom): a stranger who types a regular's
     * email under another name is held.
     */
    judgeNew(submission: Submission, now: Date): Judgement<'approved' | 'pending'> {
      const { text, html, ip, form, pageId } = submission;
      if (config.minSubmitSeconds > 0) {
        const age = form ? formTokens.ageOf(form, now) : null;
        if (age === null) throw problems.formUnverified();
        if (age < config.minSubmitSeconds) throw problems.tooFast(config.minSubmitSeconds - age);
      }
      const wait = flood.waitFor(ip, now.getTime());
      if (wait > 0) throw problems.flood(wait);
      if (isBlocked(text, ip)) throw problems.blocked();
      if (pageId !== null && store.isDuplicate(pageId, text.email, text.body))
        throw problems.duplicate();
      flood.record(ip, now.getTime());

      if (config.moderation === 'all') return { status: 'pending', held: 'MODERATION=all' };
      const held = heldForContent(text, html, ip);
      if (held) return { status: 'pending', held };
      if (config.moderation === 'none') return { status: 'approved', held: null };
      return store.hasApprovedCommentFrom(text.email, text.name)
        ? { status: 'approved', held: null }
        : { status: 'pending', held: 'first-time commenter' };
    },

    /** The status of a comment after its author edits it: new links or held words hold it again. */
    judgeEdit(
      text: CommentFields,
      html: string,
      ip: string,
      current: 'approved' | 'pending' | 'spam',
    ): Judgement<'approved' | 'pending' | 'spam'> {
      if (isBlocked(text, ip)) throw problems.blocked();
      const held = current === 'approved' ? heldForContent(text, html, ip) : null;
      return held ? { status: 'pending', held } : { status: current, held: null };
    },
  };
}
