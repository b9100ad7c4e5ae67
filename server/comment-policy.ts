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
  const isHeld = createBlocklistMatcher(config.hold);
  const isBlocked = createBlocklistMatcher(config.block);

  /** Checks that hold a comment back without refusing it. */
  function heldForContent(text: CommentFields, html: string, ip: string): boolean {
    return (config.maxLinks > 0 && countLinks(html) > config.maxLinks) || isHeld(text, ip);
  }

  return {
    issueFormToken: (now: Date) => formTokens.issue(now),

    /**
     * Throws the reason a new comment is refused, or returns the status it is stored with.
     * Cheap checks come first; the flood time is recorded only for comments that get through.
     */
    judgeNew(submission: Submission, now: Date): 'approved' | 'pending' {
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

      if (config.moderation === 'all' || heldForContent(text, html, ip)) return 'pending';
      if (config.moderation === 'none') return 'approved';
      return store.hasApprovedCommentFrom(text.email) ? 'approved' : 'pending';
    },

    /** The status of a comment after its author edits it: new links or held words hold it again. */
    judgeEdit(
      text: CommentFields,
      html: string,
      ip: string,
      current: 'approved' | 'pending' | 'spam',
    ): 'approved' | 'pending' | 'spam' {
      if (isBlocked(text, ip)) throw problems.blocked();
      return current === 'approved' && heldForContent(text, html, ip) ? 'pending' : current;
    },
  };
}
