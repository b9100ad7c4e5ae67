/**
 * What the server keeps of Akismet: its verdict on each comment it was asked about, and the
 * facts of the request a comment came with (its address, user agent and referrer), which the
 * re-check of a held comment and the site owner's feedback send again. Facts are kept until a
 * date the caller chooses and never after: `purgeFacts` deletes the rest.
 */
import type { Database } from 'better-sqlite3';
import { sourcesOf } from './rows.ts';

/** Akismet's word on a comment: `unchecked` while the question waits in the job queue. */
export type AkismetVerdict = 'spam' | 'ham' | 'unchecked';

/** What Akismet believes of a comment: what it said, or what it was told since. */
export type AkismetBelief = 'spam' | 'ham';

/** The request a comment came with, as Akismet is told of it. */
export interface RequestFacts {
  ip: string;
  userAgent: string | null;
  referrer: string | null;
}

/** One comment's record: the verdict, and the facts while they are kept. */
export interface AkismetRecord {
  verdict: AkismetVerdict;
  told: AkismetBelief | null;
  /** The site owner moved the comment while its verdict was unchecked: theirs is the decision. */
  moderated: boolean;
  facts: RequestFacts | null;
}

/** A comment's verdict row with its facts, as both engines' `find` reads it. */
export interface RecordRow {
  verdict: AkismetVerdict;
  told: AkismetBelief | null;
  moderated: 0 | 1;
  user_ip: string | null;
  user_agent: string | null;
  referrer: string | null;
}

export type AkismetStore = ReturnType<typeof createAkismetStore>;

/** The record a verdict row tells of. */
export function recordOf(row: RecordRow): AkismetRecord {
  return {
    verdict: row.verdict,
    told: row.told,
    moderated: row.moderated === 1,
    facts:
      row.user_ip === null
        ? null
        : { ip: row.user_ip, userAgent: row.user_agent, referrer: row.referrer },
  };
}

export function createAkismetStore(db: Database) {
  const statements = {
    insertVerdict: db.prepare<{
      commentId: number;
      verdict: AkismetVerdict;
      told: AkismetBelief | null;
      checkedAt: string | null;
    }>(
      `INSERT INTO akismet_verdicts (comment_id, verdict, told, checked_at)
       VALUES (@commentId, @verdict, @told, @checkedAt)`,
    ),
    insertFacts: db.prepare<{
      commentId: number;
      ip: string;
      userAgent: string | null;
      referrer: string | null;
      keptUntil: string;
    }>(
      `INSERT INTO akismet_facts (comment_id, user_ip, user_agent, referrer, kept_until)
       VALUES (@commentId, @ip, @userAgent, @referrer, @keptUntil)`,
    ),
    find: db.prepare<[number], RecordRow>(
      `SELECT verdicts.verdict, verdicts.told, verdicts.moderated,
         facts.user_ip, facts.user_agent, facts.referrer
       FROM akismet_verdicts AS verdicts
       LEFT JOIN akismet_facts AS facts ON facts.comment_id = verdicts.comment_id
       WHERE verdicts.comment_id = ?`,
    ),
    settle: db.prepare<[AkismetVerdict, AkismetBelief, string, number]>(
      `UPDATE akismet_verdicts SET verdict = ?, told = ?, checked_at = ?
       WHERE comment_id = ? AND verdict = 'unchecked'`,
    ),
    tell: db.prepare<[AkismetBelief, number]>(
      'UPDATE akismet_verdicts SET told = ? WHERE comment_id = ?',
    ),
    markModerated: db.prepare<[number]>(
      "UPDATE akismet_verdicts SET moderated = 1 WHERE comment_id = ? AND verdict = 'unchecked'",
    ),
    forgetFacts: db.prepare<[number]>('DELETE FROM akismet_facts WHERE comment_id = ?'),
    purgeFacts: db.prepare<[string]>('DELETE FROM akismet_facts WHERE kept_until <= ?'),
  };

  return {
    /** The SQL of every statement, by name, so that tests can check each one's query plan. */
    statementSources(): Record<string, string> {
      return sourcesOf(statements);
    },
    /**
     * Keeps Akismet's verdict on a new comment and, until `keptUntil`, the facts of its request;
     * inside the transaction that stores the comment.
     */
    record(
      commentId: number,
      verdict: AkismetVerdict,
      facts: RequestFacts | null,
      keptUntil: string,
      now: string,
    ): void {
      const told = verdict === 'unchecked' ? null : verdict;
      statements.insertVerdict.run({
        commentId,
        verdict,
        told,
        checkedAt: verdict === 'unchecked' ? null : now,
      });
      if (facts) statements.insertFacts.run({ commentId, ...facts, keptUntil });
    },
    /** A comment's record; null when Akismet was never asked about it. */
    find(commentId: number): AkismetRecord | null {
      const row = statements.find.get(commentId);
      return row ? recordOf(row) : null;
    },
    /** Akismet's late answer on an unchecked comment; false when it was not unchecked. */
    settle(commentId: number, verdict: AkismetBelief, now: string): boolean {
      return statements.settle.run(verdict, verdict, now, commentId).changes > 0;
    },
    /** Akismet was told (is being told) that the comment is `belief`. */
    tell(commentId: number, belief: AkismetBelief): void {
      statements.tell.run(belief, commentId);
    },
    /** The site owner moved a comment Akismet has not judged yet. */
    markModerated(commentId: number): void {
      statements.markModerated.run(commentId);
    },
    /** Deletes the facts of one comment's request, once nothing needs them. */
    forgetFacts(commentId: number): void {
      statements.forgetFacts.run(commentId);
    },
    /** Deletes every comment's facts kept until `now` or before; how many. */
    purgeFacts(now: string): number {
      return statements.purgeFacts.run(now).changes;
    },
  };
}
