/** Akismet's verdicts and the facts of comments' requests, in PostgreSQL (../akismet-store.ts). */
import { type AkismetRecord, type RecordRow, recordOf } from '../akismet-store.ts';
import type { Storage } from '../storage.ts';
import { type Connection, one, run, sourcesOf, statement } from './connection.ts';

const STATEMENTS = {
  insertVerdict: statement(
    'akismet.insertVerdict',
    `INSERT INTO akismet_verdicts (comment_id, verdict, told, checked_at)
     VALUES ($1, $2, $3, $4)`,
  ),
  insertFacts: statement(
    'akismet.insertFacts',
    `INSERT INTO akismet_facts (comment_id, user_ip, user_agent, referrer, kept_until)
     VALUES ($1, $2, $3, $4, $5)`,
  ),
  find: statement(
    'akismet.find',
    `SELECT verdicts.verdict, verdicts.told, verdicts.moderated,
       facts.user_ip, facts.user_agent, facts.referrer
     FROM akismet_verdicts AS verdicts
     LEFT JOIN akismet_facts AS facts ON facts.comment_id = verdicts.comment_id
     WHERE verdicts.comment_id = $1`,
  ),
  settle: statement(
    'akismet.settle',
    `UPDATE akismet_verdicts SET verdict = $1, told = $1, checked_at = $2
     WHERE comment_id = $3 AND verdict = 'unchecked'`,
  ),
  tell: statement('akismet.tell', 'UPDATE akismet_verdicts SET told = $1 WHERE comment_id = $2'),
  markModerated: statement(
    'akismet.markModerated',
    "UPDATE akismet_verdicts SET moderated = 1 WHERE comment_id = $1 AND verdict = 'unchecked'",
  ),
  forgetFacts: statement('akismet.forgetFacts', 'DELETE FROM akismet_facts WHERE comment_id = $1'),
  // Every post runs this in its own transaction: rows another instance's post is deleting are
  // left to it (SKIP LOCKED) rather than waited for, so two posts never queue on each other's
  // sweep, nor lock each other's rows in two orders.
  purgeFacts: statement(
    'akismet.purgeFacts',
    `DELETE FROM akismet_facts WHERE comment_id IN (
       SELECT comment_id FROM akismet_facts WHERE kept_until <= $1 FOR UPDATE SKIP LOCKED)`,
  ),
};

export function createPgAkismetStore(connection: Connection): Storage['akismet'] {
  return {
    statementSources: async () => sourcesOf(STATEMENTS),
    async record(commentId, verdict, facts, keptUntil, now) {
      const checked = verdict !== 'unchecked';
      await run(connection, STATEMENTS.insertVerdict, [
        commentId,
        verdict,
        checked ? verdict : null,
        checked ? now : null,
      ]);
      if (facts)
        await run(connection, STATEMENTS.insertFacts, [
          commentId,
          facts.ip,
          facts.userAgent,
          facts.referrer,
          keptUntil,
        ]);
    },
    async find(commentId): Promise<AkismetRecord | null> {
      const row = await one<RecordRow>(connection, STATEMENTS.find, [commentId]);
      return row ? recordOf(row) : null;
    },
    settle: async (commentId, verdict, now) =>
      (await run(connection, STATEMENTS.settle, [verdict, now, commentId])) > 0,
    async tell(commentId, belief) {
      await run(connection, STATEMENTS.tell, [belief, commentId]);
    },
    async markModerated(commentId) {
      await run(connection, STATEMENTS.markModerated, [commentId]);
    },
    async forgetFacts(commentId) {
      await run(connection, STATEMENTS.forgetFacts, [commentId]);
    },
    purgeFacts: (now) => run(connection, STATEMENTS.purgeFacts, [now]),
  };
}
