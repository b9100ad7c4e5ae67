/** A comment as the dashboard shows it: with its page, flags and the comment it answers. */
import { toModeratedComment } from '../../../comments/present.ts';
import { problems } from '../../../errors.ts';
import type { DashboardCommentRow } from '../../../storage/admin-store.ts';
import type { Storage } from '../../../storage/storage.ts';

export function toDashboardComment(row: DashboardCommentRow) {
  return {
    ...toModeratedComment(row),
    pinned: row.pinned === 1,
    owner: row.by_owner === 1,
    akismet: row.akismet ?? null,
    replyTo:
      row.parent_id !== null
        ? {
            id: row.parent_id,
            name: row.reply_to_name ?? '',
            excerpt: (row.reply_to_body ?? '').replace(/\s+/g, ' ').slice(0, 140),
          }
        : null,
  };
}

/** The answer of an act on one comment: the comment as it now is; a 404 when it is gone. */
export async function dashboardResult(adminStore: Pick<Storage['admin'], 'find'>, id: number) {
  const row = await adminStore.find(id);
  if (!row) throw problems.commentNotFound(id);
  return { comment: toDashboardComment(row) };
}
