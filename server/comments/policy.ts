/** Decides what happens to a new or edited comment: accepted, held for moderation, or refused. */
import type { CommentFields } from '../../shared/validate.ts';
import type { Config } from '../config.ts';
import { problems } from '../errors.ts';
import type { Storage } from '../storage/storage.ts';
import type { AddressProof } from '../verification/verifications.ts';
import { REPEAT_SECONDS } from './challenge.ts';
import type { Defence } from './defence-tally.ts';
import {
  clientSubject,
  countLinks,
  createBlocklistMatcher,
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

/**
 * Where flood control keeps each client's last post taken (the throttles' scope): a window of
 * FLOOD_SECONDS from it, in which the client's next posts are refused.
 */
export const FLOOD_SCOPE = 'posts';

/**
 * `ipHashKey` hashes clients' addresses before flood control keeps them: the database that every
 * instance shares holds no address.
 */
export function createCommentPolicy(config: Config, formKey: string, ipHashKey: string) {
  const formTokens = createFormTokens(formKey);
  const floodMs = config.floodSeconds * 1000;
  // The challenge's "posting again" reads the same record, and looks further back than a short
  // flood window; with neither, nothing is read or written.
  const keptMs = Math.max(floodMs, REPEAT_SECONDS * 1000);
  const recording = config.floodSeconds > 0 || config.challenge === 'suspicious';
  /** Seconds a client whose last post was taken at `last` must still wait at `now`, or 0. */
  const floodWait = (last: string | undefined, now: Date): number =>
    last === undefined
      ? 0
      : Math.max(0, Math.ceil((Date.parse(last) + floodMs - now.getTime()) / 1000));
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
     * Throws the reason a new comment is refused by the checks that need not its rendered text:
     * its form token (signed for this page, at most FORM_TOKEN_MAX_AGE_HOURS old, at least
     * MIN_SUBMIT_SECONDS), flood control (one indexed read through `reader`), the block lists.
     * They run before the text is rendered, so that a stream of forged or flooding posts costs
     * microseconds each, not a markdown rendering. Answers when the client's last post was
     * taken, for the challenge's "posting again"; null for none kept.
     */
    async screenNew(screening: Screening, now: Date, reader: Storage): Promise<Date | null> {
      const { text, ip, form, pageKey } = screening;
      if (config.minSubmitSeconds > 0) {
        const age = form ? formTokens.ageOf(form, pageKey, now) : null;
        if (age === null) throw problems.formUnverified();
        if (age === 'expired') throw problems.formExpired(FORM_TOKEN_MAX_AGE_HOURS);
        if (age < config.minSubmitSeconds) throw problems.tooFast(config.minSubmitSeconds - age);
      }
      const last = recording
        ? (await reader.throttles.find(FLOOD_SCOPE, clientSubject(ip, ipHashKey)))?.started_at
        : undefined;
      const wait = floodWait(last, now);
      if (wait > 0) throw problems.flood(wait);
      if (isBlocked(text, ip)) throw problems.blocked();
      return last === undefined ? null : new Date(last);
    },

    /**
     * After `screenNew`: throws the reason a new comment is refused, or returns the status it is
     * stored with, reading through `tx` (the transaction that stores it). Flood control checks
     * and takes the client's window there in one statement, so that two posts of one client at
     * once, on one instance or two, cannot both get through; a comment then not stored (a full
     * disk, a read-only database) takes it back with its transaction, and its author, told to
     * try again, may at once.
     * MODERATION=first-time publishes a comment whose name and email already have an approved
     * comment together (see the store's hasApprovedCommentFrom): a stranger who types a regular's
     * email under another name is held. With mail set up (so that addresses can be verified),
     * an address someone verified speaks only through a verified browser: without its secret it
     * is held whatever the name, and with it the address alone makes it known.
     */
    async judgeNew(
      submission: Submission,
      now: Date,
      tx: Storage,
    ): Promise<Judgement<'approved' | 'pending'>> {
      const { text, html, ip, pageId } = submission;
      const subject = clientSubject(ip, ipHashKey);
      if (pageId !== null && (await tx.store.isDuplicate(pageId, text.email, text.body))) {
        // A double-click's second post is told to wait, as flood control answers first.
        const last = recording
          ? (await tx.throttles.find(FLOOD_SCOPE, subject))?.started_at
          : undefined;
        const wait = floodWait(last, now);
        throw wait > 0 ? problems.flood(wait) : problems.duplicate();
      }
      if (recording) {
        const window = await tx.throttles.hit(FLOOD_SCOPE, subject, now, floodMs, keptMs);
        if (window.hits > 1) throw problems.flood(Math.max(1, floodWait(window.started_at, now)));
      }

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
          ? await tx.store.hasApprovedCommentFromAddress(text.email)
          : await tx.store.hasApprovedCommentFrom(text.email, text.name);
      return known
        ? { status: 'approved', held: null }
        : { status: 'pending', held: 'first-time commenter' };
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
