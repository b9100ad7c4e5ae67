/**
 * Proof of work when a post needs it (CHALLENGE): a post that looks like spam, or every post,
 * is answered 428 with an ALTCHA challenge (v1: find the number n with SHA-256(salt + n) equal
 * to the challenge), and is taken once it comes back with the solution. Each solution is good
 * for one post, until CHALLENGE_SECONDS after its challenge was set. Readers' browsers solve it
 * (widget/on-demand/challenge.ts); what makes a post need one is in README's "Proof-of-work
 * challenge".
 */
import { createHash, createHmac } from 'node:crypto';
import { createChallenge } from 'altcha-lib/v1';
import type { ChallengeOffer } from '../../shared/types.ts';
import type { CommentFields } from '../../shared/validate.ts';
import type { Config } from '../config.ts';
import { problems } from '../errors.ts';
import { secretsEqual } from '../storage/secrets.ts';
import type { Storage } from '../storage/storage.ts';
import { readSolution, type Solution } from './challenge-solution.ts';
import { countLinks } from './defences.ts';
import type { Judgement } from './policy.ts';

/** A client posting again within this long needs a challenge. */
export const REPEAT_SECONDS = 60;

export type ChallengeGate = ReturnType<typeof createChallengeGate>;

/** What the gate sees of a new comment, after its text is rendered. */
export interface Asking {
  text: CommentFields;
  html: string;
  ip: string;
  /** The body's `challenge`: a solution, as ALTCHA's widget sends it. */
  solution: string | undefined;
  /**
   * When the client's last post was taken, as flood control keeps it in the database for every
   * instance (read as the post was screened); null or left out for none.
   */
  lastPost?: Date | null;
  /**
   * The door cannot answer 428 (the form without JavaScript has no way to solve one): a post
   * that needs a challenge is held for moderation instead.
   */
  holdInstead: boolean;
}

/** What a post that got through the gate still owes, for the write that stores it. */
export interface Pass {
  /**
   * Run in the write that stores the comment (`tx`): takes its solution (refused as used when
   * another post took it first) and holds a comment that needed a challenge it could not be given.
   */
  judge<Status extends string>(
    judgement: Judgement<Status>,
    tx: Storage,
  ): Promise<Judgement<Status | 'pending'>>;
}

/** What the gate asks of the rest of the server. */
export interface GateNeeds {
  config: Pick<Config, 'challenge' | 'challengeSeconds' | 'challengeCost'>;
  /** Whether an approved comment already has this name and email (the store's). */
  hasApprovedCommentFrom: (email: string, name: string) => Promise<boolean>;
  /** Why the hold rules (MAX_LINKS, the hold lists) would hold this comment, or null. */
  holdReason: (text: CommentFields, html: string, ip: string) => string | null;
  /** Read before the write, to refuse a used solution early; the write spends through its `tx`. */
  spent: Pick<Storage['spentChallenges'], 'isSpent'>;
  /** The kept key that signs challenges. */
  key: string;
}

const NOTHING_OWED: Pass = { judge: async (judgement) => judgement };

export function createChallengeGate(needs: GateNeeds) {
  const { config, spent, key } = needs;

  /**
   * Why a post looks like spam by what is known already (the hold rules, a client posting
   * again), for the log; null for an ordinary one, unless the database says otherwise.
   */
  function suspicionOf({ text, html, ip, lastPost }: Asking, now: number): string | null {
    const held = needs.holdReason(text, html, ip);
    if (held) return held;
    if (lastPost && now - lastPost.getTime() < REPEAT_SECONDS * 1000)
      return `posting again within ${REPEAT_SECONDS} seconds`;
    return null;
  }

  /** The one check that asks the database, and only for a text with a link: asked last. */
  async function strangerLinks(text: CommentFields, html: string): Promise<string | null> {
    if (countLinks(html) > 0 && !(await needs.hasApprovedCommentFrom(text.email, text.name)))
      return 'a link from a first-time commenter';
    return null;
  }

  /** The solution of `payload`, or the reason it is refused. */
  async function verify(payload: string, now: Date): Promise<Solution> {
    const solution = readSolution(payload);
    if (!solution || !isSolved(solution, key)) throw problems.challengeInvalid();
    if (solution.expires.getTime() <= now.getTime()) throw problems.challengeExpired();
    // Asked again in the write, which alone decides; this spares the rest of the checks.
    if (await spent.isSpent(solution.signature)) throw problems.challengeUsed();
    return solution;
  }

  /** A new challenge, good for CHALLENGE_SECONDS from `now`. */
  async function issue(now: Date): Promise<ChallengeOffer> {
    const made = await createChallenge({
      hmacKey: key,
      maxnumber: config.challengeCost,
      expires: new Date(now.getTime() + config.challengeSeconds * 1000),
    });
    return { ...made, maxnumber: config.challengeCost };
  }

  return {
    issue,

    /**
     * Lets a post on, with what it still owes the write; throws 428 with a challenge when it
     * needs one and carries none, and 400 for a solution that is forged, expired or used.
     */
    async admit(asking: Asking, now: Date): Promise<Pass> {
      if (config.challenge === 'off') return NOTHING_OWED;
      const seen =
        config.challenge === 'always' ? 'CHALLENGE=always' : suspicionOf(asking, now.getTime());
      if (asking.solution) {
        const solution = await verify(asking.solution, now);
        return {
          async judge(judgement, tx) {
            if (!(await tx.spentChallenges.spend(solution.signature, solution.expires, now)))
              throw problems.challengeUsed();
            return judgement;
          },
        };
      }
      // A post with a solution needs no reason to have been asked for one.
      const suspicion = seen ?? (await strangerLinks(asking.text, asking.html));
      if (suspicion === null) return NOTHING_OWED;
      if (!asking.holdInstead) throw problems.challengeRequired(await issue(now));
      const held = `needs a challenge (${suspicion}), sent without JavaScript`;
      return {
        judge: async (judgement) =>
          judgement.status === 'approved' || judgement.status === 'pending'
            ? { status: 'pending', held, defence: 'challenge' }
            : judgement,
      };
    },
  };
}

/** Whether `solution` solves a challenge signed with `key`: its hash, then its signature. */
function isSolved(solution: Solution, key: string): boolean {
  const hash = createHash('sha256').update(`${solution.salt}${solution.number}`).digest('hex');
  // The challenge is no secret: only the signature is compared in constant time.
  if (hash !== solution.challenge) return false;
  const signature = createHmac('sha256', key).update(solution.challenge).digest('hex');
  return secretsEqual(signature, solution.signature);
}
