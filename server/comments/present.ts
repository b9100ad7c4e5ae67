/** Maps stored rows to what each audience may see: the one place rows become API shapes. */
import type { ModeratedComment, OwnComment, PublicComment, StoredRecord } from '../http/schemas.ts';
import type { CommentRow, ModeratedCommentRow } from '../storage/store.ts';

/** What any reader may see of a comment: never its email, IP hash or token. */
export function toPublicComment(row: CommentRow): PublicComment {
  const comment: PublicComment = {
    id: row.id,
    parent: row.parent_id,
    depth: row.depth,
    name: row.name,
    website: row.website,
    html: row.html,
    created: row.created_at,
  };
  if (row.status === 'deleted') return { ...comment, deleted: true };
  if (row.edited_at) comment.edited = row.edited_at;
  if (row.pinned) comment.pinned = true;
  if (row.by_owner) comment.owner = true;
  return comment;
}

/** What the author sees of their own comment; spam looks held to them, so spammers learn nothing. */
export function toOwnComment(row: CommentRow): OwnComment {
  return {
    ...toPublicComment(row),
    status: row.status === 'approved' ? 'approved' : 'pending',
    body: row.body,
  };
}

/** What the site owner sees when moderating. */
export function toModeratedComment(row: ModeratedCommentRow): ModeratedComment {
  return {
    ...toPublicComment(row),
    status: row.status,
    email: row.email,
    body: row.body,
    page: { key: row.page_key, url: row.page_url, title: row.page_title },
  };
}

/**
 * The comments a reader sees on a page: approved ones, plus deleted ones kept as placeholders
 * only where an approved reply still hangs below them. `cut` names the top-level comment whose
 * replies continue on the next page of the thread: its placeholders stay, since the replies
 * that hang below them may come there.
 */
export function visibleThread(rows: CommentRow[], cut: number | null = null): PublicComment[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const visible = new Set<number>();
  for (const row of rows) {
    if (row.status === 'deleted' && cut !== null && (row.root_id ?? row.id) === cut)
      visible.add(row.id);
    if (row.status !== 'approved') continue;
    let current: CommentRow | undefined = row;
    while (current && !visible.has(current.id)) {
      visible.add(current.id);
      current = current.parent_id === null ? undefined : byId.get(current.parent_id);
    }
  }
  return rows.filter((row) => visible.has(row.id)).map(toPublicComment);
}

/** Everything stored with a comment, for its author's data export. */
export function toStoredRecord(row: ModeratedCommentRow): StoredRecord {
  return {
    ...toModeratedComment(row),
    ipHash: row.ip_hash,
    userAgent: row.user_agent,
    updated: row.updated_at,
  };
}
