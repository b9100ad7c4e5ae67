/** `comments list` and the moderation acts, each done by the one moderation service. */
import { COMMENT_STATUSES } from '../../shared/statuses.ts';
import { UsageError } from '../errors.ts';
import type { ModerationAct } from '../moderation/service.ts';
import type { ModeratedCommentRow, StoredStatus } from '../storage/store.ts';
import type { Handler, OptionValues } from './command.ts';
import { refuseWritesWhenReadOnly, withStorage } from './storage.ts';

// Widened to every StoredStatus, so that `includes` takes the one an owner typed.
const STATUSES: readonly StoredStatus[] = COMMENT_STATUSES;

/** `--status` and `--limit` of `comments list`. */
function listOptions(values: OptionValues): { status: StoredStatus; limit: number } {
  const status = (values.status ?? 'pending') as StoredStatus;
  if (!STATUSES.includes(status))
    throw new UsageError(`--status must be one of ${STATUSES.join(', ')}.`);
  const limit = Number(values.limit ?? '50');
  if (!Number.isInteger(limit) || limit < 1)
    throw new UsageError('--limit must be a positive whole number.');
  return { status, limit };
}

export const list: Handler = {
  check: ({ values }) => {
    listOptions(values);
  },
  run: ({ config, values }) => {
    const { status, limit } = listOptions(values);
    return withStorage(config, async ({ store }) => {
      const rows = await store.listByStatus(status, limit);
      if (rows.length === 0) console.log(`No ${status} comments.`);
      for (const row of rows) console.log(describe(row));
      return 0;
    });
  },
};

function describe(row: ModeratedCommentRow): string {
  const excerpt = row.body.replace(/\s+/g, ' ').slice(0, 100);
  return [
    `#${row.id}  ${row.status}  ${row.created_at}  ${row.name} <${row.email}>`,
    `    on ${row.page_title ? `"${row.page_title}" ` : ''}${row.page_url}${row.parent_id ? `, replying to #${row.parent_id}` : ''}`,
    `    ${excerpt}${row.body.length > 100 ? '…' : ''}`,
  ].join('\n');
}

/** The acts of the command line. */
export type CliAct = Extract<ModerationAct, 'approve' | 'unapprove' | 'spam' | 'delete'>;

const DONE_WORDS: Record<CliAct, (id: number) => string> = {
  approve: (id) => `Approved comment ${id}.`,
  unapprove: (id) => `Unapproved comment ${id}: it is pending again.`,
  spam: (id) => `Marked as spam: comment ${id}.`,
  delete: (id) => `Deleted comment ${id}.`,
};

/** The comment a moderation command names. */
function commentId(act: CliAct, word: string | undefined): number {
  const id = Number(word);
  if (!Number.isInteger(id) || id < 1)
    throw new UsageError(`"comments ${act}" needs a comment ID.`);
  return id;
}

/** `comments ACT ID`. */
export function moderate(act: CliAct): Handler {
  return {
    check: ({ positionals }) => {
      commentId(act, positionals[0]);
    },
    run: async ({ config, positionals }) => {
      const id = commentId(act, positionals[0]);
      // An approval queues mail in the database, as the dashboard's does, and every change its
      // webhooks; the running server's workers send them. Loaded here, so that `comments list`
      // does not wait for nodemailer.
      const [{ setUpMail }, { setUpJobs }, { createModeration }, { combineNotifiers }] =
        await Promise.all([
          import('../mail/mailer.ts'),
          import('../jobs/setup.ts'),
          import('../moderation/service.ts'),
          import('../moderation/notifier.ts'),
        ]);
      return withStorage(config, async (storage) => {
        // A read-only database says so, not that some comment is missing.
        refuseWritesWhenReadOnly(storage);
        const moderation = createModeration({
          storage,
          notifier: combineNotifiers(
            (await setUpMail(config, storage)).notifier,
            (await setUpJobs(config, storage)).notifier,
          ),
          now: () => new Date(),
        });
        const outcome = await moderation.act(id, act);
        if (outcome.result === 'missing') {
          console.error(`There is no comment with ID ${id}.`);
          return 1;
        }
        if (outcome.result === 'not_applicable') {
          console.error(
            `Comment ${id} is not approved (it is ${outcome.status}), so it cannot be unapproved.`,
          );
          return 1;
        }
        if (act === 'delete' && outcome.result === 'changed' && !outcome.removed)
          console.log(`Deleted comment ${id}; its replies stay, under a "deleted" placeholder.`);
        else console.log(DONE_WORDS[act](id));
        return 0;
      });
    },
  };
}
