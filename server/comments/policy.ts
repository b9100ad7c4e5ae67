/** Decides what happens to a new or edited comment: accepted, held for moderation, or refused. */
import type { CommentFields } from '../../shared/validate.ts';
import type { Config } from '../config.ts';
import { problems } from '../errors.ts';
import type { Store } from '../storage/store.ts';
import type { AddressProof } from '../verification/verifications.ts';
import type { Defence } from './defence-tally.ts';
import {
  countLinks,
  createBlocklistMatcher,
  createFloodGuard,
  createFormTokens,
  FORM_TOKEN_MAX_AGE_HOURS,
} from './defences.ts';

export type CommentPolicy = ReturnType<typeof createCommentPolicy>;

/**
 * The status a comment gets, and, when that holds it back, why: in the site owner's words, for
 * the log line that says so. Never shown to readers, who learn only that it awaits moderation.
 */
export interface Judgement<Status extends string> {
  status: Status;
  held: string | null;
  /** The defence that held it (or marked it spam), counted on the dashboard's overview. */
  defence?: Defence;
}

/** What the checks before rendering see of a new comment. */
export interface Screening {
  text: CommentFields;
  ip: string;
  /** The form's signed render time, when sent. */
  form?: string;
  /** The key of the page the comment is for: its form token must have been issued for it. */
  pageKey: string;
}

export interface Submission {
  text: CommentFields;
  html: string;
  ip: string;
  pageId: number | null;
  /** What the comment's `verification` proves of its address; unknown when left out. */
  proof?: AddressProof;
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
      defence: (part === 'words' ? 'words' : 'blocklist') as Defence,
      matches: createBlocklistMatcher({
        words: [],
        emails: [],
        ips: [],
        [part]: config.hold[part],
      }),
    }));

  /** Why the checks that hold a comment back without refusing it hold this one, or null. */
  function heldForContent(
    text: CommentFields,
    html: string,
    ip: string,
  ): { held: string; defence: Defence } | null {
    if (config.maxLinks > 0 && countLinks(html) > config.maxLinks)
      return {
        held: `more than ${config.maxLinks} ${config.maxLinks === 1 ? 'link' : 'links'} (MAX_LINKS)`,
        defence: 'links',
      };
    const list = holdLists.find((candidate) => candidate.matches(text, ip));
    return list ? { held: list.reason, defence: list.defence } : null;
  }

  return {
    /**
     * Why the hold rules (MAX_LINKS, the hold lists) would hold this comment, or null: with
     * CHALLENGE=suspicious, such a comment must first carry a solved challenge.
     */
    holdReason: (text: CommentFields, html: string, ip: string): string | null =>
      heldForContent(text, html, ip)?.held ?? null,

    /** The form token of a thread: when its form was shown, for which page. */
    issueFormToken: (now: Date, pageKey: string) => formTokens.issue(now, pageKey),

    /**
     * Throws the reason a new comment is refused by the checks that need neither its rendered
     * text nor the database: its form token (signed for this page, at most
     * FORM_TOKEN_MAX_AGE_HOURS old, at least MIN_SUBMIT_SECONDS), flood control, the block
     * lists. They run before the text is rendered, so that a stream of forged or flooding posts
     * costs a few microseconds each, not a markdown rendering.
     */
    screenNew(screening: Screening, now: Date): void {
      const { text, ip, form, pageKey } = screening;
      if (config.minSubmitSeconds > 0) {
        const age = form ? formTokens.ageOf(form, pageKey, now) : null;
        if (age === null) throw problems.formUnverified();
        if (age === 'expired') throw problems.formExpired(FORM_TOKEN_MAX_AGE_HOURS);
        if (age < config.minSubmitSeconds) throw problems.tooFast(config.minSubmitSeconds - age);
      }
      const wait = flood.waitFor(ip, now.getTime());
      if (wait > 0) throw problems.flood(wait);
      if (isBlocked(text, ip)) throw problems.blocked();
    },

    /**
     * After `screenNew`: throws the reason a new comment is refused, or returns the status it is
     * stored with. The flood time is recorded only for comments that get through, and given
     * back by `forgetNew` when such a comment is then not stored.
     * MODERATION=first-time publishes a comment whose name and email already have an approved
     * comment together (see Store.hasApprovedCommentFrom): a stranger who types a regular's
     * email under another name is held. With mail set up (so that addresses can be verified),
     * an address someone verified speaks only through a verified browser: without its secret it
     * is held whatever the name, and with it the address alone makes it known.
     */
    judgeNew(submission: Submission, now: Date): Judgement<'approved' | 'pending'> {
      const { text, html, ip, pageId } = submission;
      // Again, as posts written together were all screened before the first was recorded.
      const wait = flood.waitFor(ip, now.getTime());
      if (wait > 0) throw problems.flood(wait);
      if (pageId !== null && store.isDuplicate(pageId, text.email, text.body))
        throw problems.duplicate();
      flood.record(ip, now.getTime());

      if (config.moderation === 'all') return { status: 'pending', held: 'MODERATION=all' };
      const content = heldForContent(text, html, ip);
      if (content) return { status: 'pending', ...content };
      if (config.moderation === 'none') return { status: 'approved', held: null };
      const proof = config.smtpUrl === null ? 'unknown' : (submission.proof ?? 'unknown');
      if (proof === 'unverified')
        return {
          status: 'pending',
          held: 'verified address without its verification',
          defence: 'impersonation',
        };
      const known =
        proof === 'verified'
          ? store.hasApprovedCommentFromAddress(text.email)
          : store.hasApprovedCommentFrom(text.email, text.name);
      return known
        ? { status: 'approved', held: null }
        : { status: 'pending', held: 'first-time commenter' };
    },

    /**
     * Gives back the flood time a comment took in `judgeNew` when it was then not stored (the
     * disk was full, the database read-only): its author, told to try again, may at once.
     * It is recorded at judgement rather than after the commit so that posts committed together
     * count against each other; none from this client can have been recorded since, as the
     * window was taken and the failed write settles before the next request is handled.
     */
    forgetNew(ip: string, now: Date): void {
      flood.record(ip, now.getTime() - config.floodSeconds * 1000);
    },

    /**
     * The status of a comment after its author edits it: new links or held words hold it again.
     * Only a comment that is shown or waits for moderation can be edited by its author.
     */
    judgeEdit(
      text: CommentFields,
      html: string,
      ip: string,
      current: 'approved' | 'pending',
    ): Judgement<'approved' | 'pending'> {
      if (isBlocked(text, ip)) throw problems.blocked();
      const content = current === 'approved' ? heldForContent(text, html, ip) : null;
      return content ? { status: 'pending', ...content } : { status: current, held: null };
    },
  };
}
